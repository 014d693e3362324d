import { describe, expect, it } from 'vitest';
import { matchWardSlots } from './cluster-colors';

describe('matchWardSlots', () => {
  it('gives each Ward cluster the colour of the K-means cluster it overlaps most', () => {
    const contingency = [
      [0, 50, 1],
      [2, 0, 40],
      [30, 3, 0],
    ];
    expect(matchWardSlots(contingency)).toEqual([2, 0, 1]);
  });

  it('never gives two Ward clusters the same slot', () => {
    const contingency = [
      [10, 9],
      [0, 0],
    ];
    expect(matchWardSlots(contingency)).toEqual([0, 1]);
  });
});
