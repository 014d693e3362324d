import { describe, expect, it } from 'vitest';
import { copheneticCorrelation } from './cophenetic';
import { expectClose, fixtureNames, loadFixture } from './fixtures.test-helper';
import type { Linkage } from './ward';
import { wardLinkage } from './ward';

/** Plain Pearson correlation of two equal-length lists (two-pass, as SciPy). */
function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function asLinkage(z: {
  left: number[];
  right: number[];
  height: number[];
  size: number[];
}): Linkage {
  return {
    left: Int32Array.from(z.left),
    right: Int32Array.from(z.right),
    height: Float64Array.from(z.height),
    size: Int32Array.from(z.size),
  };
}

describe('copheneticCorrelation(linkage, X, n, d)', () => {
  it('correlates pair distances with merge heights on 4 points on a line', () => {
    // Points 0, 1, 3, 7 join at h1 = 1 ({0,1}), h2 = 5/√3 (+3), h3 = √1.5·17/3 (+7).
    // Pairs (0,1) (0,3) (0,7) (1,3) (1,7) (3,7): distances 1 3 7 2 6 4, heights h1 h2 h3 h2 h3 h3.
    const h2 = 5 / Math.sqrt(3);
    const h3 = (Math.sqrt(1.5) * 17) / 3;
    const expected = pearson([1, 3, 7, 2, 6, 4], [1, h2, h3, h2, h3, h3]);
    const X = Float64Array.from([0, 1, 3, 7]);
    expectClose(copheneticCorrelation(wardLinkage(X, 4, 1), X, 4, 1), expected, 1e-14);
    expectClose(expected, 0.8985775727685785, 1e-12); // SciPy's cophenet
  });

  for (const name of fixtureNames) {
    it(`equals SciPy cophenet(Z, pdist(X))[0] on fixture ${name}`, () => {
      const f = loadFixture(name);
      const ours = copheneticCorrelation(wardLinkage(f.X, f.n, f.d), f.X, f.n, f.d);
      expectClose(ours, f.cophenetic, 1e-9);
      // With SciPy's own tree the only difference left is summation order.
      expectClose(copheneticCorrelation(asLinkage(f.linkage), f.X, f.n, f.d), f.cophenetic, 1e-12);
    });
  }

  it('lies in [−1, 1] and is NaN when all distances are equal, as in SciPy', () => {
    const f = loadFixture('outlier');
    const c = copheneticCorrelation(wardLinkage(f.X, f.n, f.d), f.X, f.n, f.d);
    expect(c).toBeGreaterThanOrEqual(-1);
    expect(c).toBeLessThanOrEqual(1);
    const X = Float64Array.from([0, 1]);
    expect(copheneticCorrelation(wardLinkage(X, 2, 1), X, 2, 1)).toBeNaN();
  });

  it('rejects a linkage built for another n', () => {
    const X = Float64Array.from([0, 1, 3]);
    const Z = wardLinkage(Float64Array.from([0, 1, 3, 7]), 4, 1);
    expect(() => copheneticCorrelation(Z, X, 3, 1)).toThrow('expected n − 1 = 2');
  });
});
