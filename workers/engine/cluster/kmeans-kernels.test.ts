import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { fixtureNames, loadFixture } from './fixtures.test-helper';
import { kmeans } from './kmeans';
import { plainKernel, wasmKernel } from './kmeans-kernels';
import { kmeansWasmAvailable } from './kmeans-wasm';
import { halfDistances, largestMoves } from './lloyd-steps';
import { squaredDistance } from './squared-distance';

/** n × d points on a coarse integer grid (many exact ties), with some rows repeated. */
function tiedPoints(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    if (i > 0 && rng() < 0.2) {
      const j = Math.floor(rng() * i);
      X.copyWithin(i * d, j * d, j * d + d);
      continue;
    }
    for (let t = 0; t < d; t++) X[i * d + t] = Math.floor(rng() * 5) - 2;
  }
  return X;
}

/** Gaussian-ish points with no structure (Hamerly's bounds overlap often). */
function noisyPoints(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const X = new Float64Array(n * d);
  for (let i = 0; i < X.length; i++) X[i] = rng() + rng() + rng() - 1.5;
  return X;
}

describe.runIf(kmeansWasmAvailable())('the WebAssembly K-means kernel', () => {
  const cases: [string, (n: number, d: number, seed: number) => Float64Array][] = [
    ['tied', tiedPoints],
    ['noisy', noisyPoints],
  ];
  for (const [name, make] of cases) {
    for (const [n, d, k] of [
      [400, 20, 5],
      [300, 7, 3],
      [250, 3, 9],
      [200, 1, 2],
      [150, 5, 1],
      [120, 20, 15],
    ]) {
      it(`gives the plain kernel's labels, centres and inertia to the bit (${name}, ${n}×${d}, k = ${k})`, () => {
        const X = make(n, d, 31 * n + d + k);
        const run = (kernel: 'plain' | 'wasm') =>
          kmeans(X, n, d, { k, restarts: 3, rng: createRng(k + d), kernel });
        const plain = run('plain');
        const fast = run('wasm');
        expect(Array.from(fast.labels)).toEqual(Array.from(plain.labels));
        expect(Array.from(fast.centers)).toEqual(Array.from(plain.centers));
        expect(fast.inertia).toBe(plain.inertia);
        expect(fast.iterations).toBe(plain.iterations);
        // Labels are the exact argmin, lowest index on ties, and the inertia their exact sum.
        let total = 0;
        for (let i = 0; i < n; i++) {
          let best = Infinity;
          let label = -1;
          for (let c = 0; c < k; c++) {
            const q = squaredDistance(X, i * d, fast.centers, c * d, d);
            if (q < best) {
              best = q;
              label = c;
            }
          }
          expect(fast.labels[i]).toBe(label);
          total += best;
        }
        expect(Math.abs(fast.inertia - total)).toBeLessThanOrEqual(1e-12 * Math.max(total, 1e-300));
      });
    }
  }

  for (const [name, make, d] of [
    ['tied', tiedPoints, 11],
    ['noisy', noisyPoints, 11],
    ['noisy', noisyPoints, 20],
  ] as const) {
    it(`runs each step as the plain kernel does, to the bit (${name}, d = ${d})`, () => {
      const n = 333;
      const k = 6;
      const X = make(n, d, 5);
      const a = plainKernel(X, n, d, k);
      const b = wasmKernel(X, n, d, k)!;
      expect(b).not.toBeNull();
      for (const kernel of [a, b]) kernel.work.closest.fill(Infinity);
      expect(b.trial(17, b.work.closest, b.work.candidate)).toBe(
        a.trial(17, a.work.closest, a.work.candidate),
      );
      expect(Array.from(b.work.candidate)).toEqual(Array.from(a.work.candidate));
      const centers = X.slice(40 * d, 40 * d + k * d);
      a.assignFirst(centers);
      b.assignFirst(centers);
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expect(Array.from(b.work.upper)).toEqual(Array.from(a.work.upper));
      expect(Array.from(b.work.lower)).toEqual(Array.from(a.work.lower));
      a.sumClusters();
      b.sumClusters();
      expect(Array.from(b.work.sums)).toEqual(Array.from(a.work.sums));
      expect(Array.from(b.work.counts)).toEqual(Array.from(a.work.counts));
      expect(b.inertia(centers)).toBe(a.inertia(centers));
      a.assignPlain(centers.reverse());
      b.assignPlain(centers);
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      // One Hamerly step after moving the centres a little: bounds, labels and sums as plain.
      for (const kernel of [a, b]) {
        kernel.assignFirst(centers);
        kernel.sumClusters();
      }
      const moved = centers.map((v, j) => v + 0.05 * Math.sin(j));
      for (const kernel of [a, b]) {
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let t = 0; t < d; t++) s += (moved[c * d + t] - centers[c * d + t]) ** 2;
          kernel.work.moved[c] = Math.sqrt(s);
        }
        halfDistances(d, moved, k, kernel.work);
      }
      const [at, largest, second] = largestMoves(k, a.work.moved);
      expect(b.assignNext(moved, at, largest, second)).toBe(
        a.assignNext(moved, at, largest, second),
      );
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expect(Array.from(b.work.upper)).toEqual(Array.from(a.work.upper));
      expect(Array.from(b.work.lower)).toEqual(Array.from(a.work.lower));
      expect(Array.from(b.work.sums)).toEqual(Array.from(a.work.sums));
      expect(Array.from(b.work.counts)).toEqual(Array.from(a.work.counts));
    });
  }

  it('agrees on the scikit-learn fixtures', () => {
    for (const name of fixtureNames) {
      const f = loadFixture(name);
      const run = (kernel: 'plain' | 'wasm') =>
        kmeans(f.X, f.n, f.d, { k: 3, restarts: 10, rng: createRng(2024), kernel });
      const plain = run('plain');
      const fast = run('wasm');
      expect(Array.from(fast.labels)).toEqual(Array.from(plain.labels));
      expect(fast.inertia).toBe(plain.inertia);
    }
  });
});
