/**
 * One card per cluster and method: sizes, the representative movie and the next candidates,
 * the genre mix against all movies, and user demographics when the release has them.
 */
import type { ClusterProfile, MethodName, MethodResult, MovieRef } from '../contract';
import { fmtInt, fmtNum, fmtPct } from './format';
import { escapeHtml } from './html-escape';
import { section } from './html-parts';
import { clusterColor } from './palette';
import { svgGenreMix } from './svg-bars';

const METHOD_NAMES: Record<MethodName, string> = { kmeans: 'K-means', ward: 'Ward' };

export function clusterCardsSection(methods: Record<MethodName, MethodResult>): string {
  const body = (['kmeans', 'ward'] as const).map((m) => {
    const result = methods[m];
    const silhouettes = meanSilhouettes(result);
    const cards = result.clusters.map((c) => clusterCard(c, silhouettes.get(c.cluster) ?? null));
    return (
      `<h3 id="clusters-${m}">${METHOD_NAMES[m]}: ${result.clusters.length} clusters</h3>` +
      `<div class="cards">${cards.join('')}</div>`
    );
  });
  return section('clusters', 'Clusters', body.join(''));
}

function clusterCard(c: ClusterProfile, silhouette: number | null): string {
  const color = clusterColor(c.cluster);
  const parts = [
    `<div class="card" style="border-top-color:${color}">`,
    `<h4><span class="swatch" style="background:${color}"></span>Cluster ${c.cluster}</h4>`,
    `<div class="sizes">${fmtInt(c.users)} users · ${fmtInt(c.movies)} movies` +
      (silhouette === null ? '' : ` · mean silhouette ${fmtNum(silhouette)}`) +
      '</div>',
  ];
  if (c.representative) {
    parts.push(
      '<div class="rep"><div class="label">Representative movie</div>' +
        `<div class="title">${escapeHtml(c.representative.title)}</div>` +
        `<div class="muted">${movieFacts(c.representative)}</div></div>`,
    );
  } else if (c.nearestOutside) {
    parts.push(
      '<div class="rep"><div class="label">No representative movie in this cluster; nearest outside</div>' +
        `<div class="title">${escapeHtml(c.nearestOutside.title)}</div>` +
        `<div class="muted">${movieFacts(c.nearestOutside)}</div></div>`,
    );
  }
  if (c.note) parts.push(`<div class="callout">${escapeHtml(c.note)}</div>`);
  const next = c.candidates.filter((m) => m.id !== c.representative?.id).slice(0, 5);
  if (next.length > 0) {
    const items = next.map(
      (m) =>
        `<li>${escapeHtml(m.title)} <span class="muted">(${fmtInt(m.ratings)} ratings, ` +
        `distance ${fmtNum(m.distance)})</span></li>`,
    );
    parts.push(`<div class="label">Next candidates</div><ol>${items.join('')}</ol>`);
  }
  if (c.movies > 0 && c.genreMix.length > 0) {
    parts.push('<div class="label">Genre mix of its movies</div>');
    parts.push(
      svgGenreMix({ title: `Genre mix of cluster ${c.cluster}`, rows: c.genreMix, color }),
    );
  }
  if (c.demographics) parts.push(demographics(c.demographics));
  parts.push('</div>');
  return parts.join('');
}

function movieFacts(m: MovieRef): string {
  const genres = m.genres.length > 0 ? m.genres.join(', ') : 'no genre listed';
  return escapeHtml(
    `${genres} · ${fmtInt(m.ratings)} ratings, mean ${fmtNum(m.meanRating)} · ` +
      `distance to centre ${fmtNum(m.distance)}`,
  );
}

function demographics(d: NonNullable<ClusterProfile['demographics']>): string {
  const items = [
    d.meanAge === null ? null : `mean age ${fmtNum(d.meanAge)}`,
    d.female === null ? null : `${fmtPct(d.female)} female`,
    d.topOccupations.length > 0
      ? 'top occupations: ' + d.topOccupations.map((o) => `${o.name} ${fmtPct(o.share)}`).join(', ')
      : null,
  ].filter((s) => s !== null);
  if (items.length === 0) return '';
  return `<div class="label">Users</div><p class="demographics">${escapeHtml(items.join(' · '))}</p>`;
}

/** Mean silhouette of each cluster's points, skipping points outside the silhouette sample. */
function meanSilhouettes({ labels, silhouetteSamples }: MethodResult): Map<number, number> {
  const sum = new Map<number, [number, number]>();
  silhouetteSamples.forEach((s, i) => {
    if (s === null || !Number.isFinite(s)) return;
    const acc = sum.get(labels[i]) ?? [0, 0];
    sum.set(labels[i], [acc[0] + s, acc[1] + 1]);
  });
  return new Map([...sum].map(([c, [s, n]]) => [c, s / n]));
}
