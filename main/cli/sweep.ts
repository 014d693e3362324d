/**
 * `npm run sweep -- [dataset] [options]`: fits one model per (K, λ) cell on parallel worker
 * threads and prints, per cell, the final train RMSE, held-out RMSE and final max update as
 * CSV (stdout, or --out). Defaults: SPEC §3's grids, λ ∈ {0.1, 0.5, 1, 5, 10} at K = 20 and
 * K ∈ {10, 20, 30, 40, 50} at λ = 5, with a seeded 20% hold-out.
 */
import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import {
  DEFAULT_FACTOR_GRID,
  DEFAULT_FIT_PARAMS,
  DEFAULT_LAMBDA_GRID,
  type Validation,
} from '../contract';
import { FactorLensCore } from '../core/core';
import { writeFileAtomic } from '../report/write-report';
import {
  demoDir,
  fail,
  number,
  progressPrinter,
  solverOption,
  splitOption,
  workerDir,
} from './common';

/** A comma-separated list of numbers; empty leaves that sweep out. */
const list = (name: string, integer: boolean) => (value: string) =>
  value.trim() === '' ? [] : value.split(',').map((v) => number(name, { integer, min: 0 })(v));

const program = new Command()
  .name('sweep')
  .description('Fit a grid of models over K and λ and compare their held-out RMSE.')
  .argument('[dataset]', 'MovieLens folder or zip (default: the bundled synthetic demo)')
  .option(
    '--lambdas <list>',
    'λ values at --lambda-factors K',
    list('--lambdas', false),
    DEFAULT_LAMBDA_GRID,
  )
  .option(
    '--lambda-factors <K>',
    'K for the λ sweep',
    number('--lambda-factors', { integer: true, min: 1 }),
    20,
  )
  .option(
    '--factor-list <list>',
    'K values at --factors-lambda λ',
    list('--factor-list', true),
    DEFAULT_FACTOR_GRID,
  )
  .option('--factors-lambda <λ>', 'λ for the K sweep', number('--factors-lambda', { min: 0 }), 5)
  .option(
    '--alpha <α>',
    'step size',
    number('--alpha', { positive: true }),
    DEFAULT_FIT_PARAMS.alpha,
  )
  .option(
    '--iterations <n>',
    'iterations per cell',
    number('--iterations', { integer: true, min: 1 }),
    DEFAULT_FIT_PARAMS.iterations,
  )
  .option('--solver <gd|als>', 'gd or als', solverOption, 'gd')
  .option('--holdout <fraction>', 'held-out fraction', number('--holdout', { positive: true }), 0.2)
  .option(
    '--split <train,test>',
    "the release's split instead of a hold-out, e.g. u1.base,u1.test",
    splitOption,
  )
  .option(
    '--concurrency <n>',
    'cells fitted at once',
    number('--concurrency', { integer: true, min: 1 }),
    2,
  )
  .option('--seed <n>', 'seed', number('--seed', { integer: true }), DEFAULT_FIT_PARAMS.seed)
  .option('-o, --out <file>', 'write the CSV here instead of stdout')
  .option('-q, --quiet', 'no progress on stderr', false)
  .configureOutput({
    outputError: (s, write) => write(`factorlens: ${s.replace(/^error: /, '')}`),
  });

async function main(): Promise<void> {
  program.parse();
  const o = program.opts();
  let validation: Validation = { kind: 'holdout', fraction: o.holdout };
  if (o.split) validation = { kind: 'given', ...(o.split as { train: string; test: string }) };
  else if (!(o.holdout < 1))
    throw new InvalidArgumentError(`--holdout must be a fraction below 1, got ${o.holdout}`);
  const cells = [
    ...(o.lambdas as number[]).map((lambda) => ({ factors: o.lambdaFactors as number, lambda })),
    ...(o.factorList as number[]).map((factors) => ({
      factors,
      lambda: o.factorsLambda as number,
    })),
  ];
  if (cells.length === 0)
    throw new InvalidArgumentError('the grid is empty: give --lambdas or --factor-list');
  const core = new FactorLensCore({ workerDir, demoDir });
  core.onProgress(progressPrinter(o.quiet));
  const [datasetArg] = program.args;
  const dataset = await core.openDataset('load', datasetArg ? resolve(datasetArg) : null);
  const base = {
    ...DEFAULT_FIT_PARAMS,
    alpha: o.alpha,
    iterations: o.iterations,
    seed: o.seed,
    solver: o.solver,
    validation,
  };
  const { cells: done } = await core.sweep(
    'sweep',
    dataset.datasetId,
    base,
    null,
    cells,
    o.concurrency,
  );
  const rows = done.map((c) =>
    [
      c.factors,
      c.lambda,
      c.status,
      c.iterations,
      c.trainRmse ?? '',
      c.validationRmse ?? '',
      c.maxUpdate ?? '',
      c.seconds.toFixed(3),
    ].join(','),
  );
  const csv = `factors,lambda,status,iterations,train_rmse,validation_rmse,max_update,seconds\n${rows.join('\n')}\n`;
  if (o.out) await writeFileAtomic(resolve(o.out), csv);
  else process.stdout.write(csv);
}

main().catch((e: unknown) => fail(e));
