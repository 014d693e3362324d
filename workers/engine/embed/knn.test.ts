import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { exactKnn } from './knn';

/** n × d uniform data in which some rows copy earlier ones, to force ties. */
function dataWithDuplicates(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    if (i > 0 && rng() < 0.15) {
      const src = Math.floor(rng() * i);
      X.copyWithin(i * d, src * d, (src + 1) * d);
    } else {
      for (let c = 0; c < d; c++) X[i * d + c] = rng() * 2 - 1;
    }
  }
  return X;
}

/** Reference: every distance, sorted by (distance, self first, index). */
function bruteForce(X: Float64Array, n: number, d: number, k: number) {
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const all: { j: number; s: number }[] = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (X[i * d + c] - X[j * d + c]) ** 2;
      all.push({ j, s });
    }
    all.sort((a, b) => a.s - b.s || (a.j === i ? -1 : b.j === i ? 1 : a.j - b.j));
    for (let t = 0; t < k; t++) {
      indices[i * k + t] = all[t].j;
      distances[i * k + t] = Math.sqrt(all[t].s);
    }
  }
  return { indices, distances };
}

describe('exactKnn(X, n, d, k)', () => {
  for (const [n, d, k] of [
    [200, 20, 15],
    [150, 11, 7],
    [120, 3, 10],
    [60, 8, 60],
    [40, 9, 1],
    [2, 12, 2],
  ]) {
    it(`agrees with a brute-force sort on ${n} × ${d} with duplicates, k = ${k}`, () => {
      const X = dataWithDuplicates(n, d, n * 31 + d);
      const got = exactKnn(X, n, d, k);
      const want = bruteForce(X, n, d, k);
      expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
      for (let t = 0; t < n * k; t++) {
        expect(got.distances[t]).toBeCloseTo(want.distances[t], 12);
      }
    });
  }

  it('puts each point first even when it has an identical twin', () => {
    const X = new Float64Array([0, 0, 1, 1, 0, 0, 5, 5]);
    const { indices, distances } = exactKnn(X, 4, 2, 3);
    expect(Array.from(indices)).toEqual([0, 2, 1, 1, 0, 2, 2, 0, 1, 3, 1, 0]);
    expect(distances[1]).toBe(0);
    expect(distances[2]).toBeCloseTo(Math.SQRT2, 15);
    expect(distances[10]).toBeCloseTo(4 * Math.SQRT2, 15);
  });

  it('reports progress ending at 1 and stops with an AbortError', () => {
    const X = dataWithDuplicates(300, 20, 5);
    const seen: number[] = [];
    exactKnn(X, 300, 20, 15, { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    for (let t = 1; t < seen.length; t++) expect(seen[t]).toBeGreaterThanOrEqual(seen[t - 1]);

    const controller = new AbortController();
    let calls = 0;
    const run = () =>
      exactKnn(X, 300, 20, 15, {
        signal: controller.signal,
        onProgress: () => {
          if (++calls === 3) controller.abort();
        },
      });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });

  it('rejects k outside 1…n and a mis-sized X', () => {
    expect(() => exactKnn(new Float64Array(6), 3, 2, 4)).toThrow(/k = 4/);
    expect(() => exactKnn(new Float64Array(6), 3, 2, 0)).toThrow(/k = 0/);
    expect(() => exactKnn(new Float64Array(5), 3, 2, 2)).toThrow(/length 5/);
  });
});
