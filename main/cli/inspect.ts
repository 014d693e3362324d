/**
 * `npm run inspect -- [folder]`: reads a release only and prints its summary as JSON on stdout
 * (SPEC §7): release, ratings, users, movies (with at least one rating), movies_listed,
 * rating_scale and warnings.
 */
import { Command } from 'commander';
import { resolve } from 'node:path';
import { FactorLensCore } from '../core/core';
import { datasetJson, demoDir, fail, progressPrinter, workerDir } from './common';

const program = new Command()
  .name('inspect')
  .description('Print the summary of a MovieLens release as JSON.')
  .argument('[dataset]', 'MovieLens folder (default: the bundled synthetic demo)')
  .option('-q, --quiet', 'no progress on stderr', true)
  .configureOutput({
    outputError: (s, write) => write(`factorlens: ${s.replace(/^error: /, '')}`),
  });

async function main(): Promise<void> {
  program.parse();
  const [datasetArg] = program.args;
  const core = new FactorLensCore({ workerDir, demoDir });
  core.onProgress(progressPrinter(program.opts().quiet));
  const s = await core.openDataset('inspect', datasetArg ? resolve(datasetArg) : null);
  const out = {
    ...datasetJson(s),
    rating_histogram: Object.fromEntries(s.ratingHistogram.map((b) => [String(b.value), b.count])),
    genres: s.genres,
    has_demographics: s.hasDemographics,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().catch((e: unknown) => fail(e));
