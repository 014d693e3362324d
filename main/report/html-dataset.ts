/** Dataset section of the report: counts, scale, distributions and the loader's warnings. */
import { format } from 'd3';
import type { DatasetSummary, HistogramBin } from '../contract';
import { fmtInt, fmtNum } from './format';
import { badge, facts, raw, section, table } from './html-parts';
import { svgBarChart } from './svg-bars';

export const SYNTHETIC_BADGE = 'Synthetic demo data';

const density = format('.3~p');

export function datasetSection(d: DatasetSummary): string {
  const synthetic = d.synthetic ? badge(SYNTHETIC_BADGE, 'synthetic') : '';
  const { min, max, step } = d.ratingScale;
  const body = [
    d.synthetic
      ? '<p class="note">This dataset was generated with planted latent structure for the demo; ' +
        'it is not MovieLens data.</p>'
      : '',
    facts([
      ['Name', d.name],
      ['Release', d.release],
      ['Ratings', fmtInt(d.ratings)],
      ['Users', fmtInt(d.users)],
      ['Movies rated', `${fmtInt(d.movies)} of ${fmtInt(d.moviesListed)} listed`],
      ['Density', Number.isFinite(d.density) ? density(d.density) : '—'],
      ['Rating scale', `${fmtNum(min)} to ${fmtNum(max)}, step ${fmtNum(step)}`],
      ['Genres', fmtInt(d.genres.length)],
      ['Demographics', d.hasDemographics ? 'yes' : 'no'],
      ['Fingerprint', raw(`<code>${d.fingerprint.slice(0, 16)}</code>`)],
    ]),
    '<div class="charts">',
    svgBarChart({
      title: 'Ratings by value',
      bars: d.ratingHistogram.map((b) => ({ label: fmtNum(b.value), value: b.count })),
      xLabel: 'rating',
      yLabel: 'ratings',
    }),
    svgBarChart({
      title: 'Ratings per user',
      bars: d.ratingsPerUser.map(binBar),
      tickAt: 'start',
      endTick: endOf(d.ratingsPerUser),
      xLabel: 'ratings per user',
      yLabel: 'users',
      color: '#59a14f',
    }),
    svgBarChart({
      title: 'Ratings per movie',
      bars: d.ratingsPerMovie.map(binBar),
      tickAt: 'start',
      endTick: endOf(d.ratingsPerMovie),
      xLabel: 'ratings per movie',
      yLabel: 'movies',
      color: '#f28e2c',
    }),
    '</div>',
    warningsTable(d),
  ];
  return section('dataset', 'Dataset', body.join(''), synthetic);
}

// Counts per user and per movie are whole numbers on logarithmic bins [x0, x1): label each bin
// by the whole numbers it holds, not by its fractional edges.
const firstIn = (x0: number) => Math.ceil(x0);
const lastIn = (x1: number) => Math.ceil(x1) - 1;

function endOf(bins: HistogramBin[]): string | undefined {
  return bins.length > 0 ? fmtInt(lastIn(bins[bins.length - 1].x1)) : undefined;
}

function binBar(b: HistogramBin) {
  const lo = firstIn(b.x0);
  const hi = Math.max(lo, lastIn(b.x1));
  return {
    label: lo === hi ? fmtInt(lo) : `${fmtInt(lo)}–${fmtInt(hi)}`,
    tick: fmtInt(lo),
    value: b.count,
  };
}

function warningsTable(d: DatasetSummary): string {
  if (d.warnings.length === 0)
    return '<h3>Warnings</h3><p class="note">The loader reported no problems.</p>';
  const rows = d.warnings.map((w) => [
    w.kind,
    w.file,
    fmtInt(w.count),
    w.lines.join(', ') + (w.count > w.lines.length ? ', …' : ''),
    w.message,
  ]);
  return '<h3>Warnings</h3>' + table(['kind', 'file', 'count', 'first lines', 'policy'], rows);
}
