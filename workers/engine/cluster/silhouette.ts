import { checkLabels } from './check-labels';
import { checkMatrix } from './check-matrix';
import { squaredDistance } from './squared-distance';
import { throwIfAborted } from './throw-if-aborted';

export interface SilhouetteOptions {
  signal?: AbortSignal;
  /** Called with the fraction of pairs (or sampled points) done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

export interface SilhouetteScoreOptions extends SilhouetteOptions {
  /**
   * Score a seeded sample of `size` distinct points instead of all n. Each sampled point's
   * silhouette is still exact, against all n points, so the result is an unbiased estimate
   * of the full mean. (scikit-learn's `sample_size` instead scores the sample against itself.)
   * A size of n or more computes the exact score.
   */
  sample?: { size: number; rng: () => number };
}

/**
 * Silhouette coefficient of every row of `X` (n × d, row-major) under `labels` (n labels in
 * 0..k−1), equal to scikit-learn's `silhouette_samples` with the Euclidean metric:
 * s = (b − a) / max(a, b), with a the mean distance to the other members of the point's
 * cluster and b the smallest mean distance to another cluster (Rousseeuw 1987). A point in
 * a singleton cluster scores 0, and so does a point with a = b = 0.
 *
 * O(n²·d) time and O(n·k) memory: each pair's distance is computed once and added to both
 * points' per-cluster sums, in the same order as scikit-learn's row sums. Distances are
 * computed directly from coordinate differences, where scikit-learn expands
 * ‖x‖² − 2x·y + ‖y‖²; the two agree to about 1e-15 except between (near-)duplicate points,
 * where scikit-learn's value carries an error near 1e-8.
 */
export function silhouetteSamples(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  options: SilhouetteOptions = {},
): Float64Array {
  const { k, freq } = checkSilhouetteInput(X, n, d, labels);
  const { signal, onProgress } = options;
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
 * Mean silhouette coefficient (scikit-learn's `silhouette_score`), exact by default or
 * estimated from a seeded sample of points (see `SilhouetteScoreOptions.sample`), in
 * O(size·n·d) time.
 */
export function silhouetteScore(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  options: SilhouetteScoreOptions = {},
): number {
  const { sample, signal, onProgress } = options;
  if (sample !== undefined) checkSample(sample);
  if (sample === undefined || sample.size >= n) {
    const s = silhouetteSamples(X, n, d, labels, { signal, onProgress });
    let total = 0;
    for (let i = 0; i < n; i++) total += s[i];
    return total / n;
  }
  const { k, freq } = checkSilhouetteInput(X, n, d, labels);
  const points = sampleWithoutReplacement(n, sample.size, sample.rng);
  const sums = new Float64Array(k);
  let total = 0;
  for (let p = 0; p < points.length; p++) {
    if ((p & 15) === 0) throwIfAborted(signal);
    if (onProgress && (p & 15) === 0) onProgress(p / points.length);
    const i = points[p];
    const io = i * d;
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      sums[labels[j]] += Math.sqrt(squaredDistance(X, io, X, j * d, d));
    }
    total += silhouetteFromSums(sums, 0, labels[i], freq, k);
  }
  onProgress?.(1);
  return total / points.length;
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
  return Number.isNaN(s) ? 0 : s;
}

function checkSilhouetteInput(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
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
  return { k, freq };
}

function checkSample(sample: { size: number; rng: () => number }): void {
  if (!Number.isInteger(sample.size) || sample.size < 1) {
    throw new RangeError(`sample.size = ${sample.size}; expected an integer >= 1`);
  }
  if (typeof sample.rng !== 'function') throw new TypeError('sample.rng must be a function');
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
