/**
 * A seeded hold-out split (SPEC §3): round(fraction · |Ω|) ratings drawn uniformly without
 * replacement (a partial Fisher–Yates shuffle of the entry numbers) become the test set, the
 * rest the training set. Both keep R's I × M index space, so a model fitted on `train` scores
 * `test` directly; a user or movie whose every rating was drawn keeps an empty training row.
 */
import type { Rng } from '../rng';
import { selectEntries, type SparseRatings } from './sparse-ratings';

export interface HoldoutSplit {
  train: SparseRatings;
  test: SparseRatings;
}

export function splitHoldout(R: SparseRatings, fraction: number, rng: Rng): HoldoutSplit {
  if (!(fraction > 0 && fraction < 1)) {
    throw new Error(
      `hold-out fraction is ${fraction}; expected a number between 0 and 1, such as 0.2`,
    );
  }
  const N = R.nRatings;
  const nTest = Math.round(fraction * N);
  const order = new Int32Array(N);
  for (let e = 0; e < N; e++) order[e] = e;
  const inTest = new Uint8Array(N);
  for (let j = 0; j < nTest; j++) {
    const pick = j + Math.floor(rng() * (N - j));
    const e = order[pick];
    order[pick] = order[j];
    order[j] = e;
    inTest[e] = 1;
  }
  return { train: selectEntries(R, inTest, 0), test: selectEntries(R, inTest, 1) };
}
