/**
 * Gradient descent on several threads, with the same result as gradientDescent to the bit.
 *
 * Pass A touches only user rows and pass B only movie rows, and within a pass every row's new
 * value depends on the other factor alone, so each pass splits into independent row ranges
 * (balanced by rating counts, shard-bounds.ts). The calling thread runs shard 0 and drives the
 * iteration (gd-steps.ts); helper threads (workers/fit-shard.worker.ts) run the others over
 * SharedArrayBuffer U, V and residuals, meeting at a barrier after every pass
 * (shard-barrier.ts). Shards return maxima only; sums are taken by the driver over per-row
 * partial results in row order, so the diagnostics do not depend on the number of threads.
 */
import { Worker } from 'node:worker_threads';
import { gdKernelsFor, resolveKernelChoice } from './gd-kernels';
import type { GdShardInput } from './gd-shard-loop';
import { gradientDescentSteps } from './gd-steps';
import { allocateGdWorkspace } from './gd-workspace';
import {
  checkGradientDescentInput,
  type GradientDescentOptions,
  type GradientDescentResult,
} from './gradient-descent';
import { initialFactors } from './initial-factors';
import {
  CONTROL_SLOTS,
  DONE,
  FAILED,
  READY,
  ShardCommand,
  awaitCount,
  startPass,
} from './shard-barrier';
import { balanceShards } from './shard-bounds';
import type { SparseRatings } from './sparse-ratings';

export interface ParallelOptions {
  /** Threads in all, the calling one included (1: no helper threads). */
  threads: number;
  /** The bundled helper entry, dist/node/workers/fit-shard.js. */
  workerUrl: string | URL;
  /**
   * Fewer threads are used when a thread would get fewer ratings than this: starting a helper
   * costs tens of milliseconds, more than small fits gain. Default 10,000.
   */
  minRatingsPerThread?: number;
}

export interface ParallelFitResult extends GradientDescentResult {
  /** Threads actually used. */
  threads: number;
}

const DEFAULT_MIN_RATINGS_PER_THREAD = 10_000;

export async function fitParallel(
  R: SparseRatings,
  o: GradientDescentOptions,
  p: ParallelOptions,
): Promise<ParallelFitResult> {
  checkGradientDescentInput(R, o);
  if (!Number.isInteger(p.threads) || p.threads < 1)
    throw new Error(`threads is ${p.threads}; expected an integer ≥ 1`);
  const perThread = p.minRatingsPerThread ?? DEFAULT_MIN_RATINGS_PER_THREAD;
  const S = Math.max(
    1,
    Math.min(p.threads, Math.floor(R.nRatings / Math.max(1, perThread)), R.nUsers, R.nMovies),
  );
  const K = o.factors;
  const { U, V } = initialFactors(
    R.nUsers,
    R.nMovies,
    K,
    o.initScale,
    o.rng,
    o.initialU,
    o.initialV,
  );
  const wasm = resolveKernelChoice(o.kernel) === 'wasm';
  const placement = wasm ? 'wasm' : S > 1 ? 'shared' : 'heap';
  const { workspace: w, memory } = allocateGdWorkspace(
    R,
    o.validation ?? null,
    K,
    o.alpha,
    o.lambda,
    U,
    V,
    placement,
  );
  const kernels = gdKernelsFor(K, memory);
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  const stats = new Float64Array(S > 1 ? new SharedArrayBuffer(S * 4 * 8) : new ArrayBuffer(4 * 8));
  const userBounds = balanceShards(R.userPtr, R.nUsers, S);
  const movieBounds = balanceShards(R.moviePtr, R.nMovies, S);

  const helpers: Worker[] = [];
  let failure: string | null = null;
  const check = () => {
    if (failure === null && Atomics.load(control, FAILED) === 1) failure = 'a shard threw';
    if (failure !== null) throw new Error(`fit-shard helper failed: ${failure}`);
  };
  try {
    for (let shard = 1; shard < S; shard++) {
      const worker = new Worker(p.workerUrl);
      worker.on('message', (m: { type?: string; message?: string }) => {
        if (m?.type === 'failed') failure ??= m.message ?? 'unknown error';
      });
      worker.on('error', (e: Error) => (failure ??= e.message));
      worker.on('exit', (code: number) => (failure ??= `exited with code ${code}`));
      const input: GdShardInput = {
        workspace: w,
        memory,
        control,
        stats,
        userBounds,
        movieBounds,
        shard,
      };
      worker.postMessage({
        type: 'start',
        input,
        cancelFlag: new Int32Array(new SharedArrayBuffer(4)),
      });
      helpers.push(worker);
    }
    await awaitCount(control, READY, S - 1, check);

    const steps = gradientDescentSteps(R, w, o);
    let next = steps.next();
    while (!next.done) {
      const pass = next.value;
      const command =
        pass.kind === 'movies'
          ? ShardCommand.Movies
          : pass.update
            ? ShardCommand.UsersUpdate
            : ShardCommand.UsersMeasure;
      if (S > 1) startPass(control, command);
      if (pass.kind === 'users')
        kernels.users(w, userBounds[0], userBounds[1], pass.update, stats, 0);
      else kernels.movies(w, movieBounds[0], movieBounds[1], stats, 0);
      if (S > 1) await awaitCount(control, DONE, S - 1, check);
      check();
      // Maxima combine in shard order with the kernels' own rule (NaN never wins a comparison).
      let maxChange = 0;
      let maxStep = 0;
      for (let s = 0; s < S; s++) {
        const change = stats[4 * s];
        const step = stats[4 * s + (pass.kind === 'users' ? 1 : 2)];
        if (change > maxChange) maxChange = change;
        if (step > maxStep) maxStep = step;
      }
      next = steps.next({ maxChange: pass.kind === 'users' ? maxChange : 0, maxStep });
    }
    const result = next.value;
    // Plain copies: the caller may transfer them, and the shared buffers die with the helpers.
    return {
      ...result,
      U: Float64Array.from(result.U),
      V: Float64Array.from(result.V),
      threads: S,
    };
  } finally {
    if (helpers.length > 0) {
      startPass(control, ShardCommand.Exit);
      await Promise.all(helpers.map((h) => h.terminate()));
    }
  }
}
