/**
 * The part of a RatingsMatrix the solvers read (CSR by user, CSC by movie), and a builder that
 * makes one from (user row, movie row, rating) triplets in a given index space, as validation
 * splits need: a split keeps the full matrix's I × M shape so that U and V fitted on the
 * training part can score the held-out part, even where a row lost all its ratings.
 */
import { cscFromCsr, sharedArray } from '../data/sparse-views';

export interface SparseRatings {
  nUsers: number;
  nMovies: number;
  nRatings: number;
  /** Entries by user: user i's are userPtr[i]..userPtr[i+1]−1, movies ascending. */
  userPtr: Int32Array;
  userCol: Int32Array;
  userVal: Float32Array;
  /** Entries by movie: movie m's are moviePtr[m]..moviePtr[m+1]−1, users ascending. */
  moviePtr: Int32Array;
  movieCol: Int32Array;
  movieVal: Float32Array;
}

export { sharedArray } from '../data/sparse-views';

/**
 * Builds both compressed views from `n` triplets (row indices already in 0..nUsers−1 and
 * 0..nMovies−1). The caller guarantees each (user, movie) pair occurs at most once.
 */
export function sparseFromTriplets(
  nUsers: number,
  nMovies: number,
  user: Int32Array,
  movie: Int32Array,
  rating: ArrayLike<number>,
  n = user.length,
): SparseRatings {
  // Two stable counting sorts, by movie then by user, give (user, movie) order.
  const byMovie = countingSort(identity(n), movie, nMovies);
  const order = countingSort(byMovie, user, nUsers);
  const userPtr = sharedArray(Int32Array, nUsers + 1);
  const userCol = sharedArray(Int32Array, n);
  const userVal = sharedArray(Float32Array, n);
  for (let j = 0; j < n; j++) {
    const e = order[j];
    userPtr[user[e] + 1]++;
    userCol[j] = movie[e];
    userVal[j] = rating[e];
  }
  for (let i = 0; i < nUsers; i++) userPtr[i + 1] += userPtr[i];
  const { moviePtr, movieCol, movieVal } = cscFromCsr(nUsers, nMovies, userPtr, userCol, userVal);
  return { nUsers, nMovies, nRatings: n, userPtr, userCol, userVal, moviePtr, movieCol, movieVal };
}

/** The entries e of R (CSR order) with keep[e] === want, as a matrix of the same shape. */
export function selectEntries(R: SparseRatings, keep: Uint8Array, want: number): SparseRatings {
  let n = 0;
  for (let e = 0; e < R.nRatings; e++) if (keep[e] === want) n++;
  const user = new Int32Array(n);
  const movie = new Int32Array(n);
  const rating = new Float32Array(n);
  let j = 0;
  for (let i = 0; i < R.nUsers; i++) {
    for (let e = R.userPtr[i]; e < R.userPtr[i + 1]; e++) {
      if (keep[e] !== want) continue;
      user[j] = i;
      movie[j] = R.userCol[e];
      rating[j++] = R.userVal[e];
    }
  }
  return sparseFromTriplets(R.nUsers, R.nMovies, user, movie, rating, n);
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Stable counting sort of `order` by `key[order[j]]`. */
function countingSort(order: Int32Array, key: Int32Array, nKeys: number): Int32Array {
  const start = new Int32Array(nKeys + 1);
  for (let j = 0; j < order.length; j++) start[key[order[j]] + 1]++;
  for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
  const out = new Int32Array(order.length);
  for (let j = 0; j < order.length; j++) out[start[key[order[j]]]++] = order[j];
  return out;
}
