import { checkLabels } from './check-labels';
import { checkMatrix } from './check-matrix';

/**
 * Calinski–Harabasz index (variance ratio criterion; Caliński & Harabasz 1974) of `labels`
 * (n labels in 0..k−1) on the rows of `X` (n × d, row-major), equal to scikit-learn's
 * `calinski_harabasz_score`: [B / (m − 1)] / [W / (n − m)] with B the between-cluster and W
 * the within-cluster sum of squares and m the number of labels in use. Higher is better; 1
 * when W = 0, as in scikit-learn.
 */
export function calinskiHarabaszScore(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
): number {
  checkMatrix(X, n, d);
  const k = checkLabels(labels, n);
  const freq = new Int32Array(k);
  for (let i = 0; i < n; i++) freq[labels[i]]++;
  let m = 0;
  for (let c = 0; c < k; c++) if (freq[c] > 0) m++;
  if (m < 2 || m > n - 1) {
    throw new RangeError(
      `Calinski–Harabasz needs 2..n−1 clusters; got ${m} distinct labels for n = ${n} points`,
    );
  }

  const mean = new Float64Array(d);
  const centroids = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const io = i * d;
    const co = labels[i] * d;
    for (let t = 0; t < d; t++) {
      mean[t] += X[io + t];
      centroids[co + t] += X[io + t];
    }
  }
  for (let t = 0; t < d; t++) mean[t] /= n;
  let between = 0;
  for (let c = 0; c < k; c++) {
    if (freq[c] === 0) continue;
    let s = 0;
    for (let t = 0; t < d; t++) {
      centroids[c * d + t] /= freq[c];
      const a = centroids[c * d + t] - mean[t];
      s += a * a;
    }
    between += freq[c] * s;
  }
  let within = 0;
  for (let i = 0; i < n; i++) {
    const io = i * d;
    const co = labels[i] * d;
    for (let t = 0; t < d; t++) {
      const a = X[io + t] - centroids[co + t];
      within += a * a;
    }
  }
  return within === 0 ? 1 : (between * (n - m)) / (within * (m - 1));
}
