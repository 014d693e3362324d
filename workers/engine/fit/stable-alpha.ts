/**
 * A step size the data supports, suggested when gradient descent diverges: each half-step is
 * gradient descent on a quadratic in one user's (or movie's) row with Hessian
 * 2(Σ v_m v_mᵀ + λI), stable while α < 1/λ_max. The trace Σ‖v_m‖² + λ bounds λ_max from above,
 * so 1/(max trace) is safe at the starting point; we suggest half of it (rounded down to one
 * significant digit), and never more than α/2.
 */
import type { SparseRatings } from './sparse-ratings';

export function stableAlpha(
  R: SparseRatings,
  U: Float64Array,
  V: Float64Array,
  K: number,
  lambda: number,
  alpha: number,
): number {
  const rowNorm = (A: Float64Array, r: number) => {
    let s = 0;
    for (let k = 0; k < K; k++) s += A[r * K + k] * A[r * K + k];
    return s;
  };
  const vNorm = new Float64Array(R.nMovies).map((_, m) => rowNorm(V, m));
  const uNorm = new Float64Array(R.nUsers).map((_, i) => rowNorm(U, i));
  let worst = 0;
  for (let i = 0; i < R.nUsers; i++) {
    let s = lambda;
    for (let e = R.userPtr[i]; e < R.userPtr[i + 1]; e++) s += vNorm[R.userCol[e]];
    worst = Math.max(worst, s);
  }
  for (let m = 0; m < R.nMovies; m++) {
    let s = lambda;
    for (let e = R.moviePtr[m]; e < R.moviePtr[m + 1]; e++) s += uNorm[R.movieCol[e]];
    worst = Math.max(worst, s);
  }
  const bound = worst > 0 ? 0.5 / worst : alpha / 2;
  return floorOneDigit(Math.min(bound, alpha / 2));
}

function floorOneDigit(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  return Number((Math.floor(x / p) * p).toPrecision(1));
}
