import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTOR_GRID, DEFAULT_LAMBDA_GRID } from '../../../main/contract';
import { bestCell, sweepCells } from './sweep-grid';

describe('sweepCells', () => {
  it('fits the cell the default grids share (K = 20, λ = 5) once', () => {
    const cells = sweepCells({
      lambdaGrid: { factors: 20, lambdas: DEFAULT_LAMBDA_GRID },
      factorGrid: { lambda: 5, factors: DEFAULT_FACTOR_GRID },
    });
    expect(cells).toHaveLength(9);
    expect(cells.filter((c) => c.factors === 20 && c.lambda === 5)).toHaveLength(1);
    expect(cells.slice(0, 5).map((c) => c.lambda)).toEqual(DEFAULT_LAMBDA_GRID);
  });

  it('runs one grid alone', () => {
    expect(
      sweepCells({ lambdaGrid: { factors: 10, lambdas: [0.1, 5] }, factorGrid: null }),
    ).toEqual([
      { factors: 10, lambda: 0.1 },
      { factors: 10, lambda: 5 },
    ]);
  });
});

describe('bestCell', () => {
  it('picks the lowest held-out RMSE, ignoring missing values', () => {
    expect(
      bestCell([{ validationRmse: 0.99 }, { validationRmse: null }, { validationRmse: 0.95 }]),
    ).toBe(2);
  });

  it('is -1 when no cell was validated', () => {
    expect(bestCell([{ validationRmse: null }])).toBe(-1);
    expect(bestCell([])).toBe(-1);
  });
});
