/** Shared by the fit tests: the NumPy fixtures of scripts/make_fit_fixtures.py. */
import { readFileSync } from 'node:fs';
import { sparseFromTriplets, type SparseRatings } from './sparse-ratings';

export interface FitFixture {
  n_users: number;
  n_movies: number;
  factors: number;
  alpha?: number;
  lambda: number;
  ridge?: number;
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

export function readFitFixture(name: string): FitFixture {
  return JSON.parse(readFileSync(`fixtures/fit/${name}`, 'utf8')) as FitFixture;
}

/** (user, movie, rating) triplets with ids equal to row indices, in an I × M index space. */
export function triplets(
  nUsers: number,
  nMovies: number,
  entries: [number, number, number][],
): SparseRatings {
  return sparseFromTriplets(
    nUsers,
    nMovies,
    Int32Array.from(entries, (e) => e[0]),
    Int32Array.from(entries, (e) => e[1]),
    Float32Array.from(entries, (e) => e[2]),
  );
}

export const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** A seeded random problem: I users × M movies, each cell observed with probability p. */
export function randomProblem(I: number, M: number, p: number, seed: number): SparseRatings {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const entries: [number, number, number][] = [];
  for (let i = 0; i < I; i++) {
    for (let m = 0; m < M; m++) {
      if (m === i % M || next() < p) entries.push([i, m, 1 + Math.floor(next() * 5)]);
    }
  }
  return triplets(I, M, entries);
}
