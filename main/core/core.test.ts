import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_PARAMS, DEFAULT_FIT_PARAMS } from '../contract';
import { CancelledError } from '../../workers/protocol';
import { FactorLensCore } from './core';
import { runWorker } from './run-worker';

const workerDir = join(process.cwd(), 'dist', 'node', 'workers');
const demoDir = join(process.cwd(), 'assets', 'demo');

describe('FactorLensCore', () => {
  it('opens the synthetic demo when no path is given and labels it synthetic', async () => {
    const core = new FactorLensCore({ workerDir, demoDir });
    const s = await core.openDataset('j1', null);
    expect(s.synthetic).toBe(true);
    expect(s.release).toBe('demo');
    expect(s.ratings).toBeGreaterThan(10_000);
  });

  it('streams fit diagnostics as progress events, in order, without gaps', async () => {
    const core = new FactorLensCore({ workerDir, demoDir });
    const s = await core.openDataset('j1', null);
    const seen: number[] = [];
    core.onProgress((e) => {
      if (e.stage === 'fit') for (const p of e.fitPoints ?? []) seen.push(p.iteration);
    });
    const r = await core.fit('f1', s.datasetId, {
      ...DEFAULT_FIT_PARAMS,
      alpha: 0.0005,
      iterations: 40,
    });
    expect(r.status).toBe('max_iterations');
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('cancels a running fit and keeps the partial model', async () => {
    const core = new FactorLensCore({ workerDir, demoDir });
    const s = await core.openDataset('j1', null);
    // Cancellation latency is measured in bench/cancel.bench.mjs, not asserted here.
    let cancelledAt = 0;
    core.onProgress((e) => {
      if (e.stage === 'fit' && cancelledAt === 0 && (e.fitPoints?.at(-1)?.iteration ?? 0) >= 5) {
        cancelledAt = performance.now();
        expect(core.cancel('f1')).toBe(true);
      }
    });
    const r = await core.fit('f1', s.datasetId, {
      ...DEFAULT_FIT_PARAMS,
      alpha: 0.0005,
      iterations: 100_000,
    });
    expect(r.status).toBe('cancelled');
    expect(r.iterations).toBeGreaterThanOrEqual(5);
    expect(core.cancel('f1')).toBe(false);
  });

  it('refuses to cluster a diverged model, with the reason', async () => {
    const core = new FactorLensCore({ workerDir, demoDir });
    const s = await core.openDataset('j1', null);
    const r = await core.fit('f1', s.datasetId, {
      ...DEFAULT_FIT_PARAMS,
      alpha: 0.5,
      iterations: 100,
    });
    expect(r.status).toBe('diverged');
    expect(r.divergence?.message).toMatch(/diverged at iteration/);
    await expect(
      core.cluster('c1', r.modelId, {
        ...DEFAULT_CLUSTER_PARAMS,
        restarts: 2,
        seed: 1,
        minRatings: 5,
      }),
    ).rejects.toThrow(/diverged; fit again with a smaller alpha/);
  });

  it('fits on a given split, scoring the held-out file every iteration', async () => {
    const core = new FactorLensCore({ workerDir, demoDir });
    const s = await core.openDataset('j1', null);
    const r = await core.fit('f1', s.datasetId, {
      ...DEFAULT_FIT_PARAMS,
      alpha: 0.0005,
      iterations: 10,
      validation: { kind: 'given', train: 'u1.base', test: 'u1.test' },
    });
    expect(r.validation).toMatchObject({ trainRatings: 25_799 });
    expect(r.validation!.testRatings + r.validation!.dropped).toBe(6_348);
    expect(r.diagnostics.every((p) => (p.validationRmse ?? 0) > 0)).toBe(true);
    await expect(
      core.fit('f2', s.datasetId, {
        ...DEFAULT_FIT_PARAMS,
        validation: { kind: 'given', train: '../x', test: 'u1.test' },
      }),
    ).rejects.toThrow(/must be a plain file name/);
  });

  it('reports an unknown dataset id as a user error', async () => {
    const core = new FactorLensCore({ workerDir, demoDir });
    await expect(core.fit('f1', 'nope', DEFAULT_FIT_PARAMS)).rejects.toThrow(
      /no open dataset with id nope/,
    );
  });
});

describe('runWorker', () => {
  it('reports a worker that fails to start, and the next job still runs', async () => {
    const bad = runWorker(workerDir, 'no-such-worker', {});
    await expect(bad.promise).rejects.toThrow(/no-such-worker worker (crashed|stopped)/);
    const core = new FactorLensCore({ workerDir, demoDir });
    await expect(core.openDataset('j', null)).resolves.toMatchObject({ synthetic: true });
  });

  it('rejects a cancelled job with CancelledError', async () => {
    const job = runWorker(workerDir, 'load', { path: demoDir });
    job.cancel();
    await expect(job.promise).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('cancelAll', () => {
  it('cancels every running job (the desktop menu) and reports how many', async () => {
    const core = new FactorLensCore({ workerDir, demoDir });
    const s = await core.openDataset('j1', null);
    const a = core.fit('a', s.datasetId, {
      ...DEFAULT_FIT_PARAMS,
      alpha: 0.0005,
      iterations: 100_000,
    });
    const b = core.fit('b', s.datasetId, {
      ...DEFAULT_FIT_PARAMS,
      alpha: 0.0005,
      iterations: 100_000,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(core.cancelAll()).toBe(2);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.status).toBe('cancelled');
    expect(rb.status).toBe('cancelled');
    expect(core.cancelAll()).toBe(0);
  });
});
