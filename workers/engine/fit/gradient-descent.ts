/**
 * Alternating masked gradient descent for f(U, V) = Σ_Ω (r_mi − v_m·u_i)² + λ(‖U‖² + ‖V‖²)
 * (SPEC §3), computed over observed entries only: O(|Ω|·K) per iteration.
 *
 *   Γ ← P_Ω(R − V Uᵀ);  U ← U + 2α(Γᵀ V − λU)      (pass A, entries by user)
 *   Γ ← P_Ω(R − V Uᵀ);  V ← V + 2α(Γ U − λV)       (pass B, entries by movie)
 *
 * This file is the single-threaded runner: it feeds the passes that gd-steps.ts asks for to
 * the kernels of gd-kernels.ts over all rows at once. fit-parallel.ts runs the same steps with
 * the rows split between threads, with bit-identical results.
 */
import type { FitPoint, FitStatus } from '../../../main/contract';
import type { Rng } from '../rng';
import { gdKernelsFor, resolveKernelChoice, type GdKernelChoice } from './gd-kernels';
import { gradientDescentSteps } from './gd-steps';
import { allocateGdWorkspace } from './gd-workspace';
import { initialFactors } from './initial-factors';
import type { SparseRatings } from './sparse-ratings';

export type { SparseRatings } from './sparse-ratings';
export { stableAlpha } from './stable-alpha';

/** A diagnostics row; `validationRmse` is present when a validation set was given. */
export type FitPointWithValidation = FitPoint & { validationRmse?: number };

export interface GradientDescentOptions {
  factors: number;
  alpha: number;
  lambda: number;
  iterations: number;
  /** Stop once max_residual_change < tolerance (0: never). */
  tolerance: number;
  initScale: number;
  rng: Rng;
  /** Only `aborted` is read. */
  signal?: Pick<AbortSignal, 'aborted'>;
  onIteration?: (point: FitPointWithValidation) => void;
  /** Initial factors (I × K and M × K, row-major); drawn from rng when absent. */
  initialU?: Float64Array;
  initialV?: Float64Array;
  /**
   * Held-out ratings in the same I × M index space (see split-holdout.ts, given-split.ts):
   * each iteration then also records `validationRmse`. Only its by-user arrays are read.
   */
  validation?: SparseRatings;
  /** Kernels to run (gd-kernels.ts); results do not depend on it. Default 'auto'. */
  kernel?: GdKernelChoice;
}

export interface GradientDescentResult {
  /** I × K row-major. */
  U: Float64Array;
  /** M × K row-major. */
  V: Float64Array;
  diagnostics: FitPointWithValidation[];
  status: FitStatus;
  iterations: number;
  divergence: { iteration: number; suggestedAlpha: number; message: string } | null;
}

export function gradientDescent(
  R: SparseRatings,
  o: GradientDescentOptions,
): GradientDescentResult {
  checkGradientDescentInput(R, o);
  const K = o.factors;
  const { U, V } = initialFactors(
    R.nUsers,
    R.nMovies,
    K,
    o.initScale,
    o.rng,
    o.initialU,
    o.initialV,
  );
  const placement = resolveKernelChoice(o.kernel) === 'wasm' ? 'wasm' : 'heap';
  const { workspace: w, memory } = allocateGdWorkspace(
    R,
    o.validation ?? null,
    K,
    o.alpha,
    o.lambda,
    U,
    V,
    placement,
  );
  const kernels = gdKernelsFor(K, memory);
  const stats = new Float64Array(4);
  const steps = gradientDescentSteps(R, w, o);
  let next = steps.next();
  while (!next.done) {
    if (next.value.kind === 'users') {
      kernels.users(w, 0, R.nUsers, next.value.update, stats, 0);
      next = steps.next({ maxChange: stats[0], maxStep: stats[1] });
    } else {
      kernels.movies(w, 0, R.nMovies, stats, 0);
      next = steps.next({ maxChange: 0, maxStep: stats[2] });
    }
  }
  // Factors in a WebAssembly memory are copied out, so the memory can be freed.
  return memory
    ? { ...next.value, U: Float64Array.from(w.U), V: Float64Array.from(w.V) }
    : next.value;
}

/** The contract between callers and both runners, checked once at the entry. */
export function checkGradientDescentInput(R: SparseRatings, o: GradientDescentOptions): void {
  if (!Number.isInteger(o.factors) || o.factors < 1) {
    throw new Error(`factors is ${o.factors}; expected an integer ≥ 1`);
  }
  if (!(o.alpha > 0)) throw new Error(`alpha is ${o.alpha}; expected a positive step size`);
  if (!(o.lambda >= 0)) throw new Error(`lambda is ${o.lambda}; expected λ ≥ 0`);
  if (!Number.isInteger(o.iterations) || o.iterations < 1) {
    throw new Error(`iterations is ${o.iterations}; expected an integer ≥ 1`);
  }
  const v = o.validation;
  if (v && !(v.userPtr instanceof Int32Array && v.userVal instanceof Float32Array)) {
    throw new Error(
      'validation must be held-out ratings (SparseRatings) in the training index space, ' +
        'as splitHoldout, kFoldSplits or alignGivenSplit return; not a split description',
    );
  }
  if (v && (v.nUsers !== R.nUsers || v.nMovies !== R.nMovies)) {
    throw new Error(
      `validation set is ${v.nUsers} users × ${v.nMovies} movies; expected the training shape ` +
        `${R.nUsers} × ${R.nMovies} (map it onto the training indices first, see given-split.ts)`,
    );
  }
}
