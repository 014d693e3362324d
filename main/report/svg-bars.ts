/**
 * Bar charts of the report: vertical bars for a distribution (ratings per value, ratings per
 * user), and horizontal paired bars for a cluster's genre mix against all movies.
 */
import { scaleBand, scaleLinear } from 'd3';
import { fmtNum, fmtPct, px } from './format';
import { escapeHtml } from './html-escape';
import { axisLeft, emptyChart, svgOpen, svgText } from './svg-frame';

export interface BarChartOptions {
  title: string;
  /** `label` names a bar in its tooltip; `tick`, when given, is the text under the axis. */
  bars: { label: string; value: number; tick?: string }[];
  /** Where the tick text sits: under the bar (categories) or at its left edge (bins). */
  tickAt?: 'center' | 'start';
  /** With `tickAt: 'start'`, the text at the right edge of the last bar (the last bin's end). */
  endTick?: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  color?: string;
}

const margin = { top: 34, right: 16, bottom: 46, left: 66 };

export function svgBarChart(options: BarChartOptions): string {
  const { title, xLabel, yLabel, width = 360, height = 240, color = '#4e79a7' } = options;
  const bars = options.bars.filter((b) => Number.isFinite(b.value));
  if (bars.length === 0) return emptyChart(width, height, title, 'no data');
  const x0 = margin.left;
  const x1 = width - margin.right;
  const yBottom = height - margin.bottom;
  const yTop = margin.top;
  const sx = scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range([x0, x1])
    .padding(0.15);
  const max = Math.max(0, ...bars.map((b) => b.value)) || 1;
  const sy = scaleLinear().domain([0, max]).range([yBottom, yTop]).nice();
  const { tickAt = 'center', endTick } = options;
  const gap = sx.step() - sx.bandwidth();
  const ticks = bars.map((b, i) => ({
    x: tickAt === 'center' ? sx(i)! + sx.bandwidth() / 2 : sx(i)! - gap / 2,
    text: b.tick ?? b.label,
  }));
  if (tickAt === 'start' && endTick !== undefined) {
    ticks.push({ x: sx(bars.length - 1)! + sx.bandwidth() + gap / 2, text: endTick });
  }
  // Thin the tick labels so that they never overlap (about 6 px per character at 10 px).
  const widest = Math.max(...ticks.map((t) => t.text.length)) * 6 + 8;
  const labelEvery = Math.max(1, Math.ceil(widest / sx.step()));
  const yTicks = sy.ticks(5).filter((t) => !integerValues(bars) || Number.isInteger(t));

  const parts = [svgOpen(width, height, title)];
  parts.push(svgText(width / 2, 18, title, { anchor: 'middle', size: 13, weight: 'bold' }));
  parts.push(axisLeft(sy, yTicks, fmtNum, { x: x0, y0: yBottom, y1: yTop, gridRight: x1 }));
  bars.forEach((b, i) => {
    const x = sx(i)!;
    const y = sy(Math.max(0, b.value));
    parts.push(
      `<rect x="${px(x)}" y="${px(y)}" width="${px(sx.bandwidth())}" height="${px(yBottom - y)}" ` +
        `fill="${color}"><title>${escapeHtml(b.label)}: ${fmtNum(b.value)}</title></rect>`,
    );
  });
  ticks.forEach(({ x, text }, i) => {
    if (i % labelEvery !== 0) return;
    parts.push(
      `<line stroke="#888" x1="${px(x)}" x2="${px(x)}" y1="${px(yBottom)}" y2="${px(yBottom + 4)}"/>`,
    );
    parts.push(svgText(x, yBottom + 15, text, { anchor: 'middle', size: 10, fill: '#444' }));
  });
  parts.push(
    `<line class="domain" stroke="#888" x1="${x0}" x2="${x1}" y1="${px(yBottom)}" y2="${px(yBottom)}"/>`,
  );
  parts.push(svgText((x0 + x1) / 2, height - 8, xLabel, { anchor: 'middle', size: 11 }));
  parts.push(
    svgText(14, (yTop + yBottom) / 2, yLabel, { anchor: 'middle', size: 11, rotate: -90 }),
  );
  parts.push('</svg>');
  return parts.join('');
}

/** Counts get whole-number ticks only. */
function integerValues(bars: { value: number }[]): boolean {
  return bars.every((b) => Number.isInteger(b.value));
}

export interface GenreMixOptions {
  title: string;
  rows: { genre: string; share: number; overall: number }[];
  color: string;
  width?: number;
  /** Genres shown, by the cluster's share; default 10. */
  maxRows?: number;
}

const rowHeight = 17;

/**
 * Share of the cluster's movies in each genre (coloured bar) against the share among all
 * movies (grey bar beneath), for the genres most common in the cluster.
 */
export function svgGenreMix(options: GenreMixOptions): string {
  const { title, color, width = 460, maxRows = 10 } = options;
  const rows = options.rows
    .filter((r) => Number.isFinite(r.share) && Number.isFinite(r.overall))
    .filter((r) => r.share > 0 || r.overall > 0)
    .sort((a, b) => b.share - a.share || b.overall - a.overall)
    .slice(0, maxRows);
  const legendTop = 8;
  const top = 30;
  const height = top + rows.length * rowHeight + 8;
  if (rows.length === 0) return emptyChart(width, 80, title, 'no genre information');
  const labelWidth = 110;
  const valueWidth = 86;
  const x0 = labelWidth;
  const x1 = width - valueWidth;
  const max = Math.max(...rows.map((r) => Math.max(r.share, r.overall))) || 1;
  const sx = scaleLinear()
    .domain([0, max])
    .range([0, x1 - x0]);

  const parts = [svgOpen(width, height, title, 'chart genre-mix')];
  parts.push(`<rect x="${x0}" y="${legendTop}" width="10" height="10" fill="${color}"/>`);
  parts.push(svgText(x0 + 14, legendTop + 9, 'this cluster', { size: 10 }));
  parts.push(`<rect x="${x0 + 90}" y="${legendTop + 3}" width="10" height="5" fill="#a0a0a0"/>`);
  parts.push(svgText(x0 + 104, legendTop + 9, 'all movies', { size: 10 }));
  parts.push(
    svgText(width - 4, legendTop + 9, 'cluster vs all', { anchor: 'end', size: 10, fill: '#666' }),
  );
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    parts.push(svgText(x0 - 6, y + 7, r.genre, { anchor: 'end', size: 11, baseline: 'middle' }));
    parts.push(
      `<rect x="${x0}" y="${px(y)}" width="${px(sx(r.share))}" height="9" fill="${color}"/>`,
    );
    parts.push(
      `<rect x="${x0}" y="${px(y + 10)}" width="${px(sx(r.overall))}" height="4" fill="#a0a0a0"/>`,
    );
    const text = `${fmtPct(r.share)} vs ${fmtPct(r.overall)}`;
    parts.push(svgText(width - 4, y + 7, text, { anchor: 'end', size: 10, baseline: 'middle' }));
  });
  parts.push('</svg>');
  return parts.join('');
}
