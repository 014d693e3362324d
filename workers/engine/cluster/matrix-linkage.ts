import { checkMatrix } from './check-matrix';
import { count, formatBytes } from './format-size';
import { labelMerges } from './label-merges';
import { throwIfAborted } from './throw-if-aborted';
import type { Linkage } from './ward';

/**
 * Default largest number of points for linkages that keep the distance matrix (average,
 * complete): n(n − 1)/2 float64 values, 1.6 GB at 20,000 points.
 */
export const MATRIX_LINKAGE_POINT_LIMIT = 20_000;

export interface MatrixLinkageOptions {
  /** Largest number of points accepted (default `MATRIX_LINKAGE_POINT_LIMIT`). */
  maxPoints?: number;
  signal?: AbortSignal;
  /** Called with the fraction of the work done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/**
 * Lance–Williams update: the distance from cluster i (ni points) to the union of x and y
 * (nx, ny points, dxy apart), from its distances dxi and dyi to the parts.
 */
export type LanceWilliams = (
  dxi: number,
  dyi: number,
  dxy: number,
  nx: number,
  ny: number,
  ni: number,
) => number;

/** Bytes of the condensed distance matrix for n points. */
export function matrixLinkageMemoryEstimate(n: number): number {
  return 4 * n * (n - 1);
}

/**
 * Agglomerative linkage of the rows of `X` (n × d, row-major) over the condensed Euclidean
 * distance matrix, updated by `update` after each merge: SciPy's `nn_chain` (Müllner 2011,
 * §3.4) step for step, valid for reducible methods (average, complete, weighted, Ward).
 *
 * Distances are summed in coordinate order before the square root, as SciPy's `pdist`
 * does, and the scan, tie-breaking, update loop and final sort follow `nn_chain`, so the
 * linkage equals SciPy's bit for bit unless the update is evaluated differently.
 * O(n²·d) time and n(n − 1)/2 float64 values of memory; `method` names the linkage in the
 * refusal message above `maxPoints`.
 */
export function matrixLinkage(
  X: Float64Array,
  n: number,
  d: number,
  method: string,
  update: LanceWilliams,
  options: MatrixLinkageOptions = {},
): Linkage {
  checkMatrix(X, n, d);
  if (n < 2) throw new RangeError(`n = ${n}; ${method} linkage needs at least 2 points`);
  const { maxPoints = MATRIX_LINKAGE_POINT_LIMIT, signal, onProgress } = options;
  if (n > maxPoints) {
    throw new RangeError(
      `${method} linkage on ${count(n)} points would need ` +
        `${formatBytes(matrixLinkageMemoryEstimate(n))} for its distance matrix (n(n − 1)/2` +
        ` float64 values); the limit is ${count(maxPoints)} points ` +
        `(${formatBytes(matrixLinkageMemoryEstimate(maxPoints))}): use a subset or Ward`,
    );
  }

  // Condensed matrix: the pair i < j sits at rowStart[i] + j − i − 1, as in pdist.
  const rowStart = new Float64Array(n);
  for (let i = 1; i < n; i++) rowStart[i] = rowStart[i - 1] + (n - i);
  const D = new Float64Array((n * (n - 1)) / 2);
  const share = 0.3; // of the progress, for the distances
  for (let i = 0; i < n - 1; i++) {
    if ((i & 63) === 0) {
      throwIfAborted(signal);
      onProgress?.((share * (i * (2 * n - i))) / (n * n));
    }
    const io = i * d;
    let at = rowStart[i];
    for (let j = i + 1; j < n; j++) {
      const jo = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const a = X[io + t] - X[jo + t];
        s += a * a;
      }
      D[at++] = Math.sqrt(s);
    }
  }

  const size = new Int32Array(n).fill(1);
  // Live slots as a linked list in increasing order, so scans skip dead slots in SciPy's order.
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
  const at = (a: number, b: number) => (a < b ? rowStart[a] + b - a - 1 : rowStart[b] + a - b - 1);

  for (let k = 0; k < n - 1; k++) {
    if ((k & 63) === 0) {
      throwIfAborted(signal);
      onProgress?.(share + ((1 - share) * k) / (n - 1));
    }
    if (chainLength === 0) {
      chain[0] = head;
      chainLength = 1;
    }
    let x: number;
    let y: number;
    let best: number;
    for (;;) {
      x = chain[chainLength - 1];
      if (chainLength > 1) {
        y = chain[chainLength - 2];
        best = D[at(x, y)];
      } else {
        y = -1;
        best = Infinity;
      }
      // Slots below x are read down a column of the condensed matrix, those above along x's row.
      const rx = rowStart[x] - x - 1;
      for (let i = head; i !== -1; i = next[i]) {
        const v = i < x ? D[rowStart[i] + x - i - 1] : i > x ? D[rx + i] : Infinity;
        if (v < best) {
          best = v;
          y = i;
        }
      }
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      chain[chainLength++] = y;
    }
    chainLength -= 2;
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x];
    const ny = size[y];
    mergeX[k] = x;
    mergeY[k] = y;
    mergeH[k] = best;
    size[x] = 0;
    size[y] = nx + ny;
    const px = prev[x];
    const qx = next[x];
    if (px === -1) head = qx;
    else next[px] = qx;
    if (qx !== -1) prev[qx] = px;
    for (let i = head; i !== -1; i = next[i]) {
      if (i === y) continue;
      const iy = at(i, y);
      D[iy] = update(D[at(i, x)], D[iy], best, nx, ny, size[i]);
    }
  }
  onProgress?.(1);
  return labelMerges(mergeX, mergeY, mergeH, n);
}
