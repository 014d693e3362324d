import { UMAP } from 'umap-js';
import type { Rng } from '../rng';
import { exactKnn, type KnnResult } from './knn';
import { throwIfAborted } from './throw-if-aborted';

export interface UmapEmbedOptions {
  /** Neighbours per point, counting the point itself (umap-js's convention). Default 15. */
  nNeighbors?: number;
  /** Optimisation epochs. Default 200. */
  nEpochs?: number;
  /** Default 0.1. */
  minDist?: number;
  /** Negative samples per positive one; an epoch costs about 1 + this. Default 3. */
  negativeSampleRate?: number;
  /** Seeded generator (createRng); the only source of randomness, so equal seeds give equal maps. */
  rng: Rng;
  signal?: AbortSignal;
  /** Called with the share of the work done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
  /**
   * exactKnn's result on the same X with any k ≥ nNeighbors (after the lowering for small n),
   * to share one search between several maps; only its first nNeighbors columns are used.
   */
  knn?: KnnResult;
}

export interface UmapEmbedResult {
  /** Length n: map coordinates of row i of X. */
  x: Float64Array;
  y: Float64Array;
}

// Shares of the progress bar, from timings at 2,625 and 10,334 × 20 with 200 epochs: the
// neighbour search takes 4–9 %, umap-js's fuzzy graph about 40 %, the epochs the rest.
const KNN_SHARE = 0.08;
const GRAPH_SHARE = 0.4;

/**
 * Two-dimensional UMAP (McInnes, Healy & Melville 2018) of X (n × d, row-major) with umap-js.
 *
 * umap-js is fed exact neighbours through `setPrecomputedKNN` instead of its own approximate
 * search, which also spares it the random-projection forest. `initializeFit` (the fuzzy graph,
 * built in string-keyed Maps: about 5 s at 10,000 points) is one synchronous call that cannot be
 * interrupted; the signal is honoured before it, during the neighbour search and between epochs.
 *
 * With n ≤ nNeighbors, nNeighbors drops to n − 1 (umap-js refuses otherwise); below 3 points
 * there is no neighbourhood to lay out, and the points go on a line at unit spacing.
 * Identical rows are not kept together: umap-js places each independently.
 */
export function umapEmbed(
  X: Float64Array,
  n: number,
  d: number,
  options: UmapEmbedOptions,
): UmapEmbedResult {
  const { nEpochs = 200, minDist = 0.1, negativeSampleRate = 3, rng, signal, onProgress } = options;
  if (X.length !== n * d) {
    throw new Error(`umapEmbed: X has length ${X.length}, expected n × d = ${n} × ${d} = ${n * d}`);
  }
  const requested = options.nNeighbors ?? 15;
  if (!Number.isInteger(requested) || requested < 2) {
    throw new Error(`umapEmbed: nNeighbors = ${requested} must be an integer ≥ 2`);
  }
  if (!Number.isInteger(nEpochs) || nEpochs < 1) {
    throw new Error(`umapEmbed: nEpochs = ${nEpochs} must be a positive integer`);
  }
  throwIfAborted(signal, 'umapEmbed');

  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n < 3) {
    for (let i = 0; i < n; i++) x[i] = i;
    if (onProgress) onProgress(1);
    return { x, y };
  }
  const nNeighbors = Math.min(requested, n - 1);

  let knn: KnnResult;
  let kStored: number;
  if (options.knn) {
    knn = options.knn;
    kStored = knn.indices.length / n;
    if (!Number.isInteger(kStored) || kStored < nNeighbors) {
      throw new Error(
        `umapEmbed: precomputed knn has ${knn.indices.length} entries for n = ${n} points; ` +
          `expected n × k with k ≥ nNeighbors = ${nNeighbors}`,
      );
    }
  } else {
    knn = exactKnn(X, n, d, nNeighbors, {
      signal,
      onProgress: onProgress && ((f) => onProgress(f * KNN_SHARE)),
    });
    kStored = nNeighbors;
  }

  const knnIndices: number[][] = new Array(n);
  const knnDistances: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * kStored;
    knnIndices[i] = Array.from(knn.indices.subarray(row, row + nNeighbors));
    knnDistances[i] = Array.from(knn.distances.subarray(row, row + nNeighbors));
  }
  const rows: number[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = Array.from(X.subarray(i * d, (i + 1) * d));

  throwIfAborted(signal, 'umapEmbed');
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors,
    nEpochs,
    minDist,
    negativeSampleRate,
    random: rng,
  });
  umap.setPrecomputedKNN(knnIndices, knnDistances);
  const epochs = umap.initializeFit(rows);
  if (onProgress) onProgress(KNN_SHARE + GRAPH_SHARE);

  const epochShare = 1 - KNN_SHARE - GRAPH_SHARE;
  for (let epoch = 0; epoch < epochs; epoch++) {
    throwIfAborted(signal, 'umapEmbed');
    umap.step();
    if (onProgress) onProgress(KNN_SHARE + GRAPH_SHARE + (epochShare * (epoch + 1)) / epochs);
  }

  const embedding = umap.getEmbedding();
  for (let i = 0; i < n; i++) {
    x[i] = embedding[i][0];
    y[i] = embedding[i][1];
    // umap-js clips every gradient step, so only non-finite input can get here.
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new Error(
        `umapEmbed: point ${i} landed at (${x[i]}, ${y[i]}); check X for NaN or ±Infinity`,
      );
    }
  }
  return { x, y };
}
