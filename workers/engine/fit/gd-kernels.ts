/**
 * The two sparse passes of one gradient-descent iteration (see gradient-descent.ts), and the
 * choice between their three implementations, which all give bit-identical results:
 *
 * - WebAssembly with 128-bit SIMD (gd-kernels-wasm.ts), the default where it runs: on 100K at
 *   K = 20, 1.6 ms an iteration here, level with the C loop of bench/c/gd.c;
 * - JavaScript generated for one K ≤ 64 with the k-loops unrolled (this file): the own row
 *   (u_i in the user pass, v_m in the movie pass) sits in locals for the whole row, each other
 *   row is loaded once per entry for both the dot product and the gradient, and no inner loop
 *   control or scratch-array bounds check is left: 3.6 ms at K = 20, about twice as fast as
 *   the same loops written for any K, but held back by JavaScript's scalar arithmetic and the
 *   index check on every typed-array access;
 * - JavaScript loops for any K (gd-kernels-looped.ts), the fallback above K = 64.
 *
 * Arithmetic order, shared by all three (and relied on by the tests):
 * - a dot product x·o is four partial sums a_j = Σ_{k ≡ j mod 4} x_k o_k (k ascending), then
 *   ((a_0 + a_1) + a_2) + a_3; four chains instead of one keep the FP adder busy;
 * - ‖o‖² is one sum in k order;
 * - gradients g_k accumulate over entries in storage order.
 *
 * Symbols: o = the row being updated, x = the other factor's row of entry e, r = residual.
 */
import { loopedGdKernels } from './gd-kernels-looped';
import { wasmGdKernels, wasmSimdAvailable } from './gd-kernels-wasm';
import type { GdWorkspace } from './gd-workspace';

export interface GdKernels {
  /**
   * Pass A over users lo..hi−1 with the current U and V: residuals (stored, and compared with
   * the previous ones), per-row Σr², ‖u_i‖², validation Σr², then (if `update`) the step
   * u_i ← u_i + 2α(Σ r v_m − λu_i), backing up u_i first. Writes the shard's largest residual
   * change to stats[slot] and largest |Δu| to stats[slot + 1].
   */
  users(
    w: GdWorkspace,
    lo: number,
    hi: number,
    update: boolean,
    stats: Float64Array,
    slot: number,
  ): void;
  /**
   * Pass B over movies lo..hi−1 with the new U: v_m ← v_m + 2α(Σ r u_i − λv_m) and ‖v_m‖²
   * after the step. Writes the shard's largest |Δv| to stats[slot + 2].
   */
  movies(w: GdWorkspace, lo: number, hi: number, stats: Float64Array, slot: number): void;
}

/**
 * Which kernels a fit runs: 'wasm' (gd-kernels-wasm.ts: fastest, needs WebAssembly SIMD and
 * copies the ratings into its memory), 'js' (these), or 'auto': WebAssembly where available.
 * All give bit-identical results.
 */
export type GdKernelChoice = 'auto' | 'wasm' | 'js';

export function resolveKernelChoice(choice: GdKernelChoice = 'auto'): 'wasm' | 'js' {
  if (choice === 'js') return 'js';
  if (wasmSimdAvailable()) return 'wasm';
  if (choice === 'wasm')
    throw new Error("kernel 'wasm' needs WebAssembly SIMD, which this runtime lacks; use 'js'");
  return 'js';
}

/** The kernels for a workspace: WebAssembly ones when its arrays live in `memory`. */
export function gdKernelsFor(K: number, memory: WebAssembly.Memory | null): GdKernels {
  return memory ? wasmGdKernels(K, memory) : gdKernels(K);
}

/** Above this K the unrolled source grows past what V8 optimises well; loops take over. */
const UNROLL_MAX_K = 64;
/** Up to this K the gradient lives in locals too; beyond it, register spills cost more than a scratch array. */
const LOCAL_GRADIENT_MAX_K = 16;

const compiled = new Map<number, GdKernels>();

/** The kernels for K factors, compiled once per thread. */
export function gdKernels(K: number): GdKernels {
  let kernels = compiled.get(K);
  if (!kernels) {
    kernels = K <= UNROLL_MAX_K ? unrolledGdKernels(K) : loopedGdKernels(K);
    compiled.set(K, kernels);
  }
  return kernels;
}

/** Generates and compiles the unrolled kernels (exported for the equivalence test). */
export function unrolledGdKernels(K: number): GdKernels {
  const ks = Array.from({ length: K }, (_, k) => k);
  const each = (f: (k: number) => string, sep = '\n') => ks.map(f).join(sep);
  const at = (base: string, k: number) => (k === 0 ? base : `${base} + ${k}`);
  const localGrad = K <= LOCAL_GRADIENT_MAX_K;
  const g = (k: number) => (localGrad ? `g${k}` : `grad[${k}]`);
  const zeroGrad = localGrad
    ? `let ${each((k) => `g${k} = 0`, ', ')};`
    : each((k) => `grad[${k}] = 0;`);
  /** x·o with the four-chain order described above; `x(k)` spells x_k. */
  const dot = (x: (k: number) => string) => {
    const chains = [0, 1, 2, 3]
      .map((j) => ks.filter((k) => k % 4 === j).map((k) => `${x(k)} * o${k}`))
      .filter((terms) => terms.length > 0)
      .map((terms) => `(${terms.join(' + ')})`);
    return chains.join(' + ');
  };
  const loadOwn = (A: string) => `const ${each((k) => `o${k} = ${A}[${at('ob', k)}]`, ', ')};`;
  const loadOther = (A: string) => `const ${each((k) => `x${k} = ${A}[${at('xb', k)}]`, ', ')};`;

  const users = `
    const userPtr = w.userPtr, userCol = w.userCol, userVal = w.userVal;
    const valPtr = w.valPtr, valCol = w.valCol, valVal = w.valVal;
    const U = w.U, V = w.V, Ubackup = w.Ubackup, residual = w.residual;
    const rowSq = w.rowSq, rowNormU = w.rowNormU, rowValSq = w.rowValSq;
    const twoAlpha = w.twoAlpha, lambda = w.lambda;
    let maxChange = 0, maxStep = 0;
    for (let i = lo; i < hi; i++) {
      const ob = i * ${K};
      ${loadOwn('U')}
      ${zeroGrad}
      let sq = 0;
      for (let e = userPtr[i], end = userPtr[i + 1]; e < end; e++) {
        const xb = userCol[e] * ${K};
        ${loadOther('V')}
        const r = userVal[e] - (${dot((k) => `x${k}`)});
        sq += r * r;
        const change = Math.abs(r - residual[e]);
        if (change > maxChange) maxChange = change;
        residual[e] = r;
        ${each((k) => `${g(k)} += r * x${k};`)}
      }
      rowSq[i] = sq;
      rowNormU[i] = ${each((k) => `o${k} * o${k}`, ' + ')};
      let valSq = 0;
      for (let e = valPtr[i], end = valPtr[i + 1]; e < end; e++) {
        const xb = valCol[e] * ${K};
        const r = valVal[e] - (${dot((k) => `V[${at('xb', k)}]`)});
        valSq += r * r;
      }
      rowValSq[i] = valSq;
      if (update) {
        ${each(
          (k) => `{
          Ubackup[${at('ob', k)}] = o${k};
          const d = twoAlpha * (${g(k)} - lambda * o${k});
          U[${at('ob', k)}] = o${k} + d;
          const a = Math.abs(d);
          if (a > maxStep) maxStep = a;
        }`,
        )}
      }
    }
    stats[slot] = maxChange;
    stats[slot + 1] = maxStep;`;

  const movies = `
    const moviePtr = w.moviePtr, movieCol = w.movieCol, movieVal = w.movieVal;
    const U = w.U, V = w.V, rowNormV = w.rowNormV;
    const twoAlpha = w.twoAlpha, lambda = w.lambda;
    let maxStep = 0;
    for (let m = lo; m < hi; m++) {
      const ob = m * ${K};
      ${loadOwn('V')}
      ${zeroGrad}
      for (let e = moviePtr[m], end = moviePtr[m + 1]; e < end; e++) {
        const xb = movieCol[e] * ${K};
        ${loadOther('U')}
        const r = movieVal[e] - (${dot((k) => `x${k}`)});
        ${each((k) => `${g(k)} += r * x${k};`)}
      }
      ${each(
        (k) => `const d${k} = twoAlpha * (${g(k)} - lambda * o${k}), n${k} = o${k} + d${k};
      V[${at('ob', k)}] = n${k};
      const a${k} = Math.abs(d${k});
      if (a${k} > maxStep) maxStep = a${k};`,
      )}
      rowNormV[m] = ${each((k) => `n${k} * n${k}`, ' + ')};
    }
    stats[slot + 2] = maxStep;`;

  // One closure per K over its own scratch gradient; the names show up in profiles.
  const factory = new Function(
    'grad',
    `return {
      users: function gdUsersK${K}(w, lo, hi, update, stats, slot) {${users}},
      movies: function gdMoviesK${K}(w, lo, hi, stats, slot) {${movies}},
    };`,
  ) as (grad: Float64Array) => GdKernels;
  return factory(new Float64Array(K));
}
