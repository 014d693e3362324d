/**
 * What the command-line entries share: where the built workers and the demo dataset live,
 * one-line error reporting, and progress on stderr.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from 'commander';
import type { DatasetSummary, ProgressEvent } from '../contract';

const here = dirname(fileURLToPath(import.meta.url));
/** dist/node → repository root (or the app folder when packaged). */
export const appRoot = resolve(here, '..', '..');
export const workerDir = join(here, 'workers');
export const demoDir = join(appRoot, 'assets', 'demo');

/** Prints `factorlens: <message>` and exits; a stack only with FACTORLENS_DEBUG=1. */
export function fail(e: unknown, code = 1): never {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`factorlens: ${message.split('\n')[0]}\n`);
  if (process.env.FACTORLENS_DEBUG === '1' && e instanceof Error)
    process.stderr.write(`${e.stack}\n`);
  process.exit(code);
}

export function number(name: string, { integer = false, min = -Infinity, positive = false } = {}) {
  return (value: string): number => {
    const x = Number(value);
    if (
      value.trim() === '' ||
      !Number.isFinite(x) ||
      (integer && !Number.isInteger(x)) ||
      x < min ||
      (positive && x <= 0)
    ) {
      const what = integer ? 'an integer' : 'a number';
      const bound = positive ? ' > 0' : min > -Infinity ? ` >= ${min}` : '';
      throw new InvalidArgumentError(`${name} must be ${what}${bound}, got "${value}"`);
    }
    return x;
  };
}

/** Progress on stderr: one rewritten line on a terminal, a line per 10% otherwise. */
export function progressPrinter(quiet: boolean): (e: ProgressEvent) => void {
  const tty = process.stderr.isTTY;
  const lastDecile = new Map<string, number>();
  return (e) => {
    if (quiet) return;
    const pct = e.fraction === null ? '' : ` ${Math.round(e.fraction * 100)}%`;
    const fit = e.fitPoints?.at(-1);
    const extra = fit ? ` rmse ${fit.rmse.toFixed(4)}` : '';
    const line = `${e.stage}:${pct} ${e.message}${extra}`;
    if (tty) {
      process.stderr.write(`\r\x1b[2K${line}`);
      if (e.fraction === 1) process.stderr.write('\n');
      return;
    }
    const decile = e.fraction === null ? -1 : Math.floor(e.fraction * 10);
    if (decile !== lastDecile.get(e.stage)) {
      lastDecile.set(e.stage, decile);
      process.stderr.write(`${line}\n`);
    }
  };
}

/** `--solver gd|als`, shared by analyze and sweep. */
export function solverOption(value: string): 'gd' | 'als' {
  if (value !== 'gd' && value !== 'als')
    throw new InvalidArgumentError(`--solver must be gd or als, got "${value}"`);
  return value;
}

/** `--split train,test`: the release's own split, e.g. u1.base,u1.test. */
export function splitOption(value: string): { train: string; test: string } {
  const [train, test, extra] = value.split(',');
  if (!train || !test || extra !== undefined) {
    throw new InvalidArgumentError(
      `--split must name two files like u1.base,u1.test, got "${value}"`,
    );
  }
  return { train, test };
}

/** A dataset's summary as the CLI prints it (snake_case, SPEC §7): inspect and summary.json. */
export function datasetJson(s: DatasetSummary) {
  return {
    name: s.name,
    path: s.path,
    release: s.release,
    synthetic: s.synthetic,
    ratings: s.ratings,
    users: s.users,
    movies: s.movies,
    movies_listed: s.moviesListed,
    density: s.density,
    rating_scale: [s.ratingScale.min, s.ratingScale.max],
    fingerprint: s.fingerprint,
    warnings: s.warnings.map(({ kind, file, count, lines, message }) => ({
      kind,
      file,
      count,
      lines,
      message,
    })),
  };
}
