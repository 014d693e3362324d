import { describe, expect, it } from 'vitest';
import { nearestMovies } from './nearest-movies';

describe('nearestMovies', () => {
  // K = 2: v0 = (1, 0), v1 = (2, 0), v2 = (0, 1), v3 = (1, 1), v4 = (0, 0).
  const V = Float64Array.of(1, 0, 2, 0, 0, 1, 1, 1, 0, 0);

  it('by cosine: direction only; a zero row counts as orthogonal', () => {
    const r = nearestMovies(V, 2, 0, 4, 'cosine');
    expect(Array.from(r.movies)).toEqual([1, 3, 2, 4]);
    const d = Array.from(r.distances);
    expect(d[0]).toBe(0);
    expect(d[1]).toBeCloseTo(1 - Math.SQRT1_2, 15);
    expect(d.slice(2)).toEqual([1, 1]);
  });

  it('by Euclidean distance, leaving the movie itself out', () => {
    const r = nearestMovies(V, 2, 0, 3, 'euclidean');
    expect(Array.from(r.movies)).toEqual([1, 3, 4]); // 1, 1, 1: ties by row
    expect(Array.from(r.distances)).toEqual([1, 1, 1]);
    expect(Array.from(nearestMovies(V, 2, 2, 1, 'euclidean').distances)).toEqual([1]);
  });

  it('checks the movie row and the metric', () => {
    expect(() => nearestMovies(V, 2, 5, 1)).toThrow(/movie row 5 is outside V \(5 movies\)/);
    expect(() => nearestMovies(V, 2, 0, 1, 'manhattan' as 'cosine')).toThrow(/metric is manhattan/);
  });
});
