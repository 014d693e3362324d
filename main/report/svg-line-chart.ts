/**
 * Log-scale line chart of one diagnostic against the iteration (RMSE, max residual change,
 * max update). A log axis cannot show zero or negative values: they are clipped to the
 * smallest positive value in the series and the chart says how many were clipped.
 */
import { extent, format, line, scaleLinear, scaleLog } from 'd3';
import { px } from './format';
import { axisBottom, axisLeft, emptyChart, svgOpen, svgText } from './svg-frame';

export interface LogLineChartOptions {
  title: string;
  yLabel: string;
  xLabel?: string;
  width?: number;
  height?: number;
  color?: string;
  /** A vertical marker, e.g. the iteration where the run diverged. */
  marker?: { x: number; label: string } | null;
}

const plain = format('.2~g');
const exponent = format('.2~e');
/** Decimal for moderate values, `1e-6` style beyond, so that labels fit the margin. */
const tickFormat = (v: number) => (v !== 0 && (v < 1e-3 || v >= 1e5) ? exponent(v) : plain(v));
const margin = { top: 34, right: 18, bottom: 42, left: 64 };

/** `x[i]`, `y[i]` pairs; pairs with a non-finite coordinate are left out. */
export function svgLogLineChart(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: LogLineChartOptions,
): string {
  const { title, yLabel, xLabel = 'iteration', width = 360, height = 250 } = options;
  const { color = '#4e79a7', marker = null } = options;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      xs.push(x[i]);
      ys.push(y[i]);
    }
  }
  if (xs.length === 0) return emptyChart(width, height, title, 'no finite values');
  let minPositive = Infinity;
  let maxPositive = 0;
  for (const v of ys) {
    if (v > 0) {
      minPositive = Math.min(minPositive, v);
      maxPositive = Math.max(maxPositive, v);
    }
  }
  if (maxPositive === 0) return emptyChart(width, height, title, 'all values are zero or negative');
  let clipped = 0;
  for (let i = 0; i < ys.length; i++) {
    if (ys[i] <= 0) {
      ys[i] = minPositive;
      clipped++;
    }
  }

  const x0 = margin.left;
  const x1 = width - margin.right;
  const yBottom = height - margin.bottom;
  const yTop = margin.top;
  // extent, not Math.min(...xs): a run can have 100,000 iterations, too many to spread.
  let [xMin, xMax] = extent(xs) as [number, number];
  if (xMin === xMax) [xMin, xMax] = [xMin - 1, xMax + 1];
  const sx = scaleLinear().domain([xMin, xMax]).range([x0, x1]);
  const [lo, hi] =
    minPositive === maxPositive ? [minPositive / 2, maxPositive * 2] : [minPositive, maxPositive];
  const sy = scaleLog().domain([lo, hi]).range([yBottom, yTop]).nice();

  const xTicks = sx.ticks(6).filter(Number.isInteger);
  const yTicks = logTicks(sy.domain() as [number, number], () => sy.ticks());
  const path = line<number>()
    .x((i) => sx(xs[i]))
    .y((i) => sy(ys[i]))
    .digits(2)(thinToPixels(xs, ys, sx));

  const parts = [svgOpen(width, height, title)];
  parts.push(svgText(width / 2, 18, title, { anchor: 'middle', size: 13, weight: 'bold' }));
  parts.push(axisBottom(sx, xTicks, String, { y: yBottom, x0, x1, gridTop: yTop }));
  parts.push(axisLeft(sy, yTicks, tickFormat, { x: x0, y0: yBottom, y1: yTop, gridRight: x1 }));
  parts.push(svgText((x0 + x1) / 2, height - 6, xLabel, { anchor: 'middle', size: 11 }));
  parts.push(
    svgText(14, (yTop + yBottom) / 2, yLabel + ' (log)', {
      anchor: 'middle',
      size: 11,
      rotate: -90,
    }),
  );
  if (marker && Number.isFinite(marker.x)) {
    const mx = sx(marker.x);
    parts.push(
      `<line class="marker" stroke="#b3261e" stroke-dasharray="3 3" x1="${px(mx)}" x2="${px(mx)}" y1="${px(yTop)}" y2="${px(yBottom)}"/>` +
        svgText(mx - 4, yTop + 10, marker.label, { anchor: 'end', size: 10, fill: '#b3261e' }),
    );
  }
  if (path) {
    parts.push(`<path class="line" fill="none" stroke="${color}" stroke-width="1.8" d="${path}"/>`);
  }
  if (xs.length <= 60) {
    for (let i = 0; i < xs.length; i++) {
      parts.push(`<circle cx="${px(sx(xs[i]))}" cy="${px(sy(ys[i]))}" r="2.5" fill="${color}"/>`);
    }
  }
  if (clipped > 0) {
    const note = `${clipped} value${clipped === 1 ? '' : 's'} ≤ 0 drawn at the smallest positive value`;
    parts.push(svgText(x1, yTop - 4, note, { anchor: 'end', size: 9, fill: '#666' }));
  }
  parts.push('</svg>');
  return parts.join('');
}

/**
 * Powers of ten inside the domain when there are at least two (thinned to at most six);
 * otherwise the scale's own ticks, thinned the same way.
 */
function logTicks([lo, hi]: [number, number], fallback: () => number[]): number[] {
  const powers: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) {
    powers.push(Number(`1e${e}`));
  }
  const ticks = powers.length >= 2 ? powers : fallback();
  const step = Math.ceil(ticks.length / 6);
  // Keep the top tick, which bounds the curve's start.
  return ticks.filter((_, i) => (ticks.length - 1 - i) % step === 0);
}

/**
 * Indices of the points to draw: all of them when they are few; otherwise, per pixel column,
 * the lowest and the highest point in their original order, so that spikes survive.
 */
function thinToPixels(xs: number[], ys: number[], sx: (x: number) => number): number[] {
  if (xs.length <= 2000) return xs.map((_, i) => i);
  const keep: number[] = [];
  let column = NaN;
  let lo = -1;
  let hi = -1;
  const flush = () => {
    if (lo < 0) return;
    keep.push(Math.min(lo, hi));
    if (hi !== lo) keep.push(Math.max(lo, hi));
  };
  for (let i = 0; i < xs.length; i++) {
    const c = Math.round(sx(xs[i]));
    if (c !== column) {
      flush();
      column = c;
      lo = hi = i;
    } else {
      if (ys[i] < ys[lo]) lo = i;
      if (ys[i] > ys[hi]) hi = i;
    }
  }
  flush();
  return keep;
}
