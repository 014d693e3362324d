import { describe, expect, it } from 'vitest';
import { expectClose } from './fixtures.test-helper';
import { stackFactors } from './stack-factors';
import { standardizeColumns } from './standardize';

describe('stackFactors(U, nUsers, V, nMovies, d)', () => {
  it('standardises U and V separately and stacks users first, then movies', () => {
    const U = Float64Array.from([1, 100, 2, 200, 3, 600]); // 3 users × 2
    const V = Float64Array.from([-5, 0.1, 5, 0.3]); // 2 movies × 2
    const UV = stackFactors(U, 3, V, 2, 2);
    expect(UV.length).toBe(5 * 2);
    const Us = standardizeColumns(U, 3, 2);
    const Vs = standardizeColumns(V, 2, 2);
    for (let i = 0; i < 6; i++) expectClose(UV[i], Us[i], 0, 0);
    for (let i = 0; i < 4; i++) expectClose(UV[6 + i], Vs[i], 0, 0);
    // Movies: each column has two values, so they standardise to exactly ∓1.
    expectClose(UV[6], -1, 1e-15);
    expectClose(UV[8], 1, 1e-15);
  });

  it('names the factor matrix whose shape is wrong', () => {
    const U = new Float64Array(6);
    expect(() => stackFactors(U, 3, new Float64Array(5), 2, 2)).toThrow(
      'V has length 5; expected nMovies × d = 2 × 2 = 4',
    );
  });
});
