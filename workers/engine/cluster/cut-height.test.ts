import { describe, expect, it } from 'vitest';
import { cutTreeAtHeight } from './cut-height';
import { cutTree } from './cut-tree';
import { fixtureNames, loadFixture, type ReferenceLinkage } from './fixtures.test-helper';
import { linkage } from './linkage';
import { wardLinkage, type Linkage } from './ward';

const asLinkage = (z: ReferenceLinkage): Linkage => ({
  left: Int32Array.from(z.left),
  right: Int32Array.from(z.right),
  height: Float64Array.from(z.height),
  size: Int32Array.from(z.size),
});

describe('cutTreeAtHeight(linkage, n, h)', () => {
  // Points 0, 1, 3, 7 under complete linkage: {0,1} at 1, +3 at 3, +7 at 7.
  const Z = linkage(Float64Array.from([0, 1, 3, 7]), 4, 1, 'complete');

  it('keeps merges at or below h, numbering clusters by first appearance', () => {
    expect(Array.from(cutTreeAtHeight(Z, 4, 0.5))).toEqual([0, 1, 2, 3]);
    expect(Array.from(cutTreeAtHeight(Z, 4, 1))).toEqual([0, 0, 1, 2]); // inclusive
    expect(Array.from(cutTreeAtHeight(Z, 4, 2.9))).toEqual([0, 0, 1, 2]);
    expect(Array.from(cutTreeAtHeight(Z, 4, 3))).toEqual([0, 0, 0, 1]);
    expect(Array.from(cutTreeAtHeight(Z, 4, 7))).toEqual([0, 0, 0, 0]);
    expect(Array.from(cutTreeAtHeight(Z, 4, Infinity))).toEqual([0, 0, 0, 0]);
    expect(Array.from(cutTreeAtHeight(Z, 4, -1))).toEqual([0, 1, 2, 3]);
  });

  for (const name of fixtureNames) {
    it(`gives SciPy's fcluster(Z, h, 'distance') partitions on fixture ${name}`, () => {
      const f = loadFixture(name);
      const scipy = {
        ward: asLinkage(f.linkage),
        average: asLinkage(f.linkages.average),
        complete: asLinkage(f.linkages.complete),
      };
      const ours = {
        ward: wardLinkage(f.X, f.n, f.d),
        average: linkage(f.X, f.n, f.d, 'average'),
        complete: linkage(f.X, f.n, f.d, 'complete'),
      };
      // Heights below, exactly at and between merges, from each of SciPy's three trees.
      expect(f.heightCuts.length).toBe(18);
      for (const cut of f.heightCuts) {
        const tree = scipy[cut.method];
        const label = `${cut.method} at h = ${cut.h}`;
        expect(Array.from(cutTreeAtHeight(tree, f.n, cut.h)), label).toEqual(cut.labels);
        // Our average and complete heights are SciPy's bit for bit, so even cuts exactly at
        // a merge agree. Our Ward heights differ in the last bits, so a cut exactly at one of
        // SciPy's Ward heights may fall on either side of ours; the others must agree.
        const atMerge = tree.height.includes(cut.h) && cut.h !== 0;
        if (cut.method !== 'ward' || !atMerge) {
          const labels = cutTreeAtHeight(ours[cut.method], f.n, cut.h);
          expect(Array.from(labels), `ours: ${label}`).toEqual(cut.labels);
        }
      }
    });
  }

  it('agrees with cutTree(k) when h lies between the (n − k)th and next merge heights', () => {
    const f = loadFixture('random-500x20');
    const W = wardLinkage(f.X, f.n, f.d);
    for (const k of [2, 5, 17, 100]) {
      const h = 0.5 * (W.height[f.n - k - 1] + W.height[f.n - k]);
      expect(Array.from(cutTreeAtHeight(W, f.n, h))).toEqual(Array.from(cutTree(W, f.n, k)));
    }
  });

  it('rejects a NaN height and a linkage built for another n', () => {
    expect(() => cutTreeAtHeight(Z, 4, NaN)).toThrow('h = NaN');
    expect(() => cutTreeAtHeight(Z, 5, 1)).toThrow('expected n − 1 = 4');
  });
});
