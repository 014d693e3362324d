/**
 * Subsets of a ratings matrix (the notebook's Rsmall / Rmedium / Rbig): by movie id range, by
 * the top-N most rated movies, and by minimum ratings per user and per movie. A subset is a
 * selection over the loaded release — row maps back to the base matrix — plus the compact
 * matrix of its entries that the fitting kernels iterate over; the release is never re-read.
 */
import type { RatingsMatrix } from './ratings-matrix';
import { cscFromCsr, sharedArray } from './sparse-views';

export interface SubsetSpec {
  /** Inclusive MovieLens id bounds; null means unbounded. */
  movieIdMin: number | null;
  movieIdMax: number | null;
  /** Keep only the N movies with the most ratings (ties: lower id first); null keeps all. */
  topMovies: number | null;
  minRatingsPerUser: number;
  minRatingsPerMovie: number;
}

export interface Subset {
  spec: SubsetSpec;
  /** Subset row → base matrix row, ascending. */
  userRows: Int32Array;
  movieRows: Int32Array;
  matrix: RatingsMatrix;
  /** Rounds of the minimum-count filter until nothing changed. */
  rounds: number;
}

export const NO_SUBSET: SubsetSpec = {
  movieIdMin: null,
  movieIdMax: null,
  topMovies: null,
  minRatingsPerUser: 0,
  minRatingsPerMovie: 0,
};

export function isEmptySpec(s: SubsetSpec): boolean {
  return (
    s.movieIdMin === null &&
    s.movieIdMax === null &&
    s.topMovies === null &&
    s.minRatingsPerUser <= 1 &&
    s.minRatingsPerMovie <= 1
  );
}

/** Describes a subset in one line, for summaries and reports. */
export function describeSubset(s: SubsetSpec): string {
  const parts: string[] = [];
  if (s.movieIdMin !== null || s.movieIdMax !== null)
    parts.push(`movie ids ${s.movieIdMin ?? 'min'}–${s.movieIdMax ?? 'max'}`);
  if (s.topMovies !== null) parts.push(`top ${s.topMovies} most rated movies`);
  if (s.minRatingsPerUser > 1) parts.push(`users with ≥ ${s.minRatingsPerUser} ratings`);
  if (s.minRatingsPerMovie > 1) parts.push(`movies with ≥ ${s.minRatingsPerMovie} ratings`);
  return parts.length > 0 ? parts.join(', ') : 'all ratings';
}

export function selectSubset(m: RatingsMatrix, spec: SubsetSpec): Subset {
  const movieOn = new Uint8Array(m.nMovies);
  for (let j = 0; j < m.nMovies; j++) {
    const id = m.movieIds[j];
    movieOn[j] =
      (spec.movieIdMin === null || id >= spec.movieIdMin) &&
      (spec.movieIdMax === null || id <= spec.movieIdMax)
        ? 1
        : 0;
  }
  if (spec.topMovies !== null) {
    const rows = [];
    for (let j = 0; j < m.nMovies; j++) if (movieOn[j]) rows.push(j);
    const count = (j: number) => m.moviePtr[j + 1] - m.moviePtr[j];
    rows.sort((a, b) => count(b) - count(a) || a - b);
    movieOn.fill(0);
    for (const j of rows.slice(0, spec.topMovies)) movieOn[j] = 1;
  }
  const userOn = new Uint8Array(m.nUsers).fill(1);
  // Dropping users lowers movie counts and the reverse: repeat until a fixed point.
  let rounds = 0;
  for (let changed = true; changed && rounds < 100; rounds++) {
    changed = false;
    const movieCount = new Int32Array(m.nMovies);
    for (let i = 0; i < m.nUsers; i++) {
      if (!userOn[i]) continue;
      let c = 0;
      for (let e = m.userPtr[i]; e < m.userPtr[i + 1]; e++) {
        if (movieOn[m.userCol[e]]) {
          c++;
          movieCount[m.userCol[e]]++;
        }
      }
      if (c === 0 || c < spec.minRatingsPerUser) {
        userOn[i] = 0;
        changed = true;
        for (let e = m.userPtr[i]; e < m.userPtr[i + 1]; e++)
          if (movieOn[m.userCol[e]]) movieCount[m.userCol[e]]--;
      }
    }
    for (let j = 0; j < m.nMovies; j++) {
      if (movieOn[j] && (movieCount[j] === 0 || movieCount[j] < spec.minRatingsPerMovie)) {
        movieOn[j] = 0;
        changed = true;
      }
    }
  }
  const userRows = rowsOf(userOn);
  const movieRows = rowsOf(movieOn);
  if (userRows.length === 0 || movieRows.length === 0) {
    throw new Error(`the subset (${describeSubset(spec)}) leaves no ratings; loosen it`);
  }
  const movieIndex = new Int32Array(m.nMovies).fill(-1);
  movieRows.forEach((j, k) => (movieIndex[j] = k));
  return {
    spec,
    userRows,
    movieRows,
    matrix: compactMatrix(m, userRows, movieIndex, movieRows),
    rounds,
  };
}

function rowsOf(on: Uint8Array): Int32Array {
  let n = 0;
  for (const v of on) n += v;
  const rows = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < on.length; i++) if (on[i]) rows[k++] = i;
  return rows;
}

function compactMatrix(
  m: RatingsMatrix,
  userRows: Int32Array,
  movieIndex: Int32Array,
  movieRows: Int32Array,
): RatingsMatrix {
  const nUsers = userRows.length;
  const nMovies = movieRows.length;
  let n = 0;
  for (const i of userRows)
    for (let e = m.userPtr[i]; e < m.userPtr[i + 1]; e++) if (movieIndex[m.userCol[e]] >= 0) n++;
  const userPtr = sharedArray(Int32Array, nUsers + 1);
  const userCol = sharedArray(Int32Array, n);
  const userVal = sharedArray(Float32Array, n);
  let k = 0;
  userRows.forEach((i, u) => {
    for (let e = m.userPtr[i]; e < m.userPtr[i + 1]; e++) {
      const j = movieIndex[m.userCol[e]];
      if (j < 0) continue;
      userCol[k] = j;
      userVal[k++] = m.userVal[e];
    }
    userPtr[u + 1] = k;
  });
  const { moviePtr, movieCol, movieVal } = cscFromCsr(nUsers, nMovies, userPtr, userCol, userVal);
  return {
    nUsers,
    nMovies,
    nRatings: n,
    userIds: Int32Array.from(userRows, (i) => m.userIds[i]),
    movieIds: Int32Array.from(movieRows, (j) => m.movieIds[j]),
    userPtr,
    userCol,
    userVal,
    moviePtr,
    movieCol,
    movieVal,
  };
}
