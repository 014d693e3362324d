import {
  analyseClusters,
  type AnalyseClustersInput,
  type AnalyseClustersOutput,
} from './engine/analyse-clusters';
import { hostJob, transferablesOf } from './worker-host';

export type ClusterJobInput = AnalyseClustersInput;
export type ClusterJobOutput = AnalyseClustersOutput;

hostJob<ClusterJobInput, ClusterJobOutput>(
  (input, ctx) =>
    analyseClusters(input, { signal: ctx.signal, onProgress: (f, m) => ctx.progress(f, m) }),
  (o) =>
    transferablesOf([
      o.uvStd,
      o.kmeans.labels,
      o.kmeans.silhouetteSamples,
      o.ward.labels,
      o.ward.silhouetteSamples,
      o.linkage.left,
      o.linkage.right,
      o.linkage.height,
      o.linkage.size,
    ]),
);
