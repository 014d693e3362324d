import { describe, expect, it } from 'vitest';
import { formatBytes, formatSeconds } from './format-size';
import { wardLinkage } from './ward';
import {
  checkWardSize,
  WARD_MEMORY_LIMIT,
  WARD_POINT_LIMIT,
  wardMemoryEstimate,
  wardSize,
  wardTimeEstimate,
} from './ward-limit';

describe('wardSize(n, d, maxPoints)', () => {
  it('accepts latest-small (10,334 × 20) in a few seconds and a few MB', () => {
    const s = wardSize(10_334, 20);
    expect(s.ok).toBe(true);
    expect(s.message).toBeUndefined();
    expect(s.seconds).toBeGreaterThan(1);
    expect(s.seconds).toBeLessThan(5);
    expect(s.bytes).toBeLessThan(5e6);
  });

  it('refuses a 25M-scale UVstd (200,000 × 20) by time, naming the limit', () => {
    const s = wardSize(200_000, 20);
    expect(s.ok).toBe(false);
    expect(s.maxPoints).toBe(WARD_POINT_LIMIT);
    expect(s.message).toBe(
      'Ward linkage on 200,000 points would take about 16 minutes (O(n²)); ' +
        'the limit is 30,000 points: use a subset or K-means',
    );
    // It would fit in memory, by far: O(n) working set.
    expect(s.bytes).toBeLessThan(100e6);
    expect(s.bytes).toBeLessThan(WARD_MEMORY_LIMIT);
  });

  it('accepts the same size when the limit is raised, unless memory runs out', () => {
    expect(wardSize(200_000, 20, 250_000).ok).toBe(true);
    const huge = wardSize(20_000_000, 20, Infinity);
    expect(huge.ok).toBe(false);
    expect(huge.message).toBe(
      'Ward linkage on 20,000,000 points in 20 dimensions would need 7.8 GB of memory; ' +
        'the limit is 2.1 GB: use a subset or K-means',
    );
  });
});

describe('wardMemoryEstimate(n, d) and wardTimeEstimate(n, d)', () => {
  it('grows linearly in memory and quadratically in time', () => {
    expect(wardMemoryEstimate(20_000, 20) / wardMemoryEstimate(10_000, 20)).toBeCloseTo(2, 10);
    expect(wardTimeEstimate(20_000, 20) / wardTimeEstimate(10_000, 20)).toBeCloseTo(4, 10);
    // Centroid copy 8·n·d plus 232 bytes per point of bookkeeping.
    expect(wardMemoryEstimate(1000, 20)).toBe(1000 * (8 * 20 + 232));
  });
});

describe('checkWardSize and wardLinkage above the limit', () => {
  it('throws the same message before allocating anything', () => {
    expect(() => checkWardSize(30_001, 20)).toThrow(
      'Ward linkage on 30,001 points would take about 22 seconds (O(n²)); ' +
        'the limit is 30,000 points: use a subset or K-means',
    );
    expect(() => checkWardSize(30_000, 20)).not.toThrow();
    expect(() => wardLinkage(new Float64Array(8), 8, 1, { maxPoints: 5 })).toThrow(
      'Ward linkage on 8 points would take about 1 seconds (O(n²)); the limit is 5 points',
    );
    expect(() => checkWardSize(10, 2, NaN)).toThrow('maxPoints = NaN; expected a number >= 2');
  });
});

describe('formatBytes and formatSeconds', () => {
  it('round for messages', () => {
    expect(formatBytes(48)).toBe('48 bytes');
    expect(formatBytes(1_600_000_000)).toBe('1.6 GB');
    expect(formatBytes(33_000_000)).toBe('33 MB');
    expect(formatSeconds(0.2)).toBe('1 seconds');
    expect(formatSeconds(95)).toBe('2 minutes');
    expect(formatSeconds(9000)).toBe('2.5 hours');
  });
});
