/**
 * Seeded k-fold cross-validation splits (SPEC §3): the ratings are shuffled once (Fisher–Yates)
 * and cut into k folds of sizes differing by at most one; split f tests on fold f and trains
 * on the others. Folds are materialised one at a time by `split(f)`, since all k at once would
 * hold k copies of the ratings.
 */
import type { Rng } from '../rng';
import type { HoldoutSplit } from './split-holdout';
import { selectEntries, type SparseRatings } from './sparse-ratings';

export interface KFoldSplits {
  k: number;
  /** Fold of each entry, in R's by-user (CSR) order. */
  foldOf: Uint8Array;
  /** Training set (every other fold) and test set (fold f), both in R's index space. */
  split(f: number): HoldoutSplit;
}

export function kFoldSplits(R: SparseRatings, k: number, rng: Rng): KFoldSplits {
  const N = R.nRatings;
  if (!Number.isInteger(k) || k < 2 || k > Math.min(255, N)) {
    throw new Error(
      `k is ${k}; expected an integer from 2 to ${Math.min(255, N)} (at most the number of ratings)`,
    );
  }
  const order = new Int32Array(N);
  for (let e = 0; e < N; e++) order[e] = e;
  for (let j = N - 1; j > 0; j--) {
    const pick = Math.floor(rng() * (j + 1));
    const e = order[pick];
    order[pick] = order[j];
    order[j] = e;
  }
  const foldOf = new Uint8Array(N);
  for (let j = 0; j < N; j++) foldOf[order[j]] = Math.floor((j * k) / N);
  return {
    k,
    foldOf,
    split(f: number): HoldoutSplit {
      if (!Number.isInteger(f) || f < 0 || f >= k)
        throw new Error(`fold is ${f}; expected 0..${k - 1}`);
      const inTest = new Uint8Array(N);
      for (let e = 0; e < N; e++) inTest[e] = foldOf[e] === f ? 1 : 0;
      return { train: selectEntries(R, inTest, 0), test: selectEntries(R, inTest, 1) };
    },
  };
}
