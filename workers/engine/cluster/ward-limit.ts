import { count, formatBytes, formatSeconds } from './format-size';

/**
 * Default largest number of points `wardLinkage` accepts. Ward by the nearest-neighbour chain
 * needs O(n·d) memory but O(n²·d) time: about 20 s for 30,000 points in 20 dimensions here,
 * a quarter of an hour at a 25M-scale release (200,000 points).
 */
export const WARD_POINT_LIMIT = 30_000;

/** Memory budget for the linkage's working set (2 GiB); never near for Ward itself. */
export const WARD_MEMORY_LIMIT = 2 * 1024 ** 3;

/**
 * Seconds per unit of n²·d, measured for `wardLinkage` on 5,000 to 20,000 points in 20
 * dimensions (Node 20, AMD EPYC, one core; 1.2–1.7e-9, falling with n): 20,000 × 20 took
 * 9.3 s.
 */
const SECONDS_PER_N2D = 1.2e-9;

export interface WardSize {
  /** Whether `wardLinkage` accepts this size under the given limit. */
  ok: boolean;
  n: number;
  d: number;
  /** Estimated running time, seconds. */
  seconds: number;
  /** Estimated working memory beyond X itself, bytes (`wardMemoryEstimate`). */
  bytes: number;
  /** The point limit applied. */
  maxPoints: number;
  /** Why the size is refused; undefined when ok. */
  message?: string;
}

/**
 * Bytes `wardLinkage` allocates for n points in d dimensions: a copy of the centroids
 * (n × d float64), per-slot state, the chain with 8 remembered neighbours per element, and
 * the merge records and their labelling. Linear in n; no n × n matrix.
 */
export function wardMemoryEstimate(n: number, d: number): number {
  const centroids = 8 * n * d;
  const slots = 4 * 5 * n; // size, version, next, prev, chain
  const lists = n * 8 * (8 + 4 + 4) + n * (4 + 4 + 8 + 4); // entries; length, merges, bound
  const merges = n * (4 + 4 + 4 + 4 + 8); // created, createdVersion, merge x, y, height
  const labelling = n * (4 + 8 + 8 + 4 + 4 + 8 + 4); // order, parent, size, linkage columns
  return centroids + slots + lists + merges + labelling;
}

/** Estimated seconds for `wardLinkage` on n points in d dimensions (O(n²·d)). */
export function wardTimeEstimate(n: number, d: number): number {
  return SECONDS_PER_N2D * n * n * d;
}

/**
 * Whether Ward linkage of n points in d dimensions is accepted, with the estimates behind the
 * answer. The core calls this before starting, to offer a subset or K-means instead:
 *
 *   Ward linkage on 200,000 points would take about 13 minutes (O(n²)); the limit is 30,000
 *   points: use a subset or K-means
 */
export function wardSize(n: number, d: number, maxPoints = WARD_POINT_LIMIT): WardSize {
  const seconds = wardTimeEstimate(n, d);
  const bytes = wardMemoryEstimate(n, d);
  const base = { n, d, seconds, bytes, maxPoints };
  if (bytes > WARD_MEMORY_LIMIT) {
    const message =
      `Ward linkage on ${count(n)} points in ${d} dimensions would need ${formatBytes(bytes)}` +
      ` of memory; the limit is ${formatBytes(WARD_MEMORY_LIMIT)}: use a subset or K-means`;
    return { ...base, ok: false, message };
  }
  if (n > maxPoints) {
    const message =
      `Ward linkage on ${count(n)} points would take about ${formatSeconds(seconds)} (O(n²));` +
      ` the limit is ${count(maxPoints)} points: use a subset or K-means`;
    return { ...base, ok: false, message };
  }
  return { ...base, ok: true };
}

/** Throws a RangeError with `wardSize`'s message when n points are refused. */
export function checkWardSize(n: number, d: number, maxPoints = WARD_POINT_LIMIT): void {
  if (!(maxPoints >= 2)) throw new RangeError(`maxPoints = ${maxPoints}; expected a number >= 2`);
  const size = wardSize(n, d, maxPoints);
  if (!size.ok) throw new RangeError(size.message);
}
