/**
 * Side-by-side table (Markdown) of the clustering benchmarks' JSON outputs:
 *
 *   node bench/cluster-table.mjs --ours ts*.json --python py*.json [--python1 py1t*.json]
 *
 * Seconds of wall-clock time per stage, the least over the runs given for each side (the
 * machine is shared, so a stage's fastest run is its least disturbed one). `--python1`
 * adds a column for the Python stack limited to one thread (OMP_NUM_THREADS=1,
 * OPENBLAS_NUM_THREADS=1), the fair match for our single-threaded engine; "ratio" divides
 * ours by the faster Python column (below 1: we are faster).
 */
import { readFileSync } from 'node:fs';

const groups = { '--ours': [], '--python': [], '--python1': [] };
let current = null;
for (const arg of process.argv.slice(2)) {
  if (arg in groups) current = groups[arg];
  else if (current) current.push(JSON.parse(readFileSync(arg, 'utf8')));
}
const ours = groups['--ours'];
const python = groups['--python'];
const python1 = groups['--python1'];
if (ours.length === 0 || python.length === 0) {
  process.stderr.write(
    'usage: cluster-table.mjs --ours a.json.. --python b.json.. [--python1 c.json..]\n',
  );
  process.exit(2);
}

const rows = [
  ['K-means (k = 5, 10 restarts)', ['kmeans']],
  ['Ward linkage', ['ward']],
  ['Ward cut (k = 5)', ['ward_cut']],
  ['silhouette, both methods', ['silhouette_kmeans', 'silhouette_ward']],
  ['Davies–Bouldin, both', ['davies_bouldin_kmeans', 'davies_bouldin_ward']],
  ['Calinski–Harabasz, both', ['calinski_harabasz_kmeans', 'calinski_harabasz_ward']],
  ['k-sweep 2..15, both methods', ['k_sweep']],
];

/** Least seconds over runs for the stages `keys` of point set `name`, or null. */
function seconds(runs, name, keys) {
  let best = null;
  for (const run of runs) {
    const set = run.results.find((r) => r.name === name);
    if (!set) continue;
    const present = keys.filter((k) => set.stages[k]);
    if (present.length === 0) continue;
    const s = present.reduce((sum, k) => sum + set.stages[k].wall, 0);
    if (best === null || s < best) best = s;
  }
  return best;
}
const fmt = (x) => (x === null ? '—' : x < 0.01 ? x.toFixed(3) : x.toPrecision(3));
const describe = (runs) =>
  runs.map((r) => `${r.date} (load ${r.loadavg.map((x) => x.toFixed(1)).join(' ')})`).join('; ');

const lines = [];
const o = ours[0];
const p = python[0];
lines.push(`- ours: ${o.stack}, Node ${o.node}, ${o.cpu} × ${o.cores} cores; ${describe(ours)}`);
lines.push(
  `- Python: ${p.stack}, Python ${p.python}, NumPy ${p.numpy}, SciPy ${p.scipy}, ` +
    `scikit-learn ${p.sklearn}, default threads; ${describe(python)}`,
);
if (python1.length) lines.push(`- Python, one thread: ${describe(python1)}`);

for (const set of o.results) {
  lines.push(
    '',
    `**${set.name}**: ${set.n.toLocaleString('en-US')} × ${set.d} (${set.source})`,
    '',
  );
  const head = ['stage', 'ours (s)', 'Python (s)'];
  if (python1.length) head.push('Python 1 thread (s)');
  head.push('ratio');
  lines.push(
    `| ${head.join(' | ')} |`,
    `|---|${head
      .slice(1)
      .map(() => '---:')
      .join('|')}|`,
  );
  const totals = [0, 0, 0];
  for (const [label, keys] of rows) {
    const a = seconds(ours, set.name, keys);
    const b = seconds(python, set.name, keys);
    const c = python1.length ? seconds(python1, set.name, keys) : null;
    if (a === null && b === null && c === null) continue;
    const fastest = [b, c].filter((x) => x !== null).reduce((m, x) => Math.min(m, x), Infinity);
    if (keys[0] !== 'k_sweep') {
      totals[0] += a ?? 0;
      totals[1] += b ?? 0;
      totals[2] += c ?? 0;
    }
    const ratio =
      a !== null && fastest > 0.0005 && fastest < Infinity ? (a / fastest).toFixed(2) : '—';
    const cells = [label, fmt(a), fmt(b)];
    if (python1.length) cells.push(fmt(c));
    cells.push(ratio);
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const fastestTotal = python1.length ? Math.min(totals[1], totals[2]) : totals[1];
  const cells = ['**total, without the sweep**', fmt(totals[0]), fmt(totals[1])];
  if (python1.length) cells.push(fmt(totals[2]));
  cells.push((totals[0] / fastestTotal).toFixed(2));
  lines.push(`| ${cells.join(' | ')} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
