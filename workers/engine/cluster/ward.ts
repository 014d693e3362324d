import { checkMatrix } from './check-matrix';
import { throwIfAborted } from './throw-if-aborted';

/**
 * An agglomerative merge tree in SciPy's linkage convention, one row per merge (n − 1 rows).
 * Original points have ids 0..n−1 and the cluster made by row i has id n + i. Row i joins
 * clusters `left[i] < right[i]` at `height[i]`, giving a cluster of `size[i]` points. Rows
 * are sorted by height, ascending.
 */
export interface Linkage {
  left: Int32Array;
  right: Int32Array;
  height: Float64Array;
  size: Int32Array;
}

export interface WardOptions {
  signal?: AbortSignal;
  /** Called with the fraction of merges done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/**
 * Exact Ward linkage of the n rows of `X` (n × d, row-major), equal to SciPy's
 * `linkage(X, 'ward')`: same heights, and the same rows wherever there are no near-ties.
 *
 * Method: the nearest-neighbour chain (Müllner 2011, "Modern hierarchical, agglomerative
 * clustering algorithms", §3.4; Ward's criterion is reducible, so the chain is valid), in
 * O(n²·d) time and O(n·d) memory. There is no n × n matrix: the distance between clusters A
 * and B is recomputed from their centroids and sizes,
 *
 *   d(A, B) = sqrt(2·|A||B| / (|A| + |B|)) · ‖c_A − c_B‖,
 *
 * which is the value SciPy's Lance–Williams update maintains (for singletons it is the
 * Euclidean distance). The chain is walked exactly as SciPy's `nn_chain` walks it, so ties
 * are broken the same way: clusters live in slots 0..n−1, a merged cluster takes the slot of
 * the larger of its two slots, a scan visits active slots in increasing order and keeps the
 * first strict minimum, and the previous chain element is preferred on equality. The rows
 * are then stably sorted by height and relabelled through a union–find, as SciPy does.
 *
 * Heights agree with SciPy to rounding (about 1e-14 relative); only distances equal to
 * within that rounding can be ordered differently, and then the two trees may differ.
 */
export function wardLinkage(
  X: Float64Array,
  n: number,
  d: number,
  options: WardOptions = {},
): Linkage {
  checkMatrix(X, n, d);
  if (n < 2) throw new RangeError(`n = ${n}; Ward linkage needs at least 2 points`);
  const { signal, onProgress } = options;

  // Slot state: centroid (row of C) and size; size 0 marks a slot that has been merged away.
  const C = Float64Array.from(X);
  const size = new Int32Array(n).fill(1);
  // Active slots as a doubly linked list in increasing order, so scans skip dead slots but
  // still visit live ones in SciPy's order.
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  let head = 0;

  const chain = new Int32Array(n);
  let chainLength = 0;
  const mergeX = new Int32Array(n - 1);
  const mergeY = new Int32Array(n - 1);
  const mergeH = new Float64Array(n - 1);
  const progressStep = Math.max(1, Math.floor((n - 1) / 100));

  for (let k = 0; k < n - 1; k++) {
    if ((k & 63) === 0) throwIfAborted(signal);
    if (onProgress && k % progressStep === 0) onProgress(k / (n - 1));

    if (chainLength === 0) {
      chain[0] = head;
      chainLength = 1;
    }

    // Grow the chain until its last two elements are reciprocal nearest neighbours. The
    // search compares squared distances q = 2|A||B|/(|A|+|B|)·‖c_A − c_B‖², which orders
    // exactly as the distances do, and stops summing a candidate once it cannot win.
    let x = 0;
    let y = -1;
    let best = Infinity;
    for (;;) {
      x = chain[chainLength - 1];
      const nx = size[x];
      const xo = x * d;
      if (chainLength > 1) {
        y = chain[chainLength - 2];
        best = wardSquared(C, xo, y * d, d, nx, size[y]);
      } else {
        y = -1;
        best = Infinity;
      }
      for (let i = head; i !== -1; i = next[i]) {
        if (i === x) continue;
        const ni = size[i];
        const w = (2 * nx * ni) / (nx + ni);
        const io = i * d;
        let s = 0;
        let t = 0;
        // Partial sums only grow, so once w·s ≥ best this candidate cannot be a strict minimum.
        for (; t + 4 <= d; t += 4) {
          const a0 = C[xo + t] - C[io + t];
          const a1 = C[xo + t + 1] - C[io + t + 1];
          const a2 = C[xo + t + 2] - C[io + t + 2];
          const a3 = C[xo + t + 3] - C[io + t + 3];
          s += a0 * a0;
          s += a1 * a1;
          s += a2 * a2;
          s += a3 * a3;
          if (w * s >= best) break;
        }
        if (t + 4 <= d) continue; // broke out early
        for (; t < d; t++) {
          const a = C[xo + t] - C[io + t];
          s += a * a;
        }
        const q = w * s;
        if (q < best) {
          best = q;
          y = i;
        }
      }
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      chain[chainLength++] = y;
    }
    chainLength -= 2;

    // Fastcluster's convention, kept by SciPy: the record holds the smaller slot first.
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x];
    const ny = size[y];
    mergeX[k] = x;
    mergeY[k] = y;
    mergeH[k] = Math.sqrt(best);

    // The merged cluster lives on in slot y; slot x is dropped.
    const xo = x * d;
    const yo = y * d;
    const nxy = nx + ny;
    for (let t = 0; t < d; t++) C[yo + t] = (nx * C[xo + t] + ny * C[yo + t]) / nxy;
    size[y] = nxy;
    size[x] = 0;
    const px = prev[x];
    const qx = next[x];
    if (px === -1) head = qx;
    else next[px] = qx;
    if (qx !== -1) prev[qx] = px;
  }

  onProgress?.(1);
  return sortAndLabel(mergeX, mergeY, mergeH, n);
}

/** Squared Ward distance between the clusters in slots at offsets xo and yo of C. */
function wardSquared(
  C: Float64Array,
  xo: number,
  yo: number,
  d: number,
  nx: number,
  ny: number,
): number {
  const w = (2 * nx * ny) / (nx + ny);
  let s = 0;
  for (let t = 0; t < d; t++) {
    const a = C[xo + t] - C[yo + t];
    s += a * a;
  }
  return w * s;
}

/**
 * SciPy's post-processing of `nn_chain`: a stable sort of the merges by height, then a
 * union–find pass that turns slot numbers into cluster ids (n + row) and recomputes sizes.
 */
function sortAndLabel(
  mergeX: Int32Array,
  mergeY: Int32Array,
  mergeH: Float64Array,
  n: number,
): Linkage {
  const m = n - 1;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => mergeH[a] - mergeH[b] || a - b);

  const parent = new Int32Array(2 * n - 1);
  const clusterSize = new Int32Array(2 * n - 1);
  for (let i = 0; i < 2 * n - 1; i++) {
    parent[i] = i;
    clusterSize[i] = 1;
  }
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const height = new Float64Array(m);
  const size = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const r = order[i];
    const a = find(parent, mergeX[r]);
    const b = find(parent, mergeY[r]);
    const id = n + i;
    left[i] = a < b ? a : b;
    right[i] = a < b ? b : a;
    height[i] = mergeH[r];
    parent[a] = id;
    parent[b] = id;
    clusterSize[id] = clusterSize[a] + clusterSize[b];
    size[i] = clusterSize[id];
  }
  return { left, right, height, size };
}

/** Root of x, compressing the path behind it. */
function find(parent: Int32Array, x: number): number {
  let root = x;
  while (parent[root] !== root) root = parent[root];
  while (parent[x] !== root) {
    const p = parent[x];
    parent[x] = root;
    x = p;
  }
  return root;
}
