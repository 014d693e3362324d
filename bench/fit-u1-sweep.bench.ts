/**
 * Held-out RMSE on MovieLens 100K's given split u1.base / u1.test (not a test): a small K × λ
 * grid fitted by gradient descent (the app's defaults: α = 0.0002, 500 iterations, seed 134,
 * two threads per fit, cells one after another through runSweep) and by ALS from the same
 * start. For each cell: final train and held-out (validation) RMSE, the lowest held-out RMSE
 * seen and its iteration, final max update, seconds. For comparison, Surprise's published 5-fold
 * cross-validated RMSE for its SVD (biased matrix factorisation, SGD) on 100K is 0.934; our
 * model has no bias terms.
 *
 *   npx tsx bench/fit-u1-sweep.bench.ts
 */
import { join } from 'node:path';
import { alternatingLeastSquares } from '../workers/engine/fit/als';
import { fitParallel } from '../workers/engine/fit/fit-parallel';
import { alignGivenSplit } from '../workers/engine/fit/given-split';
import type { FitPointWithValidation } from '../workers/engine/fit/gradient-descent';
import {
  runSweep,
  sweepCellResult,
  type GridCell,
  type SweepCellResult,
} from '../workers/engine/fit/sweep';
import { createRng } from '../workers/engine/rng';
import {
  ML100K,
  WHOLE_STARS,
  bundleShardWorker,
  machine,
  readColumns,
  round,
} from './fit-bench-helpers';

const SEED = 134;
const factors = [5, 10, 20];
const lambdas = [0, 1, 5, 10, 20];
const cells: GridCell[] = factors.flatMap((K) => lambdas.map((lambda) => ({ factors: K, lambda })));
const split = alignGivenSplit(
  readColumns(join(ML100K, 'u1.base')),
  readColumns(join(ML100K, 'u1.test')),
  WHOLE_STARS,
);
const workerUrl = await bundleShardWorker();

function lowest(points: FitPointWithValidation[]) {
  let best = points[0];
  for (const p of points) {
    if ((p.validationRmse ?? Infinity) < (best.validationRmse ?? Infinity)) best = p;
  }
  return { validationRmse: round(best.validationRmse ?? NaN, 4), iteration: best.iteration };
}

const fixed = (x: number | null, digits: number) => (x === null ? null : round(x, digits));
const summary = (c: SweepCellResult) => ({
  ...c,
  trainRmse: fixed(c.trainRmse, 4),
  validationRmse: fixed(c.validationRmse, 4),
  maxUpdate: c.maxUpdate === null ? null : Number(c.maxUpdate.toPrecision(3)),
  seconds: round(c.seconds, 2),
});

const base = { tolerance: 0, initScale: 1, validation: split.test };
const gd = await runSweep(
  cells,
  async (cell) => {
    const t0 = performance.now();
    const r = await fitParallel(
      split.train,
      { ...base, ...cell, alpha: 0.0002, iterations: 500, rng: createRng(SEED) },
      { threads: 2, workerUrl },
    );
    const cellResult = sweepCellResult(cell, r, (performance.now() - t0) / 1000);
    return { ...summary(cellResult), lowestHeldOut: lowest(r.diagnostics) };
  },
  { concurrency: 1 },
);
const als = await runSweep(
  cells,
  async (cell) => {
    const t0 = performance.now();
    const r = alternatingLeastSquares(split.train, {
      ...base,
      ...cell,
      iterations: 25,
      rng: createRng(SEED),
    });
    const cellResult = sweepCellResult(cell, r, (performance.now() - t0) / 1000);
    return { ...summary(cellResult), lowestHeldOut: lowest(r.diagnostics) };
  },
  { concurrency: 1 },
);
/** The cell with the lowest final held-out RMSE. */
const best = (rows: { validationRmse: number | null }[]) =>
  rows.reduce((a, b) => ((b.validationRmse ?? Infinity) < (a.validationRmse ?? Infinity) ? b : a));
const gdRows = gd.results.filter((r) => r !== undefined);
const alsRows = als.results.filter((r) => r !== undefined);
process.stdout.write(
  `${JSON.stringify(
    {
      split: {
        train: 'u1.base',
        test: 'u1.test',
        trainRatings: split.train.nRatings,
        testKept: split.testKept,
        dropped: split.dropped,
      },
      machine: machine(),
      surpriseSvd5FoldRmse: 0.934,
      bestGradientDescent: best(gdRows),
      bestAls: best(alsRows),
      gradientDescent: gdRows,
      als: alsRows,
    },
    null,
    2,
  )}\n`,
);
