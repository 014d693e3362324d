/**
 * ALS against gradient descent on time to the same objective (not a test): on MovieLens 100K
 * at K = 20, gradient descent runs 500 iterations at α = 0.0002 (the app's defaults) on one and
 * on two threads; ALS from the same seeded start then runs until its objective is at or below
 * gradient descent's final one. Both objectives are f = Σ_Ω r² + λ(‖U‖² + ‖V‖²); at λ = 0 ALS
 * adds its stated 1e-9 relative ridge (als.ts), which does not enter f.
 *
 *   npx tsx bench/fit-als.bench.ts [lambda=0 ...]
 */
import { join } from 'node:path';
import { alternatingLeastSquares } from '../workers/engine/fit/als';
import { fitParallel } from '../workers/engine/fit/fit-parallel';
import { gradientDescent } from '../workers/engine/fit/gradient-descent';
import { createRng } from '../workers/engine/rng';
import {
  ML100K,
  bundleShardWorker,
  machine,
  readMatrix,
  round,
  waitForQuiet,
} from './fit-bench-helpers';

const K = 20;
const ALPHA = 0.0002;
const GD_ITERATIONS = 500;
const SEED = 134;
const lambdas = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [0];
const R = readMatrix(join(ML100K, 'u.data'));
const workerUrl = await bundleShardWorker();
const results = [];
const before = machine();

for (const lambda of lambdas) {
  const gdOptions = () => ({
    factors: K,
    alpha: ALPHA,
    lambda,
    iterations: GD_ITERATIONS,
    tolerance: 0,
    initScale: 1,
    rng: createRng(SEED),
  });
  const quiet = await waitForQuiet();
  let t0 = performance.now();
  const gd = gradientDescent(R, gdOptions());
  const gdSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await fitParallel(R, gdOptions(), { threads: 2, workerUrl });
  const gd2Seconds = (performance.now() - t0) / 1000;
  const target = gd.diagnostics.at(-1)!.objective;

  const signal = { aborted: false };
  // A holder, not a `let`: TypeScript cannot see the callback assign a local.
  const at: {
    reached: { iteration: number; seconds: number; objective: number; rmse: number } | null;
  } = {
    reached: null,
  };
  t0 = performance.now();
  const als = alternatingLeastSquares(R, {
    factors: K,
    lambda,
    iterations: 100,
    tolerance: 0,
    initScale: 1,
    rng: createRng(SEED),
    signal,
    onIteration(p) {
      if (at.reached === null && p.objective <= target) {
        at.reached = {
          iteration: p.iteration,
          seconds: (performance.now() - t0) / 1000,
          objective: p.objective,
          rmse: p.rmse,
        };
        signal.aborted = true;
      }
    },
  });
  const alsSeconds = (performance.now() - t0) / 1000;
  const found = at.reached;
  results.push({
    K,
    lambda,
    startedQuiet: quiet,
    gradientDescent: {
      iterations: gd.iterations,
      status: gd.status,
      objective: target,
      rmse: gd.diagnostics.at(-1)!.rmse,
      seconds1Thread: round(gdSeconds),
      seconds2Threads: round(gd2Seconds),
    },
    als: found
      ? {
          iterationsToObjective: found.iteration,
          secondsToObjective: round(found.seconds),
          objective: found.objective,
          rmse: found.rmse,
          secondsPerIteration: round(found.seconds / found.iteration),
          ridge: als.ridge,
        }
      : {
          reached: false,
          iterations: als.iterations,
          seconds: round(alsSeconds),
          objective: als.diagnostics.at(-1)?.objective,
        },
    speedupOverGd1Thread: found ? round(gdSeconds / found.seconds, 1) : null,
  });
}
process.stdout.write(
  `${JSON.stringify({ dataset: join(ML100K, 'u.data'), machine: before, results }, null, 2)}\n`,
);
