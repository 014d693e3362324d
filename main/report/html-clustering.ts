/**
 * Clustering sections: the two methods' metrics side by side with their agreement, the Ward
 * dendrogram with the cut, and the UMAP map coloured by either method.
 */
import type { ClusterResult, EmbedResult, MethodMetrics } from '../contract';
import { fmtInt, fmtNum, fmtPct } from './format';
import { escapeHtml } from './html-escape';
import { facts, raw, section, swatch, table } from './html-parts';
import { clusterColor } from './palette';
import { svgDendrogram } from './svg-dendrogram';
import { svgScatter } from './svg-scatter';

type Better = 'higher' | 'lower';

const METRICS: { key: keyof MethodMetrics; name: string; better: Better | null; why: string }[] = [
  { key: 'silhouette', name: 'Silhouette', better: 'higher', why: 'higher is better, in [−1, 1]' },
  { key: 'daviesBouldin', name: 'Davies–Bouldin', better: 'lower', why: 'lower is better' },
  { key: 'calinskiHarabasz', name: 'Calinski–Harabasz', better: 'higher', why: 'higher is better' },
  {
    key: 'inertia',
    name: 'Inertia',
    better: null,
    why: 'within-cluster sum of squares; K-means minimises it directly',
  },
  {
    key: 'copheneticCorrelation',
    name: 'Cophenetic correlation',
    better: null,
    why: 'Ward only: how well the tree keeps the distances',
  },
];

/** Which method wins on one metric, or null when it is a tie or not comparable. */
export function betterMethod(k: number, w: number, better: Better): 'K-means' | 'Ward' | null {
  if (!Number.isFinite(k) || !Number.isFinite(w) || k === w) return null;
  return (better === 'higher') === k > w ? 'K-means' : 'Ward';
}

export function comparisonSection(c: ClusterResult): string {
  const { kmeans, ward } = c.methods;
  const nUsers = c.points.kind.filter((k) => k === 'user').length;
  const nMovies = c.points.kind.length - nUsers;
  const rows = METRICS.map(({ key, name, better, why }) => {
    const k = kmeans.metrics[key];
    const w = ward.metrics[key];
    const winner =
      better && typeof k === 'number' && typeof w === 'number' ? betterMethod(k, w, better) : null;
    const value = (v: number | null, method: string) =>
      raw(
        v === null
          ? '<span class="muted">n/a</span>'
          : winner === method
            ? `<span class="best">${fmtNum(v)} ✓</span>`
            : fmtNum(v),
      );
    const verdict = better ? (winner ?? 'tie') : '—';
    return [
      raw(`<b>${name}</b><br><span class="muted">${escapeHtml(why)}</span>`),
      value(k, 'K-means'),
      value(w, 'Ward'),
      verdict,
    ];
  });
  const sampled = [kmeans, ward]
    .map((m) => m.metrics.silhouetteSample)
    .find((s) => s !== null && s !== undefined);
  const body = [
    facts([
      ['Clusters k', fmtInt(c.params.k)],
      ['Points', `${fmtInt(nUsers)} users + ${fmtInt(nMovies)} movies`],
      ['K-means restarts', fmtInt(c.params.restarts)],
      ['Seed', String(c.params.seed)],
      ['Min. ratings of a representative', fmtInt(c.params.minRatings)],
    ]),
    '<p class="note">Both methods cluster the rows of UVstd: user factors and movie factors, each ' +
      'column standardised, stacked users first.</p>',
    '<h3>Validation metrics</h3>',
    table(['metric', 'K-means', 'Ward', 'better'], rows, 'metrics'),
    sampled
      ? `<p class="note">Silhouette estimated on a sample of ${fmtInt(sampled)} points.</p>`
      : '<p class="note">Silhouette computed exactly on all points.</p>',
    '<h3>Agreement</h3>',
    `<p>Adjusted Rand index: <b>${fmtNum(c.agreement.adjustedRand)}</b> ` +
      '<span class="muted">(1 = the same partition, about 0 = chance agreement)</span></p>',
    contingencyTable(c.agreement.contingency),
  ];
  return section('comparison', 'Clustering comparison', body.join(''));
}

/** Rows are K-means clusters, columns Ward clusters; cells shaded by their count. */
function contingencyTable(m: number[][]): string {
  const cols = Math.max(0, ...m.map((r) => r.length));
  const max = Math.max(1, ...m.flat());
  const colTotals = Array.from({ length: cols }, (_, j) => m.reduce((s, r) => s + (r[j] ?? 0), 0));
  const head =
    '<tr><th>K-means ↓ / Ward →</th>' +
    colTotals.map((_, j) => `<th>${swatch(clusterColor(j))}${j}</th>`).join('') +
    '<th class="total">total</th></tr>';
  const body = m
    .map((r, i) => {
      const cells = Array.from({ length: cols }, (_, j) => {
        const v = r[j] ?? 0;
        const alpha = (0.08 + 0.6 * (v / max)).toFixed(2);
        const style = v > 0 ? ` style="background:rgba(78,121,167,${alpha})"` : '';
        return `<td${style}>${fmtInt(v)}</td>`;
      });
      const total = r.reduce((s, v) => s + v, 0);
      return `<tr><th>${swatch(clusterColor(i))}${i}</th>${cells.join('')}<td class="total">${fmtInt(total)}</td></tr>`;
    })
    .join('');
  const foot =
    '<tr><th class="total">total</th>' +
    colTotals.map((t) => `<td class="total">${fmtInt(t)}</td>`).join('') +
    `<td class="total">${fmtInt(colTotals.reduce((s, v) => s + v, 0))}</td></tr>`;
  return `<table class="contingency"><thead>${head}</thead><tbody>${body}${foot}</tbody></table>`;
}

/** Label of one observation under a dendrogram leaf: a user's id or a movie's title. */
function pointLabel(c: ClusterResult) {
  return (i: number) =>
    c.points.kind[i] === 'user' ? `user ${c.points.id[i]}` : c.points.title[i];
}

export function dendrogramSection(c: ClusterResult, lastP = 30): string {
  const n = c.points.kind.length;
  const body = [
    svgDendrogram(c.linkage, {
      n,
      k: c.params.k,
      labels: c.methods.ward.labels,
      leafLabel: pointLabel(c),
      lastP,
    }),
    '<p class="note">Exact Ward linkage on UVstd. ' +
      (n > lastP
        ? `Only the last ${lastP - 1} merges are drawn, like SciPy's ` +
          "<code>truncate_mode='lastp'</code>; a leaf labelled (m) stands for a subtree of m " +
          'points. '
        : '') +
      'Branches below the dashed cut are coloured by their Ward cluster. ' +
      `All ${fmtInt(Math.max(0, n - 1))} merges are in <code>linkage.csv</code>.</p>`,
  ];
  return section('dendrogram', 'Dendrogram', body.join(''));
}

export function umapSection(c: ClusterResult, e: EmbedResult | null): string {
  if (!e) {
    return section(
      'umap',
      'UMAP map',
      '<p class="note">No UMAP embedding was computed for this report.</p>',
    );
  }
  const common = { x: e.x, y: e.y, kind: c.points.kind };
  const body = [
    `<p>Share of each point's map neighbours in the same cluster: K-means <b>${fmtPct(
      e.consistency.kmeans,
    )}</b>, Ward <b>${fmtPct(e.consistency.ward)}</b>.</p>`,
    '<div class="charts">',
    svgScatter({
      ...common,
      title: 'Coloured by K-means cluster',
      width: 510,
      labels: c.methods.kmeans.labels,
    }),
    svgScatter({
      ...common,
      title: 'Coloured by Ward cluster',
      width: 510,
      labels: c.methods.ward.labels,
    }),
    '</div>',
    `<p class="note">UMAP of UVstd: ${e.params.nNeighbors} neighbours, min. distance ${fmtNum(
      e.params.minDist,
    )}, ${e.params.nEpochs} epochs, seed ${e.params.seed}. Users are circles, movies triangles; ` +
      'the axes have no unit.</p>',
  ];
  return section('umap', 'UMAP map', body.join(''));
}
