import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRatingsMatrix } from '../data/ratings-matrix';
import { WarningCounter } from '../data/warnings';
import { createRng } from '../rng';
import { triplets } from './fixture.test-helper';
import { gradientDescent, stableAlpha, type SparseRatings } from './gradient-descent';

interface Fixture {
  n_users: number;
  n_movies: number;
  factors: number;
  alpha: number;
  lambda: number;
  entries: [number, number, number][];
  validation: [number, number, number][];
  U0: number[];
  V0: number[];
  U: number[];
  V: number[];
  diagnostics: {
    iteration: number;
    rmse: number;
    max_residual_change: number;
    max_update: number;
    objective: number;
    validation_rmse: number;
  }[];
}

/** Builds the sparse matrix from (user, movie, rating) triplets with ids equal to indices. */
function sparse(entries: [number, number, number][]): SparseRatings {
  const n = entries.length;
  const cols = {
    count: n,
    user: Int32Array.from(entries, (e) => e[0]),
    movie: Int32Array.from(entries, (e) => e[1]),
    rating: Float32Array.from(entries, (e) => e[2]),
    timestamp: new Float64Array(n),
    firstLine: 1,
    skippedLines: [],
  };
  return buildRatingsMatrix(cols, { min: 1, max: 5, step: 1 }, 'test', new WarningCounter());
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('gradientDescent', () => {
  for (const lambda of [0, 5]) {
    it(`agrees with the NumPy dense reference over 50 iterations (λ = ${lambda})`, () => {
      const f = JSON.parse(readFileSync(`fixtures/fit/gd-lambda${lambda}.json`, 'utf8')) as Fixture;
      const R = sparse(f.entries);
      expect(R.nUsers).toBe(f.n_users);
      expect(R.nMovies).toBe(f.n_movies);
      const r = gradientDescent(R, {
        factors: f.factors,
        alpha: f.alpha,
        lambda: f.lambda,
        iterations: 50,
        tolerance: 0,
        initScale: 1,
        rng: createRng(1),
        initialU: Float64Array.from(f.U0),
        initialV: Float64Array.from(f.V0),
        validation: triplets(f.n_users, f.n_movies, f.validation),
      });
      expect(r.status).toBe('max_iterations');
      expect(r.iterations).toBe(50);
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
      for (let j = 0; j < f.U.length; j++)
        expect(Math.abs(r.U[j] - f.U[j])).toBeLessThan(1e-9 * Math.max(1, Math.abs(f.U[j])));
      for (let j = 0; j < f.V.length; j++)
        expect(Math.abs(r.V[j] - f.V[j])).toBeLessThan(1e-9 * Math.max(1, Math.abs(f.V[j])));
    });
  }

  it('takes one hand-computed step on a 1 × 1 problem', () => {
    // r = 3, u = 1, v = 1, α = 0.1, λ = 0: γ = 2, u ← 1 + 0.2·2·1 = 1.4;
    // γ = 3 − 1.4 = 1.6, v ← 1 + 0.2·1.6·1.4 = 1.448; residual 3 − 1.4·1.448 = 0.9728.
    const R = sparse([[0, 0, 3]]);
    const r = gradientDescent(R, {
      factors: 1,
      alpha: 0.1,
      lambda: 0,
      iterations: 1,
      tolerance: 0,
      initScale: 1,
      rng: createRng(1),
      initialU: Float64Array.of(1),
      initialV: Float64Array.of(1),
    });
    expect(r.U[0]).toBeCloseTo(1.4, 14);
    expect(r.V[0]).toBeCloseTo(1.448, 14);
    const [p] = r.diagnostics;
    expect(p.rmse).toBeCloseTo(0.9728, 14);
    expect(p.maxResidualChange).toBeCloseTo(2 - 0.9728, 14);
    expect(p.maxUpdate).toBeCloseTo(0.448, 14);
    expect(p.objective).toBeCloseTo(0.9728 ** 2, 14);
  });

  it('is reproducible from the seed', () => {
    const R = sparse([
      [0, 0, 5],
      [0, 1, 3],
      [1, 0, 4],
      [2, 1, 1],
    ]);
    const opts = {
      factors: 2,
      alpha: 0.01,
      lambda: 0.1,
      iterations: 20,
      tolerance: 0,
      initScale: 1,
    };
    const a = gradientDescent(R, { ...opts, rng: createRng(9) });
    const b = gradientDescent(R, { ...opts, rng: createRng(9) });
    expect(a.diagnostics.at(-1)!.rmse).toBe(b.diagnostics.at(-1)!.rmse);
  });

  it('stops at the tolerance, keeping the factors of the last counted iteration', () => {
    const f = JSON.parse(readFileSync('fixtures/fit/gd-lambda0.json', 'utf8')) as Fixture;
    const R = sparse(f.entries);
    const base = {
      factors: f.factors,
      alpha: f.alpha,
      lambda: 0,
      initScale: 1,
      rng: createRng(1),
      initialU: Float64Array.from(f.U0),
      initialV: Float64Array.from(f.V0),
    };
    const full = gradientDescent(R, { ...base, iterations: 50, tolerance: 0 });
    const tol = full.diagnostics[19].maxResidualChange * 1.0000001;
    const firstBelow = full.diagnostics.findIndex((p) => p.maxResidualChange < tol) + 1;
    const stopped = gradientDescent(R, { ...base, iterations: 50, tolerance: tol });
    expect(stopped.status).toBe('converged');
    expect(stopped.iterations).toBe(firstBelow);
    const again = gradientDescent(R, { ...base, iterations: firstBelow, tolerance: 0 });
    expect(stopped.U[0]).toBe(again.U[0]);
    expect(stopped.V[3]).toBe(again.V[3]);
  });

  it('keeps the last iteration when the tolerance stop fires in the closing pass', () => {
    const f = JSON.parse(readFileSync('fixtures/fit/gd-lambda0.json', 'utf8')) as Fixture;
    const R = sparse(f.entries);
    const base = {
      factors: f.factors,
      alpha: f.alpha,
      lambda: 0,
      initScale: 1,
      rng: createRng(1),
      initialU: Float64Array.from(f.U0),
      initialV: Float64Array.from(f.V0),
    };
    // The last iteration T (of 50) whose max residual change is a new running minimum: with
    // the tolerance just above it and T iterations, the stop fires in the closing pass only.
    const changes = gradientDescent(R, { ...base, iterations: 50, tolerance: 0 }).diagnostics.map(
      (p) => p.maxResidualChange,
    );
    let T = 1;
    changes.forEach((c, t) => {
      if (c < Math.min(...changes.slice(0, t))) T = t + 1;
    });
    expect(T).toBeGreaterThan(10);
    const tol = changes[T - 1] * 1.0000001;
    const plain = gradientDescent(R, { ...base, iterations: T, tolerance: 0 });
    const stopped = gradientDescent(R, { ...base, iterations: T, tolerance: tol });
    expect(stopped.status).toBe('converged');
    expect(stopped.iterations).toBe(T);
    expect(Array.from(stopped.U)).toEqual(Array.from(plain.U));
  });

  it('omits validationRmse without a validation set and rejects one of another shape', () => {
    const f = JSON.parse(readFileSync('fixtures/fit/gd-lambda0.json', 'utf8')) as Fixture;
    const R = sparse(f.entries);
    const opts = {
      factors: 2,
      alpha: 0.001,
      lambda: 0,
      iterations: 3,
      tolerance: 0,
      initScale: 1,
      rng: createRng(1),
    };
    expect(gradientDescent(R, opts).diagnostics[0]).not.toHaveProperty('validationRmse');
    const description = { kind: 'holdout', fraction: 0.2 } as unknown as SparseRatings;
    expect(() => gradientDescent(R, { ...opts, validation: description })).toThrow(
      /not a split description/,
    );
    const wrong = triplets(R.nUsers + 1, R.nMovies, [[0, 0, 1]]);
    expect(() => gradientDescent(R, { ...opts, validation: wrong })).toThrow(
      /validation set is 21 users × 30 movies; expected the training shape 20 × 30/,
    );
  });

  it('reports divergence with the iteration and a smaller step, and no non-finite diagnostics', () => {
    const f = JSON.parse(readFileSync('fixtures/fit/gd-lambda0.json', 'utf8')) as Fixture;
    const R = sparse(f.entries);
    const r = gradientDescent(R, {
      factors: 3,
      alpha: 1,
      lambda: 0,
      iterations: 200,
      tolerance: 0,
      initScale: 1,
      rng: createRng(3),
    });
    expect(r.status).toBe('diverged');
    expect(r.divergence).not.toBeNull();
    expect(r.divergence!.suggestedAlpha).toBeLessThan(1);
    expect(r.divergence!.message).toMatch(
      /^step size 1 diverged at iteration \d+; try alpha <= [\d.e-]+$/,
    );
    for (const p of r.diagnostics)
      expect(Number.isFinite(p.rmse) && Number.isFinite(p.objective)).toBe(true);
  });

  it('does not call a regularised fit diverged when its RMSE rises while its objective falls', () => {
    const f = JSON.parse(readFileSync('fixtures/fit/gd-lambda0.json', 'utf8')) as Fixture;
    const R = sparse(f.entries);
    const r = gradientDescent(R, {
      factors: 3,
      alpha: 0.002,
      lambda: 20,
      iterations: 60,
      tolerance: 0,
      initScale: 3,
      rng: createRng(2),
    });
    expect(r.status).toBe('max_iterations');
    const d = r.diagnostics;
    let longestRise = 0;
    for (let t = 1, run = 0; t < d.length; t++) {
      run = d[t].rmse > d[t - 1].rmse ? run + 1 : 0;
      longestRise = Math.max(longestRise, run);
      expect(d[t].objective).toBeLessThan(d[t - 1].objective);
    }
    expect(longestRise).toBeGreaterThanOrEqual(5);
  });

  it('suggests a step size that converges where the original diverged', () => {
    const f = JSON.parse(readFileSync('fixtures/fit/gd-lambda0.json', 'utf8')) as Fixture;
    const R = sparse(f.entries);
    const U = Float64Array.from(f.U0);
    const V = Float64Array.from(f.V0);
    const alpha = stableAlpha(R, U, V, 3, 0, 1);
    const r = gradientDescent(R, {
      factors: 3,
      alpha,
      lambda: 0,
      iterations: 200,
      tolerance: 0,
      initScale: 1,
      rng: createRng(1),
      initialU: U,
      initialV: V,
    });
    expect(r.status).toBe('max_iterations');
    expect(r.diagnostics.at(-1)!.rmse).toBeLessThan(r.diagnostics[0].rmse);
  });

  it('stops when cancelled and still closes the diagnostics', () => {
    const f = JSON.parse(readFileSync('fixtures/fit/gd-lambda0.json', 'utf8')) as Fixture;
    const R = sparse(f.entries);
    const controller = new AbortController();
    const r = gradientDescent(R, {
      factors: 3,
      alpha: 0.005,
      lambda: 0,
      iterations: 1000,
      tolerance: 0,
      initScale: 1,
      rng: createRng(1),
      signal: controller.signal,
      onIteration: (p) => {
        if (p.iteration === 10) controller.abort();
      },
    });
    expect(r.status).toBe('cancelled');
    expect(r.iterations).toBe(11);
    expect(r.diagnostics).toHaveLength(11);
  });
});
