/**
 * Solves A x = b for a symmetric positive definite K × K matrix A (row-major, only the lower
 * triangle read) by Cholesky factorisation A = L Lᵀ, then L y = b and Lᵀ x = y (Golub & Van
 * Loan, Matrix Computations, 4th ed., Alg. 4.2.2). Works in place: A's lower triangle becomes
 * L and b becomes x. Returns false, leaving both partly overwritten, when a pivot is not
 * positive (A not positive definite to working precision).
 */
export function choleskySolve(A: Float64Array, b: Float64Array, K: number): boolean {
  for (let j = 0; j < K; j++) {
    const rj = j * K;
    let d = A[rj + j];
    for (let k = 0; k < j; k++) d -= A[rj + k] * A[rj + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    A[rj + j] = ljj;
    for (let i = j + 1; i < K; i++) {
      const ri = i * K;
      let s = A[ri + j];
      for (let k = 0; k < j; k++) s -= A[ri + k] * A[rj + k];
      A[ri + j] = s / ljj;
    }
  }
  for (let i = 0; i < K; i++) {
    const ri = i * K;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= A[ri + k] * b[k];
    b[i] = s / A[ri + i];
  }
  for (let i = K - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < K; k++) s -= A[k * K + i] * b[k];
    b[i] = s / A[i * K + i];
  }
  return true;
}
