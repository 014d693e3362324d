/**
 * Writes a report folder atomically: every file goes into a fresh temporary folder beside the
 * target, which is then renamed into place. A reader sees the old report or the new one,
 * never a mixture, and a failure part-way leaves any existing report untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { renderReportHtml } from './report-html';
import { checkReportInput, type ReportInput } from './report-input';
import {
  assignmentsCsv,
  clustersJson,
  diagnosticsCsv,
  linkageCsv,
  metricsJson,
  movieFactorsCsv,
  pointsCsv,
  userFactorsCsv,
} from './report-tables';

/** The files `writeReport` writes (SPEC §7, all but the CLI's `summary.json`), in order. */
export const REPORT_FILES = [
  'report.html',
  'diagnostics.csv',
  'user_factors.csv',
  'movie_factors.csv',
  'points.csv',
  'assignments.csv',
  'linkage.csv',
  'metrics.json',
  'clusters.json',
] as const;

type ReportFile = (typeof REPORT_FILES)[number];

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

const RENDER: Record<ReportFile, (input: ReportInput) => string> = {
  'report.html': renderReportHtml,
  'diagnostics.csv': diagnosticsCsv,
  'user_factors.csv': userFactorsCsv,
  'movie_factors.csv': movieFactorsCsv,
  'points.csv': pointsCsv,
  'assignments.csv': assignmentsCsv,
  'linkage.csv': linkageCsv,
  'metrics.json': (input) => json(metricsJson(input)),
  'clusters.json': (input) => json(clustersJson(input)),
};

export interface WriteReportOptions {
  /** Replace an existing folder at `dir`; default false, which throws instead. */
  overwrite?: boolean;
  /** @internal Writes one file; tests inject a failing writer here. */
  writeFile?: (path: string, data: string) => Promise<void>;
}

export interface WriteReportResult {
  /** Absolute path of the report folder. */
  dir: string;
  /** Names of the files written, relative to `dir`. */
  files: string[];
}

export async function writeReport(
  dir: string,
  input: ReportInput,
  {
    overwrite = false,
    writeFile: write = (p, d) => writeFile(p, d, 'utf8'),
  }: WriteReportOptions = {},
): Promise<WriteReportResult> {
  checkReportInput(input);
  const target = resolve(dir);
  const parent = dirname(target);
  const alreadyExists = () =>
    new Error(`report folder ${dir} already exists; choose another folder or pass overwrite`);
  // Fail before any work when the answer is already known.
  const before = await kindOf(target);
  if (before === 'file') throw new Error(`report folder ${dir} is a file; choose another folder`);
  if (before === 'dir' && !overwrite) throw alreadyExists();

  await mkdir(parent, { recursive: true });
  // Not mkdtemp: its folder is private (0700) and would stay so once renamed into place.
  const temp = join(parent, `.${basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
  await mkdir(temp);
  try {
    for (const name of REPORT_FILES) await write(join(temp, name), RENDER[name](input));
    if ((await kindOf(target)) === 'none') {
      await rename(temp, target);
    } else if (!overwrite) {
      throw alreadyExists();
    } else {
      await replaceFolder(target, temp);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return { dir: target, files: [...REPORT_FILES] };
}

/** Moves the old folder aside, the new one into place, then deletes the old one. */
async function replaceFolder(target: string, replacement: string): Promise<void> {
  const aside = join(dirname(target), `.${basename(target)}.old-${randomBytes(6).toString('hex')}`);
  await rename(target, aside);
  try {
    await rename(replacement, target);
  } catch (error) {
    await rename(aside, target);
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}

async function kindOf(path: string): Promise<'none' | 'file' | 'dir'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}

/**
 * Writes one file atomically: to a temporary name in the same folder, then renamed over
 * `path`. For files added beside a report after `writeReport`, such as `summary.json`.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** `writeFileAtomic` of a value as indented JSON with a final newline. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, json(value));
}
