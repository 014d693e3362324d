/**
 * Checks that `labels` has one entry per row, each an integer in 0..k−1, and returns k
 * (one more than the largest label).
 */
export function checkLabels(labels: Int32Array, n: number): number {
  if (!(labels instanceof Int32Array)) throw new TypeError('labels must be an Int32Array');
  if (labels.length !== n) {
    throw new RangeError(`labels has length ${labels.length}; expected one per row (n = ${n})`);
  }
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c < 0) throw new RangeError(`labels[${i}] = ${c}; expected a label >= 0`);
    if (c >= k) k = c + 1;
  }
  return k;
}
