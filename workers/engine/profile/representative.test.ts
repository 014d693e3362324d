import { describe, expect, it } from 'vitest';
import { representativeMovies } from './representative';

// Two users then five movies in 2-D (d = 2), three clusters:
//   cluster 0: user 0 (0,0), movies 0 (1,0), 1 (0,3), 2 (-2,0)  → centre (-1/4, 3/4)
//   cluster 1: movies 3 (10,0), 4 (12,0)                        → centre (11, 0)
//   cluster 2: user 1 (20,0), no movies                         → centre (20, 0)
const X = new Float64Array([0, 0, 20, 0, 1, 0, 0, 3, -2, 0, 10, 0, 12, 0]);
const labels = new Int32Array([0, 2, 0, 0, 0, 1, 1]);
const ratingCounts = new Int32Array([5, 50, 30, 3, 4]);

describe('representativeMovies(X, nUsers, nMovies, d, labels, k, ratingCounts, minRatings, topN)', () => {
  const [c0, c1, c2] = representativeMovies(X, 2, 5, 2, labels, 3, ratingCounts, 20);

  it('ranks the eligible movies by distance to the mean of all members', () => {
    expect(c0).toMatchObject({ cluster: 0, users: 1, movies: 3, note: null, nearestOutside: null });
    // Movie 0 is nearest the centre but has only 5 ratings.
    expect(c0.candidates.map((m) => m.movieRow)).toEqual([2, 1]);
    expect(c0.candidates[0].distance).toBeCloseTo(Math.hypot(1.75, 0.75), 15);
    expect(c0.candidates[1].distance).toBeCloseTo(Math.hypot(0.25, 2.25), 15);
    expect(c0.representative).toEqual(c0.candidates[0]);
  });

  it('falls back to all the cluster movies when none reaches minRatings, and says so', () => {
    expect(c1.movies).toBe(2);
    // Both at distance 1 from (11, 0): the tie goes to the lower row.
    expect(c1.candidates).toEqual([
      { movieRow: 3, distance: 1 },
      { movieRow: 4, distance: 1 },
    ]);
    expect(c1.representative).toEqual({ movieRow: 3, distance: 1 });
    expect(c1.note).toMatch(/no movie in this cluster has 20 or more ratings/);
  });

  it('names the nearest eligible movie outside a cluster without movies', () => {
    expect(c2).toMatchObject({ users: 1, movies: 0, candidates: [], representative: null });
    // Movies 4 (8 away), 3 (10) and 0 (19) are nearer but below minRatings.
    expect(c2.nearestOutside?.movieRow).toBe(1);
    expect(c2.nearestOutside?.distance).toBeCloseTo(Math.hypot(20, 3), 15);
    expect(c2.note).toBe('cluster has no movies; nearest movie outside it is shown');
  });

  it('takes any movie outside when none anywhere reaches minRatings', () => {
    const r = representativeMovies(X, 2, 5, 2, labels, 3, ratingCounts, 1000)[2];
    expect(r.nearestOutside).toEqual({ movieRow: 4, distance: 8 });
    expect(r.note).toMatch(/^cluster has no movies; nearest movie outside it is shown/);
  });

  it('keeps topN and reports an empty cluster', () => {
    const r = representativeMovies(X, 2, 5, 2, labels, 4, ratingCounts, 0, 2);
    expect(r[0].candidates.map((m) => m.movieRow)).toEqual([0, 2]);
    expect(r[3]).toMatchObject({ users: 0, movies: 0, candidates: [], note: 'cluster is empty' });
  });

  it('rejects labels outside 0…k − 1', () => {
    expect(() => representativeMovies(X, 2, 5, 2, labels, 2, ratingCounts, 20)).toThrow(
      /labels\[1\] = 2 is outside 0…1/,
    );
  });
});
