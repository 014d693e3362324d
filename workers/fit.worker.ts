/**
 * Fit worker: one model per job. Splits off held-out ratings when asked (seeded hold-out or a
 * k-fold fold; a given split arrives ready from the core), then runs gradient descent — on
 * several threads when asked — or ALS, streaming the diagnostics in batches.
 */
import { join } from 'node:path';
import type { FitParams, FitPoint } from '../main/contract';
import { alternatingLeastSquares } from './engine/fit/als';
import { fitParallel } from './engine/fit/fit-parallel';
import {
  gradientDescent,
  type GradientDescentResult,
  type SparseRatings,
} from './engine/fit/gradient-descent';
import { kFoldSplits } from './engine/fit/k-fold-splits';
import { splitHoldout } from './engine/fit/split-holdout';
import { childSeed, createRng } from './engine/rng';
import { hostJob, transferablesOf, type JobContext } from './worker-host';

export interface FitInput {
  ratings: SparseRatings;
  params: FitParams;
  /** Held-out ratings in `ratings`' index space, for a given split (100K's u1.test). */
  test: SparseRatings | null;
  /** Where `fit-shard.js` lives, for multi-threaded gradient descent. */
  workerDir: string;
}

export interface FitOutput extends GradientDescentResult {
  trainRatings: number;
  testRatings: number;
}

/** Splits R for validation as the params ask; the split's seed is derived from the fit's. */
function split(
  R: SparseRatings,
  params: FitParams,
  test: SparseRatings | null,
): { train: SparseRatings; test: SparseRatings | null } {
  const v = params.validation;
  const rng = createRng(childSeed(params.seed, 1001));
  if (v.kind === 'holdout') return splitHoldout(R, v.fraction, rng);
  if (v.kind === 'kfold') {
    if (v.fold >= v.folds)
      throw new Error(`fold ${v.fold} does not exist; folds run 0…${v.folds - 1}`);
    return kFoldSplits(R, v.folds, rng).split(v.fold);
  }
  return { train: R, test };
}

async function fit(
  { ratings, params, test, workerDir }: FitInput,
  ctx: JobContext,
): Promise<FitOutput> {
  const { train, test: held } = split(ratings, params, test);
  // Diagnostics stream in batches (~30 a second at most) so a fast fit never floods the UI.
  let pending: FitPoint[] = [];
  let last = 0;
  const onIteration = (point: FitPoint) => {
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
  };
  const options = {
    factors: params.factors,
    alpha: params.alpha,
    lambda: params.lambda,
    iterations: params.iterations,
    tolerance: params.tolerance,
    initScale: params.initScale,
    rng: createRng(params.seed),
    signal: ctx.signal,
    onIteration,
    validation: held ?? undefined,
  };
  let result: GradientDescentResult;
  if (params.solver === 'als') {
    const r = alternatingLeastSquares(train, options);
    result = {
      ...r,
      divergence: r.divergence ? { ...r.divergence, suggestedAlpha: params.alpha } : null,
    };
  } else if (params.threads > 1) {
    result = await fitParallel(train, options, {
      threads: params.threads,
      workerUrl: join(workerDir, 'fit-shard.js'),
    });
  } else {
    result = gradientDescent(train, options);
  }
  if (pending.length > 0)
    ctx.progress(result.iterations / params.iterations, `iteration ${result.iterations}`, pending);
  return { ...result, trainRatings: train.nRatings, testRatings: held?.nRatings ?? 0 };
}

hostJob<FitInput, FitOutput>(fit, (r) => transferablesOf([r.U, r.V]));
