/**
 * Streaming byte-level parser for MovieLens rating files: `u.data` (tab), `ratings.dat` (`::`)
 * and `ratings.csv` (comma, one header line). Lines are `user, movie, rating, timestamp`.
 *
 * Written by hand rather than with a CSV library because rating files carry only numbers and
 * are the bulk of a release (25M lines): parsing bytes straight into growing typed arrays
 * avoids a string and an object per line.
 */
import { DataError, WarningCounter } from './warnings';

export type RatingFormat = 'tab' | 'dat' | 'csv';

export interface RatingColumns {
  count: number;
  user: Int32Array;
  movie: Int32Array;
  rating: Float32Array;
  timestamp: Float64Array;
  /** 1-based line number of the first data line, and of every later line that held no data. */
  firstLine: number;
  skippedLines: number[];
}

/** The 1-based line number of data entry `e` (entries count only lines that held a rating). */
export function lineOfEntry(cols: RatingColumns, e: number): number {
  let line = cols.firstLine + e;
  for (const s of cols.skippedLines) {
    if (s <= line) line++;
    else break;
  }
  return line;
}

const NL = 10;
const CR = 13;

/** Accumulates parsed ratings across chunks; call `push` per chunk and `finish` at the end. */
export class RatingParser {
  private columns: RatingColumns;
  private carry: Uint8Array = new Uint8Array(0);
  private lineNo = 0;
  private headerPending: boolean;
  /** True while parsing a last line that has no line end (a cut-off file, often). */
  private unterminated = false;
  private readonly sep: number;
  private readonly sepWidth: number;

  constructor(
    private readonly file: string,
    private readonly format: RatingFormat,
    private readonly warnings: WarningCounter,
    expectedRatings = 1 << 16,
  ) {
    this.headerPending = format === 'csv';
    this.sep = format === 'tab' ? 9 : format === 'dat' ? 58 : 44;
    this.sepWidth = format === 'dat' ? 2 : 1;
    const cap = Math.max(16, expectedRatings);
    this.columns = {
      count: 0,
      user: new Int32Array(cap),
      movie: new Int32Array(cap),
      rating: new Float32Array(cap),
      timestamp: new Float64Array(cap),
      firstLine: format === 'csv' ? 2 : 1,
      skippedLines: [],
    };
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.carry.length > 0) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        this.carry = concat(this.carry, chunk);
        return;
      }
      this.line(concat(this.carry, chunk.subarray(0, nl)), 0, this.carry.length + nl);
      this.carry = new Uint8Array(0);
      start = nl + 1;
    }
    // After the first line (BOM, header), lines go through `fastLines`, which parses
    // well-formed lines inline and hands anything unusual to `line` with its line number.
    if (start < chunk.length && (this.lineNo === 0 || this.headerPending)) {
      const nl = chunk.indexOf(NL, start);
      if (nl < 0) {
        this.carry = chunk.slice(start);
        return;
      }
      this.line(chunk, start, nl);
      start = nl + 1;
    }
    start = this.fastLines(chunk, start);
    if (start < chunk.length) this.carry = chunk.slice(start);
  }

  /**
   * Parses complete lines of `b` from `start` while they are plain `digits SEP digits SEP
   * number SEP digits` (optionally CR) lines; returns where the unfinished last line begins.
   * Everything else (blank lines, junk, errors) is passed to `line` for its policy.
   */
  private fastLines(b: Uint8Array, start: number): number {
    const n = b.length;
    const sep = this.sep;
    const w = this.sepWidth;
    let p = start;
    while (p < n) {
      const lineStart = p;
      let user = 0;
      let digits = 0;
      let ch = b[p];
      while (ch >= 48 && ch <= 57) {
        user = user * 10 + (ch - 48);
        digits++;
        ch = b[++p];
      }
      let ok = digits > 0 && digits <= 9 && ch === sep;
      let movie = 0;
      let rating = 0;
      let timestamp = 0;
      if (ok) {
        p += w;
        digits = 0;
        ch = b[p];
        while (ch >= 48 && ch <= 57) {
          movie = movie * 10 + (ch - 48);
          digits++;
          ch = b[++p];
        }
        ok = digits > 0 && digits <= 9 && ch === sep;
      }
      if (ok) {
        p += w;
        digits = 0;
        ch = b[p];
        while (ch >= 48 && ch <= 57) {
          rating = rating * 10 + (ch - 48);
          digits++;
          ch = b[++p];
        }
        if (ch === 46) {
          let scale = 0.1;
          ch = b[++p];
          while (ch >= 48 && ch <= 57) {
            rating += (ch - 48) * scale;
            scale /= 10;
            digits++;
            ch = b[++p];
          }
        }
        ok = digits > 0 && ch === sep;
      }
      if (ok) {
        p += w;
        digits = 0;
        ch = b[p];
        while (ch >= 48 && ch <= 57) {
          timestamp = timestamp * 10 + (ch - 48);
          digits++;
          ch = b[++p];
        }
        if (ch === CR) ch = b[++p];
        ok = digits > 0 && ch === NL;
      }
      if (ok) {
        this.lineNo++;
        if (this.columns.count === this.columns.user.length) this.grow();
        const c = this.columns;
        const i = c.count++;
        c.user[i] = user;
        c.movie[i] = movie;
        c.rating[i] = rating;
        c.timestamp[i] = timestamp;
        p++;
        continue;
      }
      // Not a plain line (or cut by the chunk's end): the general path decides.
      const nl = b.indexOf(NL, lineStart);
      if (nl < 0) return lineStart;
      this.line(b, lineStart, nl);
      p = nl + 1;
    }
    return p;
  }

  finish(): RatingColumns {
    if (this.carry.length > 0) {
      this.unterminated = true;
      this.line(this.carry, 0, this.carry.length);
      this.carry = new Uint8Array(0);
    }
    if (this.headerPending) {
      throw new DataError(
        this.file,
        1,
        'expected a header line `userId,movieId,rating,timestamp`, found an empty file',
      );
    }
    return this.columns;
  }

  private line(b: Uint8Array, from: number, to: number): void {
    this.lineNo++;
    if (
      this.lineNo === 1 &&
      to - from >= 3 &&
      b[from] === 0xef &&
      b[from + 1] === 0xbb &&
      b[from + 2] === 0xbf
    ) {
      from += 3; // UTF-8 byte-order mark
    }
    if (to > from && b[to - 1] === CR) to--;
    if (this.headerPending) {
      this.headerPending = false;
      const header = new TextDecoder().decode(b.subarray(from, to)).trim().toLowerCase();
      if (!header.startsWith('userid')) {
        throw new DataError(
          this.file,
          this.lineNo,
          `expected the header \`userId,movieId,rating,timestamp\`, found \`${clip(header)}\``,
        );
      }
      return;
    }
    let p = from;
    while (p < to && (b[p] === 32 || b[p] === 9) && this.format !== 'tab') p++;
    if (p >= to || isBlank(b, from, to)) {
      this.warnings.add('blank_line', this.file, this.lineNo);
      if (this.columns.count === 0) this.columns.firstLine = this.lineNo + 1;
      else this.columns.skippedLines.push(this.lineNo);
      return;
    }
    const sep = this.sep;
    const w = this.sepWidth;
    // Field 1: user id
    let user = 0;
    let digits = 0;
    for (; p < to && b[p] >= 48 && b[p] <= 57; p++, digits++) user = user * 10 + (b[p] - 48);
    if (digits === 0 || digits > 9 || p >= to || b[p] !== sep)
      return this.bad(b, from, to, 'a user id');
    p += w;
    let movie = 0;
    digits = 0;
    for (; p < to && b[p] >= 48 && b[p] <= 57; p++, digits++) movie = movie * 10 + (b[p] - 48);
    if (digits === 0 || digits > 9 || p >= to || b[p] !== sep)
      return this.bad(b, from, to, 'a movie id');
    p += w;
    // Rating: digits with an optional fraction.
    let rating = 0;
    digits = 0;
    for (; p < to && b[p] >= 48 && b[p] <= 57; p++, digits++) rating = rating * 10 + (b[p] - 48);
    if (p < to && b[p] === 46) {
      p++;
      let scale = 0.1;
      for (; p < to && b[p] >= 48 && b[p] <= 57; p++, digits++, scale /= 10)
        rating += (b[p] - 48) * scale;
    }
    if (digits === 0 || (p < to && b[p] !== sep)) return this.bad(b, from, to, 'a numeric rating');
    let timestamp = 0;
    if (p < to) {
      p += w;
      digits = 0;
      for (; p < to && b[p] >= 48 && b[p] <= 57; p++, digits++)
        timestamp = timestamp * 10 + (b[p] - 48);
      if (digits === 0) return this.bad(b, from, to, 'a numeric timestamp');
      while (p < to && (b[p] === 32 || b[p] === 9)) p++;
      if (p < to) return this.bad(b, from, to, 'four fields');
    } else {
      return this.bad(b, from, to, 'four fields (user, movie, rating, timestamp)');
    }
    if (this.columns.count === this.columns.user.length) this.grow();
    const c = this.columns;
    const i = c.count++;
    c.user[i] = user;
    c.movie[i] = movie;
    c.rating[i] = rating;
    c.timestamp[i] = timestamp;
  }

  private bad(b: Uint8Array, from: number, to: number, expected: string): never {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(
      b.subarray(from, Math.min(to, from + 60)),
    );
    const sepName = this.format === 'tab' ? 'tab' : this.format === 'dat' ? '::' : 'comma';
    const cut = this.unterminated
      ? ' (the last line has no line end: the file may be truncated)'
      : '';
    throw new DataError(
      this.file,
      this.lineNo,
      `expected ${expected}${cut} in a ${sepName}-separated line \`user${sepName === 'tab' ? '\\t' : sepName === 'comma' ? ',' : '::'}movie…\`, found \`${clip(text)}\``,
    );
  }

  private grow(): void {
    const c = this.columns;
    const cap = c.user.length * 2;
    const user = new Int32Array(cap);
    user.set(c.user);
    const movie = new Int32Array(cap);
    movie.set(c.movie);
    const rating = new Float32Array(cap);
    rating.set(c.rating);
    const timestamp = new Float64Array(cap);
    timestamp.set(c.timestamp);
    this.columns = { ...c, user, movie, rating, timestamp };
  }
}

function isBlank(b: Uint8Array, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (b[p] !== 32 && b[p] !== 9 && b[p] !== CR) return false;
  return true;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function clip(text: string): string {
  const printable = text.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}
