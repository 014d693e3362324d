import { checkLabels } from './check-labels';
import { checkMatrix } from './check-matrix';
import { COLUMN_BLOCK, distanceRows, loadRows, ROW_BLOCK, sumRowsByLabel } from './distance-rows';
import { squaredDistance } from './squared-distance';
import { throwIfAborted } from './throw-if-aborted';

/**
 * Largest n at which the silhouette is worth computing exactly: n(n − 1)/2 = 2·10⁸ distances,
 * about 4 s here in 20 dimensions. Above it, callers sample `silhouetteSampleSize(n)` points.
 */
export const SILHOUETTE_EXACT_LIMIT = 20_000;

/**
 * Distances a sampled silhouette computes by default (sample size × n): 4·10⁸, about 6 s here.
 * At 200,000 points that is a 2,000-point sample, whose mean has a standard error near
 * sd(s)/√2000 ≈ 0.002–0.003 for the spreads seen on UVstd.
 */
export const SILHOUETTE_PAIR_BUDGET = 4e8;

/** Smallest default sample, whatever n. */
export const SILHOUETTE_MIN_SAMPLE = 1_000;

/**
 * Default number of points to score for n points: all of them up to
 * `SILHOUETTE_EXACT_LIMIT`, then `SILHOUETTE_PAIR_BUDGET / n`, at least
 * `SILHOUETTE_MIN_SAMPLE` (and never more than n).
 *
 * A 20,000-point sample of 200,000 points would be 4·10⁹ distances, about 70 s here per
 * labelling (measured 17–22 ns a distance in 20 dimensions), hence the budget.
 */
export function silhouetteSampleSize(n: number): number {
  if (n <= SILHOUETTE_EXACT_LIMIT) return n;
  return Math.min(n, Math.max(SILHOUETTE_MIN_SAMPLE, Math.floor(SILHOUETTE_PAIR_BUDGET / n)));
}

export interface SilhouetteOptions {
  /**
   * Compute only a seeded sample of `size` distinct points. Each sampled point's silhouette
   * is still exact, against all n points, so their mean is an unbiased estimate of the full
   * mean. (scikit-learn's `sample_size` instead scores the sample against itself.) A size of
   * n or more computes every point exactly.
   */
  sample?: { size: number; rng: () => number };
  signal?: AbortSignal;
  /** Called with the fraction of the work done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/**
 * Silhouette coefficient of every row of `X` (n × d, row-major) under `labels` (n labels in
 * 0..k−1), equal to scikit-learn's `silhouette_samples` with the Euclidean metric:
 * s = (b − a) / max(a, b), with a the mean distance to the other members of the point's
 * cluster and b the smallest mean distance to another cluster (Rousseeuw 1987). A point in
 * a singleton cluster scores 0, and so does a point with a = b = 0. Returns n values; with
 * `options.sample`, points outside the sample are NaN.
 *
 * Exact: O(n²·d) time and O(n·k) memory. Each pair's distance is computed once and added to
 * both points' per-cluster sums, which then accumulate in the same order as scikit-learn's
 * row sums. Sampled: O(size·n·d), four sampled points at a time (`distanceRows`).
 * Distances come from coordinate differences, where scikit-learn expands
 * ‖x‖² − 2x·y + ‖y‖²; the two agree to about 1e-15 except between (near-)duplicate points,
 * where scikit-learn's distance carries an error near 1e-8.
 */
export function silhouetteSamples(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  options: SilhouetteOptions = {},
): Float64Array {
  const { k, freq } = checkSilhouetteInput(X, n, d, labels, options.sample);
  const { sample, signal, onProgress } = options;
  if (sample !== undefined && sample.size < n) {
    const points = sampleWithoutReplacement(n, sample.size, sample.rng);
    const out = new Float64Array(n).fill(NaN);
    const sums = new Float64Array(ROW_BLOCK * k);
    const P = new Float64Array(ROW_BLOCK * d);
    const rows = new Float64Array(ROW_BLOCK * COLUMN_BLOCK);
    for (let p = 0; p < points.length; p += ROW_BLOCK) {
      if ((p & 15) === 0) {
        throwIfAborted(signal);
        onProgress?.(p / points.length);
      }
      loadRows(X, d, points, p, P);
      sums.fill(0);
      // Each row includes the point's zero distance to itself, which leaves its sum unchanged.
      for (let j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
        const j1 = Math.min(n, j0 + COLUMN_BLOCK);
        distanceRows(X, d, P, j0, j1, rows);
        sumRowsByLabel(rows, j0, j1 - j0, labels, k, sums, 0);
      }
      for (let r = 0; r < ROW_BLOCK && p + r < points.length; r++) {
        const i = points[p + r];
        out[i] = silhouetteFromSums(sums, r * k, labels[i], freq, k);
      }
    }
    onProgress?.(1);
    return out;
  }

  const sums = new Float64Array(n * k);
  const progressStep = Math.max(1, Math.floor(n / 100));
  for (let i = 0; i < n; i++) {
    if ((i & 15) === 0) throwIfAborted(signal);
    if (onProgress && i % progressStep === 0) onProgress((i * (2 * n - i)) / (n * n));
    const io = i * d;
    const ik = i * k;
    const li = labels[i];
    for (let j = i + 1; j < n; j++) {
      const dist = Math.sqrt(squaredDistance(X, io, X, j * d, d));
      sums[ik + labels[j]] += dist;
      sums[j * k + li] += dist;
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = silhouetteFromSums(sums, i * k, labels[i], freq, k);
  onProgress?.(1);
  return out;
}

/**
 * Mean silhouette coefficient (scikit-learn's `silhouette_score`), exact by default or the
 * mean over a seeded sample of points (see `SilhouetteOptions.sample`).
 */
export function silhouetteScore(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  options: SilhouetteOptions = {},
): number {
  const s = silhouetteSamples(X, n, d, labels, options);
  let total = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(s[i])) continue; // not in the sample
    total += s[i];
    count++;
  }
  return total / count;
}

/** s for one point from its per-cluster distance sums at sums[offset..offset + k). */
export function silhouetteFromSums(
  sums: Float64Array,
  offset: number,
  own: number,
  freq: Int32Array,
  k: number,
): number {
  if (freq[own] === 1) return 0;
  const a = sums[offset + own] / (freq[own] - 1);
  let b = Infinity;
  for (let c = 0; c < k; c++) {
    if (c === own || freq[c] === 0) continue;
    const mean = sums[offset + c] / freq[c];
    if (mean < b) b = mean;
  }
  const s = (b - a) / Math.max(a, b);
  return Number.isNaN(s) ? 0 : s; // a = b = 0
}

/** Checks X, labels and sample; returns k and the number of points per label. */
export function checkSilhouetteInput(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  sample: SilhouetteOptions['sample'],
): { k: number; freq: Int32Array } {
  checkMatrix(X, n, d);
  const k = checkLabels(labels, n);
  const freq = new Int32Array(k);
  for (let i = 0; i < n; i++) freq[labels[i]]++;
  let used = 0;
  for (let c = 0; c < k; c++) if (freq[c] > 0) used++;
  if (used < 2 || used > n - 1) {
    throw new RangeError(
      `silhouette needs 2..n−1 clusters; got ${used} distinct labels for n = ${n} points`,
    );
  }
  if (sample !== undefined) {
    if (!Number.isInteger(sample.size) || sample.size < 1) {
      throw new RangeError(`sample.size = ${sample.size}; expected an integer >= 1`);
    }
    if (typeof sample.rng !== 'function') throw new TypeError('sample.rng must be a function');
  }
  return { k, freq };
}

/** `size` distinct indices from 0..n−1 by a partial Fisher–Yates shuffle, in drawn order. */
export function sampleWithoutReplacement(n: number, size: number, rng: () => number): Int32Array {
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, size);
}
