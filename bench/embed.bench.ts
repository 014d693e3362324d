/**
 * Times the embedding engine on seeded Gaussian data of the two MovieLens sizes (ML-100K and
 * ML-latest-small users + movies, K = 20) and prints JSON.
 *
 *   npx tsx bench/embed.bench.ts
 *
 * exactKnn: the first (cold) call and the best of three. umapEmbed: one full run with default
 * options (15 neighbours, 200 epochs, negative sample rate 3), split into its phases by the
 * progress callback, plus the map consistency of the result against a random labelling.
 */
import { mapConsistency } from '../workers/engine/embed/consistency';
import { exactKnn } from '../workers/engine/embed/knn';
import { umapEmbed } from '../workers/engine/embed/umap';
import { createRng } from '../workers/engine/rng';

const D = 20;
const SIZES = [2625, 10334];

function gaussianMatrix(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const X = new Float64Array(n * d);
  for (let t = 0; t < X.length; t++) {
    X[t] = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  }
  return X;
}

const round = (ms: number): number => Math.round(ms) / 1000;
const results = [];
for (const n of SIZES) {
  const X = gaussianMatrix(n, D, n);

  const knnRuns: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    exactKnn(X, n, D, 15);
    knnRuns.push(performance.now() - t0);
  }

  // The first progress report at or past a share marks the end of that phase.
  const marks: [number, number][] = [];
  const t0 = performance.now();
  const { x, y } = umapEmbed(X, n, D, {
    rng: createRng(134),
    onProgress: (f) => marks.push([f, performance.now() - t0]),
  });
  const total = performance.now() - t0;
  const at = (share: number): number => marks.find(([f]) => f >= share - 1e-12)![1];
  const knnEnd = at(0.08);
  const graphEnd = at(0.48);

  const rng = createRng(1);
  const labels = new Int32Array(n).map(() => Math.floor(rng() * 5));
  const c0 = performance.now();
  const consistency = mapConsistency(x, y, labels, 10);
  const consistencyMs = performance.now() - c0;

  results.push({
    n,
    d: D,
    exactKnnSeconds: { cold: round(knnRuns[0]), best: round(Math.min(...knnRuns)) },
    umapSeconds: {
      total: round(total),
      knn: round(knnEnd),
      graph: round(graphEnd - knnEnd),
      epochs: round(total - graphEnd),
      perEpochMs: Math.round(((total - graphEnd) / 200) * 100) / 100,
    },
    mapConsistencySeconds: round(consistencyMs),
    randomLabelConsistency: Math.round(consistency * 1000) / 1000,
  });
}
console.log(JSON.stringify({ node: process.version, results }, null, 2));
