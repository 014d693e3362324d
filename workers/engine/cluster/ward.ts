import { checkMatrix } from './check-matrix';
import { labelMerges } from './label-merges';
import { throwIfAborted } from './throw-if-aborted';
import { checkWardSize } from './ward-limit';

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
  /**
   * Largest number of points accepted (default `WARD_POINT_LIMIT`, 30,000). Ward takes
   * O(n²·d) time; above the limit `wardLinkage` refuses with a message that gives the
   * estimated time. Raise it to run anyway.
   */
  maxPoints?: number;
  signal?: AbortSignal;
  /** Called with the fraction of merges done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/** Nearest clusters remembered per chain element (see `wardLinkage`). */
const LIST = 8;
/**
 * Clusters created since a chain element's last full scan that a refresh will measure one by
 * one; with more, a full scan is cheaper.
 */
const MAX_FRESH = 32;

/**
 * Exact Ward linkage of the n rows of `X` (n × d, row-major), equal to SciPy's
 * `linkage(X, 'ward')`: same heights, and the same rows wherever there are no near-ties.
 *
 * Method: the nearest-neighbour chain (Müllner 2011, "Modern hierarchical, agglomerative
 * clustering algorithms", §3.4; Ward's criterion is reducible, so the chain is valid), in
 * O(n²·d) time and O(n·d) memory (`wardMemoryEstimate`). There is no n × n matrix: the
 * distance between clusters A and B is recomputed from their centroids and sizes,
 *
 *   d(A, B) = sqrt(2·|A||B| / (|A| + |B|)) · ‖c_A − c_B‖,
 *
 * which is the value SciPy's Lance–Williams update maintains (for singletons it is the
 * Euclidean distance). The chain is walked exactly as SciPy's `nn_chain` walks it, so ties
 * are broken the same way: clusters live in slots 0..n−1, a merged cluster takes the larger
 * of its two slots, a scan keeps the first strict minimum in slot order, and the previous
 * chain element is preferred on equality. The rows are then stably sorted by height and
 * relabelled through a union–find, as SciPy does.
 *
 * Speed-up over the plain chain: a full scan of all clusters keeps the `LIST` nearest (in
 * SciPy's tie order), not only the nearest. After a merge, the element left on top of the
 * chain would be rescanned in full; instead its list is refreshed: entries whose cluster has
 * since been merged are dropped, clusters created since the scan are measured directly, and
 * every cluster never on the list is known to be farther than the list's last entry. Only
 * when the refresh cannot decide (every entry gone, or too many new clusters) does a full
 * scan follow. This removes about a third of the scans and gives the same tree.
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
  checkWardSize(n, d, options.maxPoints);
  const { signal, onProgress } = options;

  const s = createChain(X, n, d);
  const { C, size, version, chain, listSlot, listQ, created, createdVersion, next, prev } = s;
  const mergeX = new Int32Array(n - 1);
  const mergeY = new Int32Array(n - 1);
  const mergeH = new Float64Array(n - 1);
  let chainLength = 0;
  const progressStep = Math.max(1, Math.floor((n - 1) / 100));

  for (let k = 0; k < n - 1; k++) {
    if ((k & 63) === 0) throwIfAborted(signal);
    if (onProgress && k % progressStep === 0) onProgress(k / (n - 1));

    if (chainLength === 0) {
      chain[0] = s.head;
      chainLength = 1;
      scanAll(s, 0);
    } else if (!refresh(s, chainLength - 1)) {
      scanAll(s, chainLength - 1);
    }
    // Grow the chain until its last two elements are reciprocal nearest neighbours.
    let x: number;
    let y: number;
    for (;;) {
      const p = chainLength - 1;
      x = chain[p];
      y = listSlot[p * LIST];
      if (p > 0 && y === chain[p - 1]) break;
      chain[chainLength++] = y;
      scanAll(s, chainLength - 1);
    }
    const best = listQ[(chainLength - 1) * LIST];
    chainLength -= 2;

    // Fastcluster's convention, kept by SciPy: the record holds the smaller slot first.
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    mergeX[k] = x;
    mergeY[k] = y;
    mergeH[k] = Math.sqrt(best);

    // The merged cluster lives on in slot y; slot x is dropped. Both change version, which
    // invalidates every list entry naming them.
    const nx = size[x];
    const ny = size[y];
    const nxy = nx + ny;
    const xo = x * d;
    const yo = y * d;
    for (let t = 0; t < d; t++) C[yo + t] = (nx * C[xo + t] + ny * C[yo + t]) / nxy;
    size[y] = nxy;
    size[x] = 0;
    version[x]++;
    version[y]++;
    created[k] = y;
    createdVersion[k] = version[y];
    s.merges = k + 1;
    const px = prev[x];
    const qx = next[x];
    if (px === -1) s.head = qx;
    else next[px] = qx;
    if (qx !== -1) prev[qx] = px;
  }

  onProgress?.(1);
  return labelMerges(mergeX, mergeY, mergeH, n);
}

/**
 * State of the nearest-neighbour chain. Cluster distances are compared as squared Ward
 * distances q = 2|A||B|/(|A|+|B|)·‖c_A − c_B‖², which order exactly as the distances do.
 *
 * Chain element p (at `chain[p]`) owns list entries p·LIST ..: up to LIST clusters in
 * increasing (q, key) order, where key is the slot, or −1 for the previous chain element
 * (SciPy keeps that one on a tie). Every live cluster that is not on the list and has not been
 * created since the list was made (`listMerges[p]`) is known to be farther than the bound
 * (`boundQ[p]`, `boundKey[p]`).
 */
interface Chain {
  d: number;
  /** Centroids, n × d (slot order); rows of merged-away slots are stale. */
  C: Float64Array;
  /** Points per slot; 0 once merged away. */
  size: Int32Array;
  /** Bumped whenever a slot's cluster changes, so stale list entries can be recognised. */
  version: Int32Array;
  /** Live slots as a doubly linked list in increasing order (scans visit them in SciPy's order). */
  head: number;
  next: Int32Array;
  prev: Int32Array;
  chain: Int32Array;
  listSlot: Int32Array;
  listQ: Float64Array;
  listVersion: Int32Array;
  listLength: Int32Array;
  listMerges: Int32Array;
  boundQ: Float64Array;
  boundKey: Int32Array;
  /** Slot and version of the cluster made by each merge so far. */
  created: Int32Array;
  createdVersion: Int32Array;
  merges: number;
  /** Scratch for `refresh`. */
  scratchSlot: Int32Array;
  scratchQ: Float64Array;
  scratchVersion: Int32Array;
}

function createChain(X: Float64Array, n: number, d: number): Chain {
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  const scratch = LIST + MAX_FRESH;
  return {
    d,
    C: Float64Array.from(X),
    size: new Int32Array(n).fill(1),
    version: new Int32Array(n),
    head: 0,
    next,
    prev,
    chain: new Int32Array(n),
    listSlot: new Int32Array(n * LIST),
    listQ: new Float64Array(n * LIST),
    listVersion: new Int32Array(n * LIST),
    listLength: new Int32Array(n),
    listMerges: new Int32Array(n),
    boundQ: new Float64Array(n),
    boundKey: new Int32Array(n),
    created: new Int32Array(n),
    createdVersion: new Int32Array(n),
    merges: 0,
    scratchSlot: new Int32Array(scratch),
    scratchQ: new Float64Array(scratch),
    scratchVersion: new Int32Array(scratch),
  };
}

/**
 * Squared Ward distance between the clusters in slots a and b. The sum runs in the same
 * order as the one in `scanAll`, so a pair always gets the same value, whichever computes it.
 */
function wardSquared(C: Float64Array, size: Int32Array, d: number, a: number, b: number): number {
  const na = size[a];
  const nb = size[b];
  const ao = a * d;
  const bo = b * d;
  let s = 0;
  let t = 0;
  for (; t + 4 <= d; t += 4) {
    const a0 = C[ao + t] - C[bo + t];
    const a1 = C[ao + t + 1] - C[bo + t + 1];
    const a2 = C[ao + t + 2] - C[bo + t + 2];
    const a3 = C[ao + t + 3] - C[bo + t + 3];
    s += a0 * a0 + a1 * a1 + (a2 * a2 + a3 * a3);
  }
  for (; t < d; t++) {
    const a = C[ao + t] - C[bo + t];
    s += a * a;
  }
  return ((2 * na * nb) / (na + nb)) * s;
}

/**
 * Inserts (q, slot) into the sorted list at Q/S/V[base..base + length) of capacity `cap`,
 * dropping the last entry when full; `previous` is the slot whose key is −1. Returns the new
 * length. The caller has checked that the entry belongs in the list.
 */
function insert(
  Q: Float64Array,
  S: Int32Array,
  V: Int32Array,
  base: number,
  length: number,
  cap: number,
  q: number,
  slot: number,
  slotVersion: number,
  previous: number,
): number {
  const key = slot === previous ? -1 : slot;
  let j = length < cap ? length : cap - 1;
  while (j > 0) {
    const pq = Q[base + j - 1];
    const ps = S[base + j - 1];
    if (pq < q || (pq === q && (ps === previous ? -1 : ps) < key)) break;
    Q[base + j] = pq;
    S[base + j] = ps;
    V[base + j] = V[base + j - 1];
    j--;
  }
  Q[base + j] = q;
  S[base + j] = slot;
  V[base + j] = slotVersion;
  return length < cap ? length + 1 : cap;
}

/** Full scan for chain element p: fills its list with the LIST nearest live clusters. */
function scanAll(s: Chain, p: number): void {
  const { C, size, version, next, chain, listQ, listSlot, listVersion, listLength, d } = s;
  const x = chain[p];
  const base = p * LIST;
  const previous = p > 0 ? chain[p - 1] : -1;
  let length = 0;
  if (previous !== -1) {
    length = insert(
      listQ,
      listSlot,
      listVersion,
      base,
      0,
      LIST,
      wardSquared(C, size, d, x, previous),
      previous,
      version[previous],
      previous,
    );
    // The previous element's neighbours are likely near x too: measuring them first gives
    // a tight bound for the early exit below from the start.
    const pb = base - LIST;
    for (let j = 0; j < listLength[p - 1]; j++) {
      const c = listSlot[pb + j];
      if (c === x || c === previous || size[c] === 0 || listVersion[pb + j] !== version[c]) {
        continue;
      }
      length = insertIfNearer(s, base, length, wardSquared(C, size, d, x, c), c, previous);
    }
  }

  let limit = length === LIST ? listQ[base + LIST - 1] : Infinity;
  const nx = size[x];
  const xo = x * d;
  for (let i = s.head; i !== -1; i = next[i]) {
    if (i === x || i === previous) continue;
    const ni = size[i];
    const w = (2 * nx * ni) / (nx + ni);
    const io = i * d;
    let sum = 0;
    let t = 0;
    // Partial sums only grow, so once w·sum exceeds the limit the candidate cannot enter.
    for (; t + 4 <= d; t += 4) {
      const a0 = C[xo + t] - C[io + t];
      const a1 = C[xo + t + 1] - C[io + t + 1];
      const a2 = C[xo + t + 2] - C[io + t + 2];
      const a3 = C[xo + t + 3] - C[io + t + 3];
      sum += a0 * a0 + a1 * a1 + (a2 * a2 + a3 * a3);
      if (w * sum > limit) break;
    }
    if (t + 4 <= d) continue; // left early
    for (; t < d; t++) {
      const a = C[xo + t] - C[io + t];
      sum += a * a;
    }
    const q = w * sum;
    if (q > limit) continue;
    length = insertIfNearer(s, base, length, q, i, previous);
    if (length === LIST) limit = listQ[base + LIST - 1];
  }

  listLength[p] = length;
  s.listMerges[p] = s.merges;
  if (length === LIST) {
    const last = listSlot[base + LIST - 1];
    s.boundQ[p] = listQ[base + LIST - 1];
    s.boundKey[p] = last === previous ? -1 : last;
  } else {
    s.boundQ[p] = Infinity; // every live cluster is on the list
    s.boundKey[p] = 0;
  }
}

/** Adds (q, slot) to the list at `base` unless it is already there or is beyond a full list. */
function insertIfNearer(
  s: Chain,
  base: number,
  length: number,
  q: number,
  slot: number,
  previous: number,
): number {
  const { listQ, listSlot } = s;
  if (length === LIST) {
    const lq = listQ[base + LIST - 1];
    const ls = listSlot[base + LIST - 1];
    if (q > lq || (q === lq && slot > (ls === previous ? -1 : ls))) return length;
  }
  for (let j = 0; j < length; j++) if (listSlot[base + j] === slot) return length;
  return insert(
    listQ,
    listSlot,
    s.listVersion,
    base,
    length,
    LIST,
    q,
    slot,
    s.version[slot],
    previous,
  );
}

/**
 * Brings chain element p's list up to date after merges, without a full scan. Returns false
 * when the list cannot name the nearest cluster; the caller then scans.
 */
function refresh(s: Chain, p: number): boolean {
  const { C, size, version, chain, listQ, listSlot, listVersion, created, createdVersion, d } = s;
  const { scratchQ, scratchSlot, scratchVersion } = s;
  const x = chain[p];
  const base = p * LIST;
  const previous = p > 0 ? chain[p - 1] : -1;
  const since = s.listMerges[p];
  let fresh = 0;
  for (let k = since; k < s.merges; k++) if (version[created[k]] === createdVersion[k]) fresh++;
  if (fresh > MAX_FRESH) return false;

  // Entries still naming the same cluster keep their distance (neither centroid moved).
  let length = 0;
  for (let j = 0; j < s.listLength[p]; j++) {
    const c = listSlot[base + j];
    if (listVersion[base + j] !== version[c] || size[c] === 0) continue;
    scratchQ[length] = listQ[base + j];
    scratchSlot[length] = c;
    scratchVersion[length] = listVersion[base + j];
    length++;
  }
  // Clusters made since the scan are measured; those beyond the bound could be beaten by a
  // cluster that was never listed, so they are left out (and later count as never listed).
  const bq = s.boundQ[p];
  const bk = s.boundKey[p];
  const cap = LIST + MAX_FRESH;
  for (let k = since; k < s.merges; k++) {
    const c = created[k];
    if (version[c] !== createdVersion[k]) continue;
    const q = wardSquared(C, size, d, x, c);
    if (q > bq || (q === bq && c > bk)) continue;
    length = insert(
      scratchQ,
      scratchSlot,
      scratchVersion,
      0,
      length,
      cap,
      q,
      c,
      version[c],
      previous,
    );
  }
  if (length === 0) return false;

  const kept = length < LIST ? length : LIST;
  for (let j = 0; j < kept; j++) {
    listQ[base + j] = scratchQ[j];
    listSlot[base + j] = scratchSlot[j];
    listVersion[base + j] = scratchVersion[j];
  }
  if (length > LIST) {
    // Entries cut off now lie beyond the new last entry, which becomes the bound.
    const last = listSlot[base + LIST - 1];
    s.boundQ[p] = listQ[base + LIST - 1];
    s.boundKey[p] = last === previous ? -1 : last;
  }
  s.listLength[p] = kept;
  s.listMerges[p] = s.merges;
  return true;
}
