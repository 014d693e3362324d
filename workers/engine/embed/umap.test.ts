import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { mapConsistency } from './consistency';
import { exactKnn } from './knn';
import { umapEmbed } from './umap';

function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Three unit-variance blobs in 10-D whose centres are 12 apart, 100 points each. */
function blobs(seed: number): { X: Float64Array; labels: Int32Array } {
  const rng = createRng(seed);
  const n = 300;
  const d = 10;
  const X = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    for (let c = 0; c < d; c++) X[i * d + c] = gaussian(rng) + (c === labels[i] ? 12 : 0);
  }
  return { X, labels };
}

describe('umapEmbed(X, n, d, options)', () => {
  const { X, labels } = blobs(3);

  it('gives identical coordinates for the same seed and different ones for another', () => {
    const a = umapEmbed(X, 300, 10, { rng: createRng(42), nEpochs: 50 });
    const b = umapEmbed(X, 300, 10, { rng: createRng(42), nEpochs: 50 });
    const c = umapEmbed(X, 300, 10, { rng: createRng(43), nEpochs: 50 });
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(Array.from(c.x)).not.toEqual(Array.from(a.x));
  });

  it('keeps three well-separated blobs apart (map consistency > 0.95)', () => {
    const { x, y } = umapEmbed(X, 300, 10, { rng: createRng(1) });
    expect(x.every(Number.isFinite) && y.every(Number.isFinite)).toBe(true);
    expect(mapConsistency(x, y, labels, 10)).toBeGreaterThan(0.95);
  });

  it('returns finite coordinates for duplicated and constant rows', () => {
    const dup = new Float64Array(300 * 10);
    for (let i = 0; i < 300; i++) dup.copyWithin(i * 10, (i % 40) * 10, (i % 40) * 10 + 10);
    dup.set(X.subarray(0, 400));
    const constant = new Float64Array(50 * 4).fill(1);
    for (const [data, n, d] of [
      [dup, 300, 10],
      [constant, 50, 4],
    ] as const) {
      const { x, y } = umapEmbed(data, n, d, { rng: createRng(5), nEpochs: 60 });
      expect(x.length).toBe(n);
      expect(x.every(Number.isFinite) && y.every(Number.isFinite)).toBe(true);
    }
  });

  it('uses a shared neighbour search with a larger k to the same effect', () => {
    const knn = exactKnn(X, 300, 10, 30);
    const a = umapEmbed(X, 300, 10, { rng: createRng(8), nEpochs: 30, knn });
    const b = umapEmbed(X, 300, 10, { rng: createRng(8), nEpochs: 30 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(() =>
      umapEmbed(X, 300, 10, { rng: createRng(8), knn: exactKnn(X, 300, 10, 5) }),
    ).toThrow(/k ≥ nNeighbors = 15/);
  });

  it('lowers nNeighbors for few points and lays out fewer than three on a line', () => {
    for (const n of [3, 4, 15, 16]) {
      const { x, y } = umapEmbed(X.subarray(0, n * 10), n, 10, { rng: createRng(2), nEpochs: 20 });
      expect(x.length).toBe(n);
      expect(x.every(Number.isFinite) && y.every(Number.isFinite)).toBe(true);
    }
    expect(umapEmbed(X.subarray(0, 20), 2, 10, { rng: createRng(2) })).toEqual({
      x: new Float64Array([0, 1]),
      y: new Float64Array([0, 0]),
    });
    expect(umapEmbed(new Float64Array(0), 0, 10, { rng: createRng(2) }).x.length).toBe(0);
  });

  it('reports rising progress that ends at 1', () => {
    const seen: number[] = [];
    umapEmbed(X, 300, 10, { rng: createRng(4), nEpochs: 20, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.at(-1)).toBeCloseTo(1, 12);
    for (let t = 1; t < seen.length; t++) expect(seen[t]).toBeGreaterThanOrEqual(seen[t - 1]);
  });

  it('stops with an AbortError when the signal is aborted, before or between epochs', () => {
    const before = new AbortController();
    before.abort();
    expect(() => umapEmbed(X, 300, 10, { rng: createRng(1), signal: before.signal })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );

    const during = new AbortController();
    let last = 0;
    const run = () =>
      umapEmbed(X, 300, 10, {
        rng: createRng(1),
        signal: during.signal,
        onProgress: (f) => {
          last = f;
          if (f > 0.7) during.abort();
        },
      });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(last).toBeLessThan(0.75);
  });
});
