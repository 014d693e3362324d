/**
 * The N movies a user has not rated with the highest predicted rating v_m·u_i (SPEC §3), from
 * the fitted factors. Predictions are raw inner products, not clipped to the rating scale.
 * Ties go to the lower movie row.
 */
import { selectTop } from './select-top';

/**
 * U: I × K and V: M × K row-major; `ratedMovieRows`: the user's rated movie rows (the user's
 * CSR slice, userCol[userPtr[i]..userPtr[i+1])).
 */
export function topNUnrated(
  U: Float64Array,
  V: Float64Array,
  K: number,
  userRow: number,
  ratedMovieRows: ArrayLike<number>,
  n: number,
): { movies: Int32Array; predicted: Float64Array } {
  const M = V.length / K;
  if (!Number.isInteger(userRow) || userRow < 0 || (userRow + 1) * K > U.length) {
    throw new Error(`user row ${userRow} is outside U (${U.length / K} users)`);
  }
  const rated = new Uint8Array(M);
  for (let j = 0; j < ratedMovieRows.length; j++) rated[ratedMovieRows[j]] = 1;
  const ui = userRow * K;
  const { index, score } = selectTop(
    M,
    n,
    (m) => {
      let dot = 0;
      for (let k = 0; k < K; k++) dot += V[m * K + k] * U[ui + k];
      return dot;
    },
    (m) => rated[m] === 1,
  );
  return { movies: index, predicted: score };
}
