/**
 * Parsers for the small text files of a release: movie lists, genre names and user
 * demographics. Each takes decoded text and returns plain records; malformed lines are
 * counted as warnings and skipped.
 */
import Papa from 'papaparse';
import type { WarningCounter } from './warnings';

export interface MovieRecord {
  id: number;
  title: string;
  genres: string[];
}

export interface UserRecord {
  id: number;
  age: number | null;
  gender: 'M' | 'F' | null;
  occupation: string | null;
}

/** 1M `users.dat` codes its occupations 0–20 (see the release README). */
const ML1M_OCCUPATIONS = [
  'other',
  'academic/educator',
  'artist',
  'clerical/admin',
  'college/grad student',
  'customer service',
  'doctor/health care',
  'executive/managerial',
  'farmer',
  'homemaker',
  'K-12 student',
  'lawyer',
  'programmer',
  'retired',
  'sales/marketing',
  'scientist',
  'self-employed',
  'technician/engineer',
  'tradesman/craftsman',
  'unemployed',
  'writer',
];

/**
 * Decodes a text file as UTF-8 when it is valid UTF-8 (this also covers Latin-1 files a user
 * re-saved as UTF-8), otherwise as Latin-1 (how 100K and 1M ship). Strips a byte-order mark.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'latin1' } {
  let text: string;
  let encoding: 'utf-8' | 'latin1' = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
    encoding = 'latin1';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** `u.genre`: `name|index` per line. */
export function parseGenreFile(text: string): string[] {
  const names: string[] = [];
  for (const line of lines(text)) {
    const [name, index] = line.split('|');
    if (name === undefined || index === undefined || name.trim() === '') continue;
    names[Number(index)] = name.trim();
  }
  return names.filter((n) => n !== undefined);
}

/** `u.item`: `id|title|date|video date|url|19 genre flags` (flags in `u.genre` order). */
export function parseUItem(
  text: string,
  genreNames: string[],
  file: string,
  warnings: WarningCounter,
): MovieRecord[] {
  const out: MovieRecord[] = [];
  lines(text).forEach((line, i) => {
    if (line.trim() === '') return;
    const f = line.split('|');
    const id = Number(f[0]);
    if (f.length < 5 || !Number.isInteger(id)) {
      warnings.add('bad_movie_line', file, i + 1);
      return;
    }
    const flags = f.slice(f.length - genreNames.length);
    const genres = genreNames.filter((_, g) => flags[g] === '1');
    out.push({ id, title: f[1], genres });
  });
  return out;
}

/** `movies.dat`: `id::title::a|b`. */
export function parseMoviesDat(
  text: string,
  file: string,
  warnings: WarningCounter,
): MovieRecord[] {
  const out: MovieRecord[] = [];
  lines(text).forEach((line, i) => {
    if (line.trim() === '') return;
    const f = line.split('::');
    const id = Number(f[0]);
    if (f.length < 3 || !Number.isInteger(id)) {
      warnings.add('bad_movie_line', file, i + 1);
      return;
    }
    out.push({ id, title: f[1], genres: splitGenres(f[2]) });
  });
  return out;
}

/** `movies.csv`: header `movieId,title,genres`, titles quoted when they hold commas. */
export function parseMoviesCsv(
  text: string,
  file: string,
  warnings: WarningCounter,
): MovieRecord[] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  const out: MovieRecord[] = [];
  rows.forEach((row, i) => {
    if (i === 0 && row[0]?.trim().toLowerCase() === 'movieid') return;
    const id = Number(row[0]);
    if (row.length < 3 || !Number.isInteger(id) || row[0].trim() === '') {
      warnings.add('bad_movie_line', file, i + 1);
      return;
    }
    out.push({ id, title: row[1], genres: splitGenres(row[2]) });
  });
  return out;
}

function splitGenres(field: string | undefined): string[] {
  if (!field) return [];
  return field
    .trim()
    .split('|')
    .filter((g) => g !== '' && g !== '(no genres listed)');
}

/** `u.user`: `id|age|gender|occupation|zip`. */
export function parseUUser(text: string, file: string, warnings: WarningCounter): UserRecord[] {
  const out: UserRecord[] = [];
  lines(text).forEach((line, i) => {
    if (line.trim() === '') return;
    const f = line.split('|');
    const id = Number(f[0]);
    if (f.length < 4 || !Number.isInteger(id)) {
      warnings.add('bad_user_line', file, i + 1);
      return;
    }
    out.push({ id, age: toAge(f[1]), gender: toGender(f[2]), occupation: f[3] || null });
  });
  return out;
}

/** 1M `users.dat`: `id::gender::age::occupation::zip` (age is a band's lower bound). */
export function parseUsersDat(text: string, file: string, warnings: WarningCounter): UserRecord[] {
  const out: UserRecord[] = [];
  lines(text).forEach((line, i) => {
    if (line.trim() === '') return;
    const f = line.split('::');
    const id = Number(f[0]);
    if (f.length < 4 || !Number.isInteger(id)) {
      warnings.add('bad_user_line', file, i + 1);
      return;
    }
    const occ = Number(f[3]);
    out.push({
      id,
      age: toAge(f[2]),
      gender: toGender(f[1]),
      occupation: ML1M_OCCUPATIONS[occ] ?? null,
    });
  });
  return out;
}

function toAge(s: string | undefined): number | null {
  const a = Number(s);
  return s !== undefined && s.trim() !== '' && Number.isFinite(a) && a > 0 && a < 130 ? a : null;
}

function toGender(s: string | undefined): 'M' | 'F' | null {
  const g = s?.trim().toUpperCase();
  return g === 'M' || g === 'F' ? g : null;
}
