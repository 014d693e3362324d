import { describe, expect, it } from 'vitest';
import { parseNumberList } from './number-list';

describe('parseNumberList', () => {
  it('reads commas, semicolons and spaces, keeping the typed order without repeats', () => {
    expect(parseNumberList('0.1, 0.5;1 5  0.1', { label: 'λ values' })).toEqual({
      ok: true,
      value: [0.1, 0.5, 1, 5],
    });
  });

  it('refuses an empty list', () => {
    expect(parseNumberList(' , ', { label: 'K values' })).toEqual({
      ok: false,
      message: 'K values: enter at least one number.',
    });
  });

  it('names the bad entry and what was expected', () => {
    expect(parseNumberList('10, 2.5', { label: 'K values', integer: true, min: 1 })).toEqual({
      ok: false,
      message: 'K values: "2.5" is not a whole number ≥ 1.',
    });
    expect(parseNumberList('1, x', { label: 'λ values', min: 0 }).ok).toBe(false);
    expect(parseNumberList('-1', { label: 'λ values', min: 0 }).ok).toBe(false);
  });
});
