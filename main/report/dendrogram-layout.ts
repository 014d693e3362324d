/**
 * Layout of a (possibly truncated) dendrogram from a linkage in SciPy's convention: merge i
 * joins nodes `left[i]` and `right[i]` at `height[i]` into node n + i; ids below n are the
 * original observations. Pure, with no DOM, so the renderer can reuse it.
 *
 * Truncation follows SciPy's `dendrogram(Z, truncate_mode='lastp', p)`: only the last p − 1
 * merges are drawn, and the p nodes below them become leaves (a contracted subtree is drawn
 * at height 0 and labelled with its size). Leaves are ordered left child first, as SciPy
 * does without `count_sort` / `distance_sort`.
 */
import type { LinkageData } from '../contract';

export interface DendrogramPoint {
  /** Node id: observation index, or n + merge index. */
  node: number;
  /** Horizontal position in leaf units: leaves sit at 0, 1, …, p − 1. */
  x: number;
  height: number;
}

export interface DendrogramLeaf extends DendrogramPoint {
  /** Observations under the leaf (1 for an original observation). */
  size: number;
  /** One observation under the node (its leftmost), to look up a cluster label. */
  member: number;
}

/** One drawn merge: the ⊓ shape from `left` up to `height`, across, and down to `right`. */
export interface DendrogramLink extends DendrogramPoint {
  merge: number;
  size: number;
  member: number;
  left: DendrogramPoint;
  right: DendrogramPoint;
}

export interface DendrogramLayout {
  leaves: DendrogramLeaf[];
  /** In post-order: every link comes after the links of its children. */
  links: DendrogramLink[];
  maxHeight: number;
}

/**
 * @param linkage n − 1 merges over `n` observations.
 * @param lastP number of leaves to show (SciPy's p); defaults to all n; clamped to [1, n].
 */
export function dendrogramLayout(
  linkage: LinkageData,
  n: number,
  { lastP = n }: { lastP?: number } = {},
): DendrogramLayout {
  const { left, right, height, size } = linkage;
  if (n < 2) return { leaves: [], links: [], maxHeight: 0 };
  if (left.length !== n - 1) {
    throw new Error(
      `dendrogramLayout: linkage has ${left.length} merges, expected n - 1 = ${n - 1}`,
    );
  }
  // member[node]: the leftmost observation under a node; children always precede parents.
  const member = new Int32Array(2 * n - 1);
  for (let j = 0; j < n; j++) member[j] = j;
  for (let i = 0; i < n - 1; i++) {
    for (const child of [left[i], right[i]]) {
      if (!(child >= 0 && child < n + i)) {
        throw new Error(
          `dendrogramLayout: merge ${i} joins node ${child}, expected 0 <= id < ${n + i}`,
        );
      }
    }
    member[n + i] = member[left[i]];
  }

  const p = Math.max(1, Math.min(n, Math.floor(lastP)));
  const firstDrawn = 2 * n - p; // nodes at or above this id are drawn as merges
  const nodeSize = (node: number) => (node < n ? 1 : size[node - n]);
  const leaves: DendrogramLeaf[] = [];
  const links: DendrogramLink[] = [];
  const placed = new Map<number, DendrogramPoint>();

  // Iterative post-order walk from the root: the tree can be n deep when not truncated.
  const stack: Array<[node: number, childrenDone: boolean]> = [[2 * n - 2, false]];
  while (stack.length > 0) {
    const [node, childrenDone] = stack.pop()!;
    if (node < firstDrawn) {
      const leaf = {
        node,
        x: leaves.length,
        height: 0,
        size: nodeSize(node),
        member: member[node],
      };
      leaves.push(leaf);
      placed.set(node, leaf);
      continue;
    }
    const i = node - n;
    if (!childrenDone) {
      stack.push([node, true], [right[i], false], [left[i], false]);
      continue;
    }
    const l = placed.get(left[i])!;
    const r = placed.get(right[i])!;
    const link = {
      node,
      merge: i,
      x: (l.x + r.x) / 2,
      height: height[i],
      size: size[i],
      member: member[node],
      left: { node: l.node, x: l.x, height: l.height },
      right: { node: r.node, x: r.x, height: r.height },
    };
    links.push(link);
    placed.set(node, link);
  }
  let maxHeight = 0;
  for (const link of links) maxHeight = Math.max(maxHeight, link.height);
  return { leaves, links, maxHeight };
}

/**
 * Height of a horizontal cut giving k clusters: midway between the last merge kept (the
 * (n − k)-th lowest) and the first one undone. Null when k is not in 2…n − 1.
 */
export function cutHeight(linkage: LinkageData, n: number, k: number): number | null {
  if (n < 3 || k < 2 || k > n - 1) return null;
  const sorted = Float64Array.from(linkage.height).sort();
  return (sorted[n - k - 1] + sorted[n - k]) / 2;
}
