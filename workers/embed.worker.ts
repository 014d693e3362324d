import type { EmbedParams } from '../main/contract';
import { umapEmbed } from './engine/embed/umap';
import { mapConsistency } from './engine/embed/consistency';
import { createRng } from './engine/rng';
import { hostJob, transferablesOf } from './worker-host';

export interface EmbedJobInput {
  /** n × d row-major (UVstd). */
  X: Float64Array;
  n: number;
  d: number;
  params: EmbedParams;
  labels: { kmeans: Int32Array; ward: Int32Array };
}

export interface EmbedJobOutput {
  x: Float64Array;
  y: Float64Array;
  consistency: { kmeans: number; ward: number };
}

hostJob<EmbedJobInput, EmbedJobOutput>(
  ({ X, n, d, params, labels }, ctx) => {
    const { x, y } = umapEmbed(X, n, d, {
      nNeighbors: params.nNeighbors,
      nEpochs: params.nEpochs,
      minDist: params.minDist,
      rng: createRng(params.seed),
      signal: ctx.signal,
      onProgress: (f) => ctx.progress(f, `UMAP ${Math.round(f * 100)}%`),
    });
    return {
      x,
      y,
      consistency: {
        kmeans: mapConsistency(x, y, labels.kmeans),
        ward: mapConsistency(x, y, labels.ward),
      },
    };
  },
  (o) => transferablesOf([o.x, o.y]),
);
