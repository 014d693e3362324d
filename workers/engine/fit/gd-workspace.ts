/**
 * Everything one gradient-descent pass reads and writes, in one object of one fixed shape, so
 * that the kernels' property loads stay monomorphic and worker threads can rebuild the same
 * object over the same SharedArrayBuffers.
 *
 * Per-row outputs (rowSq, rowNormU, rowValSq, rowNormV) exist so that every sum over rows is
 * taken by one thread in index order: the diagnostics are then bit-identical whatever the
 * number of threads, and shards only report maxima, which do not depend on order.
 */
import { MAX_WASM_PAGES } from './gd-kernels-wasm';
import { sharedArray, type SparseRatings } from './sparse-ratings';

export interface GdWorkspace {
  K: number;
  /** 2α and λ of the update u ← u + 2α(g − λu). */
  twoAlpha: number;
  lambda: number;
  userPtr: Int32Array;
  userCol: Int32Array;
  userVal: Float32Array;
  moviePtr: Int32Array;
  movieCol: Int32Array;
  movieVal: Float32Array;
  /** Validation entries by user, in the same index space (all-zero pointers when absent). */
  valPtr: Int32Array;
  valCol: Int32Array;
  valVal: Float32Array;
  /** I × K and M × K row-major. */
  U: Float64Array;
  V: Float64Array;
  /** U before the latest user step, to undo a step that belongs to no counted iteration. */
  Ubackup: Float64Array;
  /** Residual of each entry (CSR order) after the previous iteration. */
  residual: Float64Array;
  /** Σ residual² of user i's entries; ‖u_i‖² before its step; Σ validation residual². */
  rowSq: Float64Array;
  rowNormU: Float64Array;
  rowValSq: Float64Array;
  /** ‖v_m‖² after its step. */
  rowNormV: Float64Array;
}

/** Builds the object with its properties always in this order (one hidden class). */
export function gdWorkspace(w: GdWorkspace): GdWorkspace {
  return {
    K: w.K,
    twoAlpha: w.twoAlpha,
    lambda: w.lambda,
    userPtr: w.userPtr,
    userCol: w.userCol,
    userVal: w.userVal,
    moviePtr: w.moviePtr,
    movieCol: w.movieCol,
    movieVal: w.movieVal,
    valPtr: w.valPtr,
    valCol: w.valCol,
    valVal: w.valVal,
    U: w.U,
    V: w.V,
    Ubackup: w.Ubackup,
    residual: w.residual,
    rowSq: w.rowSq,
    rowNormU: w.rowNormU,
    rowValSq: w.rowValSq,
    rowNormV: w.rowNormV,
  };
}

/**
 * Where a workspace's arrays live: the JavaScript heap (one thread, JavaScript kernels),
 * SharedArrayBuffers (several threads, JavaScript kernels), or one WebAssembly memory (the
 * WebAssembly kernels, which can address nothing else; shared when SharedArrayBuffer exists,
 * so helper threads can run on it too).
 */
export type GdPlacement = 'heap' | 'shared' | 'wasm';

/**
 * Allocates a workspace for R (and an optional validation set of the same shape) holding
 * copies of U0 and V0. Rating arrays are used in place on the heap, copied into shared memory
 * when they are not shared already, and always copied into a WebAssembly memory, which costs
 * about 16 bytes per rating more while the fit runs.
 */
export function allocateGdWorkspace(
  R: SparseRatings,
  validation: SparseRatings | null,
  K: number,
  alpha: number,
  lambda: number,
  U0: Float64Array,
  V0: Float64Array,
  placement: GdPlacement,
): { workspace: GdWorkspace; memory: WebAssembly.Memory | null } {
  const I = R.nUsers;
  const M = R.nMovies;
  const N = R.nRatings;
  const val = validation ?? {
    userPtr: new Int32Array(I + 1),
    userCol: new Int32Array(0),
    userVal: new Float32Array(0),
    nRatings: 0,
  };
  const nVal = val.nRatings;
  // Element counts of the workspace's arrays by width, for sizing a WebAssembly memory.
  const int32s = 2 * (I + 1) + (M + 1) + 2 * N + nVal;
  const float32s = 2 * N + nVal;
  const float64s = 2 * I * K + M * K + N + 3 * I + M;
  const arena = placement === 'wasm' ? wasmArena(4 * (int32s + float32s) + 8 * float64s) : null;
  type Ctor<T> = {
    new (n: number): T;
    new (b: ArrayBufferLike): T;
    new (b: ArrayBufferLike, offset: number, n: number): T;
    BYTES_PER_ELEMENT: number;
  };
  const fresh = <T extends Int32Array | Float32Array | Float64Array>(C: Ctor<T>, n: number): T =>
    arena ? arena.take(C, n) : placement === 'shared' ? sharedArray(C, n) : new C(n);
  const place = <T extends Int32Array | Float32Array>(C: Ctor<T>, a: T, n: number): T => {
    if (placement === 'heap' || (placement === 'shared' && isShared(a))) return a;
    const copy = fresh(C, n);
    copy.set(a.subarray(0, n));
    return copy;
  };
  const U = fresh(Float64Array, I * K);
  U.set(U0);
  const V = fresh(Float64Array, M * K);
  V.set(V0);
  const workspace = gdWorkspace({
    K,
    twoAlpha: 2 * alpha,
    lambda,
    userPtr: place(Int32Array, R.userPtr, I + 1),
    userCol: place(Int32Array, R.userCol, N),
    userVal: place(Float32Array, R.userVal, N),
    moviePtr: place(Int32Array, R.moviePtr, M + 1),
    movieCol: place(Int32Array, R.movieCol, N),
    movieVal: place(Float32Array, R.movieVal, N),
    valPtr: place(Int32Array, val.userPtr, I + 1),
    valCol: place(Int32Array, val.userCol, nVal),
    valVal: place(Float32Array, val.userVal, nVal),
    U,
    V,
    Ubackup: fresh(Float64Array, I * K),
    residual: fresh(Float64Array, N),
    rowSq: fresh(Float64Array, I),
    rowNormU: fresh(Float64Array, I),
    rowValSq: fresh(Float64Array, I),
    rowNormV: fresh(Float64Array, M),
  });
  return { workspace, memory: arena?.memory ?? null };
}

function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
}

/** A bump allocator over a new WebAssembly memory of at least `bytes` (plus alignment slack). */
function wasmArena(bytes: number) {
  const ALIGN = 16;
  const pages = Math.ceil((bytes + 32 * ALIGN) / 65536);
  if (pages > MAX_WASM_PAGES) {
    throw new Error(
      `the fit needs ${Math.ceil(bytes / 2 ** 20)} MiB, more than WebAssembly's 4 GiB; use kernel 'js'`,
    );
  }
  const shared = typeof SharedArrayBuffer === 'function';
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
  let next = 0;
  return {
    memory,
    take<T>(
      C: { new (b: ArrayBufferLike, offset: number, n: number): T; BYTES_PER_ELEMENT: number },
      n: number,
    ): T {
      const view = new C(memory.buffer, next, n);
      next += Math.ceil((n * C.BYTES_PER_ELEMENT) / ALIGN) * ALIGN;
      return view;
    },
  };
}
