import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { expectClose, loadFixture } from './fixtures.test-helper';
import { silhouetteSampleSize, silhouetteSamples, silhouetteScore } from './silhouette';
import { silhouetteScores } from './silhouette-scores';

describe('silhouetteScores(X, n, d, labellings)', () => {
  const f = loadFixture('random-500x20');
  const rng = createRng(6);
  const random = Int32Array.from({ length: f.n }, () => Math.floor(rng() * 7));
  const labellings = [f.wardLabels, f.kmeans.labels, random];

  it('equals silhouetteScore for every labelling (and scikit-learn where known)', () => {
    const { scores, points, exact } = silhouetteScores(f.X, f.n, f.d, labellings);
    expect(exact).toBe(true);
    expect(points).toBe(f.n);
    for (const [l, labels] of labellings.entries()) {
      expectClose(scores[l], silhouetteScore(f.X, f.n, f.d, labels), 1e-12);
    }
    expectClose(scores[0], f.metrics.ward.silhouetteScore, 1e-9);
    expectClose(scores[1], f.metrics.kmeans.silhouetteScore, 1e-9);
  });

  it('scores one seeded sample under every labelling, each point exactly', () => {
    const sample = () => ({ size: 37, rng: createRng(3) });
    const { scores, points, exact } = silhouetteScores(f.X, f.n, f.d, labellings, {
      sample: sample(),
    });
    expect(exact).toBe(false);
    expect(points).toBe(37);
    for (const [l, labels] of labellings.entries()) {
      // silhouetteSamples draws the same 37 points from the same seed.
      const some = silhouetteSamples(f.X, f.n, f.d, labels, { sample: sample() });
      const mean = some.reduce((a, v) => (Number.isNaN(v) ? a : a + v), 0) / 37;
      expectClose(scores[l], mean, 1e-12);
    }
  });
});

describe('silhouetteSampleSize(n)', () => {
  it('is n up to the exact limit, then 4e8 / n distances, at least 1,000', () => {
    expect(silhouetteSampleSize(2_625)).toBe(2_625);
    expect(silhouetteSampleSize(20_000)).toBe(20_000);
    expect(silhouetteSampleSize(20_001)).toBe(19_999);
    expect(silhouetteSampleSize(200_000)).toBe(2_000);
    expect(silhouetteSampleSize(1_000_000)).toBe(1_000);
  });
});
