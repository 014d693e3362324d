/**
 * Opens a MovieLens release from a folder or a GroupLens .zip: detects the release from the
 * files present,
 * streams the ratings into a sparse matrix and reads titles, genres and demographics.
 * Every problem is either a DataError (fatal, one line naming file and line) or a counted
 * warning.
 */
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Unzip, UnzipInflate } from 'fflate';
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
import { RatingParser, type RatingColumns, type RatingFormat } from '../engine/data/rating-parser';
import {
  buildRatingsMatrix,
  fingerprint,
  type RatingScale,
  type RatingsMatrix,
} from '../engine/data/ratings-matrix';
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
  /** Base names of the release's files (within its folder or zip). */
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

/** The files a loader reads; everything else in a release (u1.base, links.csv, …) is ignored. */
const RELEVANT = new Set([
  'u.data',
  'u.item',
  'u.genre',
  'u.user',
  'ratings.dat',
  'movies.dat',
  'users.dat',
  'ratings.csv',
  'movies.csv',
  SYNTHETIC_MARKER,
]);
const RATING_FILES: Record<string, RatingFormat> = {
  'u.data': 'tab',
  'ratings.dat': 'dat',
  'ratings.csv': 'csv',
};

/** Detects the release from the base names present; `name` is the folder or zip name. */
export function layoutFromNames(names: Set<string>, name: string, where: string): Layout {
  const has = (f: string) => names.has(f);
  const at = (f: string) => (has(f) ? f : null);
  const synthetic = has(SYNTHETIC_MARKER);
  if (has('u.data')) {
    return {
      release: synthetic ? 'demo' : '100k',
      ratings: 'u.data',
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
      ratings: 'ratings.dat',
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
    const m = /ml-(\d+m|latest-small|latest)$/.exec(name.toLowerCase().replace(/\.zip$/, ''));
    return {
      release: m ? m[1] : 'csv',
      ratings: 'ratings.csv',
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
    where,
    null,
    'not a MovieLens release: expected u.data (100K), ratings.dat (1M, 10M) or ratings.csv (20M and later)',
  );
}

/** Finds the release folder: the folder itself, or its only subfolder (as GroupLens zips unpack). */
export function releaseFolder(dir: string): string {
  const files = readdirSync(dir);
  if (files.some((f) => f in RATING_FILES)) return dir;
  const subdirs = files.filter((f) => statSync(join(dir, f)).isDirectory());
  return subdirs.length === 1 ? releaseFolder(join(dir, subdirs[0])) : dir;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Bytes of the ratings file (or zip) read so far, and its size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** What both sources (folder, zip) produce: parsed ratings and the small files' bytes. */
interface RawRelease {
  layout: Layout;
  ratings: RatingColumns;
  small: Map<string, Uint8Array>;
  name: string;
  path: string;
}

export async function loadDataset(path: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  if (!existsSync(path))
    throw new DataError(path, null, 'no such file or folder; give a MovieLens folder or .zip');
  const warnings = new WarningCounter();
  const raw = statSync(path).isDirectory()
    ? await readFolder(path, warnings, options)
    : await readZip(path, warnings, options);
  return assemble(raw, warnings);
}

async function readFolder(
  path: string,
  warnings: WarningCounter,
  options: LoadOptions,
): Promise<RawRelease> {
  const dir = releaseFolder(path);
  const layout = layoutFromNames(new Set(readdirSync(dir)), basename(dir), path);
  const file = join(dir, layout.ratings);
  const total = statSync(file).size;
  const parser = new RatingParser(layout.ratings, layout.format, warnings, Math.ceil(total / 20));
  let read = 0;
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (options.signal?.aborted) {
      stream.destroy();
      throw abortError();
    }
    parser.push(chunk);
    read += chunk.length;
    options.onProgress?.(read, total);
  }
  const small = new Map<string, Uint8Array>();
  for (const f of [layout.movies, layout.genres, layout.users])
    if (f) small.set(f, readFileSync(join(dir, f)));
  return { layout, ratings: parser.finish(), small, name: basename(dir), path };
}

/**
 * Streams a GroupLens zip once: rating files are parsed as they inflate, small files are kept.
 * Only entries at the top or one folder down count (the release folder GroupLens nests).
 */
async function readZip(
  path: string,
  warnings: WarningCounter,
  options: LoadOptions,
): Promise<RawRelease> {
  const total = statSync(path).size;
  const fd = await open(path, 'r');
  const head = Buffer.alloc(4);
  await fd.read(head, 0, 4, 0);
  await fd.close();
  if (head.readUInt32LE(0) !== 0x04034b50) {
    throw new DataError(
      basename(path),
      null,
      'expected a MovieLens folder or a .zip archive, found another kind of file',
    );
  }
  const names = new Set<string>();
  const small = new Map<string, Uint8Array[]>();
  const parsers = new Map<string, RatingParser>();
  const finished = new Set<string>();
  let folder: string | null = null;
  let failure: unknown = null;
  const unzip = new Unzip((entry) => {
    const parts = entry.name.split('/');
    const base = parts[parts.length - 1];
    if (parts[0] === '__MACOSX' || parts.length > 2 || !RELEVANT.has(base)) return;
    if (parts.length === 2) folder ??= parts[0];
    names.add(base);
    const format = RATING_FILES[base];
    if (format) {
      const parser = new RatingParser(
        base,
        format,
        warnings,
        Math.ceil((entry.originalSize ?? total * 4) / 20),
      );
      parsers.set(base, parser);
      entry.ondata = (err, data, final) => {
        if (failure) return;
        try {
          if (err) throw err;
          parser.push(data);
          if (final) finished.add(base);
        } catch (e) {
          failure = e;
        }
      };
    } else {
      const chunks: Uint8Array[] = [];
      small.set(base, chunks);
      entry.ondata = (err, data, final) => {
        if (err) failure ??= err;
        else chunks.push(data);
        if (final) finished.add(base);
      };
    }
    entry.start();
  });
  unzip.register(UnzipInflate);
  let read = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) throw abortError();
      unzip.push(chunk);
      if (failure) throw failure;
      read += chunk.length;
      options.onProgress?.(read, total);
    }
    unzip.push(new Uint8Array(0), true);
  } catch (e) {
    stream.destroy();
    if (e instanceof DataError || (e instanceof Error && e.name === 'AbortError')) throw e;
    throw new DataError(
      basename(path),
      null,
      `not a readable zip archive (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (failure) throw failure;
  const name = folder ?? basename(path);
  const layout = layoutFromNames(names, name, basename(path));
  for (const f of [layout.ratings, layout.movies, layout.genres, layout.users]) {
    if (f && !finished.has(f))
      throw new DataError(
        basename(path),
        null,
        `the archive ends inside ${f}; the download is truncated, fetch it again`,
      );
  }
  const bytes = new Map([...small].map(([k, chunks]) => [k, Buffer.concat(chunks)]));
  return { layout, ratings: parsers.get(layout.ratings)!.finish(), small: bytes, name, path };
}

function assemble(raw: RawRelease, warnings: WarningCounter): LoadedDataset {
  const { layout, ratings: cols } = raw;
  if (cols.count === 0) throw new DataError(layout.ratings, null, 'expected ratings, found none');
  const matrix = buildRatingsMatrix(cols, layout.scale, layout.ratings, warnings);

  const { movies, genreNames } = readMovies(layout, raw.small, warnings);
  const byId = new Map<number, MovieRecord>();
  for (const mv of movies) {
    if (byId.has(mv.id)) warnings.add('duplicate_movie', layout.movies ?? '', 0);
    else byId.set(mv.id, mv);
  }
  const genreIndex = new Map(genreNames.map((g, i) => [g, i]));
  const titles: string[] = new Array(matrix.nMovies);
  const movieGenres = new Uint8Array(matrix.nMovies * genreNames.length);
  let unknown = 0;
  const unknownIds: number[] = [];
  for (let m = 0; m < matrix.nMovies; m++) {
    const rec = byId.get(matrix.movieIds[m]);
    titles[m] = rec?.title ?? '';
    if (!rec) {
      unknown += matrix.moviePtr[m + 1] - matrix.moviePtr[m];
      unknownIds.push(matrix.movieIds[m]);
    }
    for (const g of rec?.genres ?? []) {
      const gi = genreIndex.get(g);
      if (gi !== undefined) movieGenres[m * genreNames.length + gi] = 1;
    }
  }
  if (layout.movies && unknown > 0) {
    warnings.add('unknown_movie', layout.ratings, 0, unknown);
    const more = unknownIds.length > 5 ? ` and ${unknownIds.length - 5} more` : '';
    warnings.detail(
      'unknown_movie',
      layout.ratings,
      `movie ids ${unknownIds.slice(0, 5).join(', ')}${more}`,
    );
  }

  const demographics = layout.users ? readDemographics(layout, raw.small, matrix, warnings) : null;
  const summary = summarise(
    raw,
    matrix,
    byId.size,
    genreNames,
    demographics !== null,
    warnings.list(),
  );
  return { summary, matrix, titles, genreNames, movieGenres, demographics };
}

function readMovies(
  layout: Layout,
  small: Map<string, Uint8Array>,
  warnings: WarningCounter,
): { movies: MovieRecord[]; genreNames: string[] } {
  if (!layout.movies) return { movies: [], genreNames: [] };
  const file = layout.movies;
  const { text } = decodeText(small.get(file)!);
  if (layout.moviesKind === 'uitem') {
    const genreNames = layout.genres
      ? parseGenreFile(decodeText(small.get(layout.genres)!).text)
      : [];
    return { movies: parseUItem(text, genreNames, file, warnings), genreNames };
  }
  const movies =
    layout.moviesKind === 'dat'
      ? parseMoviesDat(text, file, warnings)
      : parseMoviesCsv(text, file, warnings);
  const genreNames = [...new Set(movies.flatMap((m) => m.genres))].sort();
  return { movies, genreNames };
}

function readDemographics(
  layout: Layout,
  small: Map<string, Uint8Array>,
  matrix: RatingsMatrix,
  warnings: WarningCounter,
): Demographics {
  const file = layout.users!;
  const { text } = decodeText(small.get(file)!);
  const records: UserRecord[] =
    layout.usersKind === 'uuser'
      ? parseUUser(text, file, warnings)
      : parseUsersDat(text, file, warnings);
  const byId = new Map(records.map((r) => [r.id, r]));
  const occupationNames = [
    ...new Set(records.map((r) => r.occupation).filter((o): o is string => o !== null)),
  ].sort();
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
  raw: RawRelease,
  m: RatingsMatrix,
  moviesListed: number,
  genreNames: string[],
  hasDemographics: boolean,
  warnings: DatasetWarning[],
): Omit<DatasetSummary, 'datasetId'> {
  const { layout } = raw;
  const { min, max, step } = layout.scale;
  const nValues = Math.round((max - min) / step) + 1;
  const counts = new Array<number>(nValues).fill(0);
  for (let j = 0; j < m.nRatings; j++) counts[Math.round((m.userVal[j] - min) / step)]++;
  const perUser = new Int32Array(m.nUsers);
  for (let i = 0; i < m.nUsers; i++) perUser[i] = m.userPtr[i + 1] - m.userPtr[i];
  const perMovie = new Int32Array(m.nMovies);
  for (let k = 0; k < m.nMovies; k++) perMovie[k] = m.moviePtr[k + 1] - m.moviePtr[k];
  return {
    name: raw.name,
    path: raw.path,
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
  for (let b = 0; b < bins; b++)
    out.push({ x0: Math.exp(a + b * w), x1: Math.exp(a + (b + 1) * w), count: 0 });
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
