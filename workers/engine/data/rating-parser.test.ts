import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RatingParser, lineOfEntry, type RatingFormat } from './rating-parser';
import { WarningCounter } from './warnings';

function parse(bytes: Uint8Array, format: RatingFormat, chunk: number) {
  const w = new WarningCounter();
  const p = new RatingParser('f', format, w, 4);
  for (let o = 0; o < bytes.length; o += chunk)
    p.push(bytes.subarray(o, Math.min(bytes.length, o + chunk)));
  const c = p.finish();
  return {
    rows: Array.from({ length: c.count }, (_, i) => [
      c.user[i],
      c.movie[i],
      c.rating[i],
      c.timestamp[i],
    ]),
    lines: Array.from({ length: c.count }, (_, i) => lineOfEntry(c, i)),
    warnings: w.list().map((x) => [x.kind, x.lines]),
  };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('RatingParser', () => {
  it('gives the same result whatever the chunk boundaries (fast path and carried lines)', () => {
    const bytes = readFileSync('fixtures/data/tiny-100k/u.data');
    const whole = parse(bytes, 'tab', bytes.length);
    expect(whole.rows).toEqual([
      [1, 10, 5, 100],
      [1, 20, 3, 100],
      [2, 10, 4, 100],
      [2, 10, 2, 200],
      [3, 30, 9, 100],
      [3, 99, 1, 100],
    ]);
    expect(whole.lines).toEqual([1, 2, 4, 5, 6, 7]);
    for (let chunk = 1; chunk <= bytes.length; chunk++)
      expect(parse(bytes, 'tab', chunk)).toEqual(whole);
  });

  it('parses CSV with a header, CRLF and half stars, and `::` lines, at any chunking', () => {
    const csv = enc('userId,movieId,rating,timestamp\r\n1,2,3.5,1112486027\r\n10,29,0.5,7\r\n');
    const dat = enc('1::122::4.5::838985046\n2::185::5::1\n');
    for (let chunk = 1; chunk <= csv.length; chunk++) {
      expect(parse(csv, 'csv', chunk).rows).toEqual([
        [1, 2, 3.5, 1112486027],
        [10, 29, 0.5, 7],
      ]);
    }
    for (let chunk = 1; chunk <= dat.length; chunk++) {
      expect(parse(dat, 'dat', chunk).rows).toEqual([
        [1, 122, 4.5, 838985046],
        [2, 185, 5, 1],
      ]);
    }
  });

  it('hands unusual lines to the general path with their true line numbers', () => {
    const bytes = enc('1\t1\t5\t1\n\n  \n2\t1\t4\t1\n3\tx\t4\t1\n');
    expect(() => parse(bytes, 'tab', 3)).toThrow(/^f, line 5: expected a movie id/);
    const ok = parse(enc('1\t1\t5\t1\n\n2\t1\t4\t1\n'), 'tab', 5);
    expect(ok.lines).toEqual([1, 3]);
    expect(ok.warnings).toEqual([['blank_line', [2]]]);
  });
});
