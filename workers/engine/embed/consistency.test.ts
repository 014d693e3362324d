import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { mapConsistency } from './consistency';

/** Reference: full sort of every other point by (squared distance, index). */
function bruteForce(x: Float64Array, y: Float64Array, labels: Int32Array, k: number): number {
  const n = x.length;
  const kk = Math.min(k, n - 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const others: { j: number; s: number }[] = [];
    for (let j = 0; j < n; j++) {
      if (j !== i) others.push({ j, s: (x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2 });
    }
    others.sort((a, b) => a.s - b.s || a.j - b.j);
    let same = 0;
    for (let t = 0; t < kk; t++) if (labels[others[t].j] === labels[i]) same++;
    total += same / kk;
  }
  return total / n;
}

describe('mapConsistency(x, y, labels, k)', () => {
  it('matches a hand count on six points', () => {
    // Two tight pairs far apart plus two strays: with k = 1 each point's nearest other is its
    // pair partner; the strays (4, 5) sit next to point 3 and 0 respectively.
    const x = new Float64Array([0, 0.1, 10, 10.1, 10.5, -0.5]);
    const y = new Float64Array([0, 0, 0, 0, 0, 0]);
    const labels = new Int32Array([0, 0, 1, 1, 0, 1]);
    // nearest: 0→1 (same), 1→0 (same), 2→3 (same), 3→2 (same), 4→3 (differs), 5→0 (differs)
    expect(mapConsistency(x, y, labels, 1)).toBeCloseTo(4 / 6, 15);
    // k = 2: 0→{1,5}: 1/2; 1→{0,5}: 1/2; 2→{3,4}: 1/2; 3→{2,4}: 1/2; 4→{3,2}: 0; 5→{0,1}: 0
    expect(mapConsistency(x, y, labels, 2)).toBeCloseTo(2 / 6, 15);
  });

  it('breaks distance ties towards the lower index', () => {
    // Point 0 has points 1 and 2 at the same distance; k = 1 takes point 1.
    const x = new Float64Array([0, -1, 1]);
    const y = new Float64Array([0, 0, 0]);
    expect(mapConsistency(x, y, new Int32Array([0, 0, 1]), 1)).toBeCloseTo((1 + 1 + 0) / 3, 15);
    expect(mapConsistency(x, y, new Int32Array([0, 1, 0]), 1)).toBeCloseTo((0 + 0 + 1) / 3, 15);
  });

  it('agrees with brute force on random, tied and degenerate layouts', () => {
    const rng = createRng(11);
    const layouts: [string, Float64Array, Float64Array][] = [];
    const n = 500;
    const ux = new Float64Array(n).map(() => rng() * 100);
    const uy = new Float64Array(n).map(() => rng());
    layouts.push(['uniform, elongated', ux, uy]);
    const gx = new Float64Array(n).map(() => Math.floor(rng() * 6));
    const gy = new Float64Array(n).map(() => Math.floor(rng() * 6));
    layouts.push(['integer lattice with many ties', gx, gy]);
    layouts.push(['on a line', ux, new Float64Array(n).fill(3)]);
    layouts.push(['all one point', new Float64Array(n).fill(2), new Float64Array(n).fill(-1)]);
    const cx = new Float64Array(n).map((_, i) => (i < 10 ? 1e4 + rng() : rng()));
    layouts.push(['far outliers', cx, new Float64Array(n).map(() => rng())]);
    const labels = new Int32Array(n).map(() => Math.floor(rng() * 3));
    for (const [, x, y] of layouts) {
      for (const k of [1, 10, 30]) {
        expect(mapConsistency(x, y, labels, k)).toBeCloseTo(bruteForce(x, y, labels, k), 12);
      }
    }
  });

  it('caps k at n − 1 and gives NaN below two points', () => {
    const x = new Float64Array([0, 1, 2]);
    const y = new Float64Array(3);
    expect(mapConsistency(x, y, new Int32Array([0, 0, 1]), 10)).toBeCloseTo(
      (1 / 2 + 1 / 2 + 0) / 3,
      15,
    );
    expect(mapConsistency(new Float64Array(1), new Float64Array(1), new Int32Array(1))).toBeNaN();
  });
});
