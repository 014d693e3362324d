import { throwIfAborted } from './throw-if-aborted';

export interface ExactKnnOptions {
  signal?: AbortSignal;
  /** Called with the share of pairs done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

export interface KnnResult {
  /** n × k, row-major: row i starts with i itself, then its neighbours nearest first. */
  indices: Int32Array;
  /** n × k, row-major: Euclidean (not squared) distances matching `indices`; column 0 is 0. */
  distances: Float64Array;
}

/**
 * Exact k nearest neighbours under Euclidean distance, each point counted as its own first
 * neighbour at distance 0 (the layout umap-js's `setPrecomputedKNN` expects).
 *
 * X: n × d, row-major. k counts the point itself, so 1 ≤ k ≤ n. Row i is ordered by
 * (distance, self first, index): a duplicate of i still comes after i, and equal distances go
 * to the lower index.
 *
 * Each unordered pair is measured once and offered to both points' bounded max-heaps of the
 * k − 1 best others. The running sum of squared differences is abandoned, four coordinates at a
 * time after the first eight, once it exceeds what either heap would still accept (partial-
 * distance search); sums only grow, so an abandoned pair could never have entered.
 */
export function exactKnn(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  options: ExactKnnOptions = {},
): KnnResult {
  const { signal, onProgress } = options;
  if (X.length !== n * d) {
    throw new Error(`exactKnn: X has length ${X.length}, expected n × d = ${n} × ${d} = ${n * d}`);
  }
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new Error(
      `exactKnn: k = ${k} must be an integer in 1…n = ${n} (k counts the point itself)`,
    );
  }
  throwIfAborted(signal, 'exactKnn');

  // m heap slots per point for the others; heapD holds squared distances, heapI their indices.
  const m = k - 1;
  const heapD = new Float64Array(n * m);
  const heapI = new Int32Array(n * m);
  const size = new Int32Array(n);
  // worst[p]: the largest squared distance heap p still accepts (its root once full).
  const worst = new Float64Array(n).fill(Infinity);

  if (m > 0) {
    const totalPairs = (n * (n - 1)) / 2;
    const progressEvery = Math.max(1, Math.floor(n / 200));
    for (let i = 0; i < n; i++) {
      if (i % progressEvery === 0) {
        throwIfAborted(signal, 'exactKnn');
        if (onProgress) onProgress(1 - ((n - i) * (n - i - 1)) / 2 / totalPairs);
      }
      if (d >= 8) scanRowWide(X, d, n, i, heapD, heapI, size, worst, m);
      else scanRowNarrow(X, d, n, i, heapD, heapI, size, worst, m);
    }
  }

  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  for (let p = 0; p < n; p++) {
    const row = p * k;
    indices[row] = p;
    distances[row] = 0;
    // Popping the max-heap fills the row from its far end.
    const base = p * m;
    for (let s = size[p]; s > 0; s--) {
      indices[row + s] = heapI[base];
      distances[row + s] = Math.sqrt(heapD[base]);
      heapPop(heapD, heapI, base, s);
    }
  }
  if (onProgress) onProgress(1);
  return { indices, distances };
}

/**
 * Offers every pair (i, j > i) to both heaps, for d ≥ 8. The first eight coordinates of row i
 * live in locals and are summed before the first test: a partial sum over fewer rarely exceeds
 * a neighbour radius, so testing earlier costs more than it saves.
 */
function scanRowWide(
  X: Float64Array,
  d: number,
  n: number,
  i: number,
  heapD: Float64Array,
  heapI: Int32Array,
  size: Int32Array,
  worst: Float64Array,
  m: number,
): void {
  const oi = i * d;
  const x0 = X[oi];
  const x1 = X[oi + 1];
  const x2 = X[oi + 2];
  const x3 = X[oi + 3];
  const x4 = X[oi + 4];
  const x5 = X[oi + 5];
  const x6 = X[oi + 6];
  const x7 = X[oi + 7];
  const d4 = d - (d % 4);
  let wi = worst[i];
  for (let j = i + 1, oj = (i + 1) * d; j < n; j++, oj += d) {
    const wj = worst[j];
    const limit = wi > wj ? wi : wj;
    const a0 = x0 - X[oj];
    const a1 = x1 - X[oj + 1];
    const a2 = x2 - X[oj + 2];
    const a3 = x3 - X[oj + 3];
    const a4 = x4 - X[oj + 4];
    const a5 = x5 - X[oj + 5];
    const a6 = x6 - X[oj + 6];
    const a7 = x7 - X[oj + 7];
    let s = a0 * a0 + a1 * a1 + (a2 * a2 + a3 * a3) + (a4 * a4 + a5 * a5 + (a6 * a6 + a7 * a7));
    if (s > limit) continue;
    let c = 8;
    for (; c < d4; c += 4) {
      const b0 = X[oi + c] - X[oj + c];
      const b1 = X[oi + c + 1] - X[oj + c + 1];
      const b2 = X[oi + c + 2] - X[oj + c + 2];
      const b3 = X[oi + c + 3] - X[oj + c + 3];
      s += b0 * b0 + b1 * b1 + (b2 * b2 + b3 * b3);
      if (s > limit) break;
    }
    if (s > limit) continue;
    for (; c < d; c++) {
      const b = X[oi + c] - X[oj + c];
      s += b * b;
    }
    // `<=` lets ties through; heapPush settles them by index.
    if (s <= wi) {
      heapPush(heapD, heapI, size, worst, m, i, s, j);
      wi = worst[i];
    }
    if (s <= wj) heapPush(heapD, heapI, size, worst, m, j, s, i);
  }
}

/** The same scan for d < 8, where a full distance is too cheap to be worth abandoning. */
function scanRowNarrow(
  X: Float64Array,
  d: number,
  n: number,
  i: number,
  heapD: Float64Array,
  heapI: Int32Array,
  size: Int32Array,
  worst: Float64Array,
  m: number,
): void {
  const oi = i * d;
  for (let j = i + 1, oj = (i + 1) * d; j < n; j++, oj += d) {
    let s = 0;
    for (let c = 0; c < d; c++) {
      const b = X[oi + c] - X[oj + c];
      s += b * b;
    }
    if (s <= worst[i]) heapPush(heapD, heapI, size, worst, m, i, s, j);
    if (s <= worst[j]) heapPush(heapD, heapI, size, worst, m, j, s, i);
  }
}

/** True when (da, ia) ranks after (db, ib): farther, or as far with a higher index. */
function after(da: number, ia: number, db: number, ib: number): boolean {
  return da > db || (da === db && ia > ib);
}

/** Offers neighbour j at squared distance dist to point p's max-heap of m slots. */
function heapPush(
  heapD: Float64Array,
  heapI: Int32Array,
  size: Int32Array,
  worst: Float64Array,
  m: number,
  p: number,
  dist: number,
  j: number,
): void {
  const base = p * m;
  const s = size[p];
  if (s < m) {
    // Sift up from the new leaf.
    let c = s;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      if (!after(dist, j, heapD[base + parent], heapI[base + parent])) break;
      heapD[base + c] = heapD[base + parent];
      heapI[base + c] = heapI[base + parent];
      c = parent;
    }
    heapD[base + c] = dist;
    heapI[base + c] = j;
    size[p] = s + 1;
    if (s + 1 === m) worst[p] = heapD[base];
    return;
  }
  if (!after(heapD[base], heapI[base], dist, j)) return;
  siftDown(heapD, heapI, base, m, dist, j);
  worst[p] = heapD[base];
}

/** Removes the root of the heap at base holding s entries. */
function heapPop(heapD: Float64Array, heapI: Int32Array, base: number, s: number): void {
  const last = s - 1;
  if (last > 0) siftDown(heapD, heapI, base, last, heapD[base + last], heapI[base + last]);
}

/** Places (dist, j) at the root of a heap of `count` entries and sifts it down. */
function siftDown(
  heapD: Float64Array,
  heapI: Int32Array,
  base: number,
  count: number,
  dist: number,
  j: number,
): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= count) break;
    let child = l;
    const r = l + 1;
    if (r < count && after(heapD[base + r], heapI[base + r], heapD[base + l], heapI[base + l])) {
      child = r;
    }
    if (!after(heapD[base + child], heapI[base + child], dist, j)) break;
    heapD[base + c] = heapD[base + child];
    heapI[base + c] = heapI[base + child];
    c = child;
  }
  heapD[base + c] = dist;
  heapI[base + c] = j;
}
