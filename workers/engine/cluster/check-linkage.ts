import type { Linkage } from './ward';

/**
 * Checks that `linkage` is a merge tree over n points: four columns of n − 1 rows whose
 * children are ids created before the row (0..n−1 for points, n + j for an earlier row j).
 */
export function checkLinkage(linkage: Linkage, n: number): void {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n = ${n}; expected an integer >= 2`);
  const { left, right, height, size } = linkage;
  const m = n - 1;
  if (left.length !== m || right.length !== m || height.length !== m || size.length !== m) {
    throw new RangeError(
      `linkage has ${left.length}/${right.length}/${height.length}/${size.length} rows ` +
        `(left/right/height/size); expected n − 1 = ${m}`,
    );
  }
  for (let i = 0; i < m; i++) {
    const a = left[i];
    const b = right[i];
    if (a < 0 || b < 0 || a >= n + i || b >= n + i || a === b) {
      throw new RangeError(
        `linkage row ${i} joins ${a} and ${b}; expected two distinct ids below ${n + i}`,
      );
    }
  }
}
