/**
 * Load throughput and memory: `npx tsx --expose-gc bench/load.bench.ts [ratings]` (default 25M).
 * Generates (once, cached under /tmp/factorlens-bench) a synthetic release in the real 25M
 * layout — `ratings.csv` with header, half-star ratings, ascending users, 10-digit timestamps;
 * `movies.csv` with quoted titles — then loads it as the app does and reports MB/s, peak RSS
 * and resident bytes per rating after load. Also measures the real 100K and latest-small.
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../workers/data/load-dataset';
import { createRng } from '../workers/engine/rng';

const N = Number(process.argv[2] ?? 25_000_000);
const dir = join('/tmp/factorlens-bench', `ml-${Math.round(N / 1e6)}m-synthetic`);

async function generate(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const rng = createRng(25);
  const nUsers = Math.round(N / 153); // 25M has ~162k users, ~59k rated movies
  const nMovies = Math.round(N / 424);
  const out = createWriteStream(join(dir, 'ratings.csv.tmp'));
  out.write('userId,movieId,rating,timestamp\n');
  let written = 0;
  let buf = '';
  for (let u = 1; written < N; u++) {
    const count = Math.min(N - written, 20 + Math.floor(-Math.log(1 - rng()) * 133));
    const seen = new Set<number>();
    while (seen.size < count) seen.add(1 + Math.floor(nMovies * rng() ** 2));
    for (const m of [...seen].sort((a, b) => a - b)) {
      const r = (1 + Math.floor(rng() * 10)) / 2;
      buf += `${u},${m},${r.toFixed(1)},${1_100_000_000 + Math.floor(rng() * 500_000_000)}\n`;
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()));
        buf = '';
      }
    }
    written += count;
    if (u > nUsers * 4) break;
  }
  out.write(buf);
  await new Promise<void>((res) => out.end(() => res()));
  const lines = ['movieId,title,genres'];
  for (let m = 1; m <= nMovies; m++)
    lines.push(`${m},"Synthetic ${m}, The (${1950 + (m % 70)})",Drama|Comedy`);
  writeFileSync(join(dir, 'movies.csv'), `${lines.join('\n')}\n`);
  const { renameSync } = await import('node:fs');
  renameSync(join(dir, 'ratings.csv.tmp'), join(dir, 'ratings.csv'));
}

function vmHwmBytes(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

async function measure(path: string, ratingsFile: string) {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const d = await loadDataset(path);
  const seconds = (performance.now() - t0) / 1000;
  // Array buffers are released by a later GC phase: collect twice around a tick.
  gc?.();
  await new Promise((r) => setTimeout(r, 200));
  gc?.();
  const after = process.memoryUsage();
  const bytes = statSync(ratingsFile).size;
  // RSS keeps pages malloc has not returned; buffers + heap is what the dataset holds.
  const rssGrowth = after.rss - before.rss;
  const held = after.arrayBuffers - before.arrayBuffers + (after.heapUsed - before.heapUsed);
  return {
    dataset: path,
    ratings: d.summary.ratings,
    mb: +(bytes / 1e6).toFixed(1),
    seconds: +seconds.toFixed(2),
    mb_per_s: +(bytes / 1e6 / seconds).toFixed(1),
    peak_rss_mb: +(vmHwmBytes() / 1e6).toFixed(0),
    rss_growth_bytes_per_rating: +(rssGrowth / d.summary.ratings).toFixed(1),
    held_bytes_per_rating: +(held / d.summary.ratings).toFixed(1),
    matrix_bytes_per_rating: +(
      (d.matrix.userCol.byteLength +
        d.matrix.userVal.byteLength +
        d.matrix.movieCol.byteLength +
        d.matrix.movieVal.byteLength) /
      d.summary.ratings
    ).toFixed(1),
    keep: d.summary.users,
  };
}

const which = process.argv[3] ?? 'big';
const results = [];
if (which === 'small') {
  results.push(await measure('../shared/datasets/ml-100k', '../shared/datasets/ml-100k/u.data'));
  results.push(
    await measure(
      '../shared/datasets/ml-latest-small',
      '../shared/datasets/ml-latest-small/ratings.csv',
    ),
  );
} else {
  if (!existsSync(join(dir, 'ratings.csv'))) await generate();
  results.push(await measure(dir, join(dir, 'ratings.csv')));
}
console.log(
  JSON.stringify(
    {
      machine: `${cpus().length} × ${cpus()[0].model}`,
      node: process.version,
      date: new Date().toISOString().slice(0, 10),
      results,
    },
    null,
    2,
  ),
);
