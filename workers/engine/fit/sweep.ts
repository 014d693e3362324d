/**
 * Sweeps over the number of factors K and the regularisation λ (SPEC §3): a scheduler that
 * runs one fit per grid cell with at most `concurrency` in flight (each fit typically on its
 * own worker thread), the default grids, and the per-cell record the sweep views chart.
 */
import type { FitStatus } from '../../../main/contract';

export interface GridCell {
  factors: number;
  lambda: number;
}

/** SPEC §3 defaults: λ ∈ {0.1, 0.5, 1, 5, 10} at K = 20, and K ∈ {10, …, 50} at λ = 5. */
export const LAMBDA_SWEEP_CELLS: readonly GridCell[] = [0.1, 0.5, 1, 5, 10].map((lambda) => ({
  factors: 20,
  lambda,
}));
export const FACTORS_SWEEP_CELLS: readonly GridCell[] = [10, 20, 30, 40, 50].map((factors) => ({
  factors,
  lambda: 5,
}));

/**
 * What a sweep records for each cell (the contract's SweepCell without its modelId); null
 * where there is no value (no iteration recorded, or no held-out set), never NaN.
 */
export interface SweepCellResult extends GridCell {
  status: FitStatus;
  iterations: number;
  trainRmse: number | null;
  /** Held-out RMSE after the last iteration. */
  validationRmse: number | null;
  /** The largest entry change of U or V in the last iteration. */
  maxUpdate: number | null;
  seconds: number;
}

export interface SweepOptions<R> {
  /** Fits in flight at once (≥ 1); the number of worker threads to spend. */
  concurrency: number;
  /** Once aborted, no further cell starts; cells in flight finish (their fitOne sees the signal). */
  signal?: Pick<AbortSignal, 'aborted'>;
  onCellDone?: (cell: GridCell, result: R, index: number) => void;
}

export interface SweepOutcome<R> {
  /** In cell order; undefined for cells never started because of cancellation. */
  results: (R | undefined)[];
  cancelled: boolean;
}

/**
 * Runs fitOne for every cell, starting them in order, at most `concurrency` at a time. A cell
 * whose fitOne rejects stops new cells from starting; the first error is rethrown once the
 * cells in flight have settled, so no fit is left running behind the caller's back.
 */
export async function runSweep<R>(
  cells: readonly GridCell[],
  fitOne: (cell: GridCell, index: number) => Promise<R>,
  o: SweepOptions<R>,
): Promise<SweepOutcome<R>> {
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1) {
    throw new Error(`concurrency is ${o.concurrency}; expected an integer ≥ 1`);
  }
  const results: (R | undefined)[] = new Array(cells.length).fill(undefined);
  let next = 0;
  let error: { value: unknown } | null = null;
  const lane = async (): Promise<void> => {
    while (next < cells.length && error === null && !o.signal?.aborted) {
      const index = next++;
      try {
        const result = await fitOne(cells[index], index);
        results[index] = result;
        o.onCellDone?.(cells[index], result, index);
      } catch (e) {
        error ??= { value: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, cells.length) }, lane));
  if (error !== null) throw (error as { value: unknown }).value;
  return { results, cancelled: next < cells.length || (o.signal?.aborted ?? false) };
}

/** The record of one finished fit (seconds measured by the caller). */
export function sweepCellResult(
  cell: GridCell,
  fit: {
    status: FitStatus;
    iterations: number;
    diagnostics: { rmse: number; maxUpdate: number; validationRmse?: number | null }[];
  },
  seconds: number,
): SweepCellResult {
  const last = fit.diagnostics.at(-1);
  return {
    factors: cell.factors,
    lambda: cell.lambda,
    status: fit.status,
    iterations: fit.iterations,
    trainRmse: last?.rmse ?? null,
    validationRmse: last?.validationRmse ?? null,
    maxUpdate: last?.maxUpdate ?? null,
    seconds,
  };
}
