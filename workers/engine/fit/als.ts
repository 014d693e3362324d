/**
 * Alternating least squares for the objective gradient descent minimises (SPEC §3),
 *
 *   f(U, V) = Σ_Ω (r_mi − v_m·u_i)² + λ (‖U‖²_F + ‖V‖²_F),
 *
 * solving for each row in closed form with the other factor fixed (Zhou et al. 2008, "Large-
 * scale parallel collaborative filtering for the Netflix Prize", without their per-row scaling
 * of λ; Koren, Bell & Volinsky 2009): first every user,
 *
 *   (Σ_{m ∈ Ω_i} v_m v_mᵀ + λI) u_i = Σ_{m ∈ Ω_i} r_mi v_m,
 *
 * then every movie with the new U, each system by Cholesky. Each row solve is the exact
 * minimiser of f over that row, so no iteration increases f (for λ > 0; see the ridge below).
 * Cost per iteration O(|Ω|K² + (I + M)K³), against gradient descent's O(|Ω|K), but far fewer
 * iterations reach a given objective (bench/fit-als.bench.ts).
 *
 * λ = 0 ridge: a row with fewer ratings than K (or collinear ones) has a singular Gram matrix
 * G. With λ = 0 we add ε = ALS_RIDGE · trace(G)/K to G's diagonal, which picks (nearly) the
 * minimum-norm solution and changes well-posed rows by a relative 1e-9; the step can then
 * raise f by at most ε(‖u_old‖² − ‖u_new‖²). The price: in a singular row, the component of
 * the answer along G's null space comes from rounding divided by ε, so such rows are fixed
 * only to about 1e-7 relative (predictions of the row's own ratings are unaffected). A row
 * without ratings is left unchanged (f does not depend on it). The result reports the ridge.
 *
 * Diagnostics per iteration, as gradient descent's: rmse, max residual change, max update,
 * objective and, with a validation set, validation rmse. Initialisation is gradient descent's
 * (initial-factors.ts), so both solvers start from the same point for the same seed. ALS has
 * no step size to diverge with: non-finite input makes a row's system fail, which throws, and
 * a non-finite diagnostic (should one still occur) stops the run as `diverged`.
 */
import type { FitStatus } from '../../../main/contract';
import type { Rng } from '../rng';
import { choleskySolve } from './cholesky';
import type { FitPointWithValidation } from './gradient-descent';
import { initialFactors } from './initial-factors';
import { predictionRmse } from './prediction-rmse';
import type { SparseRatings } from './sparse-ratings';

/** Relative ridge added when λ = 0 (see above). */
export const ALS_RIDGE = 1e-9;

export interface AlsOptions {
  factors: number;
  lambda: number;
  iterations: number;
  /** Stop once max_residual_change < tolerance (0: never). */
  tolerance: number;
  initScale: number;
  rng: Rng;
  signal?: Pick<AbortSignal, 'aborted'>;
  onIteration?: (point: FitPointWithValidation) => void;
  initialU?: Float64Array;
  initialV?: Float64Array;
  /** Held-out ratings in the same index space; adds `validationRmse` to each point. */
  validation?: SparseRatings;
}

export interface AlsResult {
  /** I × K and M × K, row-major. */
  U: Float64Array;
  V: Float64Array;
  diagnostics: FitPointWithValidation[];
  status: FitStatus;
  iterations: number;
  /** Set when status is `diverged`. */
  divergence: { iteration: number; message: string } | null;
  /** Relative ridge added to each row's Gram diagonal: ALS_RIDGE when λ = 0, else 0. */
  ridge: number;
}

export function alternatingLeastSquares(R: SparseRatings, o: AlsOptions): AlsResult {
  const { nUsers: I, nMovies: M, nRatings: N } = R;
  const K = o.factors;
  if (!Number.isInteger(K) || K < 1) throw new Error(`factors is ${K}; expected an integer ≥ 1`);
  if (!(o.lambda >= 0)) throw new Error(`lambda is ${o.lambda}; expected λ ≥ 0`);
  const v = o.validation;
  if (v && (v.nUsers !== I || v.nMovies !== M)) {
    throw new Error(
      `validation set is ${v.nUsers} users × ${v.nMovies} movies; expected ${I} × ${M}`,
    );
  }
  const { U, V } = initialFactors(I, M, K, o.initScale, o.rng, o.initialU, o.initialV);
  const ridge = o.lambda === 0 ? ALS_RIDGE : 0;
  const solver = rowSolver(K, o.lambda, ridge);
  const residual = new Float64Array(N);
  const diagnostics: FitPointWithValidation[] = [];
  let status: FitStatus = 'max_iterations';
  let divergence: AlsResult['divergence'] = null;
  measure(R, U, V, K, residual);

  for (let t = 1; t <= o.iterations; t++) {
    if (o.signal?.aborted) {
      status = 'cancelled';
      break;
    }
    const du = solver.solveRows(U, V, R.userPtr, R.userCol, R.userVal, I);
    const dv = solver.solveRows(V, U, R.moviePtr, R.movieCol, R.movieVal, M);
    const { sumSq, maxChange } = measure(R, U, V, K, residual);
    const point: FitPointWithValidation = {
      iteration: t,
      rmse: Math.sqrt(sumSq / N),
      maxResidualChange: maxChange,
      maxUpdate: Math.max(du, dv),
      objective: sumSq + o.lambda * (squaredNorm(U) + squaredNorm(V)),
    };
    if (v && v.nRatings > 0) point.validationRmse = predictionRmse(U, V, K, v);
    if (!Object.values(point).every(Number.isFinite)) {
      status = 'diverged';
      divergence = {
        iteration: t,
        message: `ALS produced a non-finite value at iteration ${t}; check the input ratings`,
      };
      break;
    }
    diagnostics.push(point);
    o.onIteration?.(point);
    if (o.tolerance > 0 && maxChange < o.tolerance) {
      status = 'converged';
      break;
    }
  }
  return { U, V, diagnostics, status, iterations: diagnostics.length, divergence, ridge };
}

/**
 * Row updates of one side: for each row r of X (n rows), with Y fixed and the row's entries
 * ptr[r]..ptr[r+1]−1 (columns col, values val), X_r ← (Σ y yᵀ + λI)⁻¹ Σ val·y.
 * Returns the largest |change| of any entry of X.
 */
function rowSolver(K: number, lambda: number, ridge: number) {
  const G = new Float64Array(K * K);
  const b = new Float64Array(K);
  return {
    solveRows(
      X: Float64Array,
      Y: Float64Array,
      ptr: Int32Array,
      col: Int32Array,
      val: Float32Array,
      n: number,
    ): number {
      let maxStep = 0;
      for (let r = 0; r < n; r++) {
        const start = ptr[r];
        const end = ptr[r + 1];
        if (start === end && lambda === 0) continue;
        G.fill(0);
        b.fill(0);
        // Lower triangle of Σ y yᵀ and Σ val·y over the row's entries.
        for (let e = start; e < end; e++) {
          const yb = col[e] * K;
          const rating = val[e];
          for (let a = 0; a < K; a++) {
            const ya = Y[yb + a];
            b[a] += rating * ya;
            const ga = a * K;
            for (let c = 0; c <= a; c++) G[ga + c] += ya * Y[yb + c];
          }
        }
        let trace = 0;
        for (let a = 0; a < K; a++) trace += G[a * K + a];
        const shift = lambda + (ridge * trace) / K;
        for (let a = 0; a < K; a++) G[a * K + a] += shift;
        if (!choleskySolve(G, b, K)) {
          throw new Error(
            `ALS: row ${r}'s system is not positive definite (λ = ${lambda}); are the factors finite?`,
          );
        }
        const xb = r * K;
        for (let a = 0; a < K; a++) {
          const step = Math.abs(b[a] - X[xb + a]);
          if (step > maxStep) maxStep = step;
          X[xb + a] = b[a];
        }
      }
      return maxStep;
    },
  };
}

/** Residuals over Ω (CSR order) into `residual`; returns Σr² and the largest change. */
function measure(
  R: SparseRatings,
  U: Float64Array,
  V: Float64Array,
  K: number,
  residual: Float64Array,
) {
  let sumSq = 0;
  let maxChange = 0;
  for (let i = 0; i < R.nUsers; i++) {
    const ui = i * K;
    for (let e = R.userPtr[i], end = R.userPtr[i + 1]; e < end; e++) {
      const vm = R.userCol[e] * K;
      let dot = 0;
      for (let k = 0; k < K; k++) dot += V[vm + k] * U[ui + k];
      const r = R.userVal[e] - dot;
      sumSq += r * r;
      const change = Math.abs(r - residual[e]);
      if (change > maxChange) maxChange = change;
      residual[e] = r;
    }
  }
  return { sumSq, maxChange };
}

function squaredNorm(A: Float64Array): number {
  let s = 0;
  for (let j = 0; j < A.length; j++) s += A[j] * A[j];
  return s;
}
