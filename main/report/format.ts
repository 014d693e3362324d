import { format } from 'd3';

/**
 * Number formatting for display in the HTML report only; data files keep full precision.
 * Non-finite values show as an em dash.
 */
const integer = format(',d');
const general = format(',.4~g');
const scientific = format('.3~e');
const percent = format('.1~%');

export function fmtInt(x: number): string {
  return Number.isFinite(x) ? integer(Math.round(x)) : '—';
}

/** Four significant digits; scientific notation for very small or large magnitudes. */
export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) return scientific(x);
  // `.4~g` would print 35000 as 3.5e+4: large values read better with separators.
  return a >= 1e4 ? integer(Math.round(x)) : general(x);
}

export function fmtPct(x: number): string {
  return Number.isFinite(x) ? percent(x) : '—';
}

/** Coordinates in SVG attributes: two decimals, and never `NaN`. */
export function px(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : '0';
}
