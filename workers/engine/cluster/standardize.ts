import { checkMatrix } from './check-matrix';

/**
 * Standardises each column of `X` (n × d, row-major) to mean 0 and population standard
 * deviation 1 (divisor n, as numpy's `std` and scikit-learn's `StandardScaler`), returning a
 * new n × d array. A constant column (all entries equal) becomes all zeros rather than NaN;
 * constancy is tested exactly (min = max) so that rounding in the mean cannot turn a constant
 * column into ±1 noise.
 */
export function standardizeColumns(X: Float64Array, n: number, d: number): Float64Array {
  checkMatrix(X, n, d);
  const out = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = X[i * d + j];
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (min === max) continue; // constant column: leave zeros
    const mean = sum / n;
    // Two-pass variance: the centred sum of squares avoids the cancellation of E[x²] − E[x]².
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const t = X[i * d + j] - mean;
      ss += t * t;
    }
    const sd = Math.sqrt(ss / n);
    for (let i = 0; i < n; i++) out[i * d + j] = (X[i * d + j] - mean) / sd;
  }
  return out;
}
