/**
 * Downloads a MovieLens release from GroupLens on request: asks its size first, streams it
 * with progress into the app's cache folder, verifies it against the MD5 checksum GroupLens
 * publishes beside each zip, and only then moves it into place. MovieLens may not be
 * redistributed, so FactorLens ships none and fetches from the source.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from './errors';

export const GROUPLENS_BASE = 'https://files.grouplens.org/datasets/movielens/';

/** Release name → zip file name on GroupLens. */
export const RELEASE_FILES: Record<string, string> = {
  '100k': 'ml-100k.zip',
  '1m': 'ml-1m.zip',
  '10m': 'ml-10m.zip',
  '20m': 'ml-20m.zip',
  '25m': 'ml-25m.zip',
  '32m': 'ml-32m.zip',
  latest: 'ml-latest.zip',
  'latest-small': 'ml-latest-small.zip',
};

/** Where downloads are kept: $XDG_CACHE_HOME/factorlens or ~/.cache/factorlens (CLI, server). */
export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'factorlens');
}

export interface DownloadOptions {
  cacheDir: string;
  baseUrl?: string;
  signal?: AbortSignal;
  onProgress?: (bytes: number, total: number | null) => void;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  md5: string;
  /** True when the verified file was already in the cache. */
  cached: boolean;
}

function fileFor(release: string): string {
  const file = RELEASE_FILES[release];
  if (!file)
    throw new UserError(
      `unknown release "${release}"; choose one of ${Object.keys(RELEASE_FILES).join(', ')}`,
    );
  return file;
}

async function get(url: string, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { signal, redirect: 'follow' });
  } catch (e) {
    if (signal?.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
    const cause =
      e instanceof Error && e.cause instanceof Error
        ? e.cause.message
        : e instanceof Error
          ? e.message
          : String(e);
    throw new UserError(
      `could not reach ${new URL(url).host} (${cause}); check the network, or download ${url} by hand and open the zip`,
    );
  }
  if (!res.ok)
    throw new UserError(`${url} answered HTTP ${res.status}; the release may have moved`);
  return res;
}

/** The size GroupLens reports for a release's zip, in bytes (null when the server does not say). */
export async function releaseSize(
  release: string,
  baseUrl = GROUPLENS_BASE,
): Promise<number | null> {
  const url = new URL(fileFor(release), baseUrl).toString();
  let res: Response;
  try {
    res = await fetch(url, { method: 'HEAD' });
  } catch {
    throw new UserError(`could not reach ${new URL(url).host}; check the network`);
  }
  const length = res.headers.get('content-length');
  return res.ok && length ? Number(length) : null;
}

export async function downloadRelease(
  release: string,
  o: DownloadOptions,
): Promise<DownloadResult> {
  const file = fileFor(release);
  const base = o.baseUrl ?? GROUPLENS_BASE;
  const url = new URL(file, base).toString();
  mkdirSync(o.cacheDir, { recursive: true });
  const target = join(o.cacheDir, file);
  // A verified download keeps its checksum beside it, so the cache works offline.
  const stored = `${target}.md5`;
  if (existsSync(target) && existsSync(stored)) {
    const known = readFileSync(stored, 'utf8').trim();
    if ((await md5OfFile(target)) === known)
      return { path: target, bytes: statSync(target).size, md5: known, cached: true };
  }
  const expected = await expectedMd5(url, o.signal);
  const res = await get(url, o.signal);
  const total = res.headers.get('content-length')
    ? Number(res.headers.get('content-length'))
    : null;
  const partial = `${target}.part`;
  const hash = createHash('md5');
  const out = createWriteStream(partial);
  let bytes = 0;
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      bytes += value.length;
      if (!out.write(value)) await new Promise<void>((r) => out.once('drain', () => r()));
      o.onProgress?.(bytes, total);
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    if (total !== null && bytes !== total)
      throw new UserError(`download of ${file} stopped at ${bytes} of ${total} bytes; try again`);
    const md5 = hash.digest('hex');
    if (md5 !== expected) {
      throw new UserError(
        `${file} failed its checksum (MD5 ${md5}, GroupLens says ${expected}); the download is corrupt, try again`,
      );
    }
    renameSync(partial, target);
    writeFileSync(stored, `${md5}\n`);
    return { path: target, bytes, md5, cached: false };
  } catch (e) {
    out.destroy();
    rmSync(partial, { force: true });
    if (o.signal?.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
    throw e;
  }
}

/** GroupLens publishes `<zip>.md5` holding `MD5 (<zip>) = <hex>` or `<hex>  <zip>`. */
async function expectedMd5(url: string, signal?: AbortSignal): Promise<string> {
  const res = await get(`${url}.md5`, signal);
  const text = await res.text();
  const m = /\b([0-9a-f]{32})\b/i.exec(text);
  if (!m) throw new UserError(`${url}.md5 holds no MD5 checksum; cannot verify the download`);
  return m[1].toLowerCase();
}

async function md5OfFile(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
