import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { fitParallel } from './fit-parallel';
import { randomProblem } from './fixture.test-helper';
import {
  gradientDescent,
  type GradientDescentOptions,
  type GradientDescentResult,
} from './gradient-descent';
import { splitHoldout } from './split-holdout';

// The helper entry as the app ships it (one bundled file), built for this run.
const dir = mkdtempSync(join(tmpdir(), 'fit-shard-'));
const workerUrl = join(dir, 'fit-shard.mjs');
beforeAll(async () => {
  await build({
    entryPoints: ['workers/fit-shard.worker.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: workerUrl,
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectIdentical(a: GradientDescentResult, b: GradientDescentResult) {
  expect(b.status).toBe(a.status);
  expect(b.iterations).toBe(a.iterations);
  expect(b.divergence).toEqual(a.divergence);
  expect(b.diagnostics).toEqual(a.diagnostics); // every number equal, not merely close
  expect(Array.from(b.U)).toEqual(Array.from(a.U));
  expect(Array.from(b.V)).toEqual(Array.from(a.V));
}

const R0 = randomProblem(300, 120, 0.08, 42);
const { train, test } = splitHoldout(R0, 0.1, createRng(5));

describe('fitParallel', () => {
  for (const [threads, K, lambda, kernel] of [
    [2, 20, 0, 'wasm'],
    [3, 5, 5, 'wasm'],
    [2, 70, 0.5, 'wasm'],
    [2, 20, 0.5, 'js'],
    [3, 7, 0, 'js'],
  ] as const) {
    const name = `${threads} threads, K = ${K}, λ = ${lambda}, ${kernel} kernels, validation`;
    it(`matches gradientDescent bit for bit (${name})`, async () => {
      const opts = (): GradientDescentOptions => ({
        factors: K,
        alpha: 0.0005,
        lambda,
        iterations: 40,
        tolerance: 0,
        initScale: 0.5,
        rng: createRng(7),
        validation: test,
        kernel,
      });
      // The single-threaded reference runs the other kernels: all must agree to the bit.
      const one = gradientDescent(train, { ...opts(), kernel: kernel === 'js' ? 'wasm' : 'js' });
      const many = await fitParallel(train, opts(), { threads, workerUrl, minRatingsPerThread: 0 });
      expect(many.threads).toBe(threads);
      expect(one.diagnostics[0].validationRmse).toBeGreaterThan(0);
      expectIdentical(one, many);
    });
  }

  it('diverges, and stops at the tolerance, exactly as one thread does', async () => {
    const diverging = (): GradientDescentOptions => ({
      factors: 4,
      alpha: 0.05,
      lambda: 0,
      iterations: 100,
      tolerance: 0,
      initScale: 1,
      rng: createRng(3),
    });
    const one = gradientDescent(train, diverging());
    expect(one.status).toBe('diverged');
    expectIdentical(
      one,
      await fitParallel(train, diverging(), { threads: 2, workerUrl, minRatingsPerThread: 0 }),
    );
    const full = gradientDescent(train, { ...diverging(), alpha: 0.0005, iterations: 30 });
    const tol = full.diagnostics[25].maxResidualChange * 1.0000001;
    const converging = (): GradientDescentOptions => ({
      ...diverging(),
      alpha: 0.0005,
      iterations: 30,
      tolerance: tol,
    });
    const stopped = gradientDescent(train, converging());
    expect(stopped.status).toBe('converged');
    expectIdentical(
      stopped,
      await fitParallel(train, converging(), { threads: 2, workerUrl, minRatingsPerThread: 0 }),
    );
  });

  it('stops when cancelled and closes the diagnostics', async () => {
    const signal = { aborted: false };
    const r = await fitParallel(
      train,
      {
        factors: 3,
        alpha: 0.0005,
        lambda: 0,
        iterations: 1000,
        tolerance: 0,
        initScale: 1,
        rng: createRng(1),
        signal,
        onIteration: (p) => {
          if (p.iteration === 10) signal.aborted = true;
        },
      },
      { threads: 2, workerUrl, minRatingsPerThread: 0 },
    );
    expect(r.status).toBe('cancelled');
    expect(r.iterations).toBe(11);
  });

  it('uses fewer threads when each would get too few ratings', async () => {
    const opts = {
      factors: 2,
      alpha: 0.0005,
      lambda: 0,
      iterations: 3,
      tolerance: 0,
      initScale: 1,
      rng: createRng(1),
    };
    const r = await fitParallel(train, opts, {
      threads: 2,
      workerUrl,
      minRatingsPerThread: train.nRatings,
    });
    expect(r.threads).toBe(1);
  });

  it('rejects with the reason when a helper cannot start', async () => {
    const broken = join(dir, 'broken.mjs');
    writeFileSync(broken, "throw new Error('no shard here');\n");
    const opts = {
      factors: 2,
      alpha: 0.0005,
      lambda: 0,
      iterations: 3,
      tolerance: 0,
      initScale: 1,
      rng: createRng(1),
    };
    await expect(
      fitParallel(train, opts, { threads: 2, workerUrl: broken, minRatingsPerThread: 0 }),
    ).rejects.toThrow(/fit-shard helper failed: no shard here/);
  });
});
