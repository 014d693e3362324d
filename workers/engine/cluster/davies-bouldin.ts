import { checkLabels } from './check-labels';
import { checkMatrix } from './check-matrix';

/**
 * Davies–Bouldin index of `labels` (n labels in 0..k−1) on the rows of `X` (n × d,
 * row-major), equal to scikit-learn's `davies_bouldin_score` (Davies & Bouldin 1979): the
 * mean over clusters i of max over j ≠ i of (S_i + S_j) / ‖c_i − c_j‖, where S_i is the mean
 * distance of cluster i's points to its centroid c_i. Lower is better.
 *
 * Labels that no point carries are ignored, as scikit-learn's label encoding ignores them.
 * As in scikit-learn, the score is 0 when every S_i or every centroid distance is within
 * 1e-8 of 0, and two clusters with coincident centroids do not contribute to each other's
 * maximum.
 */
export function daviesBouldinScore(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
): number {
  checkMatrix(X, n, d);
  const k = checkLabels(labels, n);
  const freq = new Int32Array(k);
  for (let i = 0; i < n; i++) freq[labels[i]]++;
  // Compact the labels actually used, in increasing order, as LabelEncoder does.
  const used: number[] = [];
  for (let c = 0; c < k; c++) if (freq[c] > 0) used.push(c);
  const m = used.length;
  if (m < 2 || m > n - 1) {
    throw new RangeError(
      `Davies–Bouldin needs 2..n−1 clusters; got ${m} distinct labels for n = ${n} points`,
    );
  }

  const centroids = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const co = labels[i] * d;
    const io = i * d;
    for (let t = 0; t < d; t++) centroids[co + t] += X[io + t];
  }
  for (let c = 0; c < k; c++) {
    if (freq[c] === 0) continue;
    for (let t = 0; t < d; t++) centroids[c * d + t] /= freq[c];
  }

  const spread = new Float64Array(k); // S_c
  for (let i = 0; i < n; i++) {
    const co = labels[i] * d;
    const io = i * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const a = X[io + t] - centroids[co + t];
      s += a * a;
    }
    spread[labels[i]] += Math.sqrt(s);
  }
  for (let c = 0; c < k; c++) if (freq[c] > 0) spread[c] /= freq[c];

  const between = new Float64Array(m * m);
  let allSpreadZero = true;
  let allBetweenZero = true;
  for (let a = 0; a < m; a++) {
    if (Math.abs(spread[used[a]]) > 1e-8) allSpreadZero = false;
    for (let b = a + 1; b < m; b++) {
      const ao = used[a] * d;
      const bo = used[b] * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const x = centroids[ao + t] - centroids[bo + t];
        s += x * x;
      }
      const dist = Math.sqrt(s);
      between[a * m + b] = dist;
      between[b * m + a] = dist;
      if (dist > 1e-8) allBetweenZero = false;
    }
  }
  if (allSpreadZero || allBetweenZero) return 0;

  let total = 0;
  for (let a = 0; a < m; a++) {
    let worst = -Infinity;
    for (let b = 0; b < m; b++) {
      const dist = between[a * m + b];
      // Zero distances become infinite in scikit-learn, giving a ratio of 0.
      const r = dist === 0 ? 0 : (spread[used[a]] + spread[used[b]]) / dist;
      if (r > worst) worst = r;
    }
    total += worst;
  }
  return total / m;
}
