import { squaredDistance } from './squared-distance';

// The steps of one K-means run (`kmeans` in kmeans.ts): assignments with and without
// Hamerly's bounds, the cluster sums kept in step with the labels, and the centre update.

/** Buffers shared by the restarts, allocated once. */
export interface Workspace {
  /** Hamerly bounds per point: distance to its centre (upper), to any other centre (lower). */
  upper: Float64Array;
  lower: Float64Array;
  /** Per centre: half the distance to the nearest other centre; distance moved last update. */
  half: Float64Array;
  moved: Float64Array;
  /** k squared distances of the point being measured. */
  scratch: Float64Array;
  closest: Float64Array;
  candidate: Float64Array;
  bestCandidate: Float64Array;
  cumulative: Float64Array;
  /** Per cluster: sum of its points (k × d) and their count, kept in step with the labels. */
  sums: Float64Array;
  counts: Float64Array;
  /** Whether the last update refilled an empty cluster. */
  refilled: boolean;
  taken: Uint8Array;
}

export function createWorkspace(n: number, d: number, k: number): Workspace {
  return {
    upper: new Float64Array(n),
    lower: new Float64Array(n),
    half: new Float64Array(k),
    moved: new Float64Array(k),
    scratch: new Float64Array(k),
    closest: new Float64Array(n),
    candidate: new Float64Array(n),
    bestCandidate: new Float64Array(n),
    cumulative: new Float64Array(n),
    sums: new Float64Array(k * d),
    counts: new Float64Array(k),
    refilled: false,
    taken: new Uint8Array(n),
  };
}

/** Assigns each row to its nearest centre (lowest index on ties). */
export function assign(
  X: Float64Array,
  n: number,
  d: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
): void {
  for (let i = 0; i < n; i++) {
    const io = i * d;
    let best = Infinity;
    let label = 0;
    for (let c = 0; c < k; c++) {
      const q = squaredDistance(X, io, centers, c * d, d);
      if (q < best) {
        best = q;
        label = c;
      }
    }
    labels[i] = label;
  }
}

/** Plain assignment that also sets every point's Hamerly bounds. */
export function assignWithBounds(
  X: Float64Array,
  n: number,
  d: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  work: Workspace,
): void {
  for (let i = 0; i < n; i++) measure(X, i, d, centers, k, labels, work, -1, Infinity);
}

/** Squared distance from row io of X to centre row co (`squaredDistance`, as everywhere here). */
function toCentre(X: Float64Array, io: number, centers: Float64Array, co: number, d: number) {
  return squaredDistance(X, io, centers, co, d);
}

/**
 * Nearest centre of point i (lowest index on ties), with exact bounds. The squared distance
 * to centre `known` may be given as `qKnown` (it was just measured); −1 when none is. Every
 * distance is `squaredDistance`'s, as in `assign` and the inertia, so that the WebAssembly
 * kernel (kmeans-wasm.ts) can sum its four chains in SIMD lanes and agree to the bit.
 */
function measure(
  X: Float64Array,
  i: number,
  d: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  work: Workspace,
  known: number,
  qKnown: number,
): void {
  const io = i * d;
  const q = work.scratch; // squared distance to each centre
  for (let c = 0; c < k; c++) {
    q[c] = c === known ? qKnown : toCentre(X, io, centers, c * d, d);
  }
  // In increasing order, so a strict < keeps the lowest index on ties.
  let best = Infinity;
  let second = Infinity;
  let label = 0;
  for (let c = 0; c < k; c++) {
    if (q[c] < best) {
      second = best;
      best = q[c];
      label = c;
    } else if (q[c] < second) {
      second = q[c];
    }
  }
  labels[i] = label;
  work.upper[i] = Math.sqrt(best);
  work.lower[i] = Math.sqrt(second);
}

/** Relative margin by which bounds must separate before a point is skipped. */
const BOUND_MARGIN = 1e-9;

/** Per centre: half the distance to the nearest other centre, into `work.half` (Hamerly's s). */
export function halfDistances(d: number, centers: Float64Array, k: number, work: Workspace): void {
  const { half } = work;
  for (let c = 0; c < k; c++) {
    let nearest = Infinity;
    for (let e = 0; e < k; e++) {
      if (e === c) continue;
      const q = squaredDistance(centers, c * d, centers, e * d, d);
      if (q < nearest) nearest = q;
    }
    half[c] = 0.5 * Math.sqrt(nearest);
  }
}

/**
 * Hamerly's assignment step: a point whose upper bound is below both its lower bound and
 * half the distance from its centre to the nearest other centre (`work.half`, from
 * `halfDistances`) cannot change cluster; one exact distance tightens the upper bound, and
 * only if that fails are the other k − 1 measured. Keeps the cluster sums in step and
 * returns how many points changed cluster.
 */
export function assignBounded(
  X: Float64Array,
  n: number,
  d: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  work: Workspace,
): number {
  const { upper, lower, half, sums, counts } = work;
  let changes = 0;
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    const m = half[a] > lower[i] ? half[a] : lower[i];
    if (upper[i] * (1 + BOUND_MARGIN) < m) continue;
    const qa = toCentre(X, i * d, centers, a * d, d);
    upper[i] = Math.sqrt(qa);
    if (upper[i] * (1 + BOUND_MARGIN) < m) continue;
    measure(X, i, d, centers, k, labels, work, a, qa);
    const b = labels[i];
    if (b !== a) {
      changes++;
      const io = i * d;
      const ao = a * d;
      const bo = b * d;
      for (let t = 0; t < d; t++) {
        sums[ao + t] -= X[io + t];
        sums[bo + t] += X[io + t];
      }
      counts[a]--;
      counts[b]++;
    }
  }
  return changes;
}

/** Sums and counts of every cluster's points, from scratch. */
export function sumClusters(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  work: Workspace,
): void {
  const { sums, counts } = work;
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const io = i * d;
    const co = labels[i] * d;
    counts[labels[i]]++;
    for (let t = 0; t < d; t++) sums[co + t] += X[io + t];
  }
}

/** The largest centre shift in `moved`, its centre (−1 when all are 0) and the second largest. */
export function largestMoves(k: number, moved: Float64Array): [number, number, number] {
  let largest = 0;
  let largestAt = -1;
  let secondLargest = 0;
  for (let c = 0; c < k; c++) {
    if (moved[c] > largest) {
      secondLargest = largest;
      largest = moved[c];
      largestAt = c;
    } else if (moved[c] > secondLargest) {
      secondLargest = moved[c];
    }
  }
  return [largestAt, largest, secondLargest];
}

/** Moves the bounds by the centre shifts in `work.moved` (Hamerly's update). */
export function loosenBounds(n: number, k: number, labels: Int32Array, work: Workspace): void {
  const { upper, lower, moved } = work;
  let largest = 0;
  let largestAt = -1;
  let secondLargest = 0;
  for (let c = 0; c < k; c++) {
    if (moved[c] > largest) {
      secondLargest = largest;
      largest = moved[c];
      largestAt = c;
    } else if (moved[c] > secondLargest) {
      secondLargest = moved[c];
    }
  }
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    upper[i] += moved[a];
    lower[i] -= a === largestAt ? secondLargest : largest;
  }
}

/**
 * Writes the mean of each cluster (from `work.sums`, `work.counts`) into `out` (k × d) and
 * returns the summed squared centre movement; each centre's own movement goes to
 * `work.moved`. Empty clusters take the points farthest from their current centres, which
 * leave their old clusters (scikit-learn's `_relocate_empty_clusters_dense`); a cluster
 * that still has no point keeps its previous centre.
 */
export function updateCenters(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  labels: Int32Array,
  centers: Float64Array,
  out: Float64Array,
  work: Workspace,
): number {
  const { sums, counts, taken } = work;
  let empty = 0;
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty++;
  work.refilled = empty > 0;
  if (empty > 0) {
    taken.fill(0);
    for (let c = 0; c < k; c++) {
      if (counts[c] !== 0) continue;
      let far = -1;
      let farDistance = -1;
      for (let i = 0; i < n; i++) {
        if (taken[i]) continue;
        const q = squaredDistance(X, i * d, centers, labels[i] * d, d);
        if (q > farDistance) {
          farDistance = q;
          far = i;
        }
      }
      taken[far] = 1;
      const old = labels[far];
      const fo = far * d;
      for (let t = 0; t < d; t++) {
        sums[old * d + t] -= X[fo + t];
        sums[c * d + t] = X[fo + t];
      }
      counts[old]--;
      counts[c] = 1;
    }
  }

  let shift = 0;
  for (let c = 0; c < k; c++) {
    const co = c * d;
    let own = 0;
    for (let t = 0; t < d; t++) {
      const v = counts[c] > 0 ? sums[co + t] / counts[c] : centers[co + t];
      const a = v - centers[co + t];
      own += a * a;
      out[co + t] = v;
    }
    work.moved[c] = Math.sqrt(own);
    shift += own;
  }
  return shift;
}
