import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from './load-dataset';

const SHARED = join(process.cwd(), '..', 'shared', 'datasets');
const has100k = existsSync(join(SHARED, 'ml-100k', 'u.data'));
const hasSmall = existsSync(join(SHARED, 'ml-latest-small', 'ratings.csv'));

describe('loadDataset on hand-made fixtures', () => {
  it('reads a 100K-layout folder with BOM, CRLF, a blank line, a duplicate, an out-of-scale rating and an unlisted movie', async () => {
    const d = await loadDataset('fixtures/data/tiny-100k');
    const s = d.summary;
    expect(s.release).toBe('100k');
    // 7 lines: (1,10) (1,20) blank (2,10) (2,10 dup, later) (3,30 rating 9: dropped) (3,99 unlisted)
    expect(s.ratings).toBe(4);
    expect(s.users).toBe(3);
    expect(s.movies).toBe(3); // 10, 20, 99 (30's only rating was out of scale)
    expect(s.moviesListed).toBe(4);
    const byKind = Object.fromEntries(s.warnings.map((w) => [w.kind, w]));
    expect(byKind.blank_line.lines).toEqual([3]);
    expect(byKind.duplicate_rating.count).toBe(1);
    expect(byKind.duplicate_rating.lines).toEqual([5]);
    expect(byKind.duplicate_rating.message).toMatch(/latest timestamp wins/);
    expect(byKind.rating_out_of_scale.lines).toEqual([6]);
    expect(byKind.unknown_movie.count).toBe(1);
    expect(byKind.unknown_movie.message).toMatch(/\(movie ids 99\)$/);
    // The duplicate kept the later rating (2 at t=200), Latin-1 title decoded.
    const m = d.matrix;
    const user2 = 1;
    expect(m.userVal[m.userPtr[user2]]).toBe(2);
    expect(d.titles[0]).toBe('Café Society (1990)');
    expect(d.titles[1]).toBe('Ghost, The (1990)');
    expect(d.genreNames).toEqual(['unknown', 'Action', 'Drama']);
    expect(d.demographics?.gender[1]).toBe(2);
    expect(s.ratingHistogram.map((b) => b.count)).toEqual([1, 1, 1, 0, 1]); // ratings 1, 2, 3 and 5 kept
  });

  it('reads a CSV-layout folder with quoted titles, doubled quotes and half stars', async () => {
    const d = await loadDataset('fixtures/data/tiny-csv');
    expect(d.summary.ratings).toBe(3);
    expect(d.summary.ratingScale).toEqual({ min: 0.5, max: 5, step: 0.5 });
    expect(d.titles).toEqual(['Toy Story (1995)', 'American President, The (1995)']);
    expect(d.summary.moviesListed).toBe(3);
    expect(d.genreNames).toContain('Romance');
    expect(d.genreNames).not.toContain('(no genres listed)');
    expect(d.matrix.userVal[1]).toBe(4.5);
  });

  it('finds the release inside a folder that nests it (as GroupLens zips unpack)', async () => {
    const d = await loadDataset('fixtures/data/nested');
    expect(d.summary.ratings).toBe(4);
  });

  it('names file, line and expectation for a malformed line', async () => {
    await expect(loadDataset('fixtures/data/bad-line')).rejects.toThrow(
      /^u\.data, line 2: expected a movie id/,
    );
  });

  it('rejects binary junk with a one-line error', async () => {
    await expect(loadDataset('fixtures/data/junk')).rejects.toThrow(/^u\.data, line \d+: expected/);
  });

  it('rejects a folder that is not MovieLens, an empty folder and a missing path', async () => {
    await expect(loadDataset('fixtures/data/not-movielens')).rejects.toThrow(
      /not a MovieLens release/,
    );
    const empty = mkdtempSync(join(tmpdir(), 'fl-empty-'));
    await expect(loadDataset(empty)).rejects.toThrow(/not a MovieLens release/);
    await expect(loadDataset('fixtures/data/no-such-folder')).rejects.toThrow(
      /no such file or folder/,
    );
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      loadDataset('fixtures/data/tiny-100k', { signal: controller.signal }),
    ).rejects.toThrow(/cancelled/);
  });
});

/** Zips a fixture folder, optionally nesting it in a folder as GroupLens does. */
function zipFolder(
  dir: string,
  nest: string | null,
  extra: Record<string, Uint8Array> = {},
): string {
  const entries: Record<string, Uint8Array> = { ...extra };
  for (const f of readdirSync(dir)) entries[nest ? `${nest}/${f}` : f] = readFileSync(join(dir, f));
  const out = join(mkdtempSync(join(tmpdir(), 'fl-zip-')), `${nest ?? 'release'}.zip`);
  writeFileSync(out, zipSync(entries, { level: 6, mtime: new Date('2020-01-01') }));
  return out;
}

describe('loadDataset from a .zip', () => {
  it('reads a GroupLens-style zip that nests the release folder, ignoring other entries', async () => {
    const zip = zipFolder('fixtures/data/tiny-100k', 'ml-100k', {
      '__MACOSX/ml-100k/._u.data': new Uint8Array([1, 2, 3]),
      'ml-100k/u1.base': new TextEncoder().encode('1\t10\t5\t1\n'),
    });
    const d = await loadDataset(zip);
    expect(d.summary).toMatchObject({
      release: '100k',
      name: 'ml-100k',
      ratings: 4,
      users: 3,
      moviesListed: 4,
    });
    expect(d.titles[0]).toBe('Café Society (1990)');
    expect(d.summary.warnings.map((w) => w.kind).sort()).toEqual([
      'blank_line',
      'duplicate_rating',
      'rating_out_of_scale',
      'unknown_movie',
    ]);
  });

  it('reads a zip with the files at its top level and names the release from the zip', async () => {
    const d = await loadDataset(zipFolder('fixtures/data/tiny-csv', null));
    expect(d.summary.ratings).toBe(3);
    expect(d.titles).toEqual(['Toy Story (1995)', 'American President, The (1995)']);
  });

  it('says a truncated zip is truncated', async () => {
    const zip = zipFolder('fixtures/data/tiny-100k', 'ml-100k');
    const bytes = readFileSync(zip);
    writeFileSync(zip, bytes.subarray(0, Math.floor(bytes.length / 3)));
    await expect(loadDataset(zip)).rejects.toThrow(
      /ml-100k\.zip: (the archive ends inside|not a MovieLens release|not a readable zip)/,
    );
  });

  it('rejects a file that is not a zip, and a zip without a release', async () => {
    await expect(loadDataset('fixtures/data/junk/u.data')).rejects.toThrow(
      /^u\.data: expected a MovieLens folder or a \.zip archive/,
    );
    const zip = zipFolder('fixtures/data/not-movielens', 'stuff');
    await expect(loadDataset(zip)).rejects.toThrow(/stuff\.zip: not a MovieLens release/);
  });
});

describe.skipIf(!has100k)('loadDataset on the real MovieLens 100K (../shared/datasets)', () => {
  it('reads 100,000 ratings of 943 users and 1,682 movies with no warnings', async () => {
    const d = await loadDataset(join(SHARED, 'ml-100k'));
    expect(d.summary).toMatchObject({
      release: '100k',
      ratings: 100_000,
      users: 943,
      movies: 1682,
      moviesListed: 1682,
    });
    expect(d.summary.warnings).toEqual([]);
    expect(d.summary.ratingHistogram.map((b) => b.count)).toEqual([
      6110, 11370, 27144, 34175, 21201,
    ]);
    expect(d.titles.filter((t) => [...t].some((c) => c.charCodeAt(0) > 0x7f))).toHaveLength(9);
    expect(d.summary.hasDemographics).toBe(true);
  });

  it('reads the same data from a zip of the release', async () => {
    const folder = await loadDataset(join(SHARED, 'ml-100k'));
    const zipped = await loadDataset(zipFolder(join(SHARED, 'ml-100k'), 'ml-100k'));
    expect(zipped.summary.fingerprint).toBe(folder.summary.fingerprint);
    expect(zipped.titles).toEqual(folder.titles);
  });
});

describe.skipIf(!hasSmall)('loadDataset on the real latest-small', () => {
  it('reports 100,836 ratings, 610 users, 9,724 rated and 9,742 listed movies, scale 0.5–5', async () => {
    const d = await loadDataset(join(SHARED, 'ml-latest-small'));
    expect(d.summary).toMatchObject({
      release: 'latest-small',
      ratings: 100_836,
      users: 610,
      movies: 9724,
      moviesListed: 9742,
    });
    expect(d.summary.ratingScale).toEqual({ min: 0.5, max: 5, step: 0.5 });
    expect(d.summary.warnings).toEqual([]);
  });
});

describe('loadDataset: every release layout (hand-made fixtures)', () => {
  it('1M: `::` files, Latin-1 titles, coded demographics', async () => {
    const d = await loadDataset('fixtures/data/ml-1m');
    expect(d.summary).toMatchObject({
      release: '1m',
      ratings: 3,
      users: 2,
      movies: 2,
      moviesListed: 3,
      hasDemographics: true,
    });
    expect(d.summary.ratingScale).toEqual({ min: 1, max: 5, step: 1 });
    expect(d.titles).toEqual([
      'James and the Giant Peach (1996)',
      "One Flew Over the Cuckoo's Nest (1975)",
    ]);
    expect(d.genreNames).toContain("Children's");
    expect(d.demographics!.occupationNames).toEqual(['K-12 student', 'self-employed']); // codes 10 and 16
    expect(d.demographics!.gender[0]).toBe(2);
  });

  it('10M: `::` ratings with half stars, no user file', async () => {
    const d = await loadDataset('fixtures/data/ml-10M100K');
    expect(d.summary).toMatchObject({
      release: '10m',
      ratings: 3,
      users: 2,
      movies: 2,
      hasDemographics: false,
    });
    expect(d.summary.ratingScale.step).toBe(0.5);
    expect(d.summary.warnings).toEqual([]);
  });

  it('20M/25M/32M: CSV with CRLF line ends and UTF-8 titles holding commas; extra files ignored', async () => {
    const d = await loadDataset('fixtures/data/ml-20m');
    expect(d.summary).toMatchObject({ release: '20m', ratings: 3, users: 2, movies: 2 });
    expect(d.titles[1]).toBe('City of Lost Children, The (Cité des enfants perdus, La) (1995)');
    expect(d.summary.warnings).toEqual([]);
  });

  it('latest: named from its folder', async () => {
    const d = await loadDataset('fixtures/data/ml-latest');
    expect(d.summary.release).toBe('latest');
  });

  it('reads a Latin-1 file that a user re-saved as UTF-8', async () => {
    const d = await loadDataset('fixtures/data/latin1-resaved');
    expect(d.titles[0]).toBe('Café Society (1990)');
  });

  it('says a file cut off mid-line may be truncated', async () => {
    await expect(loadDataset('fixtures/data/truncated')).rejects.toThrow(
      /^u\.data, line 2: expected a movie id \(the last line has no line end: the file may be truncated\)/,
    );
  });
});
