/**
 * A user's own highest ratings (SPEC §3, shown beside the recommendations): the n best of the
 * given (movie row, rating) pairs, highest rating first, ties to the lower movie row.
 */
import { selectTop } from './select-top';

/** `movieRows` and `ratings`: the user's CSR slices (userCol and userVal over one user). */
export function topRated(
  movieRows: ArrayLike<number>,
  ratings: ArrayLike<number>,
  n: number,
): { movies: Int32Array; ratings: Float64Array } {
  if (movieRows.length !== ratings.length) {
    throw new Error(
      `${movieRows.length} movie rows but ${ratings.length} ratings; expected equal lengths`,
    );
  }
  // Ranking positions rather than movie rows, then mapping back, keeps ties by movie row only
  // when the slice is ascending — which a CSR slice is.
  const { index, score } = selectTop(movieRows.length, n, (j) => ratings[j]);
  return { movies: Int32Array.from(index, (j) => movieRows[j]), ratings: score };
}
