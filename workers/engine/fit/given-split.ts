/**
 * A given train/test split, such as 100K's u1.base/u1.test (SPEC §3): the training file is
 * indexed as a dataset of its own, then every test rating is mapped onto the training set's
 * user and movie indices. A test rating whose user or movie never occurs in training cannot be
 * predicted by a model fitted there; it is dropped and counted (by its user first, when both
 * are unknown). Test ratings outside the scale are dropped too, and a (user, movie) pair rated
 * twice in the test file keeps its latest timestamp, as the loader's policy for duplicates.
 */
import type { RatingColumns } from '../data/rating-parser';
import { buildRatingsMatrix, type RatingScale, type RatingsMatrix } from '../data/ratings-matrix';
import { WarningCounter } from '../data/warnings';
import { sparseFromTriplets } from './sparse-ratings';

export interface GivenSplit {
  train: RatingsMatrix;
  /** In the training set's index space (same userIds, movieIds). */
  test: RatingsMatrix;
  /** Test ratings kept, and those dropped by reason. */
  testKept: number;
  dropped: { unknownUser: number; unknownMovie: number; outOfScale: number; duplicate: number };
}

export function alignGivenSplit(
  trainColumns: RatingColumns,
  testColumns: RatingColumns,
  scale: RatingScale,
  files: { train: string; test: string } = { train: 'u1.base', test: 'u1.test' },
  warnings: WarningCounter = new WarningCounter(),
): GivenSplit {
  const train = buildRatingsMatrix(trainColumns, scale, files.train, warnings);
  const dropped = { unknownUser: 0, unknownMovie: 0, outOfScale: 0, duplicate: 0 };
  const n = testColumns.count;
  const user = new Int32Array(n);
  const movie = new Int32Array(n);
  const kept: number[] = [];
  const tol = 1e-6;
  for (let e = 0; e < n; e++) {
    const r = testColumns.rating[e];
    if (r < scale.min - tol || r > scale.max + tol) {
      dropped.outOfScale++;
      continue;
    }
    const i = indexOf(train.userIds, testColumns.user[e]);
    if (i < 0) {
      dropped.unknownUser++;
      continue;
    }
    const m = indexOf(train.movieIds, testColumns.movie[e]);
    if (m < 0) {
      dropped.unknownMovie++;
      continue;
    }
    user[e] = i;
    movie[e] = m;
    kept.push(e);
  }
  // Duplicates become adjacent in (user, movie, timestamp, line) order; the last one wins.
  kept.sort(
    (a, b) =>
      user[a] - user[b] ||
      movie[a] - movie[b] ||
      testColumns.timestamp[a] - testColumns.timestamp[b] ||
      a - b,
  );
  const u = new Int32Array(kept.length);
  const m = new Int32Array(kept.length);
  const r = new Float32Array(kept.length);
  let count = 0;
  for (let j = 0; j < kept.length; j++) {
    const e = kept[j];
    const next = kept[j + 1];
    if (next !== undefined && user[next] === user[e] && movie[next] === movie[e]) {
      dropped.duplicate++;
      continue;
    }
    u[count] = user[e];
    m[count] = movie[e];
    r[count++] = testColumns.rating[e];
  }
  const sparse = sparseFromTriplets(train.nUsers, train.nMovies, u, m, r, count);
  const test: RatingsMatrix = { ...sparse, userIds: train.userIds, movieIds: train.movieIds };
  return { train, test, testKept: count, dropped };
}

/** Index of `id` in the ascending `ids`, or −1. */
function indexOf(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid];
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
