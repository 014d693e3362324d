import { checkLinkage } from './check-linkage';
import type { Linkage } from './ward';

/**
 * Cuts a merge tree over n points into exactly k clusters by undoing its last k − 1 merges,
 * and returns one label in 0..k−1 per point, numbered in order of first appearance over
 * points 0..n−1. For a tree with distinct heights this is the partition of SciPy's
 * `fcluster(Z, k, 'maxclust')` (which, at tied heights, can return fewer than k clusters).
 */
export function cutTree(linkage: Linkage, n: number, k: number): Int32Array {
  checkLinkage(linkage, n);
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`k = ${k}; expected an integer in 1..n = 1..${n}`);
  }
  const { left, right } = linkage;
  // Top-down pass: rows n − k..n − 2 are undone; every other node inherits the id of its
  // highest ancestor below the cut (its representative), or is one itself.
  const rep = new Int32Array(2 * n - 1).fill(-1);
  for (let i = n - 2; i >= 0; i--) {
    const node = n + i;
    if (i >= n - k) continue;
    const r = rep[node] === -1 ? node : rep[node];
    rep[left[i]] = r;
    rep[right[i]] = r;
  }
  const labelOf = new Int32Array(2 * n - 1).fill(-1);
  const labels = new Int32Array(n);
  let next = 0;
  for (let p = 0; p < n; p++) {
    const r = rep[p] === -1 ? p : rep[p];
    if (labelOf[r] === -1) labelOf[r] = next++;
    labels[p] = labelOf[r];
  }
  return labels;
}
