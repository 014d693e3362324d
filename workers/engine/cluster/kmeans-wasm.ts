/**
 * The heavy loops of `kmeans` (kmeans.ts) as WebAssembly with 128-bit SIMD, generated for one
 * (d, k) with every loop over the coordinates and the centres unrolled: the k-means++
 * candidate pass, the Hamerly assignment step (bounds loosened, tested, and the point measured
 * again only when they overlap), the plain assignment and the inertia.
 *
 * Same arithmetic in the same order as the JavaScript steps (lloyd-steps.ts,
 * squared-distance.ts), so labels, centres, iterations and inertia are bit-identical to the
 * plain kernel (kmeans-kernels.test.ts):
 * - every distance is `squaredDistance`'s: its four chains s_j = Σ_{t ≡ j mod 4} are the lanes of two f64x2
 *   accumulators, a tail t ≥ 4⌊d/4⌋ joins s_0, summed (s_0 + s_1) + (s_2 + s_3);
 *   (in the assignment step up to four centres at a time, sharing each load of the point);
 * - cluster sums are moved point by point in point order, as `assignBounded` does;
 * - WebAssembly SIMD has no fused multiply-add, so every product rounds before its sum, as in
 *   JavaScript; comparisons are the same strict ones (lowest index on ties).
 *
 * The functions read and write only the module's memory; addresses are byte offsets.
 */
import {
  F64,
  I32,
  V128,
  assembleModule,
  wat,
  type ValueType,
  type WasmFunction,
} from '../fit/wasm-assembler';

// Opcodes the shared assembler does not name, spliced in as encoded code.
const F64_LT = [0x63];
const F64_SQRT = [0x9f];
const I32_NE = [0x47];
const I32_EQZ = [0x45];
const I32_STORE = [0x36, 2, 0];
// f64x2.pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a, lane by lane: single
// minpd/maxpd instructions, where a scalar select of f64 values becomes a branch.
const F64X2_PMIN = [0xfd, 0xf6, 0x01];
const F64X2_PMAX = [0xfd, 0xf7, 0x01];

/** Pushes op(a, b) of two f64 pushes through lane 0 of f64x2 values (no branch). */
const lanewise = (op: number[], a: number[], b: number[]) =>
  wat`${a} f64x2.splat ${b} f64x2.splat ${op} f64x2.extract_lane 0`;

/** Locals of a function being generated: parameters first, then extra locals as asked. */
class Frame {
  readonly locals: ValueType[] = [];
  constructor(readonly nParams: number) {}
  local(type: ValueType): number {
    this.locals.push(type);
    return this.nParams + this.locals.length - 1;
  }
}

/** for (i = 0; i < n; i++) body — i and n are i32 locals. */
const forLoop = (i: number, n: number, body: number[]) => wat`
  i32.const 0 local.set ${i}
  block loop
    local.get ${i} local.get ${n} i32.ge_s br_if 1
    ${body}
    local.get ${i} i32.const 1 i32.add local.set ${i} br 0
  end end`;

/** Pushes base + index · scale (i32 locals). */
const address = (base: number, index: number, scale: number) =>
  wat`local.get ${base} local.get ${index} i32.const ${scale} i32.mul i32.add`;

/**
 * Pushes `squaredDistance` of the d-vectors at byte addresses in locals `ra` and `ca`, in its
 * order (see the file comment). `acc` two v128 scratch locals, `tmp` one v128, `s` one f64.
 */
function distance4(
  d: number,
  ra: number,
  ca: number,
  acc: [number, number],
  tmp: number,
  s: number,
): number[] {
  const groups = d >> 2;
  const out: number[] = wat`v128.zero local.set ${acc[0]} v128.zero local.set ${acc[1]}`;
  for (let g = 0; g < groups; g++) {
    for (let h = 0; h < 2; h++) {
      const o = 32 * g + 16 * h;
      out.push(
        ...wat`local.get ${ra} v128.load ${o} local.get ${ca} v128.load ${o} f64x2.sub
          local.tee ${tmp} local.get ${tmp} f64x2.mul local.get ${acc[h]} f64x2.add
          local.set ${acc[h]}`,
      );
    }
  }
  out.push(...wat`local.get ${acc[0]} f64x2.extract_lane 0 local.set ${s}`);
  for (let t = 4 * groups; t < d; t++) {
    out.push(
      ...wat`local.get ${ra} f64.load ${8 * t} local.get ${ca} f64.load ${8 * t} f64.sub
        local.tee ${s + 1} local.get ${s + 1} f64.mul local.get ${s} f64.add local.set ${s}`,
    );
  }
  out.push(
    ...wat`local.get ${s} local.get ${acc[0]} f64x2.extract_lane 1 f64.add
      local.get ${acc[1]} f64x2.extract_lane 0 local.get ${acc[1]} f64x2.extract_lane 1 f64.add
      f64.add`,
  );
  return out;
}

/** trial(n, X, c, closest, candidate) → Σ min(closest[i], ‖x_i − c‖²), candidate[i] the terms. */
function trialFunction(d: number): WasmFunction {
  const [n, X, c, closest, candidate] = [0, 1, 2, 3, 4];
  const f = new Frame(5);
  const acc: [number, number] = [f.local(V128), f.local(V128)];
  const tmp = f.local(V128);
  const [i, ra] = [f.local(I32), f.local(I32)];
  const s = f.local(F64);
  f.local(F64); // s + 1: scratch of distance4
  const [q, old, p] = [f.local(F64), f.local(F64), f.local(F64)];
  const body = wat`
    ${address(X, i, 8 * d)} local.set ${ra}
    ${distance4(d, ra, c, acc, tmp, s)} local.set ${q}
    ${address(closest, i, 8)} f64.load 0 local.set ${old}
    ${lanewise(F64X2_PMIN, wat`local.get ${old}`, wat`local.get ${q}`)} local.set ${q}
    ${address(candidate, i, 8)} local.get ${q} f64.store 0
    local.get ${p} local.get ${q} f64.add local.set ${p}`;
  return {
    name: 'trial',
    params: [I32, I32, I32, I32, I32],
    results: [F64],
    locals: f.locals,
    body: wat`f64.const 0 local.set ${p} ${forLoop(i, n, body)} local.get ${p}`,
  };
}

/** inertia(n, X, labels, C) → Σ squaredDistance(x_i, C[labels[i]]) in point order. */
function inertiaFunction(d: number): WasmFunction {
  const [n, X, labels, C] = [0, 1, 2, 3];
  const f = new Frame(4);
  const acc: [number, number] = [f.local(V128), f.local(V128)];
  const tmp = f.local(V128);
  const [i, ra, ca] = [f.local(I32), f.local(I32), f.local(I32)];
  const s = f.local(F64);
  f.local(F64);
  const total = f.local(F64);
  const body = wat`
    ${address(X, i, 8 * d)} local.set ${ra}
    local.get ${C} ${address(labels, i, 4)} i32.load 0 i32.const ${8 * d} i32.mul i32.add
    local.set ${ca}
    local.get ${total} ${distance4(d, ra, ca, acc, tmp, s)} f64.add local.set ${total}`;
  return {
    name: 'inertia',
    params: [I32, I32, I32, I32],
    results: [F64],
    locals: f.locals,
    body: wat`f64.const 0 local.set ${total} ${forLoop(i, n, body)} local.get ${total}`,
  };
}

/** plain(n, X, labels, C): nearest centre by `squaredDistance`, lowest index on ties (`assign`). */
function plainFunction(d: number, k: number): WasmFunction {
  const [n, X, labels, C] = [0, 1, 2, 3];
  const f = new Frame(4);
  const acc: [number, number] = [f.local(V128), f.local(V128)];
  const tmp = f.local(V128);
  const [i, ra, ca, label] = [f.local(I32), f.local(I32), f.local(I32), f.local(I32)];
  const s = f.local(F64);
  f.local(F64);
  const [q, best] = [f.local(F64), f.local(F64)];
  const centres: number[] = [];
  for (let c = 0; c < k; c++) {
    centres.push(
      ...wat`local.get ${C} i32.const ${8 * d * c} i32.add local.set ${ca}
        ${distance4(d, ra, ca, acc, tmp, s)} local.set ${q}
        local.get ${q} local.get ${best} ${F64_LT}
        if local.get ${q} local.set ${best} i32.const ${c} local.set ${label} end`,
    );
  }
  const body = wat`
    ${address(X, i, 8 * d)} local.set ${ra}
    f64.const ${Infinity} local.set ${best} i32.const 0 local.set ${label}
    ${centres}
    ${address(labels, i, 4)} local.get ${label} ${I32_STORE}`;
  return {
    name: 'plain',
    params: [I32, I32, I32, I32],
    results: [],
    locals: f.locals,
    body: forLoop(i, n, body),
  };
}

/** sum(n, X, labels, sums, counts): adds each point to its cluster's sum, in point order. */
function sumFunction(d: number): WasmFunction {
  const [n, X, labels, sums, counts] = [0, 1, 2, 3, 4];
  const f = new Frame(5);
  const [i, ra, so, l] = [f.local(I32), f.local(I32), f.local(I32), f.local(I32)];
  const add: number[] = [];
  for (let t = 0; t < d; t++) {
    add.push(
      ...wat`local.get ${so} local.get ${so} f64.load ${8 * t} local.get ${ra} f64.load ${8 * t}
        f64.add f64.store ${8 * t}`,
    );
  }
  const body = wat`
    ${address(X, i, 8 * d)} local.set ${ra}
    ${address(labels, i, 4)} i32.load 0 local.set ${l}
    ${address(counts, l, 8)} ${address(counts, l, 8)} f64.load 0 f64.const 1 f64.add f64.store 0
    ${address(sums, l, 8 * d)} local.set ${so}
    ${add}`;
  return {
    name: 'sum',
    params: [I32, I32, I32, I32, I32],
    results: [],
    locals: f.locals,
    body: forLoop(i, n, body),
  };
}

/** Centres measured together in the assignment step (8 accumulators, registers to spare). */
const GROUP = 4;

/** Relative margin by which bounds must separate before a point is skipped (lloyd-steps.ts). */
const BOUND_MARGIN = 1e-9;

/** The assignment kernel's parameters, in order. */
// prettier-ignore
const ASSIGN_PARAMS = [
  'n', 'full', 'X', 'labels', 'upper', 'lower', 'half', 'moved', 'drop', 'C', 'sums', 'counts',
] as const;

/**
 * assign(n, full, …) → number of points whose label changed. With `full`, every point is
 * measured and its bounds set (`assignWithBounds`); otherwise the bounds are first moved by
 * the centre shifts (`loosenBounds`), then tested as in `assignBounded`, and each change
 * moves the point between the cluster sums and counts at once.
 */
function assignFunction(d: number, k: number): WasmFunction {
  const p = Object.fromEntries(ASSIGN_PARAMS.map((name, i) => [name, i])) as Record<
    (typeof ASSIGN_PARAMS)[number],
    number
  >;
  const f = new Frame(ASSIGN_PARAMS.length);
  const acc = Array.from({ length: 2 * Math.min(GROUP, k) }, () => f.local(V128));
  const [xs, tmp] = [f.local(V128), f.local(V128)];
  const [i, a, ra, ca, label, count] = Array.from({ length: 6 }, () => f.local(I32));
  const [u, l, m, h, qa, best, second, sc] = Array.from({ length: 8 }, () => f.local(F64));
  const q = Array.from({ length: k }, () => f.local(F64));
  const acc4: [number, number] = [f.local(V128), f.local(V128)];
  const s4 = f.local(F64);
  f.local(F64);
  const [ao, bo, lt] = [f.local(I32), f.local(I32), f.local(I32)];
  const [bestV, secondV, qV] = [f.local(V128), f.local(V128), f.local(V128)];

  // The distance to the point's own centre, which may prove it stays (squaredDistance's).
  const own = wat`${distance4(d, ra, ca, acc4, tmp, s4)} local.set ${qa}`;
  // Cluster sums follow a change at once, in point order, as in assignBounded.
  const move: number[] = wat`
    local.get ${p.sums} local.get ${a} i32.const ${8 * d} i32.mul i32.add local.set ${ao}
    local.get ${p.sums} local.get ${label} i32.const ${8 * d} i32.mul i32.add local.set ${bo}`;
  for (let t = 0; t < d; t++) {
    move.push(
      ...wat`local.get ${ao} local.get ${ao} f64.load ${8 * t} local.get ${ra} f64.load ${8 * t}
        f64.sub f64.store ${8 * t}
        local.get ${bo} local.get ${bo} f64.load ${8 * t} local.get ${ra} f64.load ${8 * t}
        f64.add f64.store ${8 * t}`,
    );
  }
  move.push(
    ...wat`${address(p.counts, a, 8)} ${address(p.counts, a, 8)} f64.load 0 f64.const 1 f64.sub
        f64.store 0
      ${address(p.counts, label, 8)} ${address(p.counts, label, 8)} f64.load 0 f64.const 1 f64.add
        f64.store 0`,
  );
  const tests = wat`
    ${address(p.upper, i, 8)} f64.load 0 ${address(p.moved, a, 8)} f64.load 0 f64.add local.set ${u}
    ${address(p.lower, i, 8)} f64.load 0 ${address(p.drop, a, 8)} f64.load 0 f64.sub local.set ${l}
    ${address(p.half, a, 8)} f64.load 0 local.set ${h}
    ${lanewise(F64X2_PMAX, wat`local.get ${l}`, wat`local.get ${h}`)} local.set ${m}
    ${address(p.upper, i, 8)} local.get ${u} f64.store 0
    ${address(p.lower, i, 8)} local.get ${l} f64.store 0
    local.get ${u} f64.const ${1 + BOUND_MARGIN} f64.mul local.get ${m} ${F64_LT} br_if 1
    local.get ${p.C} local.get ${a} i32.const ${8 * d} i32.mul i32.add local.set ${ca}
    ${own}
    local.get ${qa} ${F64_SQRT} local.set ${u}
    ${address(p.upper, i, 8)} local.get ${u} f64.store 0
    local.get ${u} f64.const ${1 + BOUND_MARGIN} f64.mul local.get ${m} ${F64_LT} br_if 1`;

  // All k distances in squaredDistance's order, up to four centres at a time sharing each
  // load of the point, their chains interleaved; then the nearest two without branches.
  const measure: number[] = [];
  const groups = d >> 2;
  for (let c0 = 0; c0 < k; c0 += GROUP) {
    const cs = Array.from({ length: Math.min(GROUP, k - c0) }, (_, j) => c0 + j);
    const accOf = (c: number, h: number) => acc[2 * (c - c0) + h];
    for (const c of cs) {
      measure.push(...wat`v128.zero local.set ${accOf(c, 0)} v128.zero local.set ${accOf(c, 1)}`);
    }
    for (let g = 0; g < groups; g++) {
      for (let h = 0; h < 2; h++) {
        const o = 32 * g + 16 * h;
        measure.push(...wat`local.get ${ra} v128.load ${o} local.set ${xs}`);
        for (const c of cs) {
          measure.push(
            ...wat`local.get ${xs} local.get ${p.C} v128.load ${8 * d * c + o} f64x2.sub
              local.tee ${tmp} local.get ${tmp} f64x2.mul local.get ${accOf(c, h)} f64x2.add
              local.set ${accOf(c, h)}`,
          );
        }
      }
    }
    for (const c of cs) {
      measure.push(...wat`local.get ${accOf(c, 0)} f64x2.extract_lane 0 local.set ${q[c]}`);
      for (let t = 4 * groups; t < d; t++) {
        measure.push(
          ...wat`local.get ${ra} f64.load ${8 * t} local.get ${p.C} f64.load ${8 * (d * c + t)}
            f64.sub local.tee ${sc} local.get ${sc} f64.mul local.get ${q[c]} f64.add
            local.set ${q[c]}`,
        );
      }
      measure.push(
        ...wat`local.get ${q[c]} local.get ${accOf(c, 0)} f64x2.extract_lane 1 f64.add
          local.get ${accOf(c, 1)} f64x2.extract_lane 0 local.get ${accOf(c, 1)}
          f64x2.extract_lane 1 f64.add f64.add local.set ${q[c]}`,
      );
    }
  }
  measure.push(
    ...wat`f64.const ${Infinity} f64x2.splat local.tee ${bestV} local.set ${secondV}
      i32.const 0 local.set ${label}`,
  );
  for (let c = 0; c < k; c++) {
    // if (q < best) { second = best; best = q; label = c } else if (q < second) second = q:
    // second = pmin(second, pmax(best, q)), best = pmin(best, q) on splatted values (short
    // dependency chains, no branch), label by an i32 select.
    measure.push(
      ...wat`local.get ${q[c]} f64x2.splat local.set ${qV}
        local.get ${q[c]} local.get ${bestV} f64x2.extract_lane 0 ${F64_LT} local.set ${lt}
        local.get ${secondV} local.get ${bestV} local.get ${qV} ${F64X2_PMAX} ${F64X2_PMIN}
        local.set ${secondV}
        local.get ${bestV} local.get ${qV} ${F64X2_PMIN} local.set ${bestV}
        i32.const ${c} local.get ${label} local.get ${lt} select local.set ${label}`,
    );
  }
  measure.push(
    ...wat`local.get ${bestV} f64x2.extract_lane 0 local.set ${best}
      local.get ${secondV} f64x2.extract_lane 0 local.set ${second}`,
  );

  const body = wat`
    block
      ${address(p.X, i, 8 * d)} local.set ${ra}
      ${address(p.labels, i, 4)} i32.load 0 local.set ${a}
      local.get ${p.full} ${I32_EQZ} if ${tests} end
      ${measure}
      ${address(p.labels, i, 4)} local.get ${label} ${I32_STORE}
      ${address(p.upper, i, 8)} local.get ${best} ${F64_SQRT} f64.store 0
      ${address(p.lower, i, 8)} local.get ${second} ${F64_SQRT} f64.store 0
      local.get ${label} local.get ${a} ${I32_NE} local.get ${p.full} ${I32_EQZ} i32.mul
      if
        ${move}
        local.get ${count} i32.const 1 i32.add local.set ${count}
      end
    end`;
  return {
    name: 'assign',
    params: [...ASSIGN_PARAMS.map((): ValueType => I32)],
    results: [I32],
    locals: f.locals,
    body: wat`i32.const 0 local.set ${count} ${forLoop(i, p.n, body)} local.get ${count}`,
  };
}

const modules = new Map<string, WebAssembly.Module>();

function moduleFor(d: number, k: number): WebAssembly.Module {
  const key = `${d}:${k}`;
  let module = modules.get(key);
  if (!module) {
    const functions = [
      trialFunction(d),
      inertiaFunction(d),
      plainFunction(d, k),
      assignFunction(d, k),
      sumFunction(d),
    ];
    module = new WebAssembly.Module(assembleModule(functions, false, 65536));
    modules.set(key, module);
  }
  return module;
}

export interface KMeansWasmExports {
  trial(n: number, X: number, c: number, closest: number, candidate: number): number;
  inertia(n: number, X: number, labels: number, C: number): number;
  plain(n: number, X: number, labels: number, C: number): void;
  sum(n: number, X: number, labels: number, sums: number, counts: number): void;
  assign(
    n: number,
    full: number,
    X: number,
    labels: number,
    upper: number,
    lower: number,
    half: number,
    moved: number,
    drop: number,
    C: number,
    sums: number,
    counts: number,
  ): number;
}

/** An instance of the kernels for (d, k) over `memory`. */
export function instantiateKMeansWasm(
  d: number,
  k: number,
  memory: WebAssembly.Memory,
): KMeansWasmExports {
  return new WebAssembly.Instance(moduleFor(d, k), { env: { memory } })
    .exports as unknown as KMeansWasmExports;
}

let available: boolean | null = null;

/** Whether this runtime runs the kernels (WebAssembly with 128-bit SIMD). */
export function kmeansWasmAvailable(): boolean {
  if (available === null) {
    try {
      available = typeof WebAssembly === 'object' && moduleFor(4, 3) instanceof WebAssembly.Module;
    } catch {
      available = false;
    }
  }
  return available;
}
