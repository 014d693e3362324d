/**
 * Root mean squared error of the prediction v_m·u_i over the entries of R (a test set in the
 * model's index space, see split-holdout.ts and given-split.ts): the held-out RMSE of SPEC §3.
 * NaN for an empty R.
 */
import type { SparseRatings } from './sparse-ratings';

/** U: I × K and V: M × K, row-major. */
export function predictionRmse(
  U: Float64Array,
  V: Float64Array,
  K: number,
  R: SparseRatings,
): number {
  let sumSq = 0;
  for (let i = 0; i < R.nUsers; i++) {
    const ui = i * K;
    for (let e = R.userPtr[i], end = R.userPtr[i + 1]; e < end; e++) {
      const vm = R.userCol[e] * K;
      let dot = 0;
      for (let k = 0; k < K; k++) dot += V[vm + k] * U[ui + k];
      const r = R.userVal[e] - dot;
      sumSq += r * r;
    }
  }
  return Math.sqrt(sumSq / R.nRatings);
}
