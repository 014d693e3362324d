// Times the whole CLI pipeline stage by stage (load, train, cluster, embed, report) on a
// MovieLens release, as `npm run analyze` runs it: `node bench/pipeline.bench.mjs [dataset] [runs]`.
// Prints JSON with the median of each stage over the runs; BENCHMARKS.md records the figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const dataset = process.argv[2] ?? '../shared/datasets/ml-100k';
const runs = Number(process.argv[3] ?? 3);
const args = [
  '--factors',
  '20',
  '--alpha',
  '0.0002',
  '--iterations',
  '500',
  '--clusters',
  '5',
  '--seed',
  '134',
  '--quiet',
];
const stages = ['load', 'train', 'cluster', 'embed', 'report'];
const samples = Object.fromEntries(stages.map((s) => [s, []]));
const wall = [];
for (let r = 0; r < runs; r++) {
  const out = join(mkdtempSync(join(tmpdir(), 'fl-bench-')), 'r');
  const t0 = performance.now();
  const p = spawnSync(process.execPath, ['dist/node/analyze.js', dataset, '--out', out, ...args], {
    encoding: 'utf8',
  });
  if (p.status !== 0) throw new Error(p.stderr);
  wall.push((performance.now() - t0) / 1000);
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  for (const st of stages) samples[st].push(s.timings[st]);
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(
  JSON.stringify(
    {
      dataset,
      runs,
      args: args.join(' '),
      machine: `${cpus().length} × ${cpus()[0].model}, Node ${process.version}`,
      date: new Date().toISOString().slice(0, 10),
      seconds: Object.fromEntries(stages.map((s) => [s, +median(samples[s]).toFixed(3)])),
      wall_seconds: +median(wall).toFixed(3),
    },
    null,
    2,
  ),
);
