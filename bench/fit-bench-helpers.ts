/**
 * Shared by the fit benchmarks (not a test): reading 100K files straight into the engine's
 * matrix, bundling the shard helper for fitParallel, and timing iterations.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { RatingParser, type RatingColumns } from '../workers/engine/data/rating-parser';
import { buildRatingsMatrix, type RatingsMatrix } from '../workers/engine/data/ratings-matrix';
import { WarningCounter } from '../workers/engine/data/warnings';

export const ML100K = process.env.ML100K ?? '../shared/datasets/ml-100k';
export const WHOLE_STARS = { min: 1, max: 5, step: 1 };

export function readColumns(file: string): RatingColumns {
  const parser = new RatingParser(file, 'tab', new WarningCounter());
  parser.push(readFileSync(file));
  return parser.finish();
}

export function readMatrix(file: string): RatingsMatrix {
  return buildRatingsMatrix(readColumns(file), WHOLE_STARS, file, new WarningCounter());
}

/** Bundles workers/fit-shard.worker.ts as the app's build does; returns its path. */
export async function bundleShardWorker(): Promise<string> {
  const outfile = join(tmpdir(), `factorlens-bench-${process.pid}`, 'fit-shard.mjs');
  await build({
    entryPoints: ['workers/fit-shard.worker.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Per-iteration wall times from onIteration timestamps. */
export function iterationTimer(): { times: number[]; onIteration: () => void } {
  const times: number[] = [];
  let last = performance.now();
  return {
    times,
    onIteration() {
      const now = performance.now();
      times.push(now - last);
      last = now;
    },
  };
}

/** Median of the times after the first `skip` (JIT warm-up). */
export function steadyMedian(times: number[], skip = 20): number {
  const s = times.slice(skip).sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

export function machine(): Record<string, unknown> {
  return {
    cpu: `${cpus().length} × ${cpus()[0].model}`,
    node: process.version,
    date: new Date().toISOString().slice(0, 16),
    loadAverage1m: +loadavg()[0].toFixed(2),
  };
}

export const round = (x: number, digits = 3) => +x.toFixed(digits);

/** Busy and total CPU ticks of the whole machine, from /proc/stat (Linux). */
function cpuTicks(): { busy: number; total: number } | null {
  if (!existsSync('/proc/stat')) return null;
  const fields = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3] + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * Other processes share this machine (builds, tests): waits, up to `maxWaitMs`, for a
 * 300 ms window in which the CPUs are at least 90% idle, so a timed sample starts on a quiet
 * machine. Returns whether it found one (always true where /proc/stat is missing).
 */
export async function waitForQuiet(maxWaitMs = 30_000): Promise<boolean> {
  const deadline = performance.now() + maxWaitMs;
  for (;;) {
    const a = cpuTicks();
    if (a === null) return true;
    await new Promise((r) => setTimeout(r, 300));
    const b = cpuTicks()!;
    const busy = (b.busy - a.busy) / Math.max(1, b.total - a.total);
    if (busy < 0.1) return true;
    if (performance.now() > deadline) return false;
  }
}
