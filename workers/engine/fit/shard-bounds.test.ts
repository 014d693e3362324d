import { describe, expect, it } from 'vitest';
import { balanceShards } from './shard-bounds';

describe('balanceShards', () => {
  it('splits by entries plus a per-row cost', () => {
    // Rows with 10, 0, 0, 10 entries (row cost 0): two shards of 10 each.
    expect(Array.from(balanceShards(Int32Array.of(0, 10, 10, 10, 20), 4, 2, 0))).toEqual([0, 1, 4]);
    // Row cost 2: totals 12, 2, 2, 12 → half (14) is reached after row 1.
    expect(Array.from(balanceShards(Int32Array.of(0, 10, 10, 10, 20), 4, 2))).toEqual([0, 2, 4]);
  });

  it('covers every row once, with more shards than rows allowed', () => {
    expect(Array.from(balanceShards(Int32Array.of(0, 5, 6), 2, 4))).toEqual([0, 1, 1, 2, 2]);
    expect(Array.from(balanceShards(Int32Array.of(0, 3, 6, 9), 3, 1))).toEqual([0, 3]);
    expect(() => balanceShards(Int32Array.of(0), 0, 0)).toThrow(/shards is 0/);
  });
});
