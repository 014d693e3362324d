/**
 * `npm run analyze -- [folder] --out <dir>`: the whole job headless. Opens a release (the
 * bundled synthetic demo when no folder is given), fits, clusters both ways, embeds with UMAP
 * and writes the report and every file of SPEC §7. Exit 0 on success, 2 on a diverged fit,
 * 1 on bad input; errors are one line.
 */
import { Command, InvalidArgumentError } from 'commander';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  DEFAULT_CLUSTER_PARAMS,
  DEFAULT_EMBED_PARAMS,
  DEFAULT_FIT_PARAMS,
  type Validation,
} from '../contract';
import { FactorLensCore } from '../core/core';
import { writeFileAtomic } from '../report/write-report';
import {
  datasetJson,
  demoDir,
  fail,
  number,
  progressPrinter,
  solverOption,
  splitOption,
  workerDir,
} from './common';

function movieRange(value: string): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(value.trim());
  if (!m || Number(m[1]) > Number(m[2]))
    throw new InvalidArgumentError(`--movie-ids must be a range like 1-500, got "${value}"`);
  return [Number(m[1]), Number(m[2])];
}

/** The validation the options ask for; at most one kind. */
function validationOf(o: {
  holdout?: number;
  folds?: number;
  fold?: number;
  split?: { train: string; test: string };
}): Validation {
  if (o.fold !== undefined && o.folds === undefined) {
    throw new InvalidArgumentError('--fold needs --folds (the number of folds)');
  }
  const kinds = [o.holdout !== undefined, o.folds !== undefined, o.split !== undefined].filter(
    Boolean,
  ).length;
  if (kinds > 1) throw new InvalidArgumentError('choose one of --holdout, --folds and --split');
  if (o.holdout !== undefined) {
    if (o.holdout >= 1)
      throw new InvalidArgumentError(`--holdout must be a fraction below 1, got ${o.holdout}`);
    return { kind: 'holdout', fraction: o.holdout };
  }
  if (o.folds !== undefined) {
    const fold = o.fold ?? 0;
    if (fold >= o.folds)
      throw new InvalidArgumentError(`--fold must be below --folds (${o.folds}), got ${fold}`);
    return { kind: 'kfold', folds: o.folds, fold };
  }
  if (o.split !== undefined) return { kind: 'given', ...o.split };
  return { kind: 'none' };
}

/** Refuses an output folder that exists (unless --force) or cannot be created, before any work. */
function checkOutputFolder(out: string, force: boolean): void {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new Error(`--out ${out} is a file; give a folder`);
    if (!force)
      throw new Error(`report folder ${out} already exists; choose another folder or pass --force`);
  }
  let parent = dirname(out);
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  try {
    if (!statSync(parent).isDirectory()) throw new Error('not a folder');
    accessSync(parent, constants.W_OK);
  } catch {
    throw new Error(`cannot create ${out}: ${parent} is not a writable folder`);
  }
}

const program = new Command()
  .name('analyze')
  .description(
    'Fit a latent-factor model to a MovieLens release, cluster users and movies, write the report.',
  )
  .argument('[dataset]', 'MovieLens folder (default: the bundled synthetic demo)')
  .option('-o, --out <dir>', 'output folder (must not exist, unless --force)', 'factorlens-report')
  .option('--force', 'replace an existing output folder (atomically)', false)
  .option(
    '--factors <K>',
    'latent factors K',
    number('--factors', { integer: true, min: 1 }),
    DEFAULT_FIT_PARAMS.factors,
  )
  .option(
    '--alpha <α>',
    'gradient-descent step size',
    number('--alpha', { positive: true }),
    DEFAULT_FIT_PARAMS.alpha,
  )
  .option(
    '--lambda <λ>',
    'L2 regularisation',
    number('--lambda', { min: 0 }),
    DEFAULT_FIT_PARAMS.lambda,
  )
  .option(
    '--iterations <n>',
    'iteration limit',
    number('--iterations', { integer: true, min: 1 }),
    DEFAULT_FIT_PARAMS.iterations,
  )
  .option(
    '--tolerance <x>',
    'stop when max residual change < x (0: off)',
    number('--tolerance', { min: 0 }),
    DEFAULT_FIT_PARAMS.tolerance,
  )
  .option(
    '--init-scale <s>',
    'U, V start uniform in [0, s)',
    number('--init-scale', { positive: true }),
    DEFAULT_FIT_PARAMS.initScale,
  )
  .option(
    '--clusters <k>',
    'clusters for both methods',
    number('--clusters', { integer: true, min: 2 }),
    DEFAULT_CLUSTER_PARAMS.k,
  )
  .option(
    '--restarts <n>',
    'K-means restarts',
    number('--restarts', { integer: true, min: 1 }),
    DEFAULT_CLUSTER_PARAMS.restarts,
  )
  .option(
    '--min-ratings <n>',
    'ratings a representative movie needs',
    number('--min-ratings', { integer: true, min: 1 }),
    DEFAULT_CLUSTER_PARAMS.minRatings,
  )
  .option(
    '--neighbors <n>',
    'UMAP neighbours',
    number('--neighbors', { integer: true, min: 2 }),
    DEFAULT_EMBED_PARAMS.nNeighbors,
  )
  .option(
    '--epochs <n>',
    'UMAP epochs',
    number('--epochs', { integer: true, min: 10 }),
    DEFAULT_EMBED_PARAMS.nEpochs,
  )
  .option(
    '--solver <gd|als>',
    'gradient descent (the notebook) or alternating least squares',
    solverOption,
    'gd',
  )
  .option(
    '--threads <n>',
    'threads for gradient descent',
    number('--threads', { integer: true, min: 1 }),
    1,
  )
  .option(
    '--holdout <fraction>',
    'hold out a seeded fraction of the ratings, e.g. 0.2',
    number('--holdout', { positive: true }),
  )
  .option(
    '--folds <k>',
    'k-fold validation: number of folds (with --fold)',
    number('--folds', { integer: true, min: 2 }),
  )
  .option(
    '--fold <f>',
    'k-fold validation: the fold held out, 0…k−1',
    number('--fold', { integer: true, min: 0 }),
  )
  .option(
    '--split <train,test>',
    "the release's own split, e.g. u1.base,u1.test (100K)",
    splitOption,
  )
  .option('--movie-ids <a-b>', 'subset: movie id range, e.g. 1-500', movieRange)
  .option(
    '--top-movies <n>',
    'subset: the n most rated movies',
    number('--top-movies', { integer: true, min: 1 }),
  )
  .option(
    '--min-user-ratings <n>',
    'subset: users with at least n ratings',
    number('--min-user-ratings', { integer: true, min: 0 }),
    0,
  )
  .option(
    '--min-movie-ratings <n>',
    'subset: movies with at least n ratings',
    number('--min-movie-ratings', { integer: true, min: 0 }),
    0,
  )
  .option(
    '--seed <n>',
    'random seed for every stage',
    number('--seed', { integer: true }),
    DEFAULT_FIT_PARAMS.seed,
  )
  .option('-q, --quiet', 'no progress on stderr', false)
  .configureOutput({
    outputError: (s, write) => write(`factorlens: ${s.replace(/^error: /, '')}`),
  });

async function main(): Promise<void> {
  program.parse();
  const o = program.opts();
  const [datasetArg] = program.args;
  const out = resolve(o.out);
  // Everything that can be checked before the work is checked before it.
  const validation = validationOf(o as Parameters<typeof validationOf>[0]);
  checkOutputFolder(out, o.force);
  const core = new FactorLensCore({ workerDir, demoDir });
  core.onProgress(progressPrinter(o.quiet));
  process.on('SIGINT', () => {
    core.cancelAll();
    fail(new Error('cancelled; no report was written'), 130);
  });
  const dataset = await core.openDataset('load', datasetArg ? resolve(datasetArg) : null);
  const points = dataset.users + dataset.movies;
  if (o.clusters > points - 1) {
    fail(
      new Error(
        `--clusters ${o.clusters} needs more points: this dataset has ${points} users and movies, so k ≤ ${points - 1}`,
      ),
    );
  }
  if (dataset.synthetic && !o.quiet)
    process.stderr.write('note: no dataset given; using the bundled SYNTHETIC demo dataset\n');
  const fitParams = {
    factors: o.factors,
    alpha: o.alpha,
    lambda: o.lambda,
    iterations: o.iterations,
    tolerance: o.tolerance,
    initScale: o.initScale,
    seed: o.seed,
    solver: o.solver as 'gd' | 'als',
    threads: o.threads as number,
    validation,
  };
  const subset = {
    movieIdMin: o.movieIds ? o.movieIds[0] : null,
    movieIdMax: o.movieIds ? o.movieIds[1] : null,
    topMovies: o.topMovies ?? null,
    minRatingsPerUser: o.minUserRatings,
    minRatingsPerMovie: o.minMovieRatings,
  };
  const fit = await core.fit('fit', dataset.datasetId, fitParams, subset);
  if (fit.status === 'diverged') fail(new Error(fit.divergence?.message ?? 'the fit diverged'), 2);
  const clusterParams = {
    ...DEFAULT_CLUSTER_PARAMS,
    k: o.clusters,
    restarts: o.restarts,
    seed: o.seed,
    minRatings: o.minRatings,
  };
  const clustering = await core.cluster('cluster', fit.modelId, clusterParams);
  const embedParams = {
    ...DEFAULT_EMBED_PARAMS,
    seed: o.seed,
    nNeighbors: o.neighbors,
    nEpochs: o.epochs,
  };
  await core.embed('embed', clustering.clusteringId, embedParams);
  const written = await core.exportReport('export', clustering.clusteringId, out, o.force);
  const last = fit.diagnostics.at(-1);
  const summary = {
    dataset: datasetJson(dataset),
    parameters: {
      factors: fitParams.factors,
      alpha: fitParams.alpha,
      lambda: fitParams.lambda,
      iterations: fitParams.iterations,
      tolerance: fitParams.tolerance,
      init_scale: fitParams.initScale,
      seed: fitParams.seed,
      solver: fitParams.solver,
      threads: fitParams.threads,
      validation: fit.validation,
      clusters: clusterParams.k,
      restarts: clusterParams.restarts,
      min_ratings: clusterParams.minRatings,
      umap: {
        neighbors: embedParams.nNeighbors,
        epochs: embedParams.nEpochs,
        min_dist: embedParams.minDist,
      },
    },
    subset: fit.subset
      ? {
          description: fit.subset.description,
          users: fit.subset.users,
          movies: fit.subset.movies,
          ratings: fit.subset.ratings,
        }
      : null,
    status: fit.status,
    iterations: fit.iterations,
    final: last
      ? {
          rmse: last.rmse,
          max_residual_change: last.maxResidualChange,
          max_update: last.maxUpdate,
          objective: last.objective,
        }
      : null,
    timings: {
      load: core.timings.load,
      train: core.timings.train,
      cluster: core.timings.cluster,
      embed: core.timings.embed,
      report: core.timings.report,
    },
  };
  await writeFileAtomic(resolve(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (!o.quiet) process.stderr.write(`wrote ${written.files.length + 1} files to ${out}\n`);
  process.stdout.write(`${out}\n`);
}

main().catch((e: unknown) => fail(e));
