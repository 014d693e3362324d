/**
 * Just enough of the WebAssembly binary format (WebAssembly Core Specification 2.0, §5) to
 * emit the gradient-descent kernels of gd-kernels-wasm.ts: one module importing a memory and
 * exporting functions over i32, f64 and v128 values.
 *
 * Code is written with the text format's instruction names through the `wat` template tag;
 * an instruction with an immediate (local index, constant, memory offset, lane, branch depth)
 * takes the number after it.
 */

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F64 | typeof V128;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const simd = (code: number) => [0xfd, ...uleb(code)];

/** Instructions without immediates (blocks have the empty block type 0x40). */
const PLAIN: Record<string, number[]> = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  end: [0x0b],
  select: [0x1b],
  'i32.add': [0x6a],
  'i32.mul': [0x6c],
  'i32.ge_s': [0x4e],
  'f64.gt': [0x64],
  'f64.abs': [0x99],
  'f64.add': [0xa0],
  'f64.sub': [0xa1],
  'f64.mul': [0xa2],
  'f64.promote_f32': [0xbb],
  /** v128.const with sixteen zero bytes. */
  'v128.zero': [...simd(0x0c), ...new Array<number>(16).fill(0)],
  'f64x2.splat': simd(0x14),
  'f64x2.add': simd(0xf0),
  'f64x2.sub': simd(0xf1),
  'f64x2.mul': simd(0xf2),
};

/** Memory access: opcode, then log2 of the natural alignment and the static byte offset. */
const access = (opcode: number[], align: number) => (offset: number) => [
  ...opcode,
  align,
  ...uleb(offset),
];

/** Instructions taking one immediate. */
const WITH_IMMEDIATE: Record<string, (n: number) => number[]> = {
  'local.get': (i) => [0x20, ...uleb(i)],
  'local.set': (i) => [0x21, ...uleb(i)],
  'local.tee': (i) => [0x22, ...uleb(i)],
  br: (depth) => [0x0c, ...uleb(depth)],
  br_if: (depth) => [0x0d, ...uleb(depth)],
  'i32.const': (n) => [0x41, ...sleb(n)],
  'f64.const': (x) => [0x44, ...new Uint8Array(Float64Array.of(x).buffer)],
  'i32.load': access([0x28], 2),
  'f32.load': access([0x2a], 2),
  'f64.load': access([0x2b], 3),
  'f64.store': access([0x39], 3),
  'v128.load': access(simd(0x00), 3),
  'v128.store': access(simd(0x0b), 3),
  'f64x2.extract_lane': (lane) => [...simd(0x21), lane],
};

/**
 * Encodes instructions written as in the text format, as a tagged template:
 *
 *   wat`local.get ${i} i32.const 1 i32.add local.set ${i}`
 *
 * Words are instruction names or numeric immediates; an interpolated number is an immediate
 * and an interpolated array is code encoded already (by another wat`…`), spliced in.
 */
export function wat(strings: TemplateStringsArray, ...values: (number | number[])[]): number[] {
  const tokens: (string | number | number[])[] = [];
  strings.forEach((text, k) => {
    for (const word of text.split(/\s+/)) {
      if (word !== '') tokens.push(/^-?[0-9.]+(e-?[0-9]+)?$/.test(word) ? Number(word) : word);
    }
    if (k < values.length) tokens.push(values[k]);
  });
  const out: number[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (Array.isArray(token)) out.push(...token);
    else if (typeof token === 'number')
      throw new Error(`wat: immediate ${token} follows no instruction`);
    else if (token in PLAIN) out.push(...PLAIN[token]);
    else if (token in WITH_IMMEDIATE) {
      const immediate = tokens[++t];
      if (typeof immediate !== 'number') throw new Error(`wat: ${token} needs a number after it`);
      out.push(...WITH_IMMEDIATE[token](immediate));
    } else throw new Error(`wat: unknown instruction ${token}`);
  }
  return out;
}

export interface WasmFunction {
  name: string;
  params: ValueType[];
  results: ValueType[];
  /** Extra locals after the parameters, in order. */
  locals: ValueType[];
  body: number[];
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

/**
 * A module importing `env.memory` (shared when `sharedMemory`, of at most `maxPages` 64 KiB
 * pages) and exporting `functions` under their names (sections 1, 2, 3, 7 and 10).
 */
export function assembleModule(
  functions: WasmFunction[],
  sharedMemory: boolean,
  maxPages: number,
): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [
    0x60,
    ...vec(f.params.map((t) => [t])),
    ...vec(f.results.map((t) => [t])),
  ]);
  const limits = sharedMemory ? [0x03, ...uleb(0), ...uleb(maxPages)] : [0x00, ...uleb(0)];
  const codes = functions.map((f) => {
    // Runs of one local type are declared as (count, type).
    const runs: [number, ValueType][] = [];
    for (const t of f.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    const body = [...vec(runs.map(([count, t]) => [...uleb(count), t])), ...f.body, ...PLAIN.end];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(codes)),
  ]);
}
