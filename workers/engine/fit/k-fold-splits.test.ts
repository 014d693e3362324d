import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { randomProblem } from './fixture.test-helper';
import { kFoldSplits } from './k-fold-splits';

describe('kFoldSplits', () => {
  const R = randomProblem(40, 25, 0.2, 2);

  it('puts every rating in exactly one test fold, folds differing in size by at most one', () => {
    const folds = kFoldSplits(R, 5, createRng(1));
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.split(f).test.nRatings);
    expect(sizes.reduce((a, b) => a + b)).toBe(R.nRatings);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (let f = 0; f < 5; f++) {
      const { train, test } = folds.split(f);
      expect(train.nRatings + test.nRatings).toBe(R.nRatings);
      expect([train.nUsers, train.nMovies]).toEqual([R.nUsers, R.nMovies]);
    }
    // Test fold f is exactly the entries whose foldOf is f (CSR order is kept).
    const { test } = folds.split(2);
    const want: number[] = [];
    for (let e = 0; e < R.nRatings; e++) if (folds.foldOf[e] === 2) want.push(R.userVal[e]);
    expect(Array.from(test.userVal.subarray(0, test.nRatings))).toEqual(want);
  });

  it('is reproducible from the seed and rejects a bad k or fold', () => {
    expect(Array.from(kFoldSplits(R, 3, createRng(4)).foldOf)).toEqual(
      Array.from(kFoldSplits(R, 3, createRng(4)).foldOf),
    );
    expect(() => kFoldSplits(R, 1, createRng(1))).toThrow(/k is 1; expected an integer from 2/);
    expect(() => kFoldSplits(R, 3, createRng(1)).split(3)).toThrow(/fold is 3; expected 0..2/);
  });
});
