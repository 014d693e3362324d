/**
 * The starting U and V shared by every solver (SPEC §3): uniform in [0, scale) from the seeded
 * generator, U (I × K, row-major) drawn first and then V (M × K), so that gradient descent and
 * ALS started from the same seed start from the same point. Given matrices are copied.
 */
import type { Rng } from '../rng';

export function initialFactors(
  I: number,
  M: number,
  K: number,
  scale: number,
  rng: Rng,
  givenU?: Float64Array,
  givenV?: Float64Array,
): { U: Float64Array; V: Float64Array } {
  if (givenU && givenU.length !== I * K) {
    throw new Error(
      `initialU has ${givenU.length} entries; expected I × K = ${I} × ${K} = ${I * K}`,
    );
  }
  if (givenV && givenV.length !== M * K) {
    throw new Error(
      `initialV has ${givenV.length} entries; expected M × K = ${M} × ${K} = ${M * K}`,
    );
  }
  const U = givenU ? Float64Array.from(givenU) : uniform(I * K, scale, rng);
  const V = givenV ? Float64Array.from(givenV) : uniform(M * K, scale, rng);
  return { U, V };
}

function uniform(n: number, scale: number, rng: Rng): Float64Array {
  const a = new Float64Array(n);
  for (let j = 0; j < n; j++) a[j] = rng() * scale;
  return a;
}
