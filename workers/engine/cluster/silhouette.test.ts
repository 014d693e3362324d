import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { expectClose, fixtureNames, loadFixture } from './fixtures.test-helper';
import { silhouetteSamples, silhouetteScore } from './silhouette';

const col = (...xs: number[]) => Float64Array.from(xs);
const labelsOf = (...ls: number[]) => Int32Array.from(ls);

describe('silhouetteSamples(X, n, d, labels)', () => {
  it('matches hand-computed values for two pairs on a line', () => {
    // 0, 1 | 5, 6: every a = 1; b = 5.5 for the outer points, 4.5 for the inner ones.
    const s = silhouetteSamples(col(0, 1, 5, 6), 4, 1, labelsOf(0, 0, 1, 1));
    expectClose(s[0], 1 - 1 / 5.5, 1e-15);
    expectClose(s[1], 1 - 1 / 4.5, 1e-15);
    expectClose(s[2], 1 - 1 / 4.5, 1e-15);
    expectClose(s[3], 1 - 1 / 5.5, 1e-15);
  });

  it('gives 0 to a point alone in its cluster, as scikit-learn does', () => {
    const s = silhouetteSamples(col(0, 1, 10), 3, 1, labelsOf(0, 0, 1));
    expectClose(s[0], 0.9, 1e-15);
    expectClose(s[1], 1 - 1 / 9, 1e-15);
    expect(s[2]).toBe(0);
  });

  for (const name of fixtureNames) {
    for (const method of ['ward', 'kmeans'] as const) {
      it(`equals scikit-learn on fixture ${name} with the ${method} labels`, () => {
        const f = loadFixture(name);
        const labels = method === 'ward' ? f.wardLabels : f.kmeans.labels;
        const ref = f.metrics[method];
        const s = silhouetteSamples(f.X, f.n, f.d, labels);
        // scikit-learn forms distances as sqrt(‖x‖² − 2x·y + ‖y‖²), which is off by ~1e-8
        // for duplicate points; per point that stays within 1e-9 relative (absolute near 0).
        for (let i = 0; i < f.n; i++) expectClose(s[i], ref.silhouetteSamples[i], 1e-9, 1e-12);
        expectClose(silhouetteScore(f.X, f.n, f.d, labels), ref.silhouetteScore, 1e-9);
      });
    }
  }

  it('stays within [−1, 1] for arbitrary labels', () => {
    const f = loadFixture('random-500x20');
    const rng = createRng(4);
    const labels = Int32Array.from({ length: f.n }, () => Math.floor(rng() * 6));
    for (const v of silhouetteSamples(f.X, f.n, f.d, labels)) {
      expect(v).toBeGreaterThanOrEqual(-1);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('rejects one cluster, n clusters, and labels of the wrong length', () => {
    expect(() => silhouetteSamples(col(0, 1, 2), 3, 1, labelsOf(0, 0, 0))).toThrow(
      'silhouette needs 2..n−1 clusters; got 1 distinct labels for n = 3',
    );
    expect(() => silhouetteSamples(col(0, 1, 2), 3, 1, labelsOf(0, 1, 2))).toThrow('got 3');
    expect(() => silhouetteSamples(col(0, 1, 2), 3, 1, labelsOf(0, 1))).toThrow(
      'labels has length 2',
    );
  });
});

describe('silhouetteScore(X, n, d, labels, { sample })', () => {
  const f = loadFixture('random-500x20');
  const labels = f.kmeans.labels;

  it('is the mean of the sampled points’ exact silhouettes, reproducibly', () => {
    const sample = (seed: number) => ({ size: 50, rng: createRng(seed) });
    const a = silhouetteScore(f.X, f.n, f.d, labels, { sample: sample(9) });
    const b = silhouetteScore(f.X, f.n, f.d, labels, { sample: sample(9) });
    expect(a).toBe(b);
    // The per-point version fills exactly the 50 sampled points, each equal to its exact value.
    const all = silhouetteSamples(f.X, f.n, f.d, labels);
    const some = silhouetteSamples(f.X, f.n, f.d, labels, { sample: sample(9) });
    let total = 0;
    let count = 0;
    for (let i = 0; i < f.n; i++) {
      if (Number.isNaN(some[i])) continue;
      expectClose(some[i], all[i], 1e-12, 1e-15);
      total += some[i];
      count++;
    }
    expect(count).toBe(50);
    expectClose(a, total / count, 1e-12);
    // An estimate of the full mean, not the full mean itself.
    expect(Math.abs(a - f.metrics.kmeans.silhouetteScore)).toBeLessThan(0.05);
  });

  it('is exact when the sample is at least n points', () => {
    const exact = silhouetteScore(f.X, f.n, f.d, labels);
    const sampled = silhouetteScore(f.X, f.n, f.d, labels, {
      sample: { size: f.n, rng: createRng(1) },
    });
    expect(sampled).toBe(exact);
    expectClose(exact, f.metrics.kmeans.silhouetteScore, 1e-9);
  });

  it('rejects a sample size below 1', () => {
    expect(() =>
      silhouetteScore(f.X, f.n, f.d, labels, { sample: { size: 0, rng: createRng(1) } }),
    ).toThrow('sample.size = 0; expected an integer >= 1');
  });
});
