/** One fit of a sweep: K factors at regularisation λ. */
export interface GridCell {
  factors: number;
  lambda: number;
}

/** The two one-dimensional grids of SPEC §3: λ at a fixed K, and K at a fixed λ. */
export interface SweepPlan {
  /** λ values swept at K = `lambdaK`, or null when that grid is off. */
  lambdaGrid: { factors: number; lambdas: number[] } | null;
  factorGrid: { lambda: number; factors: number[] } | null;
}

/**
 * The cells to fit for a plan: the λ grid first, then the K grid, without repeating a cell the
 * two grids share (K = 20, λ = 5 with the defaults).
 */
export function sweepCells(plan: SweepPlan): GridCell[] {
  const cells: GridCell[] = [];
  const add = (factors: number, lambda: number) => {
    if (!cells.some((c) => c.factors === factors && c.lambda === lambda)) {
      cells.push({ factors, lambda });
    }
  };
  if (plan.lambdaGrid) for (const l of plan.lambdaGrid.lambdas) add(plan.lambdaGrid.factors, l);
  if (plan.factorGrid) for (const k of plan.factorGrid.factors) add(k, plan.factorGrid.lambda);
  return cells;
}

/** Index of the cell with the lowest finite held-out RMSE, or -1 when none has one. */
export function bestCell(cells: readonly { validationRmse: number | null }[]): number {
  let best = -1;
  cells.forEach((c, i) => {
    const v = c.validationRmse;
    if (v === null || !Number.isFinite(v)) return;
    if (best < 0 || v < cells[best].validationRmse!) best = i;
  });
  return best;
}
