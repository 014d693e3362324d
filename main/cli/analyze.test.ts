import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const analyze = (args: string[]) =>
  spawnSync(process.execPath, ['dist/node/analyze.js', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });

const csv = (path: string) =>
  readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));

describe('analyze (CLI, on the bundled synthetic demo)', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'fl-analyze-')), 'report');
  const run = analyze([
    '--out',
    out,
    '--iterations',
    '60',
    '--alpha',
    '0.0005',
    '--epochs',
    '30',
    '--quiet',
  ]);

  it('exits 0 and writes every file of SPEC §7', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const f of [
      'report.html',
      'summary.json',
      'diagnostics.csv',
      'user_factors.csv',
      'movie_factors.csv',
      'points.csv',
      'assignments.csv',
      'linkage.csv',
      'metrics.json',
      'clusters.json',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  });

  it('records counts, parameters, iterations, status and per-stage timings in summary.json', () => {
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.dataset.synthetic).toBe(true);
    expect(s.dataset.release).toBe('demo');
    expect(s.parameters).toMatchObject({ factors: 20, alpha: 0.0005, iterations: 60, clusters: 5 });
    expect(s.iterations).toBe(60);
    expect(s.status).toBe('max_iterations');
    for (const stage of ['load', 'train', 'cluster', 'embed', 'report']) {
      expect(s.timings[stage], stage).toBeGreaterThan(0);
    }
  });

  it('writes a last rmse equal to the RMSE recomputed from the factor files and the ratings', () => {
    const diag = csv(join(out, 'diagnostics.csv'));
    expect(diag[0]).toEqual(['iteration', 'rmse', 'max_residual_change', 'max_update']);
    expect(diag).toHaveLength(61);
    const lastRmse = Number(diag[60][1]);
    const U = new Map(
      csv(join(out, 'user_factors.csv'))
        .slice(1)
        .map((r) => [Number(r[0]), r.slice(1).map(Number)]),
    );
    // Demo titles hold no commas, so a plain split is safe here.
    const V = new Map(
      csv(join(out, 'movie_factors.csv'))
        .slice(1)
        .map((r) => [Number(r[0]), r.slice(2).map(Number)]),
    );
    let sum = 0;
    let n = 0;
    for (const line of readFileSync('assets/demo/u.data', 'utf8').trimEnd().split('\n')) {
      const [u, m, r] = line.split('\t').map(Number);
      const pu = U.get(u)!;
      const pv = V.get(m)!;
      let dot = 0;
      for (let k = 0; k < pu.length; k++) dot += pu[k] * pv[k];
      sum += (r - dot) ** 2;
      n++;
    }
    expect(Math.abs(Math.sqrt(sum / n) - lastRmse) / lastRmse).toBeLessThan(1e-12);
  });

  it('writes one assignment per point, users then movies, and n − 1 Ward merges', () => {
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const n = s.dataset.users + s.dataset.movies;
    const rows = csv(join(out, 'assignments.csv'));
    expect(rows[0]).toEqual(['kind', 'id', 'title', 'kmeans', 'ward', 'umap_x', 'umap_y']);
    expect(rows).toHaveLength(n + 1);
    expect(rows[1][0]).toBe('user');
    expect(rows[n][0]).toBe('movie');
    const labels = new Set(rows.slice(1).map((r) => r[3]));
    expect(labels.size).toBe(5);
    expect(csv(join(out, 'linkage.csv'))).toHaveLength(n);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.kmeans.silhouette).toBeGreaterThan(-1);
    expect(metrics.kmeans.silhouette).toBeLessThan(1);
  });

  it('refuses to overwrite an existing report without --force', () => {
    const again = analyze(['--out', out, '--iterations', '2', '--quiet']);
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});

describe('analyze on a subset', () => {
  it('fits only the subset and records it in summary.json', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fl-sub-')), 'r');
    const r = analyze([
      '--out',
      out,
      '--iterations',
      '5',
      '--alpha',
      '0.0005',
      '--epochs',
      '10',
      '--top-movies',
      '100',
      '--min-user-ratings',
      '5',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.subset.movies).toBeLessThanOrEqual(100);
    expect(s.subset.description).toBe('top 100 most rated movies, users with ≥ 5 ratings');
    expect(csv(join(out, 'movie_factors.csv'))).toHaveLength(s.subset.movies + 1);
    expect(csv(join(out, 'user_factors.csv'))).toHaveLength(s.subset.users + 1);
  });

  it('rejects a malformed movie id range in one line', () => {
    const r = analyze(['--movie-ids', '500-1']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--movie-ids must be a range like 1-500, got "500-1"/);
  });
});

describe('analyze on bad input', () => {
  it('stops a diverging fit with exit 2 and one line naming the iteration and a smaller alpha', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fl-div-')), 'r');
    const r = analyze(['--out', out, '--alpha', '0.05', '--quiet']);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^factorlens: step size 0\.05 diverged at iteration \d+; try alpha <= [\d.e-]+$/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a missing folder and a bad option value with one line each', () => {
    const missing = analyze(['/no/such/folder', '--quiet']);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toMatch(
      /^factorlens: \/no\/such\/folder: no such file or folder/,
    );
    const bad = analyze(['--factors', 'abc']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--factors must be an integer/);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('analyze with validation and solvers', () => {
  it('holds out a seeded fraction and writes validation_rmse per iteration', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fl-ho-')), 'r');
    const r = analyze([
      '--out',
      out,
      '--iterations',
      '20',
      '--alpha',
      '0.0005',
      '--epochs',
      '10',
      '--holdout',
      '0.2',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    const diag = csv(join(out, 'diagnostics.csv'));
    expect(diag[0]).toEqual([
      'iteration',
      'rmse',
      'max_residual_change',
      'max_update',
      'validation_rmse',
    ]);
    expect(Number(diag[20][4])).toBeGreaterThan(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const v = s.parameters.validation;
    expect(v.testRatings / (v.trainRatings + v.testRatings)).toBeCloseTo(0.2, 3);
  });

  it('fits with ALS, labelled in the summary', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fl-als-')), 'r');
    const r = analyze([
      '--out',
      out,
      '--iterations',
      '5',
      '--solver',
      'als',
      '--lambda',
      '1',
      '--epochs',
      '10',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.parameters.solver).toBe('als');
    expect(s.status).toBe('max_iterations');
  });

  it('refuses two validation kinds at once', () => {
    const r = analyze(['--holdout', '0.2', '--folds', '5', '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('factorlens: choose one of --holdout, --folds and --split');
  });
});

describe('sweep (CLI)', () => {
  it('prints one CSV row per (K, λ) cell with train and held-out RMSE', () => {
    const r = spawnSync(
      process.execPath,
      [
        'dist/node/sweep.js',
        '--lambdas',
        '0.1,5',
        '--factor-list',
        '',
        '--iterations',
        '15',
        '--alpha',
        '0.0005',
        '--quiet',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stderr).toBe('');
    const rows = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual([
      'factors',
      'lambda',
      'status',
      'iterations',
      'train_rmse',
      'validation_rmse',
      'max_update',
      'seconds',
    ]);
    expect(rows.slice(1).map((row) => row.slice(0, 2))).toEqual([
      ['20', '0.1'],
      ['20', '5'],
    ]);
    for (const row of rows.slice(1)) expect(Number(row[5])).toBeGreaterThan(0);
  });
});

describe('analyze checks before working', () => {
  it('refuses --fold without --folds, and too many clusters, in one line', () => {
    const a = analyze(['--fold', '2', '--quiet']);
    expect(a.status).toBe(1);
    expect(a.stderr.trim()).toBe('factorlens: --fold needs --folds (the number of folds)');
    const b = analyze([
      '--clusters',
      '1000',
      '--quiet',
      '--out',
      join(mkdtempSync(join(tmpdir(), 'fl-k-')), 'r'),
    ]);
    expect(b.status).toBe(1);
    expect(b.stderr.trim()).toBe(
      'factorlens: --clusters 1000 needs more points: this dataset has 1000 users and movies, so k ≤ 999',
    );
  });

  it('refuses an output path under a file before doing any work', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-out-'));
    writeFileSync(join(dir, 'file'), 'x');
    const r = analyze(['--out', join(dir, 'file', 'r'), '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      `factorlens: cannot create ${join(dir, 'file', 'r')}: ${join(dir, 'file')} is not a writable folder`,
    );
  });

  it('stops on Ctrl-C with one line and no report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fl-int-')), 'r');
    const child = spawn(process.execPath, [
      'dist/node/analyze.js',
      '--iterations',
      '100000000',
      '--quiet',
      '--out',
      out,
    ]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(130);
    expect(stderr.trim()).toBe('factorlens: cancelled; no report was written');
    expect(existsSync(out)).toBe(false);
  });
});
