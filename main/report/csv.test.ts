import { describe, expect, it } from 'vitest';
import { csvField, factorColumns, toCsv } from './csv';

describe('csvField', () => {
  it('quotes a field with a comma, a quote or a line break and doubles inner quotes', () => {
    expect(csvField('Ghost, The "Movie" (1990)')).toBe('"Ghost, The ""Movie"" (1990)"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('plain title')).toBe('plain title');
  });

  it('writes doubles so that they read back exactly', () => {
    for (const x of [1 / 3, 0.1 + 0.2, 1e-300, -2.5e21, 123456789.12345678]) {
      expect(Number(csvField(x))).toBe(x);
    }
  });

  it('leaves non-finite numbers, null and undefined empty', () => {
    expect([NaN, Infinity, null, undefined].map(csvField)).toEqual(['', '', '', '']);
  });
});

describe('toCsv', () => {
  it('ends every line with a newline', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\n1,"x,y"\n');
  });
});

describe('factorColumns(k)', () => {
  it('names f1..fK', () => expect(factorColumns(3)).toEqual(['f1', 'f2', 'f3']));
});
