import { describe, expect, it } from 'vitest';
import { logTicks } from './axis';

describe('logTicks', () => {
  it('uses every mantissa when they fit', () => {
    expect(logTicks([0.5, 3], 8)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1, 2, 3]);
  });

  it('keeps mantissas 1, 2, 3, 5 when every mantissa would crowd', () => {
    expect(logTicks([20, 130], 5)).toEqual([20, 30, 50, 100]);
  });

  it('keeps mantissas 1, 2, 5 over a few decades', () => {
    expect(logTicks([0.01, 5], 9)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5]);
  });

  it('keeps powers of ten over many decades', () => {
    expect(logTicks([1e-9, 1e3])).toEqual([1e-9, 1e-7, 1e-5, 1e-3, 1e-1, 10, 1e3]);
  });

  it('falls back to even steps inside one decade', () => {
    expect(logTicks([0.77, 1.6])).toEqual([0.8, 1, 1.2, 1.4, 1.6]);
  });
});
