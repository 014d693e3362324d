/**
 * Opens a MovieLens release from a folder: detects the release from the files present,
 * streams the ratings into a sparse matrix and reads titles, genres and demographics.
 * Every problem is either a DataError (fatal, one line naming file and line) or a counted
 * warning.
 */
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DatasetSummary, DatasetWarning, HistogramBin } from '../../main/contract';
import {
  decodeText,
  parseGenreFile,
  parseMoviesCsv,
  parseMoviesDat,
  parseUItem,
  parseUUser,
  parseUsersDat,
  type MovieRecord,
  type UserRecord,
} from '../engine/data/catalog-parsers';
import { RatingParser, type RatingFormat } from '../engine/data/rating-parser';
import { buildRatingsMatrix, fingerprint, type RatingScale, type RatingsMatrix } from '../engine/data/ratings-matrix';
import { DataError, WarningCounter } from '../engine/data/warnings';

export interface Demographics {
  /** Per user index; NaN where unknown. */
  age: Float64Array;
  /** 0 unknown, 1 male, 2 female. */
  gender: Uint8Array;
  /** Index into occupationNames, −1 unknown. */
  occupation: Int32Array;
  occupationNames: string[];
}

export interface LoadedDataset {
  summary: Omit<DatasetSummary, 'datasetId'>;
  matrix: RatingsMatrix;
  /** Per movie index ('' where the movie file does not list the movie). */
  titles: string[];
  genreNames: string[];
  /** nMovies × nGenres flags. */
  movieGenres: Uint8Array;
  demographics: Demographics | null;
}

interface Layout {
  release: string;
  ratings: string;
  format: RatingFormat;
  scale: RatingScale;
  movies: string | null;
  moviesKind: 'uitem' | 'dat' | 'csv';
  genres: string | null;
  users: string | null;
  usersKind: 'uuser' | 'dat';
  synthetic: boolean;
}

const WHOLE_STARS: RatingScale = { min: 1, max: 5, step: 1 };
const HALF_STARS: RatingScale = { min: 0.5, max: 5, step: 0.5 };

/** Marker file that labels the bundled generated dataset. */
export const SYNTHETIC_MARKER = 'FACTORLENS-SYNTHETIC';

export function detectLayout(dir: string): Layout {
  if (!existsSync(dir)) throw new DataError(dir, null, 'no such file or folder; give a MovieLens folder or .zip');
  if (!statSync(dir).isDirectory()) {
    throw new DataError(dir, null, 'expected a MovieLens folder (a .zip is not supported yet: unzip it first)');
  }
  let files = readdirSync(dir);
  // GroupLens zips unpack to a folder holding one folder (ml-100k/…): look one level down.
  const has = (f: string) => files.includes(f);
  if (!has('u.data') && !has('ratings.dat') && !has('ratings.csv')) {
    const subdirs = files.filter((f) => statSync(join(dir, f)).isDirectory());
    if (subdirs.length === 1) return detectLayout(join(dir, subdirs[0]));
    files = [];
  }
  const at = (f: string) => (has(f) ? join(dir, f) : null);
  const name = basename(dir).toLowerCase();
  const synthetic = has(SYNTHETIC_MARKER);
  if (has('u.data')) {
    return {
      release: synthetic ? 'demo' : '100k',
      ratings: join(dir, 'u.data'),
      format: 'tab',
      scale: WHOLE_STARS,
      movies: at('u.item'),
      moviesKind: 'uitem',
      genres: at('u.genre'),
      users: at('u.user'),
      usersKind: 'uuser',
      synthetic,
    };
  }
  if (has('ratings.dat')) {
    const oneM = has('users.dat');
    return {
      release: oneM ? '1m' : '10m',
      ratings: join(dir, 'ratings.dat'),
      format: 'dat',
      scale: oneM ? WHOLE_STARS : HALF_STARS,
      movies: at('movies.dat'),
      moviesKind: 'dat',
      genres: null,
      users: at('users.dat'),
      usersKind: 'dat',
      synthetic,
    };
  }
  if (has('ratings.csv')) {
    const m = /ml-(\d+m|latest-small|latest)$/.exec(name);
    return {
      release: m ? m[1] : 'csv',
      ratings: join(dir, 'ratings.csv'),
      format: 'csv',
      scale: HALF_STARS,
      movies: at('movies.csv'),
      moviesKind: 'csv',
      genres: null,
      users: null,
      usersKind: 'dat',
      synthetic,
    };
  }
  throw new DataError(
    dir,
    null,
    'not a MovieLens release: expected u.data (100K), ratings.dat (1M, 10M) or ratings.csv (20M and later)',
  );
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Bytes of the ratings file read so far, and its size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export async function loadDataset(dir: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  const layout = detectLayout(dir);
  const warnings = new WarningCounter();
  const ratingsName = basename(layout.ratings);
  const total = statSync(layout.ratings).size;
  const parser = new RatingParser(ratingsName, layout.format, warnings, Math.ceil(total / 20));
  let read = 0;
  const stream = createReadStream(layout.ratings, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (options.signal?.aborted) {
      stream.destroy();
      throw abortError();
    }
    parser.push(chunk);
    read += chunk.length;
    options.onProgress?.(read, total);
  }
  const cols = parser.finish();
  if (cols.count === 0) throw new DataError(ratingsName, null, 'expected ratings, found none');
  const matrix = buildRatingsMatrix(cols, layout.scale, ratingsName, warnings);

  const { movies, genreNames } = readMovies(layout, warnings);
  const byId = new Map<number, MovieRecord>();
  for (const mv of movies) {
    if (byId.has(mv.id)) warnings.add('duplicate_movie', basename(layout.movies ?? ''), 0);
    else byId.set(mv.id, mv);
  }
  const genreIndex = new Map(genreNames.map((g, i) => [g, i]));
  const titles: string[] = new Array(matrix.nMovies);
  const movieGenres = new Uint8Array(matrix.nMovies * genreNames.length);
  let unknown = 0;
  for (let m = 0; m < matrix.nMovies; m++) {
    const rec = byId.get(matrix.movieIds[m]);
    titles[m] = rec?.title ?? '';
    if (!rec) unknown += matrix.moviePtr[m + 1] - matrix.moviePtr[m];
    for (const g of rec?.genres ?? []) {
      const gi = genreIndex.get(g);
      if (gi !== undefined) movieGenres[m * genreNames.length + gi] = 1;
    }
  }
  if (layout.movies && unknown > 0) warnings.add('unknown_movie', ratingsName, 0, unknown);

  const demographics = layout.users ? readDemographics(layout, matrix, warnings) : null;
  const summary = summarise(dir, layout, matrix, byId.size, genreNames, demographics !== null, warnings.list());
  return { summary, matrix, titles, genreNames, movieGenres, demographics };
}

function readMovies(layout: Layout, warnings: WarningCounter): { movies: MovieRecord[]; genreNames: string[] } {
  if (!layout.movies) return { movies: [], genreNames: [] };
  const file = basename(layout.movies);
  const { text } = decodeText(readFileSync(layout.movies));
  if (layout.moviesKind === 'uitem') {
    const genreNames = layout.genres ? parseGenreFile(decodeText(readFileSync(layout.genres)).text) : [];
    return { movies: parseUItem(text, genreNames, file, warnings), genreNames };
  }
  const movies = layout.moviesKind === 'dat' ? parseMoviesDat(text, file, warnings) : parseMoviesCsv(text, file, warnings);
  const genreNames = [...new Set(movies.flatMap((m) => m.genres))].sort();
  return { movies, genreNames };
}

function readDemographics(layout: Layout, matrix: RatingsMatrix, warnings: WarningCounter): Demographics {
  const file = basename(layout.users!);
  const { text } = decodeText(readFileSync(layout.users!));
  const records: UserRecord[] =
    layout.usersKind === 'uuser' ? parseUUser(text, file, warnings) : parseUsersDat(text, file, warnings);
  const byId = new Map(records.map((r) => [r.id, r]));
  const occupationNames = [...new Set(records.map((r) => r.occupation).filter((o): o is string => o !== null))].sort();
  const occIndex = new Map(occupationNames.map((o, i) => [o, i]));
  const n = matrix.nUsers;
  const age = new Float64Array(n).fill(NaN);
  const gender = new Uint8Array(n);
  const occupation = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = byId.get(matrix.userIds[i]);
    if (!r) continue;
    if (r.age !== null) age[i] = r.age;
    gender[i] = r.gender === 'M' ? 1 : r.gender === 'F' ? 2 : 0;
    if (r.occupation !== null) occupation[i] = occIndex.get(r.occupation) ?? -1;
  }
  return { age, gender, occupation, occupationNames };
}

function summarise(
  dir: string,
  layout: Layout,
  m: RatingsMatrix,
  moviesListed: number,
  genreNames: string[],
  hasDemographics: boolean,
  warnings: DatasetWarning[],
): Omit<DatasetSummary, 'datasetId'> {
  const { min, max, step } = layout.scale;
  const nValues = Math.round((max - min) / step) + 1;
  const counts = new Array<number>(nValues).fill(0);
  for (let j = 0; j < m.nRatings; j++) counts[Math.round((m.userVal[j] - min) / step)]++;
  const perUser = new Int32Array(m.nUsers);
  for (let i = 0; i < m.nUsers; i++) perUser[i] = m.userPtr[i + 1] - m.userPtr[i];
  const perMovie = new Int32Array(m.nMovies);
  for (let k = 0; k < m.nMovies; k++) perMovie[k] = m.moviePtr[k + 1] - m.moviePtr[k];
  return {
    name: basename(dir),
    path: dir,
    release: layout.release,
    synthetic: layout.synthetic,
    ratings: m.nRatings,
    users: m.nUsers,
    movies: m.nMovies,
    moviesListed: Math.max(moviesListed, 0),
    density: m.nRatings / (m.nUsers * m.nMovies),
    ratingScale: { min, max, step },
    ratingHistogram: counts.map((count, i) => ({ value: min + i * step, count })),
    ratingsPerUser: logHistogram(perUser),
    ratingsPerMovie: logHistogram(perMovie),
    genres: genreNames,
    hasDemographics,
    warnings,
    fingerprint: fingerprint(m),
  };
}

/** Histogram of positive counts on ~24 logarithmic bins (counts per user/movie are heavy-tailed). */
export function logHistogram(values: Int32Array, bins = 24): HistogramBin[] {
  let lo = Infinity;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (values.length === 0) return [];
  lo = Math.max(1, lo);
  if (hi <= lo) return [{ x0: lo, x1: lo + 1, count: values.length }];
  const a = Math.log(lo);
  const w = (Math.log(hi + 1) - a) / bins;
  const out: HistogramBin[] = [];
  for (let b = 0; b < bins; b++) out.push({ x0: Math.exp(a + b * w), x1: Math.exp(a + (b + 1) * w), count: 0 });
  for (const v of values) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((Math.log(Math.max(v, 1)) - a) / w)));
    out[b].count++;
  }
  return out;
}

function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}
