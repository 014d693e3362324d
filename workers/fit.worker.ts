import type { FitParams, FitPoint } from '../main/contract';
import {
  gradientDescent,
  type GradientDescentResult,
  type SparseRatings,
} from './engine/fit/gradient-descent';
import { createRng } from './engine/rng';
import { hostJob, transferablesOf } from './worker-host';

export interface FitInput {
  ratings: SparseRatings;
  params: FitParams;
}

hostJob<FitInput, GradientDescentResult>(
  ({ ratings, params }, ctx) => {
    // Diagnostics stream in batches (~30 a second at most) so a fast fit never floods the UI.
    let pending: FitPoint[] = [];
    let last = 0;
    const result = gradientDescent(ratings, {
      ...params,
      rng: createRng(params.seed),
      signal: ctx.signal,
      onIteration(point) {
        pending.push(point);
        const now = performance.now();
        if (now - last >= 33 || point.iteration === params.iterations) {
          last = now;
          ctx.progress(
            point.iteration / params.iterations,
            `iteration ${point.iteration} of ${params.iterations}`,
            pending,
          );
          pending = [];
        }
      },
    });
    if (pending.length > 0)
      ctx.progress(
        result.iterations / params.iterations,
        `iteration ${result.iterations}`,
        pending,
      );
    return result;
  },
  (r) => transferablesOf([r.U, r.V]),
);
