import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { ALS_RIDGE, alternatingLeastSquares } from './als';
import { randomProblem, readFitFixture, relErr, triplets } from './fixture.test-helper';
import { initialFactors } from './initial-factors';

describe('alternatingLeastSquares', () => {
  for (const lambda of ['0', '0.5']) {
    it(`agrees with the NumPy ALS reference over 8 iterations (λ = ${lambda})`, () => {
      const f = readFitFixture(`als-lambda${lambda}.json`);
      const R = triplets(f.n_users, f.n_movies, f.entries);
      const r = alternatingLeastSquares(R, {
        factors: f.factors,
        lambda: f.lambda,
        iterations: f.diagnostics.length,
        tolerance: 0,
        initScale: 1,
        rng: createRng(1),
        initialU: Float64Array.from(f.U0),
        initialV: Float64Array.from(f.V0),
        validation: triplets(f.n_users, f.n_movies, f.validation),
      });
      expect(r.status).toBe('max_iterations');
      expect(r.ridge).toBe(f.lambda === 0 ? f.ridge : 0);
      let worst = 0;
      f.diagnostics.forEach((want, t) => {
        const got = r.diagnostics[t];
        expect(got.iteration).toBe(want.iteration);
        worst = Math.max(
          worst,
          relErr(got.rmse, want.rmse),
          relErr(got.maxResidualChange, want.max_residual_change),
          relErr(got.maxUpdate, want.max_update),
          relErr(got.objective, want.objective),
          relErr(got.validationRmse!, want.validation_rmse),
        );
      });
      expect(worst).toBeLessThan(1e-9);
      f.U.forEach((u, j) =>
        expect(Math.abs(r.U[j] - u)).toBeLessThan(1e-9 * Math.max(1, Math.abs(u))),
      );
      f.V.forEach((v, j) =>
        expect(Math.abs(r.V[j] - v)).toBeLessThan(1e-9 * Math.max(1, Math.abs(v))),
      );
    });
  }

  it('never increases the objective (λ > 0: exact row minimisers)', () => {
    const R = randomProblem(60, 40, 0.15, 3);
    const r = alternatingLeastSquares(R, {
      factors: 6,
      lambda: 0.3,
      iterations: 30,
      tolerance: 0,
      initScale: 1,
      rng: createRng(4),
    });
    for (let t = 1; t < r.diagnostics.length; t++) {
      const prev = r.diagnostics[t - 1].objective;
      expect(r.diagnostics[t].objective).toBeLessThanOrEqual(prev * (1 + 1e-13));
    }
  });

  it('never increases the objective at λ = 0 beyond what the stated ridge allows', () => {
    // Every row has well over K ratings, so the relative ridge moves each row by ~1e-9.
    const R = randomProblem(60, 40, 0.4, 5);
    const r = alternatingLeastSquares(R, {
      factors: 4,
      lambda: 0,
      iterations: 30,
      tolerance: 0,
      initScale: 1,
      rng: createRng(6),
    });
    expect(r.ridge).toBe(ALS_RIDGE);
    for (let t = 1; t < r.diagnostics.length; t++) {
      const prev = r.diagnostics[t - 1].objective;
      expect(r.diagnostics[t].objective).toBeLessThanOrEqual(prev * (1 + 1e-9));
    }
    expect(r.diagnostics.at(-1)!.objective).toBeLessThan(r.diagnostics[0].objective);
  });

  it('gives a singular row (fewer ratings than K) the minimum-norm answer at λ = 0', () => {
    // One rating r = 3 of a movie with v = (1, 2): G = v vᵀ is singular; the least-squares
    // solutions are u·v = 3 and the shortest is u = 3v/‖v‖² = (0.6, 1.2). The ridge
    // ε = 1e-9 · trace/K = 2.5e-9 gives u = 3v/(5 + 2.5e-9), but only to about
    // (rounding of G and b) / ε ≈ 1e-16 · 5 / 2.5e-9 relative: the part of u along v's null
    // space is set by rounding divided by ε. This pins that stated precision.
    const R = triplets(2, 2, [
      [0, 0, 3],
      [1, 0, 1],
      [1, 1, 2],
    ]);
    const r = alternatingLeastSquares(R, {
      factors: 2,
      lambda: 0,
      iterations: 1,
      tolerance: 0,
      initScale: 1,
      rng: createRng(1),
      initialU: Float64Array.of(9, 9, 1, 1),
      initialV: Float64Array.of(1, 2, 3, 1),
    });
    const scale = 3 / (5 + 2.5e-9);
    expect(relErr(r.U[0], 1 * scale)).toBeLessThan(1e-6);
    expect(relErr(r.U[1], 2 * scale)).toBeLessThan(1e-6);
    // The rating itself is fitted up to the ridge: u·v = 3 · 5/(5 + 2.5e-9).
    expect(Math.abs(r.U[0] * 1 + r.U[1] * 2 - 5 * scale)).toBeLessThan(1e-12);
  });

  it('starts from the same point as gradient descent for the same seed', () => {
    const a = initialFactors(5, 4, 3, 1, createRng(134));
    const R = randomProblem(5, 4, 0.5, 1);
    const r = alternatingLeastSquares(R, {
      factors: 3,
      lambda: 1,
      iterations: 1,
      tolerance: 0,
      initScale: 1,
      rng: createRng(134),
    });
    const again = alternatingLeastSquares(R, {
      factors: 3,
      lambda: 1,
      iterations: 1,
      tolerance: 0,
      initScale: 1,
      rng: createRng(9),
      initialU: a.U,
      initialV: a.V,
    });
    expect(Array.from(r.U)).toEqual(Array.from(again.U));
  });

  it('solves a 1 × 1 problem by hand', () => {
    // r = 3, u = 1, v = 2, λ = 1: u ← (2·3)/(2² + 1) = 1.2; v ← (1.2·3)/(1.2² + 1) = 3.6/2.44.
    const R = triplets(1, 1, [[0, 0, 3]]);
    const r = alternatingLeastSquares(R, {
      factors: 1,
      lambda: 1,
      iterations: 1,
      tolerance: 0,
      initScale: 1,
      rng: createRng(1),
      initialU: Float64Array.of(1),
      initialV: Float64Array.of(2),
    });
    expect(r.U[0]).toBeCloseTo(1.2, 14);
    expect(r.V[0]).toBeCloseTo(3.6 / 2.44, 14);
    const res = 3 - r.U[0] * r.V[0];
    expect(r.diagnostics[0].objective).toBeCloseTo(res * res + r.U[0] ** 2 + r.V[0] ** 2, 12);
    expect(r.diagnostics[0].maxUpdate).toBeCloseTo(2 - 3.6 / 2.44, 14);
  });

  it('leaves a row without ratings unchanged at λ = 0 and zeroes it at λ > 0', () => {
    const R = triplets(3, 2, [
      [0, 0, 4],
      [0, 1, 2],
      [1, 1, 5],
    ]); // user 2 has no ratings
    const base = { factors: 2, iterations: 2, tolerance: 0, initScale: 1, rng: createRng(2) };
    const U0 = Float64Array.of(0.5, 0.1, 0.3, 0.7, 0.9, 0.4);
    const plain = alternatingLeastSquares(R, { ...base, lambda: 0, initialU: U0 });
    expect([plain.U[4], plain.U[5]]).toEqual([0.9, 0.4]);
    const ridge = alternatingLeastSquares(R, { ...base, lambda: 2, initialU: U0 });
    expect([ridge.U[4], ridge.U[5]]).toEqual([0, 0]);
  });

  it('stops at the tolerance and when cancelled', () => {
    const R = randomProblem(30, 20, 0.3, 8);
    const full = alternatingLeastSquares(R, {
      factors: 3,
      lambda: 1,
      iterations: 40,
      tolerance: 0,
      initScale: 1,
      rng: createRng(1),
    });
    const tol = full.diagnostics[4].maxResidualChange * 1.0000001;
    const firstBelow = full.diagnostics.findIndex((p) => p.maxResidualChange < tol) + 1;
    const stopped = alternatingLeastSquares(R, {
      factors: 3,
      lambda: 1,
      iterations: 40,
      tolerance: tol,
      initScale: 1,
      rng: createRng(1),
    });
    expect(stopped.status).toBe('converged');
    expect(stopped.iterations).toBe(firstBelow);
    const signal = { aborted: false };
    const cancelled = alternatingLeastSquares(R, {
      factors: 3,
      lambda: 1,
      iterations: 40,
      tolerance: 0,
      initScale: 1,
      rng: createRng(1),
      signal,
      onIteration: (p) => {
        if (p.iteration === 3) signal.aborted = true;
      },
    });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.iterations).toBe(3);
  });
});
