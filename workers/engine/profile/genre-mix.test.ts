import { describe, expect, it } from 'vitest';
import { genreMix } from './genre-mix';

describe('genreMix(labels, nUsers, nMovies, k, movieGenres, nGenres)', () => {
  it('gives each cluster the share of its movies per genre, and the overall shares', () => {
    // One user (ignored) then four movies, genres [Action, Comedy, Drama].
    const labels = new Int32Array([1, 0, 0, 1, 0]);
    const genres = new Uint8Array([1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1]);
    const { shares, overall, movies } = genreMix(labels, 1, 4, 3, genres, 3);
    // Cluster 0 = movies 0, 1, 3: Action 2/3, Comedy 2/3, Drama 1/3.
    expect(Array.from(shares[0])).toEqual([2 / 3, 2 / 3, 1 / 3]);
    // Cluster 1 = movie 2 (the user does not count); cluster 2 has no movies.
    expect(Array.from(shares[1])).toEqual([0, 0, 1]);
    expect(Array.from(shares[2])).toEqual([0, 0, 0]);
    expect(Array.from(movies)).toEqual([3, 1, 0]);
    expect(Array.from(overall)).toEqual([2 / 4, 2 / 4, 2 / 4]);
  });

  it('rejects a genre matrix of the wrong size', () => {
    expect(() => genreMix(new Int32Array(3), 1, 2, 1, new Uint8Array(5), 3)).toThrow(/2 × 3/);
  });
});
