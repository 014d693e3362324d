import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { randomProblem } from './fixture.test-helper';
import { splitHoldout } from './split-holdout';
import type { SparseRatings } from './sparse-ratings';

/** Every entry as "user,movie,rating", from both views, so the two can be checked to agree. */
function entries(R: SparseRatings): { byUser: string[]; byMovie: string[] } {
  const byUser: string[] = [];
  const byMovie: string[] = [];
  for (let i = 0; i < R.nUsers; i++) {
    for (let e = R.userPtr[i]; e < R.userPtr[i + 1]; e++)
      byUser.push(`${i},${R.userCol[e]},${R.userVal[e]}`);
  }
  for (let m = 0; m < R.nMovies; m++) {
    for (let e = R.moviePtr[m]; e < R.moviePtr[m + 1]; e++)
      byMovie.push(`${R.movieCol[e]},${m},${R.movieVal[e]}`);
  }
  return { byUser, byMovie: byMovie.sort() };
}

describe('splitHoldout', () => {
  const R = randomProblem(50, 30, 0.2, 1);

  it('partitions the ratings, keeps the index space, and holds out round(fraction · N)', () => {
    const { train, test } = splitHoldout(R, 0.2, createRng(3));
    expect(test.nRatings).toBe(Math.round(0.2 * R.nRatings));
    expect(train.nRatings + test.nRatings).toBe(R.nRatings);
    for (const part of [train, test]) {
      expect([part.nUsers, part.nMovies]).toEqual([R.nUsers, R.nMovies]);
      const { byUser, byMovie } = entries(part);
      expect([...byUser].sort()).toEqual(byMovie); // CSR and CSC hold the same entries
    }
    const all = [...entries(train).byUser, ...entries(test).byUser].sort();
    expect(all).toEqual([...entries(R).byUser].sort());
  });

  it('is reproducible from the seed and differs between seeds', () => {
    const a = splitHoldout(R, 0.3, createRng(9)).test;
    const b = splitHoldout(R, 0.3, createRng(9)).test;
    const c = splitHoldout(R, 0.3, createRng(10)).test;
    expect(entries(a).byUser).toEqual(entries(b).byUser);
    expect(entries(a).byUser).not.toEqual(entries(c).byUser);
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => splitHoldout(R, 1, createRng(1))).toThrow(
      /hold-out fraction is 1; expected a number between 0 and 1/,
    );
  });
});
