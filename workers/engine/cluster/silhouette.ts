import { checkLabels } from './check-labels';
import { checkMatrix } from './check-matrix';
import { squaredDistance } from './squared-distance';
import { throwIfAborted } from './throw-if-aborted';

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
 * row sums. Sampled: O(size·n·d). Distances come from coordinate differences, where
 * scikit-learn expands ‖x‖² − 2x·y + ‖y‖²; the two agree to about 1e-15 except between
 * (near-)duplicate points, where scikit-learn's distance carries an error near 1e-8.
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
    const sums = new Float64Array(k);
    for (let p = 0; p < points.length; p++) {
      if ((p & 15) === 0) {
        throwIfAborted(signal);
        onProgress?.(p / points.length);
      }
      const i = points[p];
      out[i] = silhouetteAgainstAll(X, n, d, labels, i, sums, freq, k);
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

/** s for point i from its distances to all n points; `sums` is a k-long scratch buffer. */
function silhouetteAgainstAll(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  i: number,
  sums: Float64Array,
  freq: Int32Array,
  k: number,
): number {
  sums.fill(0);
  const io = i * d;
  for (let j = 0; j < n; j++) {
    if (j !== i) sums[labels[j]] += Math.sqrt(squaredDistance(X, io, X, j * d, d));
  }
  return silhouetteFromSums(sums, 0, labels[i], freq, k);
}

/** s for one point from its per-cluster distance sums at sums[offset..offset + k). */
function silhouetteFromSums(
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

function checkSilhouetteInput(
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
function sampleWithoutReplacement(n: number, size: number, rng: () => number): Int32Array {
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
