/**
 * Ward dendrogram as SVG: the top merges (SciPy's `truncate_mode='lastp'`), branches below the
 * cut coloured by the cluster they fall in, and the cut into k clusters as a dashed line.
 */
import { scaleLinear } from 'd3';
import type { LinkageData } from '../contract';
import { cutHeight, dendrogramLayout } from './dendrogram-layout';
import { fmtNum, px } from './format';
import { clusterColor } from './palette';
import { axisLeft, emptyChart, svgOpen, svgText } from './svg-frame';

export interface DendrogramChartOptions {
  /** Number of observations. */
  n: number;
  /** Clusters the tree is cut into. */
  k: number;
  /** Cluster label of each observation (Ward's), for colouring branches below the cut. */
  labels: ArrayLike<number>;
  /** Text under a leaf that is a single observation. */
  leafLabel: (observation: number) => string;
  /** Leaves shown (SciPy's p); default 30. */
  lastP?: number;
  width?: number;
  height?: number;
}

const margin = { top: 44, right: 24, bottom: 104, left: 68 };
const above = '#555';

export function svgDendrogram(linkage: LinkageData, options: DendrogramChartOptions): string {
  const { n, k, labels, leafLabel, lastP = 30, width = 1000, height = 420 } = options;
  const title =
    n > lastP
      ? `Ward dendrogram of ${n} points, truncated to the last ${lastP} clusters`
      : `Ward dendrogram: ${n} points`;
  if (n < 2) return emptyChart(width, height, title, 'fewer than two points: no merges to draw');
  const layout = dendrogramLayout(linkage, n, { lastP });
  const cut = cutHeight(linkage, n, k);
  const p = layout.leaves.length;
  const x0 = margin.left;
  const x1 = width - margin.right;
  const yBottom = height - margin.bottom;
  const yTop = margin.top;
  const band = (x1 - x0) / p;
  const sx = (leafX: number) => x0 + (leafX + 0.5) * band;
  const top = Math.max(layout.maxHeight, cut ?? 0) * 1.05 || 1;
  const sy = scaleLinear().domain([0, top]).range([yBottom, yTop]).nice();
  const colorOf = (h: number, member: number) =>
    cut !== null && h < cut ? clusterColor(labels[member]) : above;

  const parts = [svgOpen(width, height, title)];
  parts.push(svgText(width / 2, 20, title, { anchor: 'middle', size: 13, weight: 'bold' }));
  parts.push(axisLeft(sy, sy.ticks(6), fmtNum, { x: x0, y0: yBottom, y1: yTop, gridRight: x1 }));
  parts.push(
    svgText(16, (yTop + yBottom) / 2, 'merge height', { anchor: 'middle', size: 11, rotate: -90 }),
  );
  for (const link of layout.links) {
    const d =
      `M${px(sx(link.left.x))},${px(sy(link.left.height))}` +
      `V${px(sy(link.height))}H${px(sx(link.right.x))}V${px(sy(link.right.height))}`;
    const color = colorOf(link.height, link.member);
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
  }
  for (const leaf of layout.leaves) {
    const x = sx(leaf.x);
    const leafHeight = leaf.node < n ? 0 : linkage.height[leaf.node - n];
    const color = colorOf(leafHeight, leaf.member);
    const label = leaf.size === 1 ? truncate(leafLabel(leaf.member), 16) : `(${leaf.size})`;
    parts.push(`<circle cx="${px(x)}" cy="${px(yBottom)}" r="3" fill="${color}"/>`);
    parts.push(
      svgText(x, yBottom + 10, label, { anchor: 'end', size: 10, rotate: -90, baseline: 'middle' }),
    );
  }
  if (cut !== null) {
    const y = sy(cut);
    parts.push(
      `<line class="cut" stroke="#b3261e" stroke-width="1.5" stroke-dasharray="6 4" x1="${px(x0)}" x2="${px(x1)}" y1="${px(y)}" y2="${px(y)}"/>`,
    );
    parts.push(
      svgText(x1 - 4, y - 5, `cut: k = ${k} (height ${fmtNum(cut)})`, {
        anchor: 'end',
        size: 11,
        weight: 'bold',
        fill: '#b3261e',
      }),
    );
  }
  const note =
    n > lastP
      ? 'leaves labelled (m) stand for a contracted subtree of m points'
      : 'leaves are single points';
  parts.push(svgText(x0 + 4, 36, note, { size: 10, fill: '#666' }));
  parts.push('</svg>');
  return parts.join('');
}

function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
