/**
 * Milliseconds per gradient-descent iteration on MovieLens 100K (not a test), for
 * K ∈ {5, 20, 50}: the engine on one thread (gradientDescent) and on two (fitParallel), both
 * with the default WebAssembly kernels, and on one thread with the JavaScript kernels, against
 * the C yardstick bench/c/gd.c (same two-pass sparse loop, gcc -O3 -march=native).
 * Each round starts once the machine is quiet (other processes share it; see waitForQuiet)
 * and runs C, one thread and two threads back to back; per run the median iteration time
 * after warm-up is taken, and the JSON reports the median over rounds (and the best round). The RMSE after the run is printed for
 * both languages as a cross-check: they start from the same seeded U, V.
 *
 *   npx tsx bench/fit-speed.bench.ts [iterations=300] [rounds=3]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitParallel } from '../workers/engine/fit/fit-parallel';
import {
  gradientDescent,
  type GradientDescentOptions,
} from '../workers/engine/fit/gradient-descent';
import { createRng } from '../workers/engine/rng';
import {
  ML100K,
  bundleShardWorker,
  iterationTimer,
  machine,
  median,
  readMatrix,
  round,
  steadyMedian,
  waitForQuiet,
} from './fit-bench-helpers';

const iterations = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 3);
const ALPHA = 0.0002;
const SEED = 134;
const data = join(ML100K, 'u.data');
if (!existsSync(data)) {
  process.stderr.write(`fit-speed: ${data} not found; set ML100K to a MovieLens 100K folder\n`);
  process.exit(1);
}

const binary = join(mkdtempSync(join(tmpdir(), 'gd-c-')), 'gd');
execFileSync('gcc', ['-O3', '-march=native', '-o', binary, 'bench/c/gd.c', '-lm']);
const gcc = execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const workerUrl = await bundleShardWorker();
const R = readMatrix(data);

const options = (K: number, onIteration: () => void): GradientDescentOptions => ({
  factors: K,
  alpha: ALPHA,
  lambda: 0,
  iterations,
  tolerance: 0,
  initScale: 1,
  rng: createRng(SEED),
  onIteration,
});

interface Sample {
  quiet: boolean;
  c: number;
  one: number;
  two: number;
  /** One thread on the JavaScript kernels (kernel: 'js'), for reference. */
  oneJs: number;
  rmse: { c: number; js: number };
}

async function sample(K: number): Promise<Sample> {
  const quiet = await waitForQuiet();
  const c = JSON.parse(
    execFileSync(binary, [data, String(K), String(iterations), String(ALPHA), '0', String(SEED)], {
      encoding: 'utf8',
    }),
  ) as { msPerIteration: number; rmse: number };
  const t1 = iterationTimer();
  const one = gradientDescent(R, options(K, t1.onIteration));
  const t2 = iterationTimer();
  await fitParallel(R, options(K, t2.onIteration), { threads: 2, workerUrl });
  const t3 = iterationTimer();
  gradientDescent(R, { ...options(K, t3.onIteration), kernel: 'js' });
  return {
    quiet,
    c: c.msPerIteration,
    one: steadyMedian(t1.times),
    two: steadyMedian(t2.times),
    oneJs: steadyMedian(t3.times),
    rmse: { c: c.rmse, js: one.diagnostics.at(-1)!.rmse },
  };
}

const before = machine();
const results = [];
for (const K of [5, 20, 50]) {
  const samples: Sample[] = [];
  for (let r = 0; r < rounds; r++) samples.push(await sample(K));
  const c = median(samples.map((s) => s.c));
  const one = median(samples.map((s) => s.one));
  const two = median(samples.map((s) => s.two));
  const oneJs = median(samples.map((s) => s.oneJs));
  results.push({
    K,
    msPerIteration: { c: round(c), js1: round(one), js2: round(two), js1JsKernels: round(oneJs) },
    bestRound: {
      c: round(Math.min(...samples.map((s) => s.c))),
      js1: round(Math.min(...samples.map((s) => s.one))),
      js2: round(Math.min(...samples.map((s) => s.two))),
    },
    ratioToC: { js1: round(one / c, 2), js2: round(two / c, 2) },
    speedup2Threads: round(one / two, 2),
    roundsStartedQuiet: samples.filter((s) => s.quiet).length,
    rmseAfter: { c: samples[0].rmse.c, js: samples[0].rmse.js },
  });
}
process.stdout.write(
  `${JSON.stringify(
    {
      dataset: data,
      iterations,
      rounds,
      alpha: ALPHA,
      compiler: `${gcc} -O3 -march=native`,
      machine: before,
      loadAverage1mAfter: machine().loadAverage1m,
      results,
    },
    null,
    2,
  )}\n`,
);
