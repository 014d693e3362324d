import { loadDataset, type LoadedDataset } from './data/load-dataset';
import { hostJob, transferablesOf } from './worker-host';

hostJob<{ path: string }, LoadedDataset>(
  (input, ctx) =>
    loadDataset(input.path, {
      signal: ctx.signal,
      onProgress: (read, total) =>
        ctx.progress(
          total > 0 ? read / total : null,
          `read ${(read / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`,
        ),
    }),
  (d) =>
    transferablesOf([
      d.movieGenres,
      d.demographics?.age,
      d.demographics?.gender,
      d.demographics?.occupation,
    ]),
);
