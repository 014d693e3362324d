import { axisBottom, axisLeft, select, ticks, type AxisDomain, type AxisScale } from 'd3';
import type { Attachment } from 'svelte/attachments';

export interface AxisOptions<D> {
  ticks?: number;
  tickValues?: D[];
  format?: (d: D) => string;
  /** Grid lines across the plot, of this length in pixels (drawn as negative inner ticks). */
  grid?: number;
}

/**
 * Renders a d3 axis into an SVG group: `<g {@attach axis('left', y, {...})}>`. Because the
 * scale is read when the template evaluates, the axis redraws whenever the scale changes.
 */
export function axis<D extends AxisDomain>(
  side: 'bottom' | 'left',
  scale: AxisScale<D>,
  options: AxisOptions<D> = {},
): Attachment<SVGGElement> {
  return (g) => {
    const a = side === 'bottom' ? axisBottom(scale) : axisLeft(scale);
    if (options.ticks !== undefined) a.ticks(options.ticks);
    if (options.tickValues) a.tickValues(options.tickValues);
    if (options.format) a.tickFormat((d) => options.format!(d));
    if (options.grid) a.tickSizeInner(-options.grid).tickSizeOuter(0).tickPadding(6);
    const sel = select(g);
    sel.call(a);
    sel.classed('grid-axis', Boolean(options.grid));
  };
}

/**
 * Ticks for a log scale that stay readable: every mantissa when few, else mantissas 1, 2, 3, 5,
 * else 1, 2, 5, else powers of ten (thinned). Spans under a decade get evenly spaced ticks instead, as a log
 * axis there has too few round values.
 */
export function logTicks(domain: [number, number], max = 7): number[] {
  const [lo, hi] = domain;
  const all: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (let m = 1; m <= 9; m++) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) all.push(v);
    }
  }
  if (all.length < 4) return ticks(lo, hi, 5).filter((v) => v > 0);
  if (all.length <= max) return all;
  const mantissa = (v: number) => Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  for (const keep of [
    [1, 2, 3, 5],
    [1, 2, 5],
  ]) {
    const some = all.filter((v) => keep.includes(mantissa(v)));
    if (some.length <= max) return some;
  }
  const decades = all.filter((v) => mantissa(v) === 1);
  const step = Math.ceil(decades.length / max);
  return decades.filter((_, i) => i % step === 0);
}
