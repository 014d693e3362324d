import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadRelease, releaseSize } from './download';
import { loadDataset } from '../../workers/data/load-dataset';

/** A local stand-in for GroupLens: serves ml-100k.zip (a tiny release) and its .md5. */
let server: Server;
let base: string;
let requests: string[] = [];
const zip = Buffer.from(
  zipSync(
    Object.fromEntries(
      readdirSync('fixtures/data/tiny-100k').map((f) => [
        `ml-100k/${f}`,
        readFileSync(join('fixtures/data/tiny-100k', f)),
      ]),
    ),
    { mtime: new Date('2020-01-01') },
  ),
);
const md5 = createHash('md5').update(zip).digest('hex');
let served = zip;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url === '/ml-100k.zip') {
      res.writeHead(200, { 'content-length': String(served.length) });
      if (req.method === 'HEAD') return res.end();
      // Two halves, so progress is reported more than once.
      res.write(served.subarray(0, served.length >> 1));
      setTimeout(() => res.end(served.subarray(served.length >> 1)), 20);
    } else if (req.url === '/ml-100k.zip.md5') {
      res.end(`MD5 (ml-100k.zip) = ${md5}\n`);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => server.close());

describe('downloadRelease (against a local HTTP server)', () => {
  it('shows the size, downloads with progress, verifies the checksum and caches the zip', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'fl-cache-'));
    expect(await releaseSize('100k', base)).toBe(zip.length);
    const progress: number[] = [];
    const r = await downloadRelease('100k', {
      cacheDir,
      baseUrl: base,
      onProgress: (b) => progress.push(b),
    });
    expect(r).toMatchObject({
      bytes: zip.length,
      md5,
      cached: false,
      path: join(cacheDir, 'ml-100k.zip'),
    });
    expect(progress.at(-1)).toBe(zip.length);
    expect(progress.length).toBeGreaterThan(1);
    const d = await loadDataset(r.path);
    expect(d.summary.ratings).toBe(4);
    requests = [];
    const again = await downloadRelease('100k', { cacheDir, baseUrl: base });
    expect(again.cached).toBe(true);
    expect(requests).toEqual([]); // verified earlier: served from the cache, offline too
  });

  it('refuses a corrupt download and leaves nothing in the cache', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'fl-cache-'));
    served = Buffer.concat([zip.subarray(0, 10), Buffer.from('x'), zip.subarray(11)]);
    try {
      await expect(downloadRelease('100k', { cacheDir, baseUrl: base })).rejects.toThrow(
        /ml-100k\.zip failed its checksum .* try again/,
      );
    } finally {
      served = zip;
    }
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('says clearly when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    const cacheDir = mkdtempSync(join(tmpdir(), 'fl-cache-'));
    await expect(
      downloadRelease('100k', { cacheDir, baseUrl: `http://127.0.0.1:${port}/` }),
    ).rejects.toThrow(
      /^could not reach 127\.0\.0\.1:\d+ \(.*\); check the network, or download .* by hand and open the zip$/,
    );
    expect(existsSync(join(cacheDir, 'ml-100k.zip'))).toBe(false);
  });

  it('names the releases it knows when asked for another', async () => {
    await expect(downloadRelease('2k', { cacheDir: tmpdir(), baseUrl: base })).rejects.toThrow(
      /unknown release "2k"; choose one of 100k, 1m/,
    );
  });

  it('reports a missing file on the server', async () => {
    await expect(
      downloadRelease('1m', { cacheDir: mkdtempSync(join(tmpdir(), 'fl-cache-')), baseUrl: base }),
    ).rejects.toThrow(/ml-1m\.zip\.md5 answered HTTP 404/);
  });
});
