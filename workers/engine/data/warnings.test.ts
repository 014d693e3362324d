import { describe, expect, it } from 'vitest';
import { WarningCounter } from './warnings';

describe('WarningCounter', () => {
  it('keeps the first five lines in file order even when problems are found out of order', () => {
    const w = new WarningCounter();
    for (const line of [50, 10, 40, 30, 20, 5, 60]) w.add('duplicate_rating', 'u.data', () => line);
    const [d] = w.list();
    expect(d.count).toBe(7);
    expect(d.lines).toEqual([5, 10, 20, 30, 40]);
    expect(d.message).toMatch(/^7 × duplicate rating in u\.data: .*latest timestamp wins/);
  });

  it('counts without a line when none applies, and adds details after the policy', () => {
    const w = new WarningCounter();
    w.add('unknown_movie', 'u.data', 0, 12);
    w.detail('unknown_movie', 'u.data', 'movie ids 7, 9');
    expect(w.list()[0]).toMatchObject({ count: 12, lines: [] });
    expect(w.list()[0].message).toMatch(/\(movie ids 7, 9\)$/);
  });
});
