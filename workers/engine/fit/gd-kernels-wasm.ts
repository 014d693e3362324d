/**
 * The gradient-descent passes of gd-kernels.ts as WebAssembly with 128-bit SIMD, generated
 * for one K: the same loops, with each factor row held as ⌊K/2⌋ f64x2 values (plus one f64
 * when K is odd). JavaScript has no vector arithmetic and checks every typed-array index, so
 * this runs the passes 2–3 times faster on 100K (bench/fit-speed.bench.ts).
 *
 * Same arithmetic in the same order as the JavaScript kernels, so the results are
 * bit-identical (gd-kernels.test.ts): the dot product's four chains a_j = Σ_{k ≡ j mod 4} are
 * the lanes of two f64x2 accumulators (pairs (k, k+1) with k ≡ 0 mod 4 in the first, k ≡ 2 in
 * the second), summed ((a_0 + a_1) + a_2) + a_3; an odd K's last term joins its chain last;
 * WebAssembly SIMD has no fused multiply-add, so every product rounds before its sum, as in
 * JavaScript; norms are summed one element at a time in k order; maxima use the same strict
 * comparison (NaN never wins).
 *
 * The kernels read and write only the module's memory: every workspace array must be a view
 * of it (gd-workspace.ts allocates them so). Addresses are byte offsets, passed per call.
 */
import type { GdKernels } from './gd-kernels';
import type { GdWorkspace } from './gd-workspace';
import {
  F64,
  I32,
  V128,
  assembleModule,
  wat,
  type ValueType,
  type WasmFunction,
} from './wasm-assembler';

/** Largest memory a module accepts (wasm32: 4 GiB in 64 KiB pages). */
export const MAX_WASM_PAGES = 65536;

/** Locals of a function being generated: parameters first, then extra locals as asked. */
class Frame {
  readonly locals: ValueType[] = [];
  constructor(readonly nParams: number) {}
  local(type: ValueType): number {
    this.locals.push(type);
    return this.nParams + this.locals.length - 1;
  }
}

/** One factor row in locals: ⌊K/2⌋ f64x2 pairs and, for odd K, one f64 tail. */
interface RowLocals {
  pairs: number[];
  tail: number | null;
}

function rowLocals(f: Frame, K: number): RowLocals {
  return {
    pairs: Array.from({ length: K >> 1 }, () => f.local(V128)),
    tail: K % 2 === 1 ? f.local(F64) : null,
  };
}

/** Loads the row at the byte address in local `addr` into `row`. */
function loadRow(row: RowLocals, addr: number): number[] {
  const pairs = row.pairs.flatMap(
    (p, j) => wat`local.get ${addr} v128.load ${16 * j} local.set ${p}`,
  );
  if (row.tail === null) return pairs;
  return wat`${pairs} local.get ${addr} f64.load ${16 * row.pairs.length} local.set ${row.tail}`;
}

/**
 * Pushes x·o in the chain order of gd-kernels.ts. `x(j)` pushes pair j of x, `xTail()` its
 * tail (odd K); o is in locals; `acc` are two v128 scratch locals.
 */
function dot(
  K: number,
  o: RowLocals,
  acc: [number, number],
  x: (j: number) => number[],
  xTail: () => number[],
): number[] {
  const accumulate = (first: number) => {
    const js = o.pairs.map((_, j) => j).filter((j) => j % 2 === first);
    if (js.length === 0) return wat`v128.zero`;
    return js.flatMap(
      (j, n) => wat`${x(j)} local.get ${o.pairs[j]} f64x2.mul ${n > 0 ? wat`f64x2.add` : []}`,
    );
  };
  // An odd K's tail k = K − 1 is even: it ends chain 0 (lane 0 of acc[0]) or 2 (of acc[1]).
  const tailChain = K % 2 === 1 ? (K - 1) % 4 : -1;
  const tail = (chain: number) =>
    chain === tailChain ? wat`${xTail()} local.get ${o.tail!} f64.mul f64.add` : [];
  return wat`
    ${accumulate(0)} local.set ${acc[0]}
    ${accumulate(1)} local.set ${acc[1]}
    local.get ${acc[0]} f64x2.extract_lane 0 ${tail(0)}
    local.get ${acc[0]} f64x2.extract_lane 1 f64.add
    local.get ${acc[1]} f64x2.extract_lane 0 ${tail(2)} f64.add
    local.get ${acc[1]} f64x2.extract_lane 1 f64.add`;
}

/** Pushes Σ_k row_k², one element at a time in k order. */
function squaredNorm(row: RowLocals): number[] {
  const elements = row.pairs.flatMap((p) => [
    wat`local.get ${p} f64x2.extract_lane 0`,
    wat`local.get ${p} f64x2.extract_lane 1`,
  ]);
  if (row.tail !== null) elements.push(wat`local.get ${row.tail}`);
  return elements.flatMap((e, k) => wat`${e} ${e} f64.mul ${k > 0 ? wat`f64.add` : []}`);
}

/** max ← a > max ? a : max for the f64 a on the stack, which `scratch` receives. */
const foldMax = (max: number, scratch: number) => wat`
  local.set ${scratch}
  local.get ${scratch} local.get ${max} local.get ${scratch} local.get ${max} f64.gt select
  local.set ${max}`;

/** for (i = from; i < to; i++) body — i and to are i32 locals, `from` pushes the start. */
const forLoop = (i: number, from: number[], to: number, body: number[]) => wat`
  ${from} local.set ${i}
  block loop
    local.get ${i} local.get ${to} i32.ge_s br_if 1
    ${body}
    local.get ${i} i32.const 1 i32.add local.set ${i} br 0
  end end`;

/** Pushes base + index · scale (i32 locals). */
const address = (base: number, index: number, scale: number) =>
  wat`local.get ${base} local.get ${index} i32.const ${scale} i32.mul i32.add`;

/** Pushes the byte address of the other factor's row of entry e: base + col[e] · 8K. */
const otherRow = (base: number, col: number, e: number, K: number) =>
  wat`local.get ${base} ${address(col, e, 4)} i32.load 0 i32.const ${8 * K} i32.mul i32.add`;

/** g ← g + r·x over the row's pairs and tail. */
function accumulateGradient(g: RowLocals, x: RowLocals, r: number): number[] {
  const pairs = g.pairs.flatMap(
    (gj, j) =>
      wat`local.get ${gj} local.get ${r} f64x2.splat local.get ${x.pairs[j]} f64x2.mul f64x2.add local.set ${gj}`,
  );
  if (g.tail === null) return pairs;
  return wat`${pairs} local.get ${g.tail} local.get ${r} local.get ${x.tail!} f64.mul f64.add local.set ${g.tail}`;
}

/** Zeroes a gradient row. */
function zeroRow(g: RowLocals): number[] {
  const pairs = g.pairs.flatMap((gj) => wat`v128.zero local.set ${gj}`);
  return g.tail === null ? pairs : wat`${pairs} f64.const 0 local.set ${g.tail}`;
}

/** Locals and parameters the step below reads and writes. */
interface StepLocals {
  o: RowLocals;
  g: RowLocals;
  /** Receives o + d when given (the movie pass needs it for ‖v_m‖²). */
  n: RowLocals | null;
  rowAddr: number;
  twoAlpha: number;
  lambda: number;
  d: number;
  dTail: number;
  maxStep: number;
  scratch: number;
}

/** d = 2α(g − λo); o + d stored at rowAddr; |d| folded into maxStep, lane by lane. */
function stepRow(s: StepLocals): number[] {
  const { o, g, n, rowAddr, twoAlpha, lambda, d, dTail, maxStep, scratch } = s;
  const pairs = o.pairs.flatMap(
    (oj, j) => wat`
      local.get ${twoAlpha} f64x2.splat
      local.get ${g.pairs[j]} local.get ${lambda} f64x2.splat local.get ${oj} f64x2.mul f64x2.sub
      f64x2.mul local.set ${d}
      local.get ${rowAddr} local.get ${oj} local.get ${d} f64x2.add
      ${n ? wat`local.tee ${n.pairs[j]}` : []} v128.store ${16 * j}
      local.get ${d} f64x2.extract_lane 0 f64.abs ${foldMax(maxStep, scratch)}
      local.get ${d} f64x2.extract_lane 1 f64.abs ${foldMax(maxStep, scratch)}`,
  );
  if (o.tail === null) return pairs;
  return wat`
    ${pairs}
    local.get ${twoAlpha} local.get ${g.tail!} local.get ${lambda} local.get ${o.tail} f64.mul f64.sub
    f64.mul local.set ${dTail}
    local.get ${rowAddr} local.get ${o.tail} local.get ${dTail} f64.add
    ${n ? wat`local.tee ${n.tail!}` : []} f64.store ${16 * o.pairs.length}
    local.get ${dTail} f64.abs ${foldMax(maxStep, scratch)}`;
}

/** The workspace arrays each kernel takes (as byte offsets), after its scalar parameters. */
// prettier-ignore
const USER_ARRAYS = [
  'userPtr', 'userCol', 'userVal', 'valPtr', 'valCol', 'valVal',
  'U', 'V', 'Ubackup', 'residual', 'rowSq', 'rowNormU', 'rowValSq',
] as const satisfies readonly (keyof GdWorkspace)[];
const MOVIE_ARRAYS = ['moviePtr', 'movieCol', 'movieVal', 'U', 'V', 'rowNormV'] as const;
const USER_PARAMS = ['lo', 'hi', 'update', ...USER_ARRAYS] as const;
const MOVIE_PARAMS = ['lo', 'hi', ...MOVIE_ARRAYS] as const;

/** Parameter name → local index. */
const indexOf = <T extends string>(names: readonly T[]) =>
  Object.fromEntries(names.map((n, i) => [n, i])) as Record<T, number>;

/** Pass A (see GdKernels.users), returning (max residual change, max |Δu|). */
function usersFunction(K: number): WasmFunction {
  const p = indexOf(USER_PARAMS);
  const [twoAlpha, lambda] = [USER_PARAMS.length, USER_PARAMS.length + 1];
  const f = new Frame(USER_PARAMS.length + 2);
  const acc: [number, number] = [f.local(V128), f.local(V128)];
  const [i, e, end, rowAddr, xAddr] = Array.from({ length: 5 }, () => f.local(I32));
  const [r, sq, valSq, maxChange, maxStep, scratch, dTail] = Array.from({ length: 7 }, () =>
    f.local(F64),
  );
  const d = f.local(V128);
  const [o, g, x] = [rowLocals(f, K), rowLocals(f, K), rowLocals(f, K)];
  const xInLocals = dot(
    K,
    o,
    acc,
    (j) => wat`local.get ${x.pairs[j]}`,
    () => wat`local.get ${x.tail!}`,
  );
  const xInMemory = dot(
    K,
    o,
    acc,
    (j) => wat`local.get ${xAddr} v128.load ${16 * j}`,
    () => wat`local.get ${xAddr} f64.load ${16 * o.pairs.length}`,
  );
  const backup = o.pairs.flatMap(
    (oj, j) => wat`${address(p.Ubackup, i, 8 * K)} local.get ${oj} v128.store ${16 * j}`,
  );
  if (o.tail !== null) {
    const tailOffset = 16 * o.pairs.length;
    backup.push(
      ...wat`${address(p.Ubackup, i, 8 * K)} local.get ${o.tail} f64.store ${tailOffset}`,
    );
  }
  const step = stepRow({ o, g, n: null, rowAddr, twoAlpha, lambda, d, dTail, maxStep, scratch });

  const entry = wat`
    ${otherRow(p.V, p.userCol, e, K)} local.set ${xAddr}
    ${loadRow(x, xAddr)}
    ${address(p.userVal, e, 4)} f32.load 0 f64.promote_f32 ${xInLocals} f64.sub local.set ${r}
    local.get ${sq} local.get ${r} local.get ${r} f64.mul f64.add local.set ${sq}
    local.get ${r} ${address(p.residual, e, 8)} f64.load 0 f64.sub f64.abs ${foldMax(maxChange, scratch)}
    ${address(p.residual, e, 8)} local.get ${r} f64.store 0
    ${accumulateGradient(g, x, r)}`;
  const validationEntry = wat`
    ${otherRow(p.V, p.valCol, e, K)} local.set ${xAddr}
    ${address(p.valVal, e, 4)} f32.load 0 f64.promote_f32 ${xInMemory} f64.sub local.set ${r}
    local.get ${valSq} local.get ${r} local.get ${r} f64.mul f64.add local.set ${valSq}`;
  const row = wat`
    ${address(p.U, i, 8 * K)} local.set ${rowAddr}
    ${loadRow(o, rowAddr)}
    ${zeroRow(g)}
    f64.const 0 local.set ${sq}
    ${address(p.userPtr, i, 4)} i32.load 4 local.set ${end}
    ${forLoop(e, wat`${address(p.userPtr, i, 4)} i32.load 0`, end, entry)}
    ${address(p.rowSq, i, 8)} local.get ${sq} f64.store 0
    ${address(p.rowNormU, i, 8)} ${squaredNorm(o)} f64.store 0
    f64.const 0 local.set ${valSq}
    ${address(p.valPtr, i, 4)} i32.load 4 local.set ${end}
    ${forLoop(e, wat`${address(p.valPtr, i, 4)} i32.load 0`, end, validationEntry)}
    ${address(p.rowValSq, i, 8)} local.get ${valSq} f64.store 0
    local.get ${p.update} if ${backup} ${step} end`;
  return {
    name: 'users',
    params: [...USER_PARAMS.map((): ValueType => I32), F64, F64],
    results: [F64, F64],
    locals: f.locals,
    body: wat`
      f64.const 0 local.set ${maxChange}
      f64.const 0 local.set ${maxStep}
      ${forLoop(i, wat`local.get ${p.lo}`, p.hi, row)}
      local.get ${maxChange} local.get ${maxStep}`,
  };
}

/** Pass B (see GdKernels.movies), returning max |Δv|. */
function moviesFunction(K: number): WasmFunction {
  const p = indexOf(MOVIE_PARAMS);
  const [twoAlpha, lambda] = [MOVIE_PARAMS.length, MOVIE_PARAMS.length + 1];
  const f = new Frame(MOVIE_PARAMS.length + 2);
  const acc: [number, number] = [f.local(V128), f.local(V128)];
  const [m, e, end, rowAddr, xAddr] = Array.from({ length: 5 }, () => f.local(I32));
  const [r, maxStep, scratch, dTail] = Array.from({ length: 4 }, () => f.local(F64));
  const d = f.local(V128);
  const [o, g, x, n] = [rowLocals(f, K), rowLocals(f, K), rowLocals(f, K), rowLocals(f, K)];
  const xInLocals = dot(
    K,
    o,
    acc,
    (j) => wat`local.get ${x.pairs[j]}`,
    () => wat`local.get ${x.tail!}`,
  );
  const step = stepRow({ o, g, n, rowAddr, twoAlpha, lambda, d, dTail, maxStep, scratch });

  const entry = wat`
    ${otherRow(p.U, p.movieCol, e, K)} local.set ${xAddr}
    ${loadRow(x, xAddr)}
    ${address(p.movieVal, e, 4)} f32.load 0 f64.promote_f32 ${xInLocals} f64.sub local.set ${r}
    ${accumulateGradient(g, x, r)}`;
  const row = wat`
    ${address(p.V, m, 8 * K)} local.set ${rowAddr}
    ${loadRow(o, rowAddr)}
    ${zeroRow(g)}
    ${address(p.moviePtr, m, 4)} i32.load 4 local.set ${end}
    ${forLoop(e, wat`${address(p.moviePtr, m, 4)} i32.load 0`, end, entry)}
    ${step}
    ${address(p.rowNormV, m, 8)} ${squaredNorm(n)} f64.store 0`;
  return {
    name: 'movies',
    params: [...MOVIE_PARAMS.map((): ValueType => I32), F64, F64],
    results: [F64],
    locals: f.locals,
    body: wat`
      f64.const 0 local.set ${maxStep}
      ${forLoop(m, wat`local.get ${p.lo}`, p.hi, row)}
      local.get ${maxStep}`,
  };
}

const modules = new Map<string, WebAssembly.Module>();

function moduleFor(K: number, shared: boolean): WebAssembly.Module {
  const key = `${K}:${shared}`;
  let module = modules.get(key);
  if (!module) {
    module = new WebAssembly.Module(
      assembleModule([usersFunction(K), moviesFunction(K)], shared, MAX_WASM_PAGES),
    );
    modules.set(key, module);
  }
  return module;
}

type UsersExport = (...args: number[]) => [number, number];
type MoviesExport = (...args: number[]) => number;

/** Kernels for K factors over `memory`, which must hold every array of the workspaces given. */
export function wasmGdKernels(K: number, memory: WebAssembly.Memory): GdKernels {
  const shared =
    typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
  const exports = new WebAssembly.Instance(moduleFor(K, shared), { env: { memory } }).exports;
  const users = exports.users as UsersExport;
  const movies = exports.movies as MoviesExport;
  const checked = new WeakSet<GdWorkspace>();
  const check = (w: GdWorkspace) => {
    if (checked.has(w)) return;
    const outside = (Object.keys(w) as (keyof GdWorkspace)[]).find(
      (key) => ArrayBuffer.isView(w[key]) && (w[key] as Float64Array).buffer !== memory.buffer,
    );
    if (outside)
      throw new Error(`wasm kernels: workspace.${outside} is not in the kernels' memory`);
    if (w.K !== K)
      throw new Error(`wasm kernels: workspace has K = ${w.K}; these kernels are for K = ${K}`);
    checked.add(w);
  };
  const offsets = (w: GdWorkspace, names: readonly (keyof GdWorkspace)[]) =>
    names.map((name) => (w[name] as ArrayBufferView).byteOffset);
  return {
    users(w, lo, hi, update, stats, slot) {
      check(w);
      const u = update ? 1 : 0;
      const [maxChange, maxStep] = users(
        lo,
        hi,
        u,
        ...offsets(w, USER_ARRAYS),
        w.twoAlpha,
        w.lambda,
      );
      stats[slot] = maxChange;
      stats[slot + 1] = maxStep;
    },
    movies(w, lo, hi, stats, slot) {
      check(w);
      stats[slot + 2] = movies(lo, hi, ...offsets(w, MOVIE_ARRAYS), w.twoAlpha, w.lambda);
    },
  };
}

let available: boolean | null = null;

/** Whether this runtime runs WebAssembly with 128-bit SIMD (Node ≥ 16.4, current browsers). */
export function wasmSimdAvailable(): boolean {
  if (available === null) {
    try {
      available =
        typeof WebAssembly === 'object' &&
        WebAssembly.validate(assembleModule([moviesFunction(2)], false, 1));
    } catch {
      available = false;
    }
  }
  return available;
}
