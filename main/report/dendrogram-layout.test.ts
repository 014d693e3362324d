import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LinkageData } from '../contract';
import { cutHeight, dendrogramLayout, type DendrogramLayout } from './dendrogram-layout';
import { makeReportInput } from './report-input.fixture';

interface ScipyCase {
  lastP: number;
  leaves: number[];
  ivl: string[];
  icoord: number[][];
  dcoord: number[][];
}
const scipy = JSON.parse(
  readFileSync(new URL('./fixtures/dendrogram-scipy.json', import.meta.url), 'utf8'),
) as { n: number; linkage: LinkageData; cases: ScipyCase[] };

/** SciPy places leaf i at x = 5 + 10 i; links as [x_l, x_l, x_r, x_r] and [h_l, h, h, h_r]. */
function asScipy(layout: DendrogramLayout) {
  const sx = (x: number) => 5 + 10 * x;
  return {
    leaves: layout.leaves.map((l) => l.node),
    icoord: layout.links.map((l) => [sx(l.left.x), sx(l.left.x), sx(l.right.x), sx(l.right.x)]),
    dcoord: layout.links.map((l) => [l.left.height, l.height, l.height, l.right.height]),
  };
}

describe('dendrogramLayout(linkage, n, { lastP })', () => {
  const { clustering } = makeReportInput();

  it('places a hand-made 10-point tree left child first', () => {
    const layout = dendrogramLayout(clustering.linkage, 10);
    expect(layout.leaves.map((l) => l.node)).toEqual([0, 1, 4, 6, 9, 2, 3, 5, 7, 8]);
    expect(layout.links).toHaveLength(9);
    const root = layout.links.at(-1)!;
    expect(root).toMatchObject({ node: 18, height: 5, size: 10, member: 0 });
    expect(root.left.node).toBe(17);
    expect(root.right.node).toBe(16);
    expect(layout.maxHeight).toBe(5);
  });

  it('contracts all but the last p - 1 merges into leaves of size m', () => {
    const layout = dendrogramLayout(clustering.linkage, 10, { lastP: 3 });
    expect(layout.leaves.map((l) => [l.node, l.size, l.height])).toEqual([
      [14, 4, 0],
      [9, 1, 0],
      [16, 5, 0],
    ]);
    expect(layout.links.map((l) => l.node)).toEqual([17, 18]);
    expect(layout.leaves.map((l) => l.member)).toEqual([0, 9, 2]);
  });

  for (const c of scipy.cases) {
    it(`matches SciPy's dendrogram(Z, truncate_mode='lastp', p=${c.lastP}) on 40 points`, () => {
      const got = asScipy(dendrogramLayout(scipy.linkage, scipy.n, { lastP: c.lastP }));
      expect(got.leaves).toEqual(c.leaves);
      expect(got.icoord).toEqual(c.icoord);
      expect(got.dcoord.flat().length).toBe(c.dcoord.flat().length);
      got.dcoord.flat().forEach((h, i) => expect(h).toBeCloseTo(c.dcoord.flat()[i], 12));
    });
  }

  it('returns nothing to draw for fewer than two points', () => {
    const empty = { left: [], right: [], height: [], size: [] };
    expect(dendrogramLayout(empty, 1)).toEqual({ leaves: [], links: [], maxHeight: 0 });
  });

  it('throws when a merge refers to a node not yet created', () => {
    const bad = { left: [0, 5], right: [1, 2], height: [1, 2], size: [2, 3] };
    expect(() => dendrogramLayout(bad, 3)).toThrow(/merge 1 joins node 5/);
  });
});

describe('cutHeight(linkage, n, k)', () => {
  const { clustering } = makeReportInput();

  it('lies between the last merge kept and the first merge undone', () => {
    expect(cutHeight(clustering.linkage, 10, 2)).toBe((2 + 5) / 2);
    expect(cutHeight(clustering.linkage, 10, 3)).toBe((1.6 + 2) / 2);
  });

  it('is null for k outside 2..n-1', () => {
    expect(cutHeight(clustering.linkage, 10, 1)).toBeNull();
    expect(cutHeight(clustering.linkage, 10, 10)).toBeNull();
  });
});
