import { childSeed, createRng } from '../rng';
import { checkMatrix } from './check-matrix';
import { createKernel, type KernelChoice, type LloydKernel } from './kmeans-kernels';
import { halfDistances, largestMoves, updateCenters } from './lloyd-steps';
import { throwIfAborted } from './throw-if-aborted';

export interface KMeansOptions {
  /** Number of clusters, 1..n. */
  k: number;
  /** Independent k-means++ starts; the one with the lowest inertia is kept. Default 10. */
  restarts?: number;
  /** Lloyd iterations per start. Default 300. */
  maxIterations?: number;
  /**
   * Convergence threshold on the summed squared centre movement, relative to the mean
   * per-feature variance of X (scikit-learn's `tol`). Default 1e-4.
   */
  tolerance?: number;
  /** Uniform [0, 1) generator; one draw seeds the restarts' child streams. */
  rng: () => number;
  signal?: AbortSignal;
  /** Called with the fraction of restarts done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
  /**
   * Which loops run the steps: 'wasm' (WebAssembly SIMD, kmeans-wasm.ts), 'plain'
   * (JavaScript) or 'auto' (wasm where available; the default). The results are identical.
   */
  kernel?: KernelChoice;
}

export interface KMeansResult {
  /** Cluster of each row, 0..k−1. */
  labels: Int32Array;
  /** k × d, row-major. */
  centers: Float64Array;
  /** Sum of squared distances of the rows to their centres. */
  inertia: number;
  /** Lloyd iterations of the kept restart. */
  iterations: number;
}

/**
 * K-means of the rows of `X` (n × d, row-major), following scikit-learn's `KMeans`
 * (algorithm 'lloyd'): greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with
 * 2 + ⌊ln k⌋ candidate centres per step, keeping the one that lowers the potential most),
 * Lloyd iterations until the labels stop changing or the centres move less than the
 * tolerance, and the best of several restarts.
 *
 * Assignment steps skip points that provably keep their centre (Hamerly 2010, "Making
 * k-means even faster"): each point keeps an upper bound on the distance to its centre and a
 * lower bound on the distance to any other, both moved by how far the centres moved; a point
 * is measured again only when the bounds overlap (with a 1e-9 relative margin for rounding),
 * so the labels, iterations and result are those of plain Lloyd iterations.
 *
 * Restart r draws from its own stream, `createRng(childSeed(base, r))` with `base` taken from
 * one draw of `rng`, so a restart's result does not depend on the others. A cluster left
 * empty by an iteration is given the point farthest from its current centre, as
 * scikit-learn does; duplicate points and fewer distinct points than k are allowed (some
 * centres then coincide).
 *
 * The loops over the points (k-means++ candidates, assignments, cluster sums, inertia) run
 * in WebAssembly SIMD where available (kmeans-wasm.ts, about 2–3× faster), with the same
 * arithmetic in the same order as the JavaScript ones, so the result does not depend on
 * which ran (kmeans-kernels.test.ts).
 */
export function kmeans(
  X: Float64Array,
  n: number,
  d: number,
  options: KMeansOptions,
): KMeansResult {
  checkMatrix(X, n, d);
  const {
    k,
    restarts = 10,
    maxIterations = 300,
    tolerance = 1e-4,
    rng,
    signal,
    onProgress,
    kernel = 'auto',
  } = options;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k = ${k}; expected an integer >= 1`);
  if (n < k) throw new RangeError(`k = ${k} clusters need at least ${k} points; got n = ${n}`);
  if (!Number.isInteger(restarts) || restarts < 1) {
    throw new RangeError(`restarts = ${restarts}; expected an integer >= 1`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`maxIterations = ${maxIterations}; expected an integer >= 1`);
  }
  if (!(tolerance >= 0)) throw new RangeError(`tolerance = ${tolerance}; expected a number >= 0`);
  if (typeof rng !== 'function') throw new TypeError('rng must be a function returning [0, 1)');

  const tol = meanVariance(X, n, d) * tolerance;
  const base = Math.floor(rng() * 4294967296) | 0;
  const work = createKernel(X, n, d, k, kernel);
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    throwIfAborted(signal);
    const result = lloyd(n, d, k, maxIterations, tol, createRng(childSeed(base, r)), work, signal);
    if (best === null || result.inertia < best.inertia) best = result;
    onProgress?.((r + 1) / restarts);
  }
  return best as KMeansResult;
}

/** Iterations between full recomputations of the cluster sums. */
const REBUILD_EVERY = 16;

/** One seeded k-means++ start followed by Lloyd iterations (scikit-learn's _kmeans_single_lloyd). */
function lloyd(
  n: number,
  d: number,
  k: number,
  maxIterations: number,
  tol: number,
  rng: () => number,
  kernel: LloydKernel,
  signal: AbortSignal | undefined,
): KMeansResult {
  const { X, work, labels } = kernel;
  let centers = kmeansPlusPlus(n, d, k, rng, kernel);
  let next: Float64Array = new Float64Array(k * d);
  let strict = false;
  let iterations = 0;
  // The cluster sums follow the labels move by move; they are summed afresh at the start,
  // after an empty cluster was refilled (which moves a point in the sums but not its label),
  // and every REBUILD_EVERY iterations so that rounding cannot build up.
  let rebuild = true;
  for (let it = 0; it < maxIterations; it++) {
    if ((it & 7) === 0) throwIfAborted(signal);
    // Labels change only here, so "labels as in the previous iteration" is "no change".
    let changes = -1;
    if (it === 0) kernel.assignFirst(centers);
    else {
      halfDistances(d, centers, k, work);
      const [largestAt, largest, second] = largestMoves(k, work.moved);
      changes = kernel.assignNext(centers, largestAt, largest, second);
    }
    if (rebuild || it % REBUILD_EVERY === 0) kernel.sumClusters();
    rebuild = false;
    const shift = updateCenters(X, n, d, k, labels, centers, next, work);
    if (work.refilled) rebuild = true;
    const t = centers;
    centers = next;
    next = t;
    iterations = it + 1;
    if (changes === 0) {
      strict = true;
      break;
    }
    if (shift <= tol) break;
  }
  // As scikit-learn: without strict convergence, one more assignment so labels match centres.
  if (!strict) kernel.assignPlain(centers);
  const inertia = kernel.inertia(centers);
  return { labels: labels.slice(), centers, inertia, iterations };
}

/**
 * Greedy k-means++ (scikit-learn's `_kmeans_plusplus`): the first centre uniformly, each
 * next one the best of 2 + ⌊ln k⌋ candidates drawn with probability ∝ D(x)², judged by the
 * potential Σ min(D(x)², ‖x − candidate‖²) it would leave. Returns k × d centres.
 */
function kmeansPlusPlus(
  n: number,
  d: number,
  k: number,
  rng: () => number,
  kernel: LloydKernel,
): Float64Array {
  const { X, work } = kernel;
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  // Three buffers rotate: the current D(x)², the candidate being judged, the best so far.
  let closest = work.closest;
  let bestCandidate = work.bestCandidate;
  let candidate = work.candidate;
  const cumulative = work.cumulative;

  const first = Math.min(n - 1, Math.floor(rng() * n));
  centers.set(X.subarray(first * d, first * d + d), 0);
  closest.fill(Infinity);
  let potential = kernel.trial(first, closest, candidate);
  let t = closest;
  closest = candidate;
  candidate = t;

  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += closest[i];
      cumulative[i] = running;
    }
    let bestPotential = Infinity;
    let bestId = 0;
    for (let trial = 0; trial < trials; trial++) {
      const id = searchLeft(cumulative, n, rng() * potential);
      const p = kernel.trial(id, closest, candidate);
      if (p < bestPotential) {
        bestPotential = p;
        bestId = id;
        t = bestCandidate;
        bestCandidate = candidate;
        candidate = t;
      }
    }
    t = closest;
    closest = bestCandidate;
    bestCandidate = t;
    potential = bestPotential;
    centers.set(X.subarray(bestId * d, bestId * d + d), c * d);
  }
  return centers;
}

/** First index i with cumulative[i] ≥ value (numpy's searchsorted, side 'left'), clipped to n − 1. */
function searchLeft(cumulative: Float64Array, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < n ? lo : n - 1;
}

/**
 * Mean over columns of the population variance, the scale of scikit-learn's tolerance. Each
 * column is summed in row order, but all columns in one pass over the rows (row-major X).
 */
function meanVariance(X: Float64Array, n: number, d: number): number {
  const sum = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const io = i * d;
    for (let t = 0; t < d; t++) sum[t] += X[io + t];
  }
  const mean = sum.map((s) => s / n);
  const ss = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const io = i * d;
    for (let t = 0; t < d; t++) {
      const a = X[io + t] - mean[t];
      ss[t] += a * a;
    }
  }
  let total = 0;
  for (let t = 0; t < d; t++) total += ss[t] / n;
  return total / d;
}
