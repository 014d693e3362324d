import { describe, expect, it } from 'vitest';
import { calinskiHarabaszScore } from './calinski-harabasz';
import { expectClose, fixtureNames, loadFixture } from './fixtures.test-helper';

describe('calinskiHarabaszScore(X, n, d, labels)', () => {
  it('matches the hand-computed value for two pairs on a line', () => {
    // 0, 1 | 5, 6: mean 3; B = 2·2.5² + 2·2.5² = 25; W = 4·0.5² = 1; (25 / 1) / (1 / 2) = 50.
    const X = Float64Array.from([0, 1, 5, 6]);
    expectClose(calinskiHarabaszScore(X, 4, 1, Int32Array.from([0, 0, 1, 1])), 50, 1e-15);
  });

  it('is 1 when the within-cluster dispersion is 0, as in scikit-learn', () => {
    const X = Float64Array.from([2, 2, 9, 9]);
    expect(calinskiHarabaszScore(X, 4, 1, Int32Array.from([0, 0, 1, 1]))).toBe(1);
  });

  for (const name of fixtureNames) {
    it(`equals scikit-learn on fixture ${name} for both label vectors`, () => {
      const f = loadFixture(name);
      const ward = calinskiHarabaszScore(f.X, f.n, f.d, f.wardLabels);
      expectClose(ward, f.metrics.ward.calinskiHarabasz, 1e-9);
      const km = calinskiHarabaszScore(f.X, f.n, f.d, f.kmeans.labels);
      expectClose(km, f.metrics.kmeans.calinskiHarabasz, 1e-9);
    });
  }

  it('rejects as many clusters as points', () => {
    const X = Float64Array.from([0, 1, 2]);
    expect(() => calinskiHarabaszScore(X, 3, 1, Int32Array.from([0, 1, 2]))).toThrow(
      'Calinski–Harabasz needs 2..n−1 clusters; got 3',
    );
  });
});
