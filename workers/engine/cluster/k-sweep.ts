import { childSeed, createRng } from '../rng';
import { calinskiHarabaszScore } from './calinski-harabasz';
import { checkLinkage } from './check-linkage';
import { checkMatrix } from './check-matrix';
import { cutTree } from './cut-tree';
import { daviesBouldinScore } from './davies-bouldin';
import { kmeans } from './kmeans';
import { silhouetteSampleSize } from './silhouette';
import { silhouetteScores } from './silhouette-scores';
import { throwIfAborted } from './throw-if-aborted';
import { linkage as buildLinkage, type LinkageMethod } from './linkage';
import type { Linkage } from './ward';

export interface KSweepOptions {
  /** Cluster counts to score, each in 2..n−1. Default 2..15 (those below n). */
  ks?: number[];
  /** K-means restarts per k. Default 10. */
  restarts?: number;
  /** Uniform [0, 1) generator; one draw seeds every k's K-means and the silhouette sample. */
  rng: () => number;
  /**
   * Hierarchical method scored beside K-means: 'ward' (default), 'average' or 'complete';
   * null for K-means only (say, above the method's point limit).
   */
  method?: LinkageMethod | null;
  /** Tree of X by `method` to cut at every k; built once (`linkage`) when absent. */
  linkage?: Linkage;
  /**
   * Points whose silhouette is computed, the same for every k and method. Default
   * `silhouetteSampleSize(n)`: all points up to 20,000, then a seeded sample.
   */
  silhouetteSample?: number;
  signal?: AbortSignal;
  /** Called with the fraction done, in [0, 1], and the stage. */
  onProgress?: (fraction: number, stage: string) => void;
}

/** Validation scores of one clustering. */
export interface ClusterScores {
  silhouette: number;
  daviesBouldin: number;
  calinskiHarabasz: number;
  /**
   * Sum of squared distances to the centres: K-means' own inertia (to its final centres,
   * as scikit-learn's `inertia_`), and for a tree's cut the within-cluster sum of squares.
   */
  inertia: number;
}

/** One method at one k: its scores and its labels (n, in 0..k−1). */
export interface KSweepCell extends ClusterScores {
  labels: Int32Array;
}

export interface KSweepRow {
  k: number;
  kmeans: KSweepCell;
  /** The cut of the `method` tree; null when the sweep is K-means only. */
  hierarchical: KSweepCell | null;
}

export interface KSweepResult {
  rows: KSweepRow[];
  method: LinkageMethod | null;
  /** The tree that was cut (given or built), or null for K-means only. */
  linkage: Linkage | null;
  /** Points the silhouettes were computed on; n when exact. */
  silhouettePoints: number;
  silhouetteExact: boolean;
}

export const DEFAULT_SWEEP_KS: readonly number[] = Array.from({ length: 14 }, (_, i) => i + 2);

/**
 * Scores K-means and a hierarchical method (Ward by default) at every k in `ks` on the rows
 * of `X` (n × d, row-major), for choosing k: silhouette, Davies–Bouldin, Calinski–Harabasz
 * and inertia per k and method.
 *
 * One tree serves every k (cut by `cutTree`); K-means runs afresh per k, seeded from
 * its own child stream so a k's result does not depend on the others. The silhouettes of
 * all 2·|ks| labellings share one pass over the distances (`silhouetteScores`), on all
 * points or on one seeded sample. Davies–Bouldin and Calinski–Harabasz are exact.
 */
export function kSweep(
  X: Float64Array,
  n: number,
  d: number,
  options: KSweepOptions,
): KSweepResult {
  checkMatrix(X, n, d);
  const { restarts = 10, rng, signal } = options;
  const method = options.method === undefined ? 'ward' : options.method;
  const ks = options.ks ?? DEFAULT_SWEEP_KS.filter((k) => k < n);
  if (ks.length === 0) throw new RangeError('ks is empty; expected at least one k in 2..n−1');
  for (const k of ks) {
    if (!Number.isInteger(k) || k < 2 || k > n - 1) {
      throw new RangeError(`ks contains ${k}; expected integers in 2..n−1 = 2..${n - 1}`);
    }
  }
  if (typeof rng !== 'function') throw new TypeError('rng must be a function returning [0, 1)');
  const sampleSize = options.silhouetteSample ?? silhouetteSampleSize(n);
  if (!Number.isInteger(sampleSize) || sampleSize < 1) {
    throw new RangeError(`silhouetteSample = ${sampleSize}; expected an integer >= 1`);
  }
  if (options.linkage) checkLinkage(options.linkage, n);
  const progress = options.onProgress ?? (() => {});
  const base = Math.floor(rng() * 4294967296) | 0;

  // Progress shares, roughly by cost: the tree O(n²d), K-means O(restarts·n·k·d·iterations),
  // silhouettes O(points·n·(d + 2|ks|)).
  const treeShare = method !== null && !options.linkage ? 0.3 : 0;
  const silhouetteShare = 0.3;
  const kmeansShare = 1 - treeShare - silhouetteShare;

  let linkage: Linkage | null = null;
  if (method !== null) {
    const stage = `${method} linkage`;
    progress(0, stage);
    linkage =
      options.linkage ??
      buildLinkage(X, n, d, method, { signal, onProgress: (f) => progress(treeShare * f, stage) });
  }

  const kTotal = ks.reduce((a, b) => a + b, 0);
  let kDone = 0;
  const kmeansRuns = ks.map((k) => {
    throwIfAborted(signal);
    const start = treeShare + (kmeansShare * kDone) / kTotal;
    progress(start, `K-means, k = ${k}`);
    const run = kmeans(X, n, d, {
      k,
      restarts,
      rng: createRng(childSeed(base, k)),
      signal,
      onProgress: (f) => progress(start + (kmeansShare * k * f) / kTotal, `K-means, k = ${k}`),
    });
    kDone += k;
    return run;
  });
  const treeLabels = linkage ? ks.map((k) => cutTree(linkage, n, k)) : [];

  const start = treeShare + kmeansShare;
  progress(start, 'silhouettes');
  const labellings = [...kmeansRuns.map((r) => r.labels), ...treeLabels];
  const silhouettes = silhouetteScores(X, n, d, labellings, {
    sample: { size: sampleSize, rng: createRng(childSeed(base, 0)) },
    signal,
    onProgress: (f) => progress(start + silhouetteShare * f, 'silhouettes'),
  });

  const rows = ks.map((k, i): KSweepRow => {
    const km = kmeansRuns[i].labels;
    return {
      k,
      kmeans: {
        labels: km,
        silhouette: silhouettes.scores[i],
        daviesBouldin: daviesBouldinScore(X, n, d, km),
        calinskiHarabasz: calinskiHarabaszScore(X, n, d, km),
        inertia: kmeansRuns[i].inertia,
      },
      hierarchical: linkage
        ? {
            labels: treeLabels[i],
            silhouette: silhouettes.scores[ks.length + i],
            daviesBouldin: daviesBouldinScore(X, n, d, treeLabels[i]),
            calinskiHarabasz: calinskiHarabaszScore(X, n, d, treeLabels[i]),
            inertia: withinSumOfSquares(X, n, d, treeLabels[i], k),
          }
        : null,
    };
  });
  progress(1, 'done');
  return {
    rows,
    method,
    linkage,
    silhouettePoints: silhouettes.points,
    silhouetteExact: silhouettes.exact,
  };
}

/** Σ over points of the squared distance to their cluster's mean (labels in 0..k−1). */
function withinSumOfSquares(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
): number {
  const means = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const co = labels[i] * d;
    counts[labels[i]]++;
    for (let t = 0; t < d; t++) means[co + t] += X[i * d + t];
  }
  for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) means[c * d + t] /= counts[c];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const co = labels[i] * d;
    for (let t = 0; t < d; t++) {
      const a = X[i * d + t] - means[co + t];
      total += a * a;
    }
  }
  return total;
}
