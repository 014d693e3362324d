import { COLUMN_BLOCK, distanceRows, loadRows, ROW_BLOCK, sumRowsByLabel } from './distance-rows';
import {
  checkSilhouetteInput,
  sampleWithoutReplacement,
  silhouetteFromSums,
  type SilhouetteOptions,
} from './silhouette';
import { throwIfAborted } from './throw-if-aborted';

export interface SilhouetteScores {
  /** Mean silhouette per labelling, in the order given. */
  scores: Float64Array;
  /** Points scored (all n when exact). */
  points: number;
  /** Whether every point was scored. */
  exact: boolean;
}

/**
 * Mean silhouette coefficient of several labellings of the same rows of `X` (n × d,
 * row-major), each equal to `silhouetteScore` on its own (to rounding), for the price of one
 * set of distances: each scored point's distances to all n points are computed once and
 * summed per cluster under every labelling. With `options.sample`, the same seeded points
 * are scored under every labelling, each exactly against all n points.
 *
 * O(points·n·(d + L)) time for L labellings, O(n·L) memory beyond X. Every labelling must
 * use 2..n−1 distinct labels.
 */
export function silhouetteScores(
  X: Float64Array,
  n: number,
  d: number,
  labellings: Int32Array[],
  options: SilhouetteOptions = {},
): SilhouetteScores {
  const { sample, signal, onProgress } = options;
  const L = labellings.length;
  const ks = new Int32Array(L);
  const offsets = new Int32Array(L + 1);
  const freqs: Int32Array[] = [];
  for (let l = 0; l < L; l++) {
    const { k, freq } = checkSilhouetteInput(X, n, d, labellings[l], sample);
    ks[l] = k;
    freqs.push(freq);
    offsets[l + 1] = offsets[l] + ROW_BLOCK * k;
  }
  const exact = sample === undefined || sample.size >= n;
  const points = exact
    ? Int32Array.from({ length: n }, (_, i) => i)
    : sampleWithoutReplacement(n, sample.size, sample.rng);

  const P = new Float64Array(ROW_BLOCK * d);
  const rows = new Float64Array(ROW_BLOCK * COLUMN_BLOCK);
  // Per labelling l, sums[offsets[l] + r·k_l + c]: block row r's distances to cluster c.
  const sums = new Float64Array(offsets[L]);
  const totals = new Float64Array(L);
  for (let p = 0; p < points.length; p += ROW_BLOCK) {
    if ((p & 15) === 0) {
      throwIfAborted(signal);
      onProgress?.(p / points.length);
    }
    loadRows(X, d, points, p, P);
    sums.fill(0);
    for (let j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
      const j1 = Math.min(n, j0 + COLUMN_BLOCK);
      distanceRows(X, d, P, j0, j1, rows);
      for (let l = 0; l < L; l++) {
        sumRowsByLabel(rows, j0, j1 - j0, labellings[l], ks[l], sums, offsets[l]);
      }
    }
    for (let l = 0; l < L; l++) {
      const labels = labellings[l];
      for (let r = 0; r < ROW_BLOCK && p + r < points.length; r++) {
        const i = points[p + r];
        totals[l] += silhouetteFromSums(sums, offsets[l] + r * ks[l], labels[i], freqs[l], ks[l]);
      }
    }
  }
  onProgress?.(1);
  const scores = totals.map((t) => t / points.length);
  return { scores, points: points.length, exact };
}
