import { checkMatrix } from './check-matrix';
import { standardizeColumns } from './standardize';

/**
 * Builds `UVstd` (SPEC §4): standardises the columns of the user factors U (nUsers × d) and
 * of the movie factors V (nMovies × d) separately, then stacks the rows, users first, so
 * that row i < nUsers is user i and row nUsers + m is movie m. Returns a new
 * (nUsers + nMovies) × d row-major array.
 *
 * Standardising each block on its own keeps the two kinds of row on a common scale even
 * when the fitted U and V have very different magnitudes.
 */
export function stackFactors(
  U: Float64Array,
  nUsers: number,
  V: Float64Array,
  nMovies: number,
  d: number,
): Float64Array {
  checkMatrix(U, nUsers, d, 'U', 'nUsers');
  checkMatrix(V, nMovies, d, 'V', 'nMovies');
  const Us = standardizeColumns(U, nUsers, d);
  const Vs = standardizeColumns(V, nMovies, d);
  const out = new Float64Array((nUsers + nMovies) * d);
  out.set(Us, 0);
  out.set(Vs, nUsers * d);
  return out;
}
