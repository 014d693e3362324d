import { checkLabels } from './check-labels';

export interface ContingencyTable {
  rows: number;
  cols: number;
  /** rows × cols, row-major: counts[r·cols + c] points have label r in a and c in b. */
  counts: Int32Array;
}

/**
 * Cross-tabulates two labelings of the same points (labels in 0..k−1). The table has one row
 * per label value 0..max(a) and one column per value 0..max(b).
 */
export function contingencyTable(a: Int32Array, b: Int32Array): ContingencyTable {
  const rows = checkLabels(a, a.length);
  const cols = checkLabels(b, a.length);
  const counts = new Int32Array(rows * cols);
  for (let i = 0; i < a.length; i++) counts[a[i] * cols + b[i]]++;
  return { rows, cols, counts };
}

/**
 * Adjusted Rand index of two labelings (Hubert & Arabie 1985), equal to scikit-learn's
 * `adjusted_rand_score`: 1 for identical partitions (whatever the label numbers), about 0
 * for independent ones. Computed from pair counts as scikit-learn does, with the final
 * products in BigInt so that they stay exact beyond 2^53 (n above about 9,000 points).
 */
export function adjustedRandIndex(a: Int32Array, b: Int32Array): number {
  const { rows, cols, counts } = contingencyTable(a, b);
  const n = a.length;
  const rowSums = new Float64Array(rows);
  const colSums = new Float64Array(cols);
  let sumSquares = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = counts[r * cols + c];
      rowSums[r] += v;
      colSums[c] += v;
      sumSquares += v * v;
    }
  }
  let rowSquares = 0;
  let colSquares = 0;
  for (let r = 0; r < rows; r++) rowSquares += rowSums[r] * rowSums[r];
  for (let c = 0; c < cols; c++) colSquares += colSums[c] * colSums[c];
  // Ordered pair counts as in scikit-learn's pair_confusion_matrix (a plays labels_true):
  // tp together in both, fp together in b only, fn together in a only, tn apart in both.
  const tp = BigInt(sumSquares - n);
  const fp = BigInt(colSquares - sumSquares);
  const fn = BigInt(rowSquares - sumSquares);
  const tn = BigInt(n) * BigInt(n) - fp - fn - BigInt(sumSquares);
  if (fn === 0n && fp === 0n) return 1;
  const numerator = 2 * Number(tp * tn - fn * fp);
  const denominator = Number((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
  return numerator / denominator;
}
