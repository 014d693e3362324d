import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReportInput } from './report-input.fixture';
import { REPORT_FILES, writeFileAtomic, writeJsonAtomic, writeReport } from './write-report';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'factorlens-report-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const read = (dir: string, name: string) => readFile(join(dir, name), 'utf8');
const lines = (text: string) => text.trimEnd().split('\n');

describe('writeReport(dir, input)', () => {
  it('writes every report file into a new folder', async () => {
    const dir = join(root, 'nested', 'report');
    const result = await writeReport(dir, makeReportInput());
    expect(result.dir).toBe(dir);
    expect(result.files).toEqual([...REPORT_FILES]);
    expect((await readdir(dir)).sort()).toEqual([...REPORT_FILES].sort());
    expect(await readdir(join(root, 'nested'))).toEqual(['report']);
  });

  it('gives the folder the permissions of any new folder, not a private temp folder', async () => {
    const dir = join(root, 'report');
    await writeReport(dir, makeReportInput());
    await mkdir(join(root, 'plain'));
    expect((await stat(dir)).mode).toBe((await stat(join(root, 'plain'))).mode);
  });

  describe('files', () => {
    let dir: string;
    beforeEach(async () => {
      dir = join(root, 'out');
      await writeReport(dir, makeReportInput());
    });

    it('diagnostics.csv: one full-precision row per iteration', async () => {
      const rows = lines(await read(dir, 'diagnostics.csv'));
      expect(rows[0]).toBe('iteration,rmse,max_residual_change,max_update');
      expect(rows).toHaveLength(4);
      expect(rows[1]).toBe('1,1.2345678901234567,0.5,0.25');
      expect(rows[3]).toBe('3,0.8,1e-7,0.01');
    });

    it('user_factors.csv and movie_factors.csv: raw factors, titles quoted when needed', async () => {
      const users = lines(await read(dir, 'user_factors.csv'));
      expect(users).toEqual(['id,f1,f2', '1,0.1,0.2', '2,0.3,0.4', '3,0.5,0.6', '4,0.7,0.8']);
      const movies = lines(await read(dir, 'movie_factors.csv'));
      expect(movies[0]).toBe('id,title,f1,f2');
      expect(movies).toHaveLength(7);
      expect(movies[1]).toBe('10,"Ghost, The ""Movie"" (1990)",1,2');
      expect(movies[2]).toBe('11,Tom & Jerry <Remastered>,3,4');
      expect(movies[6]).toBe(`15,Casablanca (1942),11,${String(1 / 3)}`);
    });

    it('points.csv: the rows of UVstd with kind and id, users first', async () => {
      const rows = lines(await read(dir, 'points.csv'));
      expect(rows[0]).toBe('kind,id,f1,f2');
      expect(rows).toHaveLength(11);
      expect(rows[1]).toBe(`user,1,${String(-10 / 7)},${String(-9 / 7)}`);
      expect(rows[5].startsWith('movie,10,')).toBe(true);
    });

    it('assignments.csv: labels and map coordinates, title empty for users', async () => {
      const rows = lines(await read(dir, 'assignments.csv'));
      expect(rows[0]).toBe('kind,id,title,kmeans,ward,umap_x,umap_y');
      expect(rows).toHaveLength(11);
      expect(rows[1]).toBe('user,1,,0,0,0,0');
      expect(rows[5]).toBe('movie,10,"Ghost, The ""Movie"" (1990)",0,0,0.2,0.8');
      expect(rows[10]).toBe('movie,15,Casablanca (1942),1,0,2.5,2.2');
    });

    it('linkage.csv: n - 1 merges in SciPy convention', async () => {
      const rows = lines(await read(dir, 'linkage.csv'));
      expect(rows[0]).toBe('left,right,height,size');
      expect(rows).toHaveLength(10);
      expect(rows[1]).toBe('0,1,0.5,2');
      expect(rows[9]).toBe('17,16,5,10');
    });

    it('metrics.json: snake_case metrics per method and the agreement', async () => {
      const metrics = JSON.parse(await read(dir, 'metrics.json'));
      expect(metrics).toEqual({
        kmeans: {
          silhouette: 0.41,
          davies_bouldin: 0.9,
          calinski_harabasz: 12.5,
          inertia: 8.25,
          silhouette_sample: null,
        },
        ward: {
          silhouette: 0.45,
          davies_bouldin: 0.8,
          calinski_harabasz: 11,
          inertia: 8.5,
          silhouette_sample: null,
          cophenetic_correlation: 0.87,
        },
        agreement: {
          adjusted_rand: 0.5,
          contingency: [
            [4, 0],
            [1, 5],
          ],
        },
      });
    });

    it('clusters.json: per method and cluster, sizes, representative and profile', async () => {
      const clusters = JSON.parse(await read(dir, 'clusters.json'));
      expect(Object.keys(clusters)).toEqual(['kmeans', 'ward']);
      expect(clusters.kmeans).toHaveLength(2);
      const first = clusters.kmeans[0];
      expect(Object.keys(first)).toEqual([
        'cluster',
        'users',
        'movies',
        'representative',
        'candidates',
        'nearest_outside',
        'note',
        'genre_mix',
        'demographics',
      ]);
      expect(first).toMatchObject({ cluster: 0, users: 2, movies: 2 });
      expect(first.representative).toEqual({
        id: 10,
        title: 'Ghost, The "Movie" (1990)',
        genres: ['Drama', 'Romance'],
        ratings: 30,
        mean_rating: 3.5,
        distance: 0.4,
      });
      const empty = clusters.ward[1];
      expect(empty.representative).toBeNull();
      expect(empty.nearest_outside.id).toBe(10);
      expect(empty.note).toMatch(/no movie/);
    });

    it('report.html: the rendered report', async () => {
      expect(await read(dir, 'report.html')).toMatch(/^<!DOCTYPE html>/);
    });
  });

  it('leaves umap columns empty without an embedding', async () => {
    const dir = join(root, 'no-map');
    await writeReport(dir, makeReportInput({ embedding: false }));
    expect(lines(await read(dir, 'assignments.csv'))[1]).toBe('user,1,,0,0,,');
  });

  it('refuses an existing folder without overwrite, and leaves it as it was', async () => {
    const dir = join(root, 'report');
    await writeReport(dir, makeReportInput());
    await writeFile(join(dir, 'marker.txt'), 'old');
    await expect(writeReport(dir, makeReportInput())).rejects.toThrow(
      `report folder ${dir} already exists; choose another folder or pass overwrite`,
    );
    expect(await read(dir, 'marker.txt')).toBe('old');
    expect(await readdir(root)).toEqual(['report']);
  });

  it('replaces an existing folder with overwrite, leaving nothing beside it', async () => {
    const dir = join(root, 'report');
    await writeReport(dir, makeReportInput());
    await writeFile(join(dir, 'marker.txt'), 'old');
    await writeReport(dir, makeReportInput({ embedding: false }), { overwrite: true });
    expect((await readdir(dir)).sort()).toEqual([...REPORT_FILES].sort());
    expect(lines(await read(dir, 'assignments.csv'))[1]).toBe('user,1,,0,0,,');
    expect(await readdir(root)).toEqual(['report']);
  });

  it('leaves an existing report untouched when a write fails part-way', async () => {
    const dir = join(root, 'report');
    await writeReport(dir, makeReportInput());
    const before = await read(dir, 'assignments.csv');
    let written = 0;
    const failing = async (path: string, data: string) => {
      if (++written === 4) throw new Error('disk full');
      await writeFile(path, data);
    };
    await expect(
      writeReport(dir, makeReportInput({ embedding: false }), {
        overwrite: true,
        writeFile: failing,
      }),
    ).rejects.toThrow('disk full');
    expect(written).toBe(4);
    expect(await read(dir, 'assignments.csv')).toBe(before);
    expect((await readdir(dir)).sort()).toEqual([...REPORT_FILES].sort());
    expect(await readdir(root)).toEqual(['report']);
  });

  it('creates nothing when a write into a new folder fails', async () => {
    const failing = async () => {
      throw new Error('no space');
    };
    await expect(
      writeReport(join(root, 'new'), makeReportInput(), { writeFile: failing }),
    ).rejects.toThrow('no space');
    expect(await readdir(root)).toEqual([]);
  });

  it('refuses a path that is a file', async () => {
    const file = join(root, 'report');
    await writeFile(file, 'x');
    await expect(writeReport(file, makeReportInput(), { overwrite: true })).rejects.toThrow(
      /is a file/,
    );
  });

  it('throws on inconsistent input before touching the disk', async () => {
    const input = makeReportInput();
    input.uvStd = new Float64Array(3);
    await expect(writeReport(join(root, 'r'), input)).rejects.toThrow(
      'report input: uvStd has length 3, expected 20',
    );
    expect(await readdir(root)).toEqual([]);
  });
});

describe('writeFileAtomic(path, data) / writeJsonAtomic(path, value)', () => {
  it('replaces a file whole and leaves no temporary file', async () => {
    const path = join(root, 'summary.json');
    await writeFileAtomic(path, 'old');
    await writeJsonAtomic(path, { status: 'converged', timings: { load: 1.5 } });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      status: 'converged',
      timings: { load: 1.5 },
    });
    expect(await readdir(root)).toEqual(['summary.json']);
  });

  it('leaves no temporary file when the folder is missing', async () => {
    await expect(writeFileAtomic(join(root, 'missing', 'x.json'), '{}')).rejects.toThrow(/ENOENT/);
    expect(await readdir(root)).toEqual([]);
  });
});
