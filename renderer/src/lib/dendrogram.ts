import type { LinkageData } from '../../../main/contract';

/** A node of the drawn tree; `x` in leaf slots (0 … leaves-1), `height` in merge distance. */
export interface DendroNode {
  /** SciPy node id: < n for an observation, n + i for merge i. */
  id: number;
  height: number;
  /** Observations under the node. */
  size: number;
  x: number;
  children: [DendroNode, DendroNode] | null;
  /** The one flat cluster every observation under the node belongs to, or null when mixed. */
  cluster: number | null;
}

export interface DendroLayout {
  root: DendroNode;
  leaves: DendroNode[];
  /** Internal nodes, each drawn as one elbow. */
  merges: DendroNode[];
  /** Height between the merges kept and the merges undone to leave k clusters, or null. */
  cut: number | null;
}

/**
 * Lays out the last `p - 1` merges of a SciPy-convention linkage, like SciPy's
 * `dendrogram(Z, truncate_mode='lastp', p=p)`: every subtree below them becomes one leaf
 * carrying its size, leaves in left-to-right traversal order.
 *
 * @param labels flat cluster of each observation (length n), used to colour subtrees.
 * @param k number of flat clusters the cut produces.
 * @param cut the height the tree was cut at, when cut by height; default: midway for k.
 */
export function layoutDendrogram(
  linkage: LinkageData,
  labels: readonly number[],
  k: number,
  p = 30,
  cut: number | null = null,
): DendroLayout | null {
  const merges = linkage.left.length;
  if (merges === 0) return null;
  const n = merges + 1;
  const firstKept = Math.max(0, merges - (p - 1));
  const leaves: DendroNode[] = [];
  const internal: DendroNode[] = [];

  const leaf = (id: number): DendroNode => {
    const node: DendroNode = {
      id,
      height: 0,
      size: id < n ? 1 : linkage.size[id - n],
      x: leaves.length,
      children: null,
      cluster: labels[firstObservation(linkage, n, id)] ?? null,
    };
    leaves.push(node);
    return node;
  };

  // Depth is at most p - 1, so recursion is safe here.
  const build = (id: number): DendroNode => {
    const m = id - n;
    if (m < firstKept) return leaf(id);
    const left = build(linkage.left[m]);
    const right = build(linkage.right[m]);
    const node: DendroNode = {
      id,
      height: linkage.height[m],
      size: linkage.size[m],
      x: (left.x + right.x) / 2,
      children: [left, right],
      cluster: left.cluster !== null && left.cluster === right.cluster ? left.cluster : null,
    };
    internal.push(node);
    return node;
  };

  const root = build(n + merges - 1);
  return { root, leaves, merges: internal, cut: cut ?? cutHeight(linkage.height, k) };
}

/**
 * The drawn leaf that holds each observation: `leafOf[i]` indexes `leaves` (every observation
 * sits under exactly one leaf of a truncated tree).
 *
 * @param n observations (merges + 1).
 */
export function leafMembership(
  linkage: LinkageData,
  leaves: readonly DendroNode[],
  n: number,
): Int32Array {
  const leafOf = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  leaves.forEach((leaf, index) => {
    stack.push(leaf.id);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id < n) leafOf[id] = index;
      else stack.push(linkage.left[id - n], linkage.right[id - n]);
    }
  });
  return leafOf;
}

/** Midway between the highest merge kept and the lowest merge undone for k clusters. */
export function cutHeight(heights: readonly number[], k: number): number | null {
  const sorted = [...heights].sort((a, b) => a - b);
  const merges = sorted.length;
  if (k < 2 || k > merges) return null;
  return (sorted[merges - k] + sorted[merges - k + 1]) / 2;
}

/** Any observation under node `id` (follows left children down). */
function firstObservation(linkage: LinkageData, n: number, id: number): number {
  let node = id;
  while (node >= n) node = linkage.left[node - n];
  return node;
}
