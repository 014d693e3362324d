/** k-sweep worker: scores K-means and the hierarchical method at every k on a model's UVstd. */
import type { KSweepResult } from '../main/contract';
import { kSweep } from './engine/cluster/k-sweep';
import type { LinkageMethod } from './engine/cluster/linkage';
import { stackFactors } from './engine/cluster/stack-factors';
import { createRng } from './engine/rng';
import { hostJob } from './worker-host';

export interface KSweepJobInput {
  U: Float64Array;
  V: Float64Array;
  nUsers: number;
  nMovies: number;
  factors: number;
  ks: number[];
  restarts: number;
  seed: number;
  linkage: LinkageMethod;
}

export type KSweepJobOutput = Pick<KSweepResult, 'kmeans' | 'hierarchical' | 'silhouetteSample'>;

hostJob<KSweepJobInput, KSweepJobOutput>((input, ctx) => {
  const n = input.nUsers + input.nMovies;
  const X = stackFactors(input.U, input.nUsers, input.V, input.nMovies, input.factors);
  const r = kSweep(X, n, input.factors, {
    ks: input.ks.filter((k) => k < n),
    restarts: input.restarts,
    rng: createRng(input.seed),
    method: input.linkage,
    signal: ctx.signal,
    onProgress: (f, stage) => ctx.progress(f, stage),
  });
  const scores = (
    {
      silhouette,
      daviesBouldin,
      calinskiHarabasz,
      inertia,
    }: { silhouette: number; daviesBouldin: number; calinskiHarabasz: number; inertia: number },
    k: number,
  ) => ({
    k,
    silhouette,
    daviesBouldin,
    calinskiHarabasz,
    inertia,
  });
  return {
    kmeans: r.rows.map((row) => scores(row.kmeans, row.k)),
    hierarchical: r.rows.flatMap((row) =>
      row.hierarchical ? [scores(row.hierarchical, row.k)] : [],
    ),
    silhouetteSample: r.silhouetteExact ? null : r.silhouettePoints,
  };
});
