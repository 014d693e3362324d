/**
 * Alternating masked gradient descent for f(U, V) = Σ_Ω (r_mi − v_m·u_i)² + λ(‖U‖² + ‖V‖²)
 * (SPEC §3), computed over observed entries only: O(|Ω|·K) per iteration.
 *
 *   Γ ← P_Ω(R − V Uᵀ);  U ← U + 2α(Γᵀ V − λU)      (pass A, entries by user)
 *   Γ ← P_Ω(R − V Uᵀ);  V ← V + 2α(Γ U − λV)       (pass B, entries by movie)
 *
 * Pass A's residuals, computed before U moves, are exactly the residuals after the previous
 * iteration, so the diagnostics of iteration t (rmse, max residual change, objective) come out
 * of pass A of iteration t + 1 at no extra cost; one residual pass after the last iteration
 * closes the record. Names: I users (u_i rows of U), M movies (v_m rows of V), K factors.
 */
import type { FitPoint, FitStatus } from '../../../main/contract';
import type { Rng } from '../rng';

export interface SparseRatings {
  nUsers: number;
  nMovies: number;
  nRatings: number;
  userPtr: Int32Array;
  userCol: Int32Array;
  userVal: Float32Array;
  moviePtr: Int32Array;
  movieCol: Int32Array;
  movieVal: Float32Array;
}

export interface GradientDescentOptions {
  factors: number;
  alpha: number;
  lambda: number;
  iterations: number;
  /** Stop once max_residual_change < tolerance (0: never). */
  tolerance: number;
  initScale: number;
  rng: Rng;
  signal?: AbortSignal;
  onIteration?: (point: FitPoint) => void;
  /** Initial factors (I × K and M × K, row-major); drawn from rng when absent. */
  initialU?: Float64Array;
  initialV?: Float64Array;
}

export interface GradientDescentResult {
  /** I × K row-major. */
  U: Float64Array;
  /** M × K row-major. */
  V: Float64Array;
  diagnostics: FitPoint[];
  status: FitStatus;
  iterations: number;
  divergence: { iteration: number; suggestedAlpha: number; message: string } | null;
}

/** RMSE rising this many iterations in a row counts as divergence. */
const RISING_LIMIT = 5;

export function gradientDescent(R: SparseRatings, o: GradientDescentOptions): GradientDescentResult {
  const { nUsers: I, nMovies: M, nRatings: N } = R;
  const K = o.factors;
  const U = o.initialU ? Float64Array.from(o.initialU) : randomMatrix(I * K, o.initScale, o.rng);
  const V = o.initialV ? Float64Array.from(o.initialV) : randomMatrix(M * K, o.initScale, o.rng);
  const suggested = stableAlpha(R, U, V, K, o.lambda, o.alpha);
  const residual = new Float64Array(N); // by user order; residual after the previous iteration
  const Ubackup = new Float64Array(I * K);
  const grad = new Float64Array(K);
  const diagnostics: FitPoint[] = [];
  const twoAlpha = 2 * o.alpha;
  const lambda = o.lambda;
  let status: FitStatus = 'max_iterations';
  let rising = 0;
  let firstRmse = NaN;
  let maxUpdatePrev = 0;
  let divergence: GradientDescentResult['divergence'] = null;

  /** Emits the diagnostics of iteration t from the residual pass; returns a stop status or null. */
  const record = (t: number, sumSq: number, maxChange: number, normU: number, normV: number): FitStatus | null => {
    const rmse = Math.sqrt(sumSq / N);
    const point: FitPoint = {
      iteration: t,
      rmse,
      maxResidualChange: maxChange,
      maxUpdate: maxUpdatePrev,
      objective: sumSq + lambda * (normU + normV),
    };
    if (t === 0) {
      firstRmse = rmse;
      return Number.isFinite(rmse) ? null : 'diverged';
    }
    const prev = diagnostics.length > 0 ? diagnostics[diagnostics.length - 1].rmse : firstRmse;
    const finite = Number.isFinite(rmse) && Number.isFinite(maxChange) && Number.isFinite(point.maxUpdate) && Number.isFinite(point.objective);
    if (!finite) return 'diverged';
    rising = rmse > prev ? rising + 1 : 0;
    diagnostics.push(point);
    o.onIteration?.(point);
    if (rising >= RISING_LIMIT || rmse > 1e3 * Math.max(firstRmse, 1)) return 'diverged';
    if (o.tolerance > 0 && maxChange < o.tolerance) return 'converged';
    return null;
  };

  for (let t = 1; ; t++) {
    // The closing pass after the last iteration (or on cancel) only measures residuals.
    const last = t === o.iterations + 1 || (o.signal?.aborted ?? false);
    if (last && t <= o.iterations) status = 'cancelled';
    if (!last) Ubackup.set(U);
    // Pass A: residuals with the current U, V (= after iteration t−1), then the U step.
    let sumSq = 0;
    let maxChange = 0;
    let maxDu = 0;
    let normU = 0;
    for (let i = 0; i < I; i++) {
      const ui = i * K;
      for (let k = 0; k < K; k++) grad[k] = 0;
      for (let e = R.userPtr[i], end = R.userPtr[i + 1]; e < end; e++) {
        const vm = R.userCol[e] * K;
        let dot = 0;
        for (let k = 0; k < K; k++) dot += V[vm + k] * U[ui + k];
        const g = R.userVal[e] - dot;
        sumSq += g * g;
        const change = Math.abs(g - residual[e]);
        if (change > maxChange) maxChange = change;
        residual[e] = g;
        for (let k = 0; k < K; k++) grad[k] += g * V[vm + k];
      }
      for (let k = 0; k < K; k++) {
        const u = U[ui + k];
        normU += u * u;
        if (last) continue;
        const du = twoAlpha * (grad[k] - lambda * u);
        U[ui + k] = u + du;
        const a = Math.abs(du);
        if (a > maxDu) maxDu = a;
      }
    }
    let normV = 0;
    for (let j = 0; j < M * K; j++) normV += V[j] * V[j];
    // t = 1's pass A measures the starting point: its "change" is against zero, not reported.
    const stop = record(t - 1, sumSq, t === 1 ? 0 : maxChange, normU, normV);
    if (stop !== null) {
      // The U step just taken belongs to an iteration that will not be counted: undo it.
      U.set(Ubackup);
      status = stop;
      if (stop === 'diverged') {
        const at = t - 1 === 0 ? 1 : t - 1;
        divergence = {
          iteration: at,
          suggestedAlpha: suggested,
          message: `step size ${o.alpha} diverged at iteration ${at}; try alpha <= ${suggested}`,
        };
      }
      break;
    }
    if (last) break;
    // Pass B: residuals with the new U, then the V step.
    let maxDv = 0;
    for (let m = 0; m < M; m++) {
      const vm = m * K;
      for (let k = 0; k < K; k++) grad[k] = 0;
      for (let e = R.moviePtr[m], end = R.moviePtr[m + 1]; e < end; e++) {
        const ui = R.movieCol[e] * K;
        let dot = 0;
        for (let k = 0; k < K; k++) dot += V[vm + k] * U[ui + k];
        const g = R.movieVal[e] - dot;
        for (let k = 0; k < K; k++) grad[k] += g * U[ui + k];
      }
      for (let k = 0; k < K; k++) {
        const v = V[vm + k];
        const dv = twoAlpha * (grad[k] - lambda * v);
        V[vm + k] = v + dv;
        const a = Math.abs(dv);
        if (a > maxDv) maxDv = a;
      }
    }
    maxUpdatePrev = Math.max(maxDu, maxDv);
  }
  return { U, V, diagnostics, status, iterations: diagnostics.length, divergence };
}

function randomMatrix(n: number, scale: number, rng: Rng): Float64Array {
  const a = new Float64Array(n);
  for (let j = 0; j < n; j++) a[j] = rng() * scale;
  return a;
}

/**
 * A step size the data supports: each half-step is gradient descent on a quadratic in one
 * user's (or movie's) row with Hessian 2(Σ v_m v_mᵀ + λI), stable while α < 1/λ_max. The trace
 * Σ‖v_m‖² + λ bounds λ_max from above, so 1/(max trace) is safe at the starting point; we
 * suggest half of it (rounded down to one significant digit), and never more than α/2.
 */
export function stableAlpha(
  R: SparseRatings,
  U: Float64Array,
  V: Float64Array,
  K: number,
  lambda: number,
  alpha: number,
): number {
  const rowNorm = (A: Float64Array, r: number) => {
    let s = 0;
    for (let k = 0; k < K; k++) s += A[r * K + k] * A[r * K + k];
    return s;
  };
  const vNorm = new Float64Array(R.nMovies).map((_, m) => rowNorm(V, m));
  const uNorm = new Float64Array(R.nUsers).map((_, i) => rowNorm(U, i));
  let worst = 0;
  for (let i = 0; i < R.nUsers; i++) {
    let s = lambda;
    for (let e = R.userPtr[i]; e < R.userPtr[i + 1]; e++) s += vNorm[R.userCol[e]];
    worst = Math.max(worst, s);
  }
  for (let m = 0; m < R.nMovies; m++) {
    let s = lambda;
    for (let e = R.moviePtr[m]; e < R.moviePtr[m + 1]; e++) s += uNorm[R.movieCol[e]];
    worst = Math.max(worst, s);
  }
  const bound = worst > 0 ? 0.5 / worst : alpha / 2;
  return floorOneDigit(Math.min(bound, alpha / 2));
}

function floorOneDigit(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  return Number((Math.floor(x / p) * p).toPrecision(1));
}
