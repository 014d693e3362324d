import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { adjustedRandIndex, contingencyTable } from './agreement';
import { expectClose, fixtureNames, loadFixture } from './fixtures.test-helper';

const L = (...ls: number[]) => Int32Array.from(ls);

describe('contingencyTable(a, b)', () => {
  it('counts co-occurring labels, one row per label of a and one column per label of b', () => {
    const t = contingencyTable(L(0, 0, 1, 1, 1), L(0, 0, 1, 2, 2));
    expect(t.rows).toBe(2);
    expect(t.cols).toBe(3);
    expect(Array.from(t.counts)).toEqual([2, 0, 0, 0, 1, 2]);
  });

  it('rejects labelings of different lengths', () => {
    expect(() => contingencyTable(L(0, 1), L(0, 1, 1))).toThrow('labels has length 3');
  });
});

describe('adjustedRandIndex(a, b)', () => {
  it('matches the hand-computed value', () => {
    // Pairs together: in a {01, 23} = 2, in b {01} = 1, in both 1; of 6 pairs.
    // ARI = (1 − 2·1/6) / ((2 + 1)/2 − 2·1/6) = (2/3) / (7/6) = 4/7.
    expectClose(adjustedRandIndex(L(0, 0, 1, 1), L(0, 0, 1, 2)), 4 / 7, 1e-15);
  });

  it('is 1 for the same partition under other label numbers, and symmetric', () => {
    expect(adjustedRandIndex(L(0, 0, 1, 2, 2), L(2, 2, 0, 1, 1))).toBe(1);
    const rng = createRng(3);
    const a = Int32Array.from({ length: 200 }, () => Math.floor(rng() * 4));
    const b = Int32Array.from({ length: 200 }, () => Math.floor(rng() * 3));
    expect(adjustedRandIndex(a, b)).toBe(adjustedRandIndex(b, a));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.05);
  });

  it('stays exact for large n, where pair-count products pass 2^53', () => {
    // n = 30,000: tp·tn is about 1e17. Reference values from scikit-learn (Python integers).
    const n = 30_000;
    const a = Int32Array.from({ length: n }, (_, i) => i % 3);
    const b = Int32Array.from({ length: n }, (_, i) => Math.floor((i * 7) / n));
    expectClose(adjustedRandIndex(a, b), -9.998610984242885e-5, 1e-12);
    // Halves crossed with odd/even, n = 20,000 (scikit-learn: −1/19,998).
    const m = 20_000;
    const c = Int32Array.from({ length: m }, (_, i) => i % 2);
    const e = Int32Array.from({ length: m }, (_, i) => (i < m / 2 ? 0 : 1));
    expectClose(adjustedRandIndex(c, e), -5.000500050005001e-5, 1e-12);
  });

  for (const name of fixtureNames) {
    it(`equals scikit-learn between the Ward and K-means labels of fixture ${name}`, () => {
      const f = loadFixture(name);
      expectClose(adjustedRandIndex(f.wardLabels, f.kmeans.labels), f.adjustedRand, 1e-12);
    });
  }
});
