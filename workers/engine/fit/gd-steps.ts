/**
 * The iteration logic of alternating gradient descent, written once for both runners (one
 * thread: gradient-descent.ts; several: fit-parallel.ts) as a generator that asks for passes
 * and receives the shards' combined maxima:
 *
 *   yield { kind: 'users', update }  → pass A done over all users; receives max residual
 *                                      change and max |Δu|
 *   yield { kind: 'movies' }          → pass B done over all movies; receives max |Δv|
 *
 * Pass A's residuals, computed before U moves, are exactly the residuals after the previous
 * iteration, so the diagnostics of iteration t (rmse, max residual change, objective,
 * validation rmse) come out of pass A of iteration t + 1 at no extra cost; one measuring pass
 * (update = false) after the last iteration closes the record. Sums over rows are taken here,
 * in index order, from the workspace's per-row arrays, so they do not depend on the sharding.
 */
import type { FitStatus } from '../../../main/contract';
import type { GdWorkspace } from './gd-workspace';
import type {
  FitPointWithValidation,
  GradientDescentOptions,
  GradientDescentResult,
} from './gradient-descent';
import type { SparseRatings } from './sparse-ratings';
import { stableAlpha } from './stable-alpha';

export type GdPass = { kind: 'users'; update: boolean } | { kind: 'movies' };
export interface GdPassResult {
  maxChange: number;
  maxStep: number;
}

/**
 * The objective rising this many iterations in a row counts as divergence (SPEC §3 says RMSE:
 * at λ = 0 the objective is N·RMSE², the same test; at λ > 0 a converging fit may trade RMSE
 * for smaller factors, as from a large initial scale at λ = 20, and only f must fall).
 */
const RISING_LIMIT = 5;

export function* gradientDescentSteps(
  R: SparseRatings,
  w: GdWorkspace,
  o: GradientDescentOptions,
): Generator<GdPass, GradientDescentResult, GdPassResult> {
  const { nUsers: I, nMovies: M, nRatings: N } = R;
  const K = o.factors;
  const nValidation = o.validation?.nRatings ?? 0;
  const suggested = stableAlpha(R, w.U, w.V, K, o.lambda, o.alpha);
  const diagnostics: FitPointWithValidation[] = [];
  let status: FitStatus = 'max_iterations';
  let rising = 0;
  let firstRmse = NaN;
  let previousObjective = NaN;
  let maxUpdatePrev = 0;
  let divergence: GradientDescentResult['divergence'] = null;
  for (let m = 0; m < M; m++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += w.V[m * K + k] * w.V[m * K + k];
    w.rowNormV[m] = s;
  }

  /** Records iteration t from the residual pass; returns a stop status or null. */
  const record = (t: number, maxChange: number): FitStatus | null => {
    const sumSq = sumOf(w.rowSq, I);
    const rmse = Math.sqrt(sumSq / N);
    const point: FitPointWithValidation = {
      iteration: t,
      rmse,
      maxResidualChange: maxChange,
      maxUpdate: maxUpdatePrev,
      objective: sumSq + o.lambda * (sumOf(w.rowNormU, I) + sumOf(w.rowNormV, M)),
    };
    if (nValidation > 0) point.validationRmse = Math.sqrt(sumOf(w.rowValSq, I) / nValidation);
    if (t === 0) {
      firstRmse = rmse;
      previousObjective = point.objective;
      return Number.isFinite(rmse) ? null : 'diverged';
    }
    const finite =
      Number.isFinite(rmse) &&
      Number.isFinite(maxChange) &&
      Number.isFinite(point.maxUpdate) &&
      Number.isFinite(point.objective) &&
      (point.validationRmse === undefined || Number.isFinite(point.validationRmse));
    if (!finite) return 'diverged';
    rising = point.objective > previousObjective ? rising + 1 : 0;
    previousObjective = point.objective;
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
    // Pass A: residuals with U, V after iteration t − 1, then (unless last) the U step.
    const a = yield { kind: 'users', update: !last };
    // t = 1's pass A measures the starting point: its "change" is against zero, not reported.
    const stop = record(t - 1, t === 1 ? 0 : a.maxChange);
    if (stop !== null) {
      // The U step just taken belongs to an iteration that will not be counted: undo it.
      if (!last) w.U.set(w.Ubackup);
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
    const b = yield { kind: 'movies' };
    maxUpdatePrev = Math.max(a.maxStep, b.maxStep);
  }
  return { U: w.U, V: w.V, diagnostics, status, iterations: diagnostics.length, divergence };
}

function sumOf(a: Float64Array, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += a[j];
  return s;
}
