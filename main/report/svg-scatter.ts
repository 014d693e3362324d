/**
 * UMAP map as SVG: one mark per point, coloured by cluster, users as circles and movies as
 * triangles, with a legend. Both axes share one scale so the map is not stretched; UMAP
 * coordinates have no unit, so the axes are named but carry no ticks.
 */
import { scaleLinear } from 'd3';
import { fmtInt, px } from './format';
import { clusterColor } from './palette';
import { emptyChart, svgOpen, svgText } from './svg-frame';

export interface ScatterOptions {
  title: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  kind: readonly ('user' | 'movie')[];
  /** Cluster label per point. */
  labels: ArrayLike<number>;
  width?: number;
}

const margin = { top: 34, right: 12, left: 28 };
const legendRow = 18;

export function svgScatter(options: ScatterOptions): string {
  const { title, x, y, kind, labels, width = 520 } = options;
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++)
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) keep.push(i);
  const clusters = [...new Set(keep.map((i) => labels[i]))].sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (const i of keep) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);

  const side = width - margin.left - margin.right;
  const perRow = Math.max(1, Math.floor(side / 120));
  const legendHeight = (Math.ceil(clusters.length / perRow) + 1) * legendRow + 24;
  const height = margin.top + side + legendHeight;
  if (keep.length === 0) return emptyChart(width, height, title, 'no points to draw');

  const [sx, sy] = squareScales(keep, x, y, side);
  const left = margin.left;
  const top = margin.top;
  const parts = [svgOpen(width, height, title)];
  parts.push(svgText(width / 2, 20, title, { anchor: 'middle', size: 13, weight: 'bold' }));
  parts.push(
    `<rect class="frame" fill="none" stroke="#ccc" x="${left}" y="${top}" width="${px(side)}" height="${px(side)}"/>`,
  );
  parts.push(svgText(left + side / 2, top + side + 16, 'UMAP 1', { anchor: 'middle', size: 11 }));
  parts.push(
    svgText(left - 10, top + side / 2, 'UMAP 2', { anchor: 'middle', size: 11, rotate: -90 }),
  );
  // Marks shrink as points get many, so that dense maps stay readable.
  const size = (side / 440) * (keep.length < 300 ? 1.6 : keep.length < 3000 ? 1.1 : 0.7);
  parts.push('<g class="marks" stroke="#fff" stroke-width="0.5" fill-opacity="0.8">');
  for (const i of keep) {
    const cx = left + sx(x[i]);
    const cy = top + sy(y[i]);
    parts.push(mark(kind[i], cx, cy, clusterColor(labels[i]), size));
  }
  parts.push('</g>');

  // Legend: one swatch per cluster with its point count, then the two shapes.
  let ly = top + side + 40;
  const colWidth = side / perRow;
  clusters.forEach((c, j) => {
    const lx = left + (j % perRow) * colWidth;
    const row = ly + Math.floor(j / perRow) * legendRow;
    parts.push(
      `<rect x="${px(lx)}" y="${px(row - 9)}" width="11" height="11" fill="${clusterColor(c)}"/>`,
    );
    const text = `cluster ${c} (${fmtInt(counts.get(c) ?? 0)})`;
    parts.push(svgText(lx + 16, row, text, { size: 11 }));
  });
  ly += Math.ceil(clusters.length / perRow) * legendRow;
  parts.push(mark('user', left + 5, ly - 4, '#666', 1.5));
  parts.push(svgText(left + 16, ly, 'user', { size: 11 }));
  parts.push(mark('movie', left + 75, ly - 4, '#666', 1.5));
  parts.push(svgText(left + 86, ly, 'movie', { size: 11 }));
  parts.push('</svg>');
  return parts.join('');
}

/** Maps both coordinates with one scale into a `side` × `side` square, y pointing up. */
function squareScales(keep: number[], x: ArrayLike<number>, y: ArrayLike<number>, side: number) {
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const i of keep) {
    xMin = Math.min(xMin, x[i]);
    xMax = Math.max(xMax, x[i]);
    yMin = Math.min(yMin, y[i]);
    yMax = Math.max(yMax, y[i]);
  }
  const span = Math.max(xMax - xMin, yMax - yMin) * 1.08 || 1;
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  const sx = scaleLinear()
    .domain([cx - span / 2, cx + span / 2])
    .range([0, side]);
  const sy = scaleLinear()
    .domain([cy - span / 2, cy + span / 2])
    .range([side, 0]);
  return [sx, sy] as const;
}

/** A user circle or a movie triangle centred on (cx, cy). */
function mark(
  kind: 'user' | 'movie',
  cx: number,
  cy: number,
  color: string,
  scale: number,
): string {
  if (kind === 'user')
    return `<circle cx="${px(cx)}" cy="${px(cy)}" r="${px(3 * scale)}" fill="${color}"/>`;
  const r = 4.2 * scale;
  const h = r * 0.5;
  const w = r * 0.866;
  return (
    `<path d="M${px(cx)},${px(cy - r)}L${px(cx + w)},${px(cy + h)}L${px(cx - w)},${px(cy + h)}Z" ` +
    `fill="${color}"/>`
  );
}
