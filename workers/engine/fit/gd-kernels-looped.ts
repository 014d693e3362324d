/**
 * The gradient-descent passes of gd-kernels.ts written with k-loops, for any K. Same
 * arithmetic in the same order as the unrolled version (four dot-product chains by k mod 4,
 * combined ((a_0 + a_1) + a_2) + a_3; norms in k order), so the two agree bit for bit.
 */
import type { GdKernels } from './gd-kernels';
import type { GdWorkspace } from './gd-workspace';

export function loopedGdKernels(K: number): GdKernels {
  const grad = new Float64Array(K);
  const own = new Float64Array(K);
  const K4 = K - (K % 4);

  /** x·o over x = A[xb..xb+K), o = own, in the shared chain order. */
  const dot = (A: Float64Array, xb: number): number => {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let k = 0;
    for (; k < K4; k += 4) {
      a0 += A[xb + k] * own[k];
      a1 += A[xb + k + 1] * own[k + 1];
      a2 += A[xb + k + 2] * own[k + 2];
      a3 += A[xb + k + 3] * own[k + 3];
    }
    if (k < K) a0 += A[xb + k] * own[k];
    if (k + 1 < K) a1 += A[xb + k + 1] * own[k + 1];
    if (k + 2 < K) a2 += A[xb + k + 2] * own[k + 2];
    // Chains that got no term at all are left out, as the unrolled source does for K < 4.
    let s = a0;
    if (K > 1) s += a1;
    if (K > 2) s += a2;
    if (K > 3) s += a3;
    return s;
  };

  function users(
    w: GdWorkspace,
    lo: number,
    hi: number,
    update: boolean,
    stats: Float64Array,
    slot: number,
  ): void {
    const { userPtr, userCol, userVal, valPtr, valCol, valVal, U, V, Ubackup, residual } = w;
    const { twoAlpha, lambda } = w;
    let maxChange = 0;
    let maxStep = 0;
    for (let i = lo; i < hi; i++) {
      const ob = i * K;
      let norm = 0;
      for (let k = 0; k < K; k++) {
        own[k] = U[ob + k];
        norm += own[k] * own[k];
        grad[k] = 0;
      }
      let sq = 0;
      for (let e = userPtr[i], end = userPtr[i + 1]; e < end; e++) {
        const xb = userCol[e] * K;
        const r = userVal[e] - dot(V, xb);
        sq += r * r;
        const change = Math.abs(r - residual[e]);
        if (change > maxChange) maxChange = change;
        residual[e] = r;
        for (let k = 0; k < K; k++) grad[k] += r * V[xb + k];
      }
      w.rowSq[i] = sq;
      w.rowNormU[i] = norm;
      let valSq = 0;
      for (let e = valPtr[i], end = valPtr[i + 1]; e < end; e++) {
        const r = valVal[e] - dot(V, valCol[e] * K);
        valSq += r * r;
      }
      w.rowValSq[i] = valSq;
      if (!update) continue;
      for (let k = 0; k < K; k++) {
        Ubackup[ob + k] = own[k];
        const d = twoAlpha * (grad[k] - lambda * own[k]);
        U[ob + k] = own[k] + d;
        const a = Math.abs(d);
        if (a > maxStep) maxStep = a;
      }
    }
    stats[slot] = maxChange;
    stats[slot + 1] = maxStep;
  }

  function movies(w: GdWorkspace, lo: number, hi: number, stats: Float64Array, slot: number): void {
    const { moviePtr, movieCol, movieVal, U, V, twoAlpha, lambda } = w;
    let maxStep = 0;
    for (let m = lo; m < hi; m++) {
      const ob = m * K;
      for (let k = 0; k < K; k++) {
        own[k] = V[ob + k];
        grad[k] = 0;
      }
      for (let e = moviePtr[m], end = moviePtr[m + 1]; e < end; e++) {
        const xb = movieCol[e] * K;
        const r = movieVal[e] - dot(U, xb);
        for (let k = 0; k < K; k++) grad[k] += r * U[xb + k];
      }
      let norm = 0;
      for (let k = 0; k < K; k++) {
        const d = twoAlpha * (grad[k] - lambda * own[k]);
        const n = own[k] + d;
        V[ob + k] = n;
        norm += n * n;
        const a = Math.abs(d);
        if (a > maxStep) maxStep = a;
      }
      w.rowNormV[m] = norm;
    }
    stats[slot + 2] = maxStep;
  }

  return { users, movies };
}
