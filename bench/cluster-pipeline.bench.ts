/**
 * The clustering stage timed stage by stage with our engine, on the same points as
 * bench/python/cluster_stack.py times scikit-learn + SciPy (not a test). Prints one JSON
 * object: seconds per stage (wall clock, and this thread's CPU time) per point set.
 *
 *   npx tsx bench/cluster-pipeline.bench.ts [--sweep] [--only ml-100k,small-like]
 *     [--kernel auto|wasm|plain] [--kmeans-only] [dir]
 *
 * It first writes the point sets (bench/cluster-points.ts) into `dir` (default
 * $TMPDIR/factorlens-cluster-bench), with this run's K-means labels and silhouette sample
 * for the 200,000-point set, so that the Python side reads exactly these rows and can check
 * our sampled silhouette against its own.
 *
 * Stages, as in SPEC §4 with k = 5: K-means (k-means++, 10 restarts), Ward linkage and its
 * cut, then silhouette, Davies–Bouldin and Calinski–Harabasz for both methods. On the
 * 200,000-point set: K-means and the metrics only (Ward is refused there by design), the
 * silhouette on the default seeded sample (`silhouetteSampleSize`), each sampled point
 * scored exactly against all points. `--sweep` adds the k-sweep (2..15, both methods).
 * `--kernel` picks K-means' loops (kmeans-kernels.ts; default auto, the WebAssembly ones
 * where available) and `--kmeans-only` times K-means alone, repeated `--repeat` times
 * (default 1), keeping the fastest.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { calinskiHarabaszScore } from '../workers/engine/cluster/calinski-harabasz';
import { cutTree } from '../workers/engine/cluster/cut-tree';
import { daviesBouldinScore } from '../workers/engine/cluster/davies-bouldin';
import { kSweep } from '../workers/engine/cluster/k-sweep';
import { kmeans } from '../workers/engine/cluster/kmeans';
import type { KernelChoice } from '../workers/engine/cluster/kmeans-kernels';
import {
  silhouetteSampleSize,
  silhouetteSamples,
  SILHOUETTE_EXACT_LIMIT,
} from '../workers/engine/cluster/silhouette';
import { wardLinkage } from '../workers/engine/cluster/ward';
import { wardSize } from '../workers/engine/cluster/ward-limit';
import { createRng } from '../workers/engine/rng';
import { DEFAULT_DIR, npy, writePointSets, type PointSet } from './cluster-points';

const K = 5;
const args = process.argv.slice(2);
const sweep = args.includes('--sweep');
const kmeansOnly = args.includes('--kmeans-only');
const valueOf = (flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const only = valueOf('--only')?.split(',') ?? null;
const kernel = (valueOf('--kernel') ?? 'auto') as KernelChoice;
const repeat = Number(valueOf('--repeat') ?? 1);
const withValue = new Set(['--only', '--kernel', '--repeat'].map((f) => args.indexOf(f) + 1));
const dir = args.filter((a, i) => !a.startsWith('--') && !withValue.has(i))[0] ?? DEFAULT_DIR;

interface Stage {
  wall: number;
  cpu: number;
}

function time<T>(stages: Record<string, Stage>, name: string, run: () => T): T {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  stages[name] = { wall: round(wall), cpu: round((used.user + used.system) / 1e6) };
  return result;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function benchSet(set: PointSet) {
  const { name, n, d, X } = set;
  const stages: Record<string, Stage> = {};
  const values: Record<string, number | string> = {};
  let km = time(stages, 'kmeans', () =>
    kmeans(X, n, d, { k: K, restarts: 10, rng: createRng(1), kernel }),
  );
  for (let r = 1; r < repeat; r++) {
    const again: Record<string, Stage> = {};
    km = time(again, 'kmeans', () =>
      kmeans(X, n, d, { k: K, restarts: 10, rng: createRng(1), kernel }),
    );
    if (again.kmeans.wall < stages.kmeans.wall) stages.kmeans = again.kmeans;
  }
  values.kmeans_inertia = km.inertia;
  values.kmeans_iterations = km.iterations;
  values.kmeans_kernel = kernel;
  if (kmeansOnly) return { name, n, d, source: set.source, stages, values };

  const methods: [string, Int32Array][] = [['kmeans', km.labels]];
  const ward = wardSize(n, d);
  if (ward.ok) {
    const linkage = time(stages, 'ward', () => wardLinkage(X, n, d));
    const labels = time(stages, 'ward_cut', () => cutTree(linkage, n, K));
    methods.push(['ward', labels]);
  } else {
    values.ward_refused = ward.message ?? '';
  }

  const sampleSize = silhouetteSampleSize(n);
  values.silhouette_points = sampleSize;
  for (const [method, labels] of methods) {
    const s = time(stages, `silhouette_${method}`, () =>
      silhouetteSamples(X, n, d, labels, {
        sample: n > SILHOUETTE_EXACT_LIMIT ? { size: sampleSize, rng: createRng(2) } : undefined,
      }),
    );
    let total = 0;
    const sampled: number[] = [];
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(s[i])) continue;
      total += s[i];
      sampled.push(i);
    }
    values[`silhouette_${method}`] = total / sampled.length;
    time(stages, `davies_bouldin_${method}`, () => {
      values[`davies_bouldin_${method}`] = daviesBouldinScore(X, n, d, labels);
    });
    time(stages, `calinski_harabasz_${method}`, () => {
      values[`calinski_harabasz_${method}`] = calinskiHarabaszScore(X, n, d, labels);
    });
    if (n > SILHOUETTE_EXACT_LIMIT) {
      // For the Python side's cross-check of the same quantity.
      const idx = Float64Array.from(sampled);
      writeFileSync(join(dir, `${name}.silhouette-sample.npy`), npy(idx, idx.length, 1));
      const lab = Float64Array.from(labels);
      writeFileSync(join(dir, `${name}.${method}-labels.npy`), npy(lab, n, 1));
    }
  }

  if (sweep && ward.ok) {
    const result = time(stages, 'k_sweep', () => kSweep(X, n, d, { rng: createRng(3) }));
    values.k_sweep_silhouette_points = result.silhouettePoints;
  }
  return { name, n, d, source: set.source, stages, values };
}

const sets = writePointSets(dir).filter((s) => !only || only.includes(s.name));
const results = sets.map(benchSet);
const report = {
  stack: 'FactorLens engine (TypeScript)',
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  date: new Date().toISOString(),
  loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  results,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
