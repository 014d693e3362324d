import { describe, expect, it } from 'vitest';
import type { LinkageData } from '../../../main/contract';
import { cutHeight, layoutDendrogram, leafMembership } from './dendrogram';

// Five points on a line at 0, 1, 5, 6, 20; SciPy ward linkage (heights by hand:
// {0,1} and {5,6} at 1, then those two at sqrt(2·2·2·25/4)… only the order matters here).
const Z: LinkageData = {
  left: [0, 2, 5, 4],
  right: [1, 3, 6, 7],
  height: [1, 1, 7.07, 25.4],
  size: [2, 2, 4, 5],
};
const labels = [0, 0, 1, 1, 2];

describe('layoutDendrogram', () => {
  it('keeps every merge when p exceeds the observations', () => {
    const layout = layoutDendrogram(Z, labels, 3)!;
    expect(layout.merges).toHaveLength(4);
    expect(layout.leaves.map((l) => l.id)).toEqual([4, 0, 1, 2, 3]);
    expect(layout.root.size).toBe(5);
  });

  it('truncates like lastp: the last p - 1 merges, subtrees as sized leaves', () => {
    const layout = layoutDendrogram(Z, labels, 2, 3)!;
    expect(layout.merges.map((n) => n.id)).toEqual([7, 8]);
    expect(layout.leaves.map((l) => [l.id, l.size])).toEqual([
      [4, 1],
      [5, 2],
      [6, 2],
    ]);
  });

  it('colours a subtree only when all its observations share a cluster', () => {
    const layout = layoutDendrogram(Z, labels, 3)!;
    const byId = new Map(layout.merges.map((n) => [n.id, n.cluster]));
    expect(byId.get(5)).toBe(0);
    expect(byId.get(6)).toBe(1);
    expect(byId.get(7)).toBeNull();
  });

  it('places a parent midway between its children', () => {
    const layout = layoutDendrogram(Z, labels, 3)!;
    const [a, b] = layout.root.children!;
    expect(layout.root.x).toBe((a.x + b.x) / 2);
  });
});

describe('cutHeight', () => {
  it('lies between the last merge kept and the first undone', () => {
    expect(cutHeight(Z.height, 2)).toBeCloseTo((7.07 + 25.4) / 2);
    expect(cutHeight(Z.height, 3)).toBeCloseTo((1 + 7.07) / 2);
  });

  it('is null for k outside 2 … n - 1', () => {
    expect(cutHeight(Z.height, 1)).toBeNull();
    expect(cutHeight(Z.height, 5)).toBeNull();
  });
});

describe('leafMembership', () => {
  it('maps every observation to the drawn leaf that holds it', () => {
    const layout = layoutDendrogram(Z, labels, 2, 3)!;
    // Leaves: observation 4, subtree 5 = {0, 1}, subtree 6 = {2, 3}.
    expect(Array.from(leafMembership(Z, layout.leaves, 5))).toEqual([1, 1, 2, 2, 0]);
  });

  it('is the identity order of the leaves when nothing is truncated', () => {
    const layout = layoutDendrogram(Z, labels, 3)!;
    const leafOf = leafMembership(Z, layout.leaves, 5);
    expect(layout.leaves.map((l, i) => leafOf[l.id] === i)).toEqual([true, true, true, true, true]);
  });
});

describe('layoutDendrogram with a cut height', () => {
  it('draws the cut where it was made', () => {
    expect(layoutDendrogram(Z, labels, 3, 30, 4)!.cut).toBe(4);
  });
});
