import { describe, expect, it } from 'vitest';
import { selectTop } from './select-top';

describe('selectTop', () => {
  it('keeps the n highest, ties to the lower index, skipping exclusions and NaN', () => {
    const s = [3, 9, NaN, 9, 1, 7, 9];
    const r = selectTop(
      s.length,
      3,
      (j) => s[j],
      (j) => j === 6,
    );
    expect(Array.from(r.index)).toEqual([1, 3, 5]);
    expect(Array.from(r.score)).toEqual([9, 9, 7]);
  });

  it('agrees with a full sort on random scores', () => {
    const s = Array.from({ length: 500 }, (_, j) => Math.round(Math.sin(j * 12.9898) * 50));
    const want = s
      .map((v, j) => [v, j])
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, 25)
      .map((p) => p[1]);
    expect(Array.from(selectTop(500, 25, (j) => s[j]).index)).toEqual(want);
  });

  it('returns fewer than n when there are fewer candidates', () => {
    expect(Array.from(selectTop(2, 5, (j) => j).index)).toEqual([1, 0]);
    expect(selectTop(3, 0, (j) => j).index.length).toBe(0);
  });
});
