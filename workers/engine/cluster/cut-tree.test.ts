import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from './agreement';
import { cutTree } from './cut-tree';
import { fixtureNames, loadFixture } from './fixtures.test-helper';
import { wardLinkage } from './ward';

describe('cutTree(linkage, n, k)', () => {
  // Points 0, 1, 3, 7 merge as {0,1} (id 4), {0,1,3} (id 5), then all (id 6).
  const Z = wardLinkage(Float64Array.from([0, 1, 3, 7]), 4, 1);

  it('undoes the last k − 1 merges and numbers clusters by first appearance', () => {
    expect(Array.from(cutTree(Z, 4, 1))).toEqual([0, 0, 0, 0]);
    expect(Array.from(cutTree(Z, 4, 2))).toEqual([0, 0, 0, 1]);
    expect(Array.from(cutTree(Z, 4, 3))).toEqual([0, 0, 1, 2]);
    expect(Array.from(cutTree(Z, 4, 4))).toEqual([0, 1, 2, 3]);
  });

  for (const name of fixtureNames) {
    it(`gives SciPy's fcluster(Z, 3, 'maxclust') partition on fixture ${name}`, () => {
      const f = loadFixture(name);
      const labels = cutTree(wardLinkage(f.X, f.n, f.d), f.n, 3);
      // The fixture's labels are renumbered by first appearance, so they match exactly.
      expect(Array.from(labels)).toEqual(Array.from(f.wardLabels));
      expect(adjustedRandIndex(labels, f.wardLabels)).toBe(1);
    });
  }

  it('gives exactly k clusters, labelled 0..k−1, for every k', () => {
    const f = loadFixture('duplicates');
    const Zd = wardLinkage(f.X, f.n, f.d);
    for (let k = 1; k <= f.n; k++) {
      const labels = cutTree(Zd, f.n, k);
      const seen = new Set(labels);
      expect(seen.size).toBe(k);
      expect(Math.min(...labels)).toBe(0);
      expect(Math.max(...labels)).toBe(k - 1);
    }
  });

  it('rejects k outside 1..n and a linkage of the wrong length', () => {
    expect(() => cutTree(Z, 4, 0)).toThrow('k = 0; expected an integer in 1..n = 1..4');
    expect(() => cutTree(Z, 4, 5)).toThrow('k = 5');
    expect(() => cutTree(Z, 5, 2)).toThrow('expected n − 1 = 4');
  });
});
