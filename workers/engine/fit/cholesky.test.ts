import { describe, expect, it } from 'vitest';
import { choleskySolve } from './cholesky';

describe('choleskySolve', () => {
  it('solves a hand-made 3 × 3 system', () => {
    // A = L Lᵀ with L = [[2,0,0],[1,3,0],[−1,2,1]]; x = (1, −1, 2) gives b = A x.
    const A = Float64Array.of(4, 2, -2, 2, 10, 5, -2, 5, 6);
    const b = Float64Array.of(4 - 2 - 4, 2 - 10 + 10, -2 - 5 + 12);
    expect(choleskySolve(A, b, 3)).toBe(true);
    expect(Array.from(b).map((x) => +x.toFixed(12))).toEqual([1, -1, 2]);
    expect([A[0], A[3], A[4], A[6], A[7], A[8]]).toEqual([2, 1, 3, -1, 2, 1]);
  });

  it('reads only the lower triangle and refuses a matrix that is not positive definite', () => {
    const A = Float64Array.of(4, NaN, 2, 5);
    const b = Float64Array.of(2, 7);
    expect(choleskySolve(A, b, 2)).toBe(true); // A = [[4, 2], [2, 5]]: x = (−0.25, 1.5)
    expect(Array.from(b).map((x) => +x.toFixed(14))).toEqual([-0.25, 1.5]);
    expect(4 * b[0] + 2 * b[1]).toBeCloseTo(2, 14);
    expect(2 * b[0] + 5 * b[1]).toBeCloseTo(7, 14);
    expect(choleskySolve(Float64Array.of(1, 0, 2, 1), Float64Array.of(1, 1), 2)).toBe(false);
  });
});
