import { describe, expect, it } from 'vitest';
import {
  FACTORS_SWEEP_CELLS,
  LAMBDA_SWEEP_CELLS,
  runSweep,
  sweepCellResult,
  type GridCell,
} from './sweep';

const grid: GridCell[] = [1, 2, 3, 4, 5].map((factors) => ({ factors, lambda: 0 }));
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runSweep', () => {
  it('runs every cell with at most `concurrency` in flight and keeps cell order', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    // Cell 0 is held until every other cell is done, so results arrive out of cell order.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const out = await runSweep(
      grid,
      async (cell, index) => {
        peak = Math.max(peak, ++inFlight);
        await (index === 0 ? held : tick(1));
        inFlight--;
        return cell.factors * 10;
      },
      {
        concurrency: 2,
        onCellDone: (_cell, _r, index) => {
          done.push(index);
          if (index === grid.length - 1) release();
        },
      },
    );
    expect(out).toEqual({ results: [10, 20, 30, 40, 50], cancelled: false });
    expect(peak).toBe(2);
    expect(done).toEqual([1, 2, 3, 4, 0]);
  });

  it('starts no cell after the signal aborts', async () => {
    const signal = { aborted: false };
    const started: number[] = [];
    const out = await runSweep(
      grid,
      async (_cell, index) => {
        started.push(index);
        if (index === 1) signal.aborted = true;
        await tick(1);
        return index;
      },
      { concurrency: 1, signal },
    );
    expect(started).toEqual([0, 1]);
    expect(out).toEqual({ results: [0, 1, undefined, undefined, undefined], cancelled: true });
  });

  it('rethrows the first failure after the cells in flight settle', async () => {
    let settled = 0;
    const run = runSweep(
      grid,
      async (cell) => {
        await tick(cell.factors * 3);
        settled++;
        if (cell.factors === 1) throw new Error('cell 1 failed');
        return cell.factors;
      },
      { concurrency: 2 },
    );
    await expect(run).rejects.toThrow('cell 1 failed');
    expect(settled).toBe(2); // cells 1 and 2 ran; no cell started after the failure
  });

  it('has the SPEC §3 default grids', () => {
    expect(LAMBDA_SWEEP_CELLS.map((c) => [c.factors, c.lambda])).toEqual([
      [20, 0.1],
      [20, 0.5],
      [20, 1],
      [20, 5],
      [20, 10],
    ]);
    expect(FACTORS_SWEEP_CELLS.map((c) => [c.factors, c.lambda])).toEqual([
      [10, 5],
      [20, 5],
      [30, 5],
      [40, 5],
      [50, 5],
    ]);
  });
});

describe('sweepCellResult', () => {
  it('records the last iteration of a fit', () => {
    const fit = {
      status: 'max_iterations' as const,
      iterations: 2,
      diagnostics: [
        { rmse: 2, maxUpdate: 0.5, validationRmse: 2.5 },
        { rmse: 1, maxUpdate: 0.25, validationRmse: 1.5 },
      ],
    };
    expect(sweepCellResult({ factors: 3, lambda: 1 }, fit, 0.5)).toEqual({
      factors: 3,
      lambda: 1,
      status: 'max_iterations',
      iterations: 2,
      trainRmse: 1,
      validationRmse: 1.5,
      maxUpdate: 0.25,
      seconds: 0.5,
    });
    const noHeldOut = { ...fit, diagnostics: [{ rmse: 1, maxUpdate: 0 }] };
    expect(sweepCellResult({ factors: 3, lambda: 1 }, noHeldOut, 1).validationRmse).toBeNull();
    const nothing = { ...fit, status: 'diverged' as const, iterations: 0, diagnostics: [] };
    expect(sweepCellResult({ factors: 3, lambda: 1 }, nothing, 1)).toMatchObject({
      trainRmse: null,
      validationRmse: null,
      maxUpdate: null,
    });
  });
});
