/**
 * The clustering stage of SPEC §4 end to end, as one pure function: standardise and stack the
 * factors into UVstd, run K-means and Ward, score both with the three metrics, compare them,
 * and profile every cluster. Returns typed arrays only; the core attaches titles and ids.
 */
import type { ClusterParams } from '../../main/contract';
import { stackFactors } from './cluster/stack-factors';
import { kmeans } from './cluster/kmeans';
import type { Linkage } from './cluster/ward';
import { linkage } from './cluster/linkage';
import { cutTreeAtHeight } from './cluster/cut-height';
import { cutTree } from './cluster/cut-tree';
import { copheneticCorrelation } from './cluster/cophenetic';
import { silhouetteSampleSize, silhouetteSamples } from './cluster/silhouette';
import { daviesBouldinScore } from './cluster/davies-bouldin';
import { calinskiHarabaszScore } from './cluster/calinski-harabasz';
import { adjustedRandIndex, contingencyTable } from './cluster/agreement';
import { representativeMovies } from './profile/representative';
import { genreMix } from './profile/genre-mix';
import { userDemographics } from './profile/demographics';
import { createRng, childSeed } from './rng';

export interface DemographicsColumns {
  age: Float64Array;
  gender: Uint8Array;
  occupation: Int32Array;
  occupationNames: string[];
}

export interface AnalyseClustersInput {
  /** nUsers × factors and nMovies × factors, row-major. */
  U: Float64Array;
  V: Float64Array;
  nUsers: number;
  nMovies: number;
  factors: number;
  params: ClusterParams;
  /** Ratings per movie row. */
  ratingCounts: Int32Array;
  /** nMovies × nGenres flags. */
  movieGenres: Uint8Array;
  nGenres: number;
  demographics: DemographicsColumns | null;
}

export interface MethodOutput {
  labels: Int32Array;
  silhouette: number;
  /** Per point; NaN for points outside the silhouette sample. */
  silhouetteSamples: Float64Array;
  silhouetteSample: number | null;
  daviesBouldin: number;
  calinskiHarabasz: number;
  inertia: number;
  copheneticCorrelation: number | null;
  profiles: ReturnType<typeof representativeMovies>;
  genreShares: Float64Array[];
  demographics: ReturnType<typeof userDemographics> | null;
}

export interface AnalyseClustersOutput {
  uvStd: Float64Array;
  kmeans: MethodOutput;
  ward: MethodOutput;
  linkage: Linkage;
  overallGenreShares: Float64Array;
  adjustedRand: number;
  contingency: { rows: number; cols: number; counts: Int32Array };
}

export function analyseClusters(
  input: AnalyseClustersInput,
  options: { signal?: AbortSignal; onProgress?: (fraction: number, message: string) => void } = {},
): AnalyseClustersOutput {
  const { nUsers, nMovies, factors: d, params } = input;
  const n = nUsers + nMovies;
  const { signal } = options;
  const progress = options.onProgress ?? (() => {});
  // Silhouette needs at least one cluster with two points: k ≤ n − 1.
  if (params.k > n - 1) {
    throw new Error(`cannot make ${params.k} clusters from ${n} points; choose k <= ${n - 1}`);
  }
  progress(0, 'standardising factors');
  const X = stackFactors(input.U, nUsers, input.V, nMovies, d);

  progress(0.02, `K-means, ${params.restarts} restarts`);
  const km = kmeans(X, n, d, {
    k: params.k,
    restarts: params.restarts,
    rng: createRng(params.seed),
    signal,
    onProgress: (f) => progress(0.02 + 0.2 * f, 'K-means'),
  });
  const method = params.linkage;
  progress(0.22, `${method} linkage`);
  const tree = linkage(X, n, d, method, {
    signal,
    onProgress: (f) => progress(0.22 + 0.38 * f, `${method} linkage`),
  });
  // Cut into k clusters, or at a height (then the tree decides how many).
  const wardLabels =
    params.cutHeight !== null
      ? cutTreeAtHeight(tree, n, params.cutHeight)
      : cutTree(tree, n, params.k);
  let hierK = 0;
  for (const l of wardLabels) if (l + 1 > hierK) hierK = l + 1;
  if (hierK < 2) {
    throw new Error(
      `cutting the tree at height ${params.cutHeight} leaves one cluster; choose a height below ${tree.height[n - 2]}`,
    );
  }

  // Exact up to SILHOUETTE_EXACT_LIMIT points, then a seeded sample sized to a pair budget.
  const sampleSize = silhouetteSampleSize(n);
  const sampled = sampleSize < n;
  let overallGenreShares: Float64Array = new Float64Array(input.nGenres);
  const score = (labels: Int32Array, k: number, base: number, name: string): MethodOutput => {
    progress(base, `${name}: silhouette`);
    const s = silhouetteSamples(
      X,
      n,
      d,
      labels,
      // A fresh stream per method: both methods are scored on the same sampled points.
      sampled
        ? { sample: { size: sampleSize, rng: createRng(childSeed(params.seed, 7)) } }
        : undefined,
    );
    let sum = 0;
    let counted = 0;
    for (const v of s) {
      if (!Number.isNaN(v)) {
        sum += v;
        counted++;
      }
    }
    progress(base + 0.15, `${name}: profiles`);
    const profiles = representativeMovies(
      X,
      nUsers,
      nMovies,
      d,
      labels,
      k,
      input.ratingCounts,
      params.minRatings,
    );
    const mix = genreMix(labels, nUsers, nMovies, k, input.movieGenres, input.nGenres);
    overallGenreShares = mix.overall;
    const dem = input.demographics
      ? userDemographics(
          labels,
          nUsers,
          k,
          input.demographics.age,
          input.demographics.gender,
          input.demographics.occupation,
          input.demographics.occupationNames,
        )
      : null;
    return {
      labels,
      silhouette: counted > 0 ? sum / counted : 0,
      silhouetteSamples: s,
      silhouetteSample: sampled ? counted : null,
      daviesBouldin: daviesBouldinScore(X, n, d, labels),
      calinskiHarabasz: calinskiHarabaszScore(X, n, d, labels),
      inertia: withinSumOfSquares(X, n, d, labels, k),
      copheneticCorrelation: null,
      profiles,
      genreShares: mix.shares,
      demographics: dem,
    };
  };
  const kmOut = score(km.labels, params.k, 0.6, 'K-means');
  const wardOut = score(wardLabels, hierK, 0.78, method);
  progress(0.95, 'cophenetic correlation');
  wardOut.copheneticCorrelation = copheneticCorrelation(tree, X, n, d);
  // The share among all movies does not depend on the labels: any method's mix has it.
  progress(1, 'done');
  return {
    uvStd: X,
    kmeans: kmOut,
    ward: wardOut,
    linkage: tree,
    overallGenreShares,
    adjustedRand: adjustedRandIndex(km.labels, wardLabels),
    contingency: contingencyTable(km.labels, wardLabels),
  };
}

/** Σ over points of the squared distance to their cluster's mean (K-means' inertia). */
export function withinSumOfSquares(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
): number {
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    counts[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += X[i * d + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) sums[c * d + j] /= Math.max(counts[c], 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    for (let j = 0; j < d; j++) {
      const diff = X[i * d + j] - sums[c * d + j];
      total += diff * diff;
    }
  }
  return total;
}
