/**
 * Timing check for the clustering engine (not a test): standardise, K-means (k = 5, 10
 * restarts), Ward + cut, cophenetic correlation and the three validation metrics on seeded
 * random 2,625 × 20 and 10,334 × 20 matrices. Prints one JSON object (milliseconds).
 *
 *   npx tsx bench/cluster-engine.bench.ts
 */
import { calinskiHarabaszScore } from '../workers/engine/cluster/calinski-harabasz';
import { copheneticCorrelation } from '../workers/engine/cluster/cophenetic';
import { cutTree } from '../workers/engine/cluster/cut-tree';
import { daviesBouldinScore } from '../workers/engine/cluster/davies-bouldin';
import { kmeans } from '../workers/engine/cluster/kmeans';
import { silhouetteScore } from '../workers/engine/cluster/silhouette';
import { standardizeColumns } from '../workers/engine/cluster/standardize';
import { wardLinkage } from '../workers/engine/cluster/ward';
import { createRng } from '../workers/engine/rng';

const D = 20;
const K = 5;

/** n × d standard normal entries (Box–Muller) from a seeded stream. */
function randomMatrix(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const X = new Float64Array(n * d);
  for (let i = 0; i < X.length; i++) {
    const u = 1 - rng();
    X[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  }
  return X;
}

function time<T>(timings: Record<string, number>, name: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  timings[name] = Math.round(performance.now() - start);
  return result;
}

function benchOne(n: number): Record<string, number> {
  const raw = randomMatrix(n, D, n);
  const t: Record<string, number> = { n, d: D };
  const X = time(t, 'standardizeMs', () => standardizeColumns(raw, n, D));
  const km = time(t, 'kmeansMs', () => kmeans(X, n, D, { k: K, restarts: 10, rng: createRng(1) }));
  const linkage = time(t, 'wardMs', () => wardLinkage(X, n, D));
  const labels = time(t, 'cutTreeMs', () => cutTree(linkage, n, K));
  time(t, 'copheneticMs', () => copheneticCorrelation(linkage, X, n, D));
  time(t, 'silhouetteMs', () => silhouetteScore(X, n, D, labels));
  time(t, 'silhouetteSample1000Ms', () =>
    silhouetteScore(X, n, D, km.labels, { sample: { size: 1000, rng: createRng(2) } }),
  );
  time(t, 'daviesBouldinMs', () => daviesBouldinScore(X, n, D, labels));
  time(t, 'calinskiHarabaszMs', () => calinskiHarabaszScore(X, n, D, labels));
  t.kmeansIterations = km.iterations;
  return t;
}

const results = [2625, 10334].map(benchOne);
process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
