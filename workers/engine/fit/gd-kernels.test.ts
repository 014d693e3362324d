import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { randomProblem } from './fixture.test-helper';
import { unrolledGdKernels, type GdKernels } from './gd-kernels';
import { loopedGdKernels } from './gd-kernels-looped';
import { wasmGdKernels, wasmSimdAvailable } from './gd-kernels-wasm';
import { allocateGdWorkspace, type GdPlacement } from './gd-workspace';
import { splitHoldout } from './split-holdout';

type Make = (K: number, memory: WebAssembly.Memory | null) => GdKernels;
const unrolled: Make = (K) => unrolledGdKernels(K);
const looped: Make = (K) => loopedGdKernels(K);
const wasm: Make = (K, memory) => wasmGdKernels(K, memory!);

/** Five full iterations (pass A with update, pass B) and a closing pass A, with validation. */
function run(make: Make, placement: GdPlacement, K: number, lambda: number) {
  const R0 = randomProblem(40, 25, 0.3, K);
  const { train: R, test } = splitHoldout(R0, 0.2, createRng(K));
  const rng = createRng(K + 1);
  const U0 = Float64Array.from({ length: R.nUsers * K }, rng);
  const V0 = Float64Array.from({ length: R.nMovies * K }, rng);
  const { workspace: w, memory } = allocateGdWorkspace(
    R,
    test,
    K,
    0.002,
    lambda,
    U0,
    V0,
    placement,
  );
  const kernels = make(K, memory);
  const stats = new Float64Array(4);
  const trace: number[] = [];
  for (let t = 0; t < 5; t++) {
    kernels.users(w, 0, R.nUsers, true, stats, 0);
    trace.push(stats[0], stats[1]);
    kernels.movies(w, 0, R.nMovies, stats, 0);
    trace.push(stats[2]);
  }
  kernels.users(w, 0, R.nUsers, false, stats, 0);
  trace.push(stats[0]);
  return { w, trace, kernels };
}

const ARRAYS = [
  'U',
  'V',
  'Ubackup',
  'residual',
  'rowSq',
  'rowNormU',
  'rowValSq',
  'rowNormV',
] as const;

describe('gd kernels', () => {
  it('WebAssembly SIMD is available here (else the wasm comparisons below would not run)', () => {
    expect(wasmSimdAvailable()).toBe(true);
  });

  for (const K of [1, 2, 3, 4, 5, 6, 7, 16, 17, 20, 33, 70]) {
    it(`unrolled, looped and WebAssembly kernels agree bit for bit (K = ${K})`, () => {
      const reference = run(looped, 'heap', K, 0.7);
      const others = [run(wasm, 'wasm', K, 0.7)];
      if (K <= 64) others.push(run(unrolled, 'heap', K, 0.7));
      for (const other of others) {
        expect(other.trace).toEqual(reference.trace);
        for (const key of ARRAYS)
          expect(Array.from(other.w[key]), key).toEqual(Array.from(reference.w[key]));
      }
    });
  }

  it('a measuring pass leaves U alone', () => {
    for (const [make, placement] of [
      [unrolled, 'heap'],
      [wasm, 'wasm'],
    ] as const) {
      const { w, kernels } = run(make, placement, 3, 0);
      const before = Array.from(w.U);
      kernels.users(w, 0, w.userPtr.length - 1, false, new Float64Array(4), 0);
      expect(Array.from(w.U)).toEqual(before);
    }
  });

  it('WebAssembly kernels refuse a workspace outside their memory', () => {
    const R = randomProblem(5, 4, 0.5, 1);
    const { workspace: w } = allocateGdWorkspace(
      R,
      null,
      2,
      0.01,
      0,
      new Float64Array(10),
      new Float64Array(8),
      'heap',
    );
    const other = allocateGdWorkspace(
      R,
      null,
      2,
      0.01,
      0,
      new Float64Array(10),
      new Float64Array(8),
      'wasm',
    );
    expect(() => wasmGdKernels(2, other.memory!).movies(w, 0, 4, new Float64Array(4), 0)).toThrow(
      /workspace\.userPtr is not in the kernels' memory/,
    );
  });
});
