import { describe, expect, it } from 'vitest';
import { secondsRemaining } from './eta';

describe('secondsRemaining', () => {
  it('extrapolates the pace so far', () => {
    expect(secondsRemaining(10, 0.25)).toBeCloseTo(30, 12);
    expect(secondsRemaining(4, 0.8)).toBeCloseTo(1, 12);
  });

  it('says nothing without enough to go on, or once done', () => {
    expect(secondsRemaining(10, null)).toBeNull();
    expect(secondsRemaining(10, 0.001)).toBeNull();
    expect(secondsRemaining(0.5, 0.5)).toBeNull();
    expect(secondsRemaining(10, 1)).toBeNull();
    expect(secondsRemaining(10, Number.NaN)).toBeNull();
  });
});
