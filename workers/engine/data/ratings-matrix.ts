/**
 * Turns parsed rating columns into the sparse matrix every later stage uses: dense user and
 * movie indices (ascending id order), duplicates resolved, and two compressed views of the
 * same entries, by user (CSR) and by movie (CSC), in shared memory so worker threads read them
 * without copies.
 */
import { lineOfEntry, type RatingColumns } from './rating-parser';
import { cscFromCsr, sharedArray } from './sparse-views';
import type { WarningCounter } from './warnings';

export interface RatingsMatrix {
  nUsers: number;
  nMovies: number;
  nRatings: number;
  /** index → MovieLens id, ascending. */
  userIds: Int32Array;
  movieIds: Int32Array;
  /** Entries by user: user i's entries are userPtr[i]..userPtr[i+1]-1, movies ascending. */
  userPtr: Int32Array;
  userCol: Int32Array;
  userVal: Float32Array;
  /** Entries by movie: movie m's entries are moviePtr[m]..moviePtr[m+1]-1, users ascending. */
  moviePtr: Int32Array;
  movieCol: Int32Array;
  movieVal: Float32Array;
}

export interface RatingScale {
  min: number;
  max: number;
  step: number;
}

/** Maps arbitrary non-negative ids to dense indices in ascending-id order. */
function indexIds(
  ids: Int32Array,
  count: number,
): { indexOf: (id: number) => number; sorted: Int32Array } {
  let maxId = 0;
  for (let i = 0; i < count; i++) if (ids[i] > maxId) maxId = ids[i];
  if (maxId <= 50_000_000) {
    const lookup = new Int32Array(maxId + 1).fill(-1);
    for (let i = 0; i < count; i++) lookup[ids[i]] = 0;
    let n = 0;
    for (let id = 0; id <= maxId; id++) if (lookup[id] === 0) lookup[id] = n++;
    const sorted = new Int32Array(n);
    for (let id = 0; id <= maxId; id++) if (lookup[id] >= 0) sorted[lookup[id]] = id;
    return { indexOf: (id) => lookup[id], sorted };
  }
  const set = new Set<number>();
  for (let i = 0; i < count; i++) set.add(ids[i]);
  const sorted = Int32Array.from([...set].sort((a, b) => a - b));
  const map = new Map<number, number>();
  sorted.forEach((id, i) => map.set(id, i));
  return { indexOf: (id) => map.get(id) ?? -1, sorted };
}

/** Stable counting sort of `order` by `key[order[e]]`; returns the new order. */
function countingSort(order: Int32Array, key: Int32Array, nKeys: number): Int32Array {
  const start = new Int32Array(nKeys + 1);
  for (let e = 0; e < order.length; e++) start[key[order[e]] + 1]++;
  for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
  const out = new Int32Array(order.length);
  for (let e = 0; e < order.length; e++) out[start[key[order[e]]]++] = order[e];
  return out;
}

/**
 * Orders entries by (user, movie). Releases from 20M on arrive sorted that way and 1M/10M
 * sorted by user: detect it in one pass and skip the full counting sorts (they dominate the
 * load of a 25M release through cache misses); within-user runs are sorted natively.
 */
function orderByUserMovie(
  order: Int32Array,
  uIdx: Int32Array,
  mIdx: Int32Array,
  nUsers: number,
  nMovies: number,
): Int32Array {
  let byUser = true;
  let full = true;
  for (let j = 1; j < order.length; j++) {
    const a = order[j - 1];
    const b = order[j];
    if (uIdx[b] < uIdx[a]) {
      byUser = false;
      break;
    }
    if (uIdx[b] === uIdx[a] && mIdx[b] <= mIdx[a]) full = false;
  }
  if (byUser && full) return order;
  if (!byUser) return countingSort(countingSort(order, mIdx, nMovies), uIdx, nUsers);
  // Key = movie · 2^27 + position: exact in a double, and stable for duplicates.
  const SHIFT = 2 ** 27;
  if (order.length >= SHIFT) return countingSort(countingSort(order, mIdx, nMovies), uIdx, nUsers);
  const keys = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) keys[j] = mIdx[order[j]] * SHIFT + j;
  let start = 0;
  for (let j = 1; j <= order.length; j++) {
    if (j === order.length || uIdx[order[j]] !== uIdx[order[start]]) {
      if (j - start > 1) keys.subarray(start, j).sort();
      start = j;
    }
  }
  const out = new Int32Array(order.length);
  for (let j = 0; j < order.length; j++) out[j] = order[keys[j] % SHIFT];
  return out;
}

export function buildRatingsMatrix(
  cols: RatingColumns,
  scale: RatingScale,
  file: string,
  warnings: WarningCounter,
): RatingsMatrix {
  const n = cols.count;
  // Drop ratings outside the scale first (counted), so they never create users or movies.
  const keep = new Int32Array(n);
  let kept = 0;
  const tol = 1e-6;
  for (let e = 0; e < n; e++) {
    const r = cols.rating[e];
    if (r < scale.min - tol || r > scale.max + tol) {
      warnings.add('rating_out_of_scale', file, () => lineOfEntry(cols, e));
    } else keep[kept++] = e;
  }
  const users = indexIds(cols.user, n);
  const movies = indexIds(cols.movie, n);
  // Ids become indices in place: the parser's columns are not needed afterwards.
  const uIdx = cols.user;
  const mIdx = cols.movie;
  for (let e = 0; e < n; e++) {
    uIdx[e] = users.indexOf(uIdx[e]);
    mIdx[e] = movies.indexOf(mIdx[e]);
  }
  const keptOrder = keep.subarray(0, kept);
  let userIds = users.sorted;
  let movieIds = movies.sorted;
  if (kept < n) {
    // Ids of dropped lines may have no other rating: re-index over kept entries only.
    const usedU = new Uint8Array(users.sorted.length);
    const usedM = new Uint8Array(movies.sorted.length);
    for (let j = 0; j < kept; j++) {
      usedU[uIdx[keptOrder[j]]] = 1;
      usedM[mIdx[keptOrder[j]]] = 1;
    }
    const remapU = compact(usedU);
    const remapM = compact(usedM);
    for (let j = 0; j < kept; j++) {
      const e = keptOrder[j];
      uIdx[e] = remapU.map[uIdx[e]];
      mIdx[e] = remapM.map[mIdx[e]];
    }
    userIds = Int32Array.from(users.sorted.filter((_, i) => usedU[i] === 1));
    movieIds = Int32Array.from(movies.sorted.filter((_, i) => usedM[i] === 1));
  }
  const nUsers = userIds.length;
  const nMovies = movieIds.length;

  // Sort by (user, movie): by movie, then stably by user.
  const byUser = orderByUserMovie(keptOrder, uIdx, mIdx, nUsers, nMovies);
  // Duplicates are now adjacent; keep the latest timestamp (the later line on a tie).
  const unique = new Int32Array(kept);
  let u = 0;
  for (let j = 0; j < kept; j++) {
    const e = byUser[j];
    if (u > 0) {
      const prev = unique[u - 1];
      if (uIdx[prev] === uIdx[e] && mIdx[prev] === mIdx[e]) {
        warnings.add('duplicate_rating', file, () => lineOfEntry(cols, Math.max(prev, e)));
        if (cols.timestamp[e] >= cols.timestamp[prev]) unique[u - 1] = e;
        continue;
      }
    }
    unique[u++] = e;
  }
  const nRatings = u;
  const entries = unique.subarray(0, nRatings);

  const userPtr = sharedArray(Int32Array, nUsers + 1);
  const userCol = sharedArray(Int32Array, nRatings);
  const userVal = sharedArray(Float32Array, nRatings);
  for (let j = 0; j < nRatings; j++) {
    const e = entries[j];
    userPtr[uIdx[e] + 1]++;
    userCol[j] = mIdx[e];
    userVal[j] = cols.rating[e];
  }
  for (let i = 0; i < nUsers; i++) userPtr[i + 1] += userPtr[i];

  const { moviePtr, movieCol, movieVal } = cscFromCsr(nUsers, nMovies, userPtr, userCol, userVal);
  return {
    nUsers,
    nMovies,
    nRatings,
    userIds,
    movieIds,
    userPtr,
    userCol,
    userVal,
    moviePtr,
    movieCol,
    movieVal,
  };
}

function compact(used: Uint8Array): { map: Int32Array } {
  const map = new Int32Array(used.length).fill(-1);
  let n = 0;
  for (let i = 0; i < used.length; i++) if (used[i]) map[i] = n++;
  return { map };
}

/** FNV-1a over ids and ratings in matrix order: equal data ⇔ equal fingerprint (in practice). */
export function fingerprint(m: RatingsMatrix): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ m.nRatings;
  const mix = (x: number) => {
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 ^ (x >>> 7) ^ (h1 >>> 13), 0x5bd1e995);
  };
  for (let i = 0; i < m.nUsers; i++) {
    mix(m.userIds[i]);
    for (let j = m.userPtr[i]; j < m.userPtr[i + 1]; j++) {
      mix(m.movieIds[m.userCol[j]]);
      mix(Math.round(m.userVal[j] * 2));
    }
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
