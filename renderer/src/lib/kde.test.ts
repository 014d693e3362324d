import { describe, expect, it } from 'vitest';
import { binnedKde, linspace } from './kde';

describe('binnedKde', () => {
  it('is a normal density centred on a single occupied bin', () => {
    // One bin [2, 3) holding every value: the estimate is N(2.5, h²).
    const h = 0.2;
    const [peak, oneSd] = binnedKde([0, 0, 7, 0], 0, 1, h, [2.5, 2.7]);
    expect(peak).toBeCloseTo(1 / (h * Math.sqrt(2 * Math.PI)), 12);
    expect(oneSd / peak).toBeCloseTo(Math.exp(-0.5), 12);
  });

  it('integrates to 1 whatever the counts', () => {
    const xs = linspace(-3, 8, 2201);
    const d = binnedKde([3, 10, 0, 25, 4], 0, 1, 0.3, xs);
    const step = xs[1] - xs[0];
    const integral = d.reduce((s, v) => s + v, 0) * step;
    expect(integral).toBeCloseTo(1, 6);
  });

  it('is zero for empty bins and refuses a bandwidth that is not positive', () => {
    expect(binnedKde([0, 0], 0, 1, 0.1, [0.5, 1.5])).toEqual([0, 0]);
    expect(() => binnedKde([1], 0, 1, 0, [0])).toThrow(/bandwidth is 0/);
  });
});

describe('linspace', () => {
  it('includes both ends', () => {
    expect(linspace(1, 2, 3)).toEqual([1, 1.5, 2]);
  });
});
