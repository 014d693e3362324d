import { checkLinkage } from './check-linkage';
import type { Linkage } from './ward';

/**
 * Cuts a merge tree over n points at height h: two points share a cluster when every merge
 * on the way up to their common ancestor is at height ≤ h. Returns one label per point,
 * numbered 0.. in order of first appearance over points 0..n−1. The partition is SciPy's
 * `fcluster(Z, h, 'distance')`, which tests each node's largest height in its subtree
 * (its own, for the monotone linkages here) against h, inclusive.
 */
export function cutTreeAtHeight(linkage: Linkage, n: number, h: number): Int32Array {
  checkLinkage(linkage, n);
  if (Number.isNaN(h)) throw new RangeError('h = NaN; expected a height');
  const { left, right, height } = linkage;
  const m = n - 1;
  // Largest height below and at each merge (SciPy's get_max_dist_for_each_cluster).
  const maxHeight = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let top = height[i];
    const a = left[i] - n;
    const b = right[i] - n;
    if (a >= 0 && maxHeight[a] > top) top = maxHeight[a];
    if (b >= 0 && maxHeight[b] > top) top = maxHeight[b];
    maxHeight[i] = top;
  }
  // Top-down: a node inside a cluster passes on its cluster's root; otherwise it starts a
  // cluster if its subtree stays at or below h.
  const rep = new Int32Array(2 * n - 1).fill(-1);
  for (let i = m - 1; i >= 0; i--) {
    const node = n + i;
    const r = rep[node] !== -1 ? rep[node] : maxHeight[i] <= h ? node : -1;
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
