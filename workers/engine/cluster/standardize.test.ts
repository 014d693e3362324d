import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { expectClose } from './fixtures.test-helper';
import { standardizeColumns } from './standardize';

describe('standardizeColumns(X, n, d)', () => {
  it('centres and scales each column by its population standard deviation', () => {
    // Column 0: 1, 2, 3 → mean 2, population sd √(2/3). Column 1: 10, 10, 40 → mean 20, sd √200.
    const Z = standardizeColumns(Float64Array.from([1, 10, 2, 10, 3, 40]), 3, 2);
    const s0 = Math.sqrt(2 / 3);
    const s1 = Math.sqrt(200);
    const expected = [-1 / s0, -10 / s1, 0, -10 / s1, 1 / s0, 20 / s1];
    expected.forEach((v, i) => expectClose(Z[i], v, 1e-15, 1e-15));
  });

  it('turns a constant column into zeros, not NaN, even when its mean rounds', () => {
    const Z = standardizeColumns(Float64Array.from([0.1, 1, 0.1, 2, 0.1, 4]), 3, 2);
    expect([Z[0], Z[2], Z[4]]).toEqual([0, 0, 0]);
    expect(Number.isFinite(Z[1])).toBe(true);
  });

  it('gives every non-constant column mean 0 and population variance 1', () => {
    const rng = createRng(12);
    const n = 300;
    const d = 7;
    const X = Float64Array.from({ length: n * d }, () => 5 + 30 * rng());
    const Z = standardizeColumns(X, n, d);
    for (let j = 0; j < d; j++) {
      let sum = 0;
      let ss = 0;
      for (let i = 0; i < n; i++) sum += Z[i * d + j];
      for (let i = 0; i < n; i++) ss += Z[i * d + j] ** 2;
      expectClose(sum / n, 0, 0, 1e-13);
      expectClose(ss / n, 1, 1e-12);
    }
  });

  it('rejects a length that does not match n × d', () => {
    expect(() => standardizeColumns(new Float64Array(5), 2, 3)).toThrow(
      'X has length 5; expected n × d = 2 × 3 = 6',
    );
  });
});
