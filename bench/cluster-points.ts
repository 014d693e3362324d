/**
 * The point sets both clustering benchmarks run on (bench/cluster-pipeline.bench.ts and
 * bench/python/cluster_stack.py), written once as NumPy .npy files so that the two stacks
 * time the same rows:
 *
 *   ml-100k      the real UVstd of ml-100k (2,625 × 20) from `analyze`'s points.csv, when
 *                /tmp/r/points.csv (or $FACTORLENS_POINTS) exists
 *   small-like   10,334 × 20 (latest-small: 610 users, 9,724 movies), seeded
 *   25m-like     200,000 × 20 (160,000 users, 40,000 movies), seeded
 *
 * Seeded sets imitate UVstd: users and movies are each drawn from six latent groups of
 * unequal weight (group centres N(0, 0.45²), points N(centre, 1)), their columns standardised
 * separately, then stacked users first. Real UVstd is nearly isotropic (covariance
 * eigenvalues 0.65–1.47 on ml-100k), and so are these.
 *
 *   npx tsx bench/cluster-points.ts [dir]     (default $TMPDIR/factorlens-cluster-bench)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from '../workers/engine/rng';

export interface PointSet {
  name: string;
  n: number;
  d: number;
  X: Float64Array;
  source: string;
}

export const D = 20;
export const DEFAULT_DIR = join(tmpdir(), 'factorlens-cluster-bench');

/** Standard normal deviates by Box–Muller from a seeded stream. */
function normal(rng: () => number): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** rows × d points from six weighted groups, columns standardised (mean 0, population sd 1). */
function block(rows: number, d: number, rng: () => number): Float64Array {
  const weights = [0.3, 0.25, 0.15, 0.12, 0.1, 0.08];
  const centres = weights.map(() => Array.from({ length: d }, () => 0.45 * normal(rng)));
  const X = new Float64Array(rows * d);
  for (let i = 0; i < rows; i++) {
    let u = rng();
    let g = 0;
    while (g < weights.length - 1 && u >= weights[g]) u -= weights[g++];
    for (let t = 0; t < d; t++) X[i * d + t] = centres[g][t] + normal(rng);
  }
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += X[i * d + t];
    mean /= rows;
    let ss = 0;
    for (let i = 0; i < rows; i++) ss += (X[i * d + t] - mean) ** 2;
    const sd = Math.sqrt(ss / rows);
    for (let i = 0; i < rows; i++) X[i * d + t] = (X[i * d + t] - mean) / sd;
  }
  return X;
}

export function syntheticUVstd(users: number, movies: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const X = new Float64Array((users + movies) * D);
  X.set(block(users, D, rng), 0);
  X.set(block(movies, D, rng), users * D);
  return X;
}

/** Rows f1..fK of a points.csv written by `npm run analyze` (kind,id,f1..fK). */
function readPointsCsv(path: string): { X: Float64Array; n: number; d: number } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const d = lines[0].split(',').length - 2;
  const X = new Float64Array((lines.length - 1) * d);
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    for (let t = 0; t < d; t++) X[(i - 1) * d + t] = Number(cells[t + 2]);
  }
  return { X, n: lines.length - 1, d };
}

export function pointSets(): PointSet[] {
  const sets: PointSet[] = [];
  const csv = process.env.FACTORLENS_POINTS ?? '/tmp/r/points.csv';
  if (existsSync(csv)) {
    const { X, n, d } = readPointsCsv(csv);
    sets.push({ name: 'ml-100k', n, d, X, source: `UVstd from ${csv}` });
  }
  sets.push({
    name: 'small-like',
    n: 10_334,
    d: D,
    X: syntheticUVstd(610, 9_724, 10_334),
    source: 'seeded, 610 users + 9,724 movies',
  });
  sets.push({
    name: '25m-like',
    n: 200_000,
    d: D,
    X: syntheticUVstd(160_000, 40_000, 200_000),
    source: 'seeded, 160,000 users + 40,000 movies',
  });
  return sets;
}

/** A little-endian float64 C-order .npy file (format version 1.0). */
export function npy(X: Float64Array, n: number, d: number): Buffer {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${n}, ${d}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const data = Buffer.from(X.buffer, X.byteOffset, X.byteLength);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), data]);
}

export function writePointSets(dir = DEFAULT_DIR): PointSet[] {
  mkdirSync(dir, { recursive: true });
  const sets = pointSets();
  for (const s of sets) writeFileSync(join(dir, `${s.name}.npy`), npy(s.X, s.n, s.d));
  const index = sets.map(({ name, n, d, source }) => ({ name, n, d, source }));
  writeFileSync(join(dir, 'sets.json'), `${JSON.stringify(index, null, 2)}\n`);
  return sets;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? DEFAULT_DIR;
  for (const s of writePointSets(dir))
    process.stdout.write(`${dir}/${s.name}.npy ${s.n} × ${s.d}\n`);
}
