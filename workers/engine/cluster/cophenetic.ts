import { checkLinkage } from './check-linkage';
import { checkMatrix } from './check-matrix';
import { squaredDistance } from './squared-distance';
import { throwIfAborted } from './throw-if-aborted';
import type { Linkage } from './ward';

export interface CopheneticOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Cophenetic correlation of a merge tree over the rows of `X` (n × d, row-major): the
 * Pearson correlation, over all n(n − 1)/2 pairs, between the Euclidean distance of two
 * points and the height at which the tree first joins them. Equal to SciPy's
 * `cophenet(Z, pdist(X))[0]`; NaN when either set of distances is constant (as in SciPy).
 *
 * Nothing n × n is stored. For each point i the cophenetic distances to all points are
 * filled in O(n) by walking from leaf i to the root: in dendrogram leaf order every cluster
 * is a contiguous range, so each ancestor writes its height over its other child's range.
 * Each row's pairs (i, j > i) are reduced to centred sums, and the rows are combined with
 * the pairwise update of Chan, Golub & LeVeque (1979), which keeps the accuracy of SciPy's
 * two-pass formula while computing each distance once.
 */
export function copheneticCorrelation(
  linkage: Linkage,
  X: Float64Array,
  n: number,
  d: number,
  options: CopheneticOptions = {},
): number {
  checkMatrix(X, n, d);
  checkLinkage(linkage, n);
  const { signal, onProgress } = options;
  const { left, right, height } = linkage;
  const m = n - 1;
  const root = 2 * n - 2;

  // Leaf order by an explicit-stack depth-first walk, with each node's [start, end) range.
  const parent = new Int32Array(2 * n - 1).fill(-1);
  for (let i = 0; i < m; i++) {
    parent[left[i]] = n + i;
    parent[right[i]] = n + i;
  }
  const order = new Int32Array(n);
  const start = new Int32Array(2 * n - 1);
  const end = new Int32Array(2 * n - 1);
  const stack = new Int32Array(2 * n);
  let top = 0;
  let pos = 0;
  stack[top++] = root;
  const visited = new Uint8Array(2 * n - 1);
  while (top > 0) {
    const node = stack[top - 1];
    if (node < n) {
      start[node] = pos;
      order[pos++] = node;
      end[node] = pos;
      top--;
    } else if (!visited[node]) {
      visited[node] = 1;
      start[node] = pos;
      stack[top++] = right[node - n];
      stack[top++] = left[node - n];
    } else {
      end[node] = pos;
      top--;
    }
  }

  const coph = new Float64Array(n);
  const dist = new Float64Array(n);
  // Running totals over the pairs seen so far (Chan et al. combination).
  let count = 0;
  let meanX = 0;
  let meanY = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  const progressStep = Math.max(1, Math.floor(n / 100));

  for (let i = 0; i < m; i++) {
    if ((i & 15) === 0) throwIfAborted(signal);
    if (onProgress && i % progressStep === 0) onProgress((i * (2 * n - i)) / (n * n));

    for (let node = i; node !== root;) {
      const p = parent[node];
      const r = p - n;
      const sibling = left[r] === node ? right[r] : left[r];
      const h = height[r];
      for (let s = start[sibling]; s < end[sibling]; s++) coph[order[s]] = h;
      node = p;
    }

    const io = i * d;
    const rowCount = m - i;
    let rowSumX = 0;
    let rowSumY = 0;
    for (let j = i + 1; j < n; j++) {
      const x = Math.sqrt(squaredDistance(X, io, X, j * d, d));
      dist[j] = x;
      rowSumX += x;
      rowSumY += coph[j];
    }
    const rowMeanX = rowSumX / rowCount;
    const rowMeanY = rowSumY / rowCount;
    let rxx = 0;
    let ryy = 0;
    let rxy = 0;
    for (let j = i + 1; j < n; j++) {
      const a = dist[j] - rowMeanX;
      const b = coph[j] - rowMeanY;
      rxx += a * a;
      ryy += b * b;
      rxy += a * b;
    }

    const total = count + rowCount;
    const dx = rowMeanX - meanX;
    const dy = rowMeanY - meanY;
    const w = (count * rowCount) / total;
    sxx += rxx + dx * dx * w;
    syy += ryy + dy * dy * w;
    sxy += rxy + dx * dy * w;
    meanX += (dx * rowCount) / total;
    meanY += (dy * rowCount) / total;
    count = total;
  }
  onProgress?.(1);
  return sxy / Math.sqrt(sxx * syy);
}
