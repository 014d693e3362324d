/**
 * Gaussian kernel density estimate of values known only as counts on equal bins: each bin's
 * count sits at its centre (the binned KDE of Silverman 1982), evaluated at `xs`.
 *
 * @param counts values per bin; bin j spans [min + j·width, min + (j+1)·width).
 * @param bandwidth kernel standard deviation h, in the values' units (> 0).
 * @returns density at each x (integrates to 1 over the real line; all zeros when empty).
 */
export function binnedKde(
  counts: readonly number[],
  min: number,
  width: number,
  bandwidth: number,
  xs: readonly number[],
): number[] {
  if (!(bandwidth > 0)) throw new Error(`bandwidth is ${bandwidth}; expected a positive number`);
  let total = 0;
  for (const c of counts) total += c;
  const out = new Array<number>(xs.length).fill(0);
  if (total === 0) return out;
  const norm = 1 / (total * bandwidth * Math.sqrt(2 * Math.PI));
  // Kernels further than 6h contribute below 1e-8 of their peak: skip them.
  const reach = 6 * bandwidth;
  for (let j = 0; j < counts.length; j++) {
    const c = counts[j];
    if (c === 0) continue;
    const centre = min + (j + 0.5) * width;
    for (let i = 0; i < xs.length; i++) {
      const d = xs[i] - centre;
      if (d > reach || d < -reach) continue;
      const z = d / bandwidth;
      out[i] += c * Math.exp(-0.5 * z * z);
    }
  }
  for (let i = 0; i < out.length; i++) out[i] *= norm;
  return out;
}

/** `n` evenly spaced points from `lo` to `hi` inclusive. */
export function linspace(lo: number, hi: number, n: number): number[] {
  if (n < 2) return [lo];
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}
