import { describe, expect, it } from 'vitest';
import { topNUnrated } from './top-n-unrated';

describe('topNUnrated', () => {
  // K = 2. User 1: u = (1, 2). Movies: v0 = (1, 1) → 3, v1 = (2, 0) → 2, v2 = (0, 2) → 4,
  // v3 = (3, 1) → 5, v4 = (1, 0.5) → 2.
  const U = Float64Array.of(9, 9, 1, 2);
  const V = Float64Array.of(1, 1, 2, 0, 0, 2, 3, 1, 1, 0.5);

  it('ranks the unrated movies by predicted rating, ties to the lower row', () => {
    const r = topNUnrated(U, V, 2, 1, Int32Array.of(3), 3);
    expect(Array.from(r.movies)).toEqual([2, 0, 1]);
    expect(Array.from(r.predicted)).toEqual([4, 3, 2]);
  });

  it('returns every unrated movie when n is larger, and checks the user row', () => {
    expect(Array.from(topNUnrated(U, V, 2, 1, [0, 1, 2], 10).movies)).toEqual([3, 4]);
    expect(() => topNUnrated(U, V, 2, 2, [], 1)).toThrow(/user row 2 is outside U \(2 users\)/);
  });
});
