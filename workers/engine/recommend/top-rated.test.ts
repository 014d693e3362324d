import { describe, expect, it } from 'vitest';
import { topRated } from './top-rated';

describe('topRated', () => {
  it('lists the highest ratings first, ties to the lower movie row', () => {
    const r = topRated(Int32Array.of(2, 5, 7, 9), Float32Array.of(4, 5, 3, 5), 3);
    expect(Array.from(r.movies)).toEqual([5, 9, 2]);
    expect(Array.from(r.ratings)).toEqual([5, 5, 4]);
  });

  it('rejects slices of different lengths', () => {
    expect(() => topRated([1, 2], [3], 1)).toThrow(/2 movie rows but 1 ratings/);
  });
});
