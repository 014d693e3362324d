/**
 * Shared pieces of the report's SVG charts: the opening tag, text, and the two axes. Charts
 * are built as strings because the exporter runs in Node, without a DOM.
 */
import { escapeHtml } from './html-escape';
import { px } from './format';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** `<svg>` with a fixed pixel size and an accessible title. */
export function svgOpen(width: number, height: number, title: string, className = 'chart'): string {
  return (
    `<svg class="${className}" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" ` +
    `height="${px(height)}" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>`
  );
}

export interface TextOptions {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: 'normal' | 'bold';
  fill?: string;
  rotate?: number;
  baseline?: 'auto' | 'middle' | 'hanging';
  className?: string;
}

export function svgText(x: number, y: number, text: string, o: TextOptions = {}): string {
  const attrs = [`x="${px(x)}"`, `y="${px(y)}"`];
  if (o.anchor && o.anchor !== 'start') attrs.push(`text-anchor="${o.anchor}"`);
  if (o.size) attrs.push(`font-size="${o.size}"`);
  if (o.weight === 'bold') attrs.push('font-weight="600"');
  if (o.fill) attrs.push(`fill="${o.fill}"`);
  if (o.baseline && o.baseline !== 'auto') attrs.push(`dominant-baseline="${o.baseline}"`);
  if (o.rotate) attrs.push(`transform="rotate(${o.rotate} ${px(x)} ${px(y)})"`);
  if (o.className) attrs.push(`class="${o.className}"`);
  return `<text ${attrs.join(' ')}>${escapeHtml(text)}</text>`;
}

/**
 * Horizontal axis at pixel row `y` from `x0` to `x1`: the domain line, ticks at `ticks`
 * (already mapped by `scale`), their labels, and optional vertical grid lines up to `gridTop`.
 */
export function axisBottom(
  scale: (v: number) => number,
  ticks: readonly number[],
  format: (v: number) => string,
  { y, x0, x1, gridTop }: { y: number; x0: number; x1: number; gridTop?: number },
): string {
  const parts = [
    `<line class="domain" stroke="#888" x1="${px(x0)}" x2="${px(x1)}" y1="${px(y)}" y2="${px(y)}"/>`,
  ];
  for (const t of ticks) {
    const x = scale(t);
    if (!Number.isFinite(x)) continue;
    if (gridTop !== undefined) {
      parts.push(
        `<line class="grid" stroke="#e8e8e8" x1="${px(x)}" x2="${px(x)}" y1="${px(gridTop)}" y2="${px(y)}"/>`,
      );
    }
    parts.push(
      `<line class="tick" stroke="#888" x1="${px(x)}" x2="${px(x)}" y1="${px(y)}" y2="${px(y + 4)}"/>`,
    );
    parts.push(
      svgText(x, y + 15, format(t), {
        anchor: 'middle',
        size: 10,
        className: 'tick-label',
        fill: '#444',
      }),
    );
  }
  return `<g class="axis">${parts.join('')}</g>`;
}

/** Vertical axis at pixel column `x` from `y0` (bottom) to `y1` (top), grid to `gridRight`. */
export function axisLeft(
  scale: (v: number) => number,
  ticks: readonly number[],
  format: (v: number) => string,
  { x, y0, y1, gridRight }: { x: number; y0: number; y1: number; gridRight?: number },
): string {
  const parts = [
    `<line class="domain" stroke="#888" x1="${px(x)}" x2="${px(x)}" y1="${px(y0)}" y2="${px(y1)}"/>`,
  ];
  for (const t of ticks) {
    const y = scale(t);
    if (!Number.isFinite(y)) continue;
    if (gridRight !== undefined) {
      parts.push(
        `<line class="grid" stroke="#e8e8e8" x1="${px(x)}" x2="${px(gridRight)}" y1="${px(y)}" y2="${px(y)}"/>`,
      );
    }
    parts.push(
      `<line class="tick" stroke="#888" x1="${px(x - 4)}" x2="${px(x)}" y1="${px(y)}" y2="${px(y)}"/>`,
    );
    parts.push(
      svgText(x - 6, y, format(t), {
        anchor: 'end',
        size: 10,
        baseline: 'middle',
        className: 'tick-label',
        fill: '#444',
      }),
    );
  }
  return `<g class="axis">${parts.join('')}</g>`;
}

/** A chart that has nothing to draw still shows its title and says why. */
export function emptyChart(width: number, height: number, title: string, reason: string): string {
  return (
    svgOpen(width, height, title) +
    svgText(width / 2, 18, title, { anchor: 'middle', size: 13, weight: 'bold' }) +
    `<rect class="empty" fill="#fafafa" stroke="#ddd" stroke-dasharray="4 3" x="8" y="30" width="${px(width - 16)}" height="${px(height - 40)}"/>` +
    svgText(width / 2, height / 2 + 10, reason, { anchor: 'middle', size: 12, fill: '#666' }) +
    '</svg>'
  );
}
