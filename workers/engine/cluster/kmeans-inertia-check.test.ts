import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { fixtureNames, loadFixture } from './fixtures.test-helper';
import { kmeans } from './kmeans';
import { kmeansInertiaCheck } from './kmeans-inertia-check';

describe('kmeansInertiaCheck(inertia, reference, tolerance)', () => {
  it('accepts within 0.5% on either side and says by how much', () => {
    const above = kmeansInertiaCheck(100.4, 100);
    expect(above.ok).toBe(true);
    expect(above.relativeDifference).toBeCloseTo(0.004, 12);
    expect(above.message).toBe(
      'K-means inertia 100.40000 is 0.4% above the reference 100.00000; within 0.5%',
    );
    expect(kmeansInertiaCheck(99.6, 100).ok).toBe(true);
    const far = kmeansInertiaCheck(101, 100);
    expect(far.ok).toBe(false);
    expect(far.message).toContain('is 1% above the reference 100.00000; expected within 0.5%');
    expect(kmeansInertiaCheck(97, 100, 0.05).message).toContain('3% below');
  });

  for (const name of fixtureNames) {
    it(`passes for kmeans against scikit-learn's inertia on fixture ${name}`, () => {
      const f = loadFixture(name);
      const r = kmeans(f.X, f.n, f.d, { k: f.k, restarts: 10, rng: createRng(2024) });
      expect(kmeansInertiaCheck(r.inertia, f.kmeans.inertia).ok).toBe(true);
    });
  }

  it('rejects a reference that is not positive and a negative inertia', () => {
    expect(() => kmeansInertiaCheck(1, 0)).toThrow('reference inertia = 0; expected');
    expect(() => kmeansInertiaCheck(-1, 1)).toThrow('inertia = -1; expected');
  });
});
