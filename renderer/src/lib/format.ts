import { format } from 'd3';

export const formatCount = format(',');
const fixed3 = format('.3f');
const grouped0 = format(',.0f');
const grouped1 = format(',.1f');
const sci = format('.2e');
const pct1 = format('.1%');
const pct2 = format('.2%');

/** A metric value at a precision that reads well for its magnitude. */
export function formatMetric(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 10_000) return grouped0(v);
  if (a >= 100) return grouped1(v);
  if (a !== 0 && a < 0.001) return sci(v);
  return fixed3(v);
}

/** Small positive diagnostics (residual changes, updates) in scientific notation when tiny. */
export function formatDiagnostic(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.001 || a >= 1e6)) return sci(v);
  return format(',.4~g')(v);
}

export function formatShare(v: number): string {
  return pct1(v);
}

/** Density of the rating matrix: small shares keep two decimals. */
export function formatDensity(v: number): string {
  return v < 0.1 ? pct2(v) : pct1(v);
}

export function formatSeconds(s: number): string {
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** Tick labels for a log axis: plain numbers in a middle range, otherwise 1e-4 style. */
export function formatLogTick(v: number): string {
  if (v >= 0.01 && v < 1e5) return format(',~g')(v);
  return format('.0e')(v).replace('e+', 'e');
}

/** α values as the user typed them: no float noise, no trailing zeros. */
export function formatAlpha(v: number): string {
  return String(Number(v.toPrecision(6)));
}
