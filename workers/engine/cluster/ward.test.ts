import { describe, expect, it } from 'vitest';
import { expectClose, fixtureNames, loadFixture, maxRelativeError } from './fixtures.test-helper';
import { createRng } from '../rng';
import { labelMerges } from './label-merges';
import { wardLinkage } from './ward';

const labelMergesForTest = (r: { x: number[]; y: number[]; h: number[] }, n: number) =>
  labelMerges(Int32Array.from(r.x), Int32Array.from(r.y), Float64Array.from(r.h), n);

const line = (...xs: number[]) => Float64Array.from(xs);

/**
 * The plain nearest-neighbour chain (SciPy's nn_chain on centroids, one full scan per step),
 * unsorted: merge k joins slots x[k] < y[k] at h[k]. Squared distances are summed exactly as
 * wardLinkage sums them, so ties fall the same way.
 */
function plainChain(X: Float64Array, n: number, d: number) {
  const C = Float64Array.from(X);
  const size = new Array<number>(n).fill(1);
  const q = (a: number, b: number) => {
    let s = 0;
    let t = 0;
    for (; t + 4 <= d; t += 4) {
      const e = [0, 1, 2, 3].map((u) => C[a * d + t + u] - C[b * d + t + u]);
      s += e[0] * e[0] + e[1] * e[1] + (e[2] * e[2] + e[3] * e[3]);
    }
    for (; t < d; t++) s += (C[a * d + t] - C[b * d + t]) ** 2;
    return ((2 * size[a] * size[b]) / (size[a] + size[b])) * s;
  };
  const chain: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  const h: number[] = [];
  for (let k = 0; k < n - 1; k++) {
    if (chain.length === 0) chain.push(size.findIndex((m) => m > 0));
    let a: number;
    let b: number;
    let best: number;
    for (;;) {
      a = chain[chain.length - 1];
      b = chain.length > 1 ? chain[chain.length - 2] : -1;
      best = b === -1 ? Infinity : q(a, b);
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === a) continue;
        const v = q(a, i);
        if (v < best) {
          best = v;
          b = i;
        }
      }
      if (chain.length > 1 && b === chain[chain.length - 2]) break;
      chain.push(b);
    }
    chain.length -= 2;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    x.push(lo);
    y.push(hi);
    h.push(Math.sqrt(best));
    for (let t = 0; t < d; t++) {
      C[hi * d + t] = (size[lo] * C[lo * d + t] + size[hi] * C[hi * d + t]) / (size[lo] + size[hi]);
    }
    size[hi] += size[lo];
    size[lo] = 0;
  }
  return { x, y, h };
}

describe('wardLinkage(X, n, d)', () => {
  it('merges 4 points on a line at the hand-computed Ward heights', () => {
    // Points 0, 1, 3, 7. d(A, B) = sqrt(2|A||B| / (|A| + |B|)) · |c_A − c_B|:
    //   {0}+{1}:     sqrt(2·1·1/2)·1           = 1           → id 4, centroid 1/2
    //   {0,1}+{3}:   sqrt(2·2·1/3)·(3 − 1/2)   = 5/√3        → id 5, centroid 4/3
    //   {0,1,3}+{7}: sqrt(2·3·1/4)·(7 − 4/3)   = √(3/2)·17/3
    const Z = wardLinkage(line(0, 1, 3, 7), 4, 1);
    expect(Array.from(Z.left)).toEqual([0, 2, 3]);
    expect(Array.from(Z.right)).toEqual([1, 4, 5]);
    expect(Array.from(Z.size)).toEqual([2, 3, 4]);
    expectClose(Z.height[0], 1, 1e-15);
    expectClose(Z.height[1], 5 / Math.sqrt(3), 1e-15);
    expectClose(Z.height[2], (Math.sqrt(1.5) * 17) / 3, 1e-15);
  });

  it('sorts merges by height and relabels them when the chain finds them out of order', () => {
    // The chain starts at point 0 and merges {0, 2} (height 2) before {10, 10.5} (0.5);
    // SciPy's stable sort puts the lower merge first and renumbers the clusters to match:
    //   row 0: 2 + 3 at 0.5 → id 4;  row 1: 0 + 1 at 2 → id 5;
    //   row 2: 4 + 5 at sqrt(2·2·2/4)·(10.25 − 1) = 9.25·√2.
    const Z = wardLinkage(line(0, 2, 10, 10.5), 4, 1);
    expect(Array.from(Z.left)).toEqual([2, 0, 4]);
    expect(Array.from(Z.right)).toEqual([3, 1, 5]);
    expect(Array.from(Z.size)).toEqual([2, 2, 4]);
    expectClose(Z.height[0], 0.5, 1e-15);
    expectClose(Z.height[1], 2, 1e-15);
    expectClose(Z.height[2], 9.25 * Math.SQRT2, 1e-15);
  });

  it('breaks an exact tie the way SciPy does (first slot scanned, previous chain link kept)', () => {
    // 0, 1, 2: d(0,1) = d(1,2) = 1. From 0 the chain reaches 1; from 1 the previous link 0
    // is kept on the tie, so {0, 1} merges first, then {0,1}+{2} at sqrt(4/3)·1.5 = √3.
    const Z = wardLinkage(line(0, 1, 2), 3, 1);
    expect(Array.from(Z.left)).toEqual([0, 2]);
    expect(Array.from(Z.right)).toEqual([1, 3]);
    expectClose(Z.height[1], Math.sqrt(3), 1e-15);
  });

  it('merges identical points at height 0 in SciPy order', () => {
    const Z = wardLinkage(line(5, 5, 5, 5), 4, 1);
    expect(Array.from(Z.left)).toEqual([0, 2, 3]);
    expect(Array.from(Z.right)).toEqual([1, 4, 5]);
    for (const h of Z.height) expect(h).toBe(0);
  });

  for (const name of fixtureNames) {
    it(`equals SciPy linkage(X, 'ward') on fixture ${name}`, () => {
      const f = loadFixture(name);
      const Z = wardLinkage(f.X, f.n, f.d);
      expect(maxRelativeError(Z.height, f.linkage.height)).toBeLessThan(1e-9);
      // Integer columns compared exactly; the duplicates fixture has exact ties, which
      // match because they are broken by the same rule on exactly equal (zero) distances.
      expect(Array.from(Z.left)).toEqual(f.linkage.left);
      expect(Array.from(Z.right)).toEqual(f.linkage.right);
      expect(Array.from(Z.size)).toEqual(f.linkage.size);
    });
  }

  it('gives the plain chain’s tree, ties included, though it rescans far less', () => {
    // Remembered neighbours and refreshed lists must not change a single merge. An integer
    // grid with many duplicates and equal distances exercises the tie order; random data
    // exercises long chains and refreshes.
    const rng = createRng(17);
    const grid = Float64Array.from({ length: 300 * 3 }, () => Math.floor(rng() * 4));
    const noise = Float64Array.from({ length: 400 * 5 }, () => rng() - 0.5);
    for (const [X, n, d] of [
      [grid, 300, 3],
      [noise, 400, 5],
    ] as const) {
      // The reference's merges, sorted and relabelled as SciPy does, must be ours exactly.
      const ref = labelMergesForTest(plainChain(X, n, d), n);
      const Z = wardLinkage(X, n, d);
      expect(Array.from(Z.height)).toEqual(Array.from(ref.height));
      expect(Array.from(Z.left)).toEqual(Array.from(ref.left));
      expect(Array.from(Z.right)).toEqual(Array.from(ref.right));
    }
  });

  it('produces a valid tree: n − 1 rows, ascending heights, left < right, sizes add up', () => {
    const f = loadFixture('random-500x20');
    const Z = wardLinkage(f.X, f.n, f.d);
    const n = f.n;
    expect(Z.height.length).toBe(n - 1);
    const sizeOf = (id: number) => (id < n ? 1 : Z.size[id - n]);
    for (let i = 0; i < n - 1; i++) {
      expect(Z.left[i]).toBeLessThan(Z.right[i]);
      expect(Z.right[i]).toBeLessThan(n + i);
      expect(Z.size[i]).toBe(sizeOf(Z.left[i]) + sizeOf(Z.right[i]));
      if (i > 0) expect(Z.height[i]).toBeGreaterThanOrEqual(Z.height[i - 1]);
    }
    expect(Z.size[n - 2]).toBe(n);
  });

  it('reports progress up to 1 and stops with an AbortError when cancelled', () => {
    const f = loadFixture('blobs');
    const seen: number[] = [];
    wardLinkage(f.X, f.n, f.d, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(1);
    const controller = new AbortController();
    controller.abort();
    expect(() => wardLinkage(f.X, f.n, f.d, { signal: controller.signal })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });

  it('rejects fewer than 2 points and a mis-sized X', () => {
    expect(() => wardLinkage(line(1), 1, 1)).toThrow('at least 2 points');
    expect(() => wardLinkage(line(1, 2, 3), 2, 2)).toThrow('X has length 3; expected n × d');
    expect(() => wardLinkage(line(1, NaN), 2, 1)).toThrow('X[1, 0] = NaN');
  });
});
