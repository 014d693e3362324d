import { describe, expect, it } from 'vitest';
import { buildRatingsMatrix } from './ratings-matrix';
import { WarningCounter } from './warnings';
import { NO_SUBSET, describeSubset, selectSubset } from './subset';

/** users 1..4 × movies 10, 20, 30, 40; movie 10 rated by all, 40 by one user. */
const entries: [number, number, number][] = [
  [1, 10, 5],
  [1, 20, 4],
  [1, 30, 3],
  [2, 10, 4],
  [2, 20, 2],
  [3, 10, 1],
  [3, 30, 5],
  [4, 10, 3],
  [4, 40, 4],
];
const base = buildRatingsMatrix(
  {
    count: entries.length,
    user: Int32Array.from(entries, (e) => e[0]),
    movie: Int32Array.from(entries, (e) => e[1]),
    rating: Float32Array.from(entries, (e) => e[2]),
    timestamp: new Float64Array(entries.length),
    firstLine: 1,
    skippedLines: [],
  },
  { min: 1, max: 5, step: 1 },
  'test',
  new WarningCounter(),
);

describe('selectSubset', () => {
  it('keeps everything for the empty spec', () => {
    const s = selectSubset(base, NO_SUBSET);
    expect(s.matrix.nRatings).toBe(9);
    expect(Array.from(s.movieRows)).toEqual([0, 1, 2, 3]);
  });

  it('selects a movie id range and drops users left without ratings', () => {
    const s = selectSubset(base, { ...NO_SUBSET, movieIdMin: 20, movieIdMax: 30 });
    expect(Array.from(s.matrix.movieIds)).toEqual([20, 30]);
    expect(Array.from(s.matrix.userIds)).toEqual([1, 2, 3]);
    expect(s.matrix.nRatings).toBe(4);
    // CSR and CSC hold the same entries.
    expect(Array.from(s.matrix.userVal)).toEqual([4, 3, 2, 5]);
    expect(Array.from(s.matrix.movieVal)).toEqual([4, 2, 3, 5]);
    expect(Array.from(s.matrix.moviePtr)).toEqual([0, 2, 4]);
  });

  it('keeps the top-N most rated movies, ties by lower id', () => {
    const s = selectSubset(base, { ...NO_SUBSET, topMovies: 2 });
    expect(Array.from(s.matrix.movieIds)).toEqual([10, 20]); // 4 ratings; 20 and 30 tie at 2
  });

  it('applies minimum counts until a fixed point', () => {
    // ≥ 2 ratings per user and per movie: movie 40 goes (1 rating), then user 4 has 1 left and goes.
    const s = selectSubset(base, { ...NO_SUBSET, minRatingsPerUser: 2, minRatingsPerMovie: 2 });
    expect(Array.from(s.matrix.userIds)).toEqual([1, 2, 3]);
    expect(Array.from(s.matrix.movieIds)).toEqual([10, 20, 30]);
    expect(s.matrix.nRatings).toBe(7);
    expect(s.rounds).toBeGreaterThan(1);
  });

  it('says so when nothing is left', () => {
    expect(() => selectSubset(base, { ...NO_SUBSET, minRatingsPerMovie: 10 })).toThrow(
      /leaves no ratings; loosen it/,
    );
  });

  it('describes itself in one line', () => {
    expect(describeSubset({ ...NO_SUBSET, topMovies: 100, minRatingsPerUser: 5 })).toBe(
      'top 100 most rated movies, users with ≥ 5 ratings',
    );
  });
});
