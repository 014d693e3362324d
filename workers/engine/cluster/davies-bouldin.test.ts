import { describe, expect, it } from 'vitest';
import { daviesBouldinScore } from './davies-bouldin';
import { expectClose, fixtureNames, loadFixture } from './fixtures.test-helper';

describe('daviesBouldinScore(X, n, d, labels)', () => {
  it('matches the hand-computed value for two pairs on a line', () => {
    // 0, 1 | 5, 6: S = 1/2 in each cluster, centroids 5 apart: (1/2 + 1/2) / 5 = 0.2.
    const X = Float64Array.from([0, 1, 5, 6]);
    expectClose(daviesBouldinScore(X, 4, 1, Int32Array.from([0, 0, 1, 1])), 0.2, 1e-15);
  });

  it('is 0 when every cluster is a single repeated point, as in scikit-learn', () => {
    const X = Float64Array.from([2, 2, 9, 9]);
    expect(daviesBouldinScore(X, 4, 1, Int32Array.from([0, 0, 1, 1]))).toBe(0);
  });

  it('ignores label values that no point carries', () => {
    const X = Float64Array.from([0, 1, 5, 6]);
    expectClose(daviesBouldinScore(X, 4, 1, Int32Array.from([0, 0, 3, 3])), 0.2, 1e-15);
  });

  for (const name of fixtureNames) {
    it(`equals scikit-learn on fixture ${name} for both label vectors`, () => {
      const f = loadFixture(name);
      expectClose(
        daviesBouldinScore(f.X, f.n, f.d, f.wardLabels),
        f.metrics.ward.daviesBouldin,
        1e-9,
      );
      expectClose(
        daviesBouldinScore(f.X, f.n, f.d, f.kmeans.labels),
        f.metrics.kmeans.daviesBouldin,
        1e-9,
      );
    });
  }

  it('rejects a single cluster', () => {
    const X = Float64Array.from([0, 1, 2]);
    expect(() => daviesBouldinScore(X, 3, 1, Int32Array.from([1, 1, 1]))).toThrow(
      'Davies–Bouldin needs 2..n−1 clusters; got 1',
    );
  });
});
