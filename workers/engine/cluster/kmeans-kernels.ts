import { instantiateKMeansWasm, kmeansWasmAvailable, type KMeansWasmExports } from './kmeans-wasm';
import {
  assign,
  assignBounded,
  assignWithBounds,
  createWorkspace,
  loosenBounds,
  sumClusters,
  type Workspace,
} from './lloyd-steps';
import { squaredDistance } from './squared-distance';

/**
 * The loops of one K-means run over all n points, behind one interface so that `kmeans`
 * runs the same steps with either kernel: `plainKernel` (JavaScript, lloyd-steps.ts) or
 * `wasmKernel` (kmeans-wasm.ts, bit-identical and several times faster).
 */
export interface LloydKernel {
  /** The points (a copy in the kernel's memory for the wasm kernel). */
  readonly X: Float64Array;
  readonly work: Workspace;
  /** The labels of the current run (copied out at its end). */
  readonly labels: Int32Array;
  /** candidate[i] = min(closest[i], ‖x_i − x_id‖²) (`squaredDistance`); returns Σ candidate[i]. */
  trial(id: number, closest: Float64Array, candidate: Float64Array): number;
  /** Every point to its nearest centre, with its Hamerly bounds (`assignWithBounds`). */
  assignFirst(centers: Float64Array): void;
  /**
   * Bounds moved by `work.moved` (`loosenBounds`; the largest shift, its centre and the
   * second largest given), then Hamerly's step (`assignBounded`, `work.half` set); the
   * cluster sums follow. Returns how many points changed cluster.
   */
  assignNext(centers: Float64Array, largestAt: number, largest: number, second: number): number;
  /** Sums and counts of every cluster's points, from scratch (`sumClusters`). */
  sumClusters(): void;
  /** Plain nearest-centre assignment (`assign`). */
  assignPlain(centers: Float64Array): void;
  /** Σ squaredDistance(x_i, centre of i), in point order. */
  inertia(centers: Float64Array): number;
}

export type KernelChoice = 'auto' | 'plain' | 'wasm';

export function createKernel(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  choice: KernelChoice,
): LloydKernel {
  if (choice === 'plain') return plainKernel(X, n, d, k);
  const wasm = choice === 'wasm' || kmeansWasmAvailable() ? wasmKernel(X, n, d, k) : null;
  if (wasm) return wasm;
  if (choice === 'wasm') throw new Error('kmeans: WebAssembly SIMD kernels are unavailable');
  return plainKernel(X, n, d, k);
}

export function plainKernel(X: Float64Array, n: number, d: number, k: number): LloydKernel {
  const work = createWorkspace(n, d, k);
  const labels = new Int32Array(n);
  return {
    X,
    work,
    labels,
    trial(id, closest, candidate) {
      let p = 0;
      const io = id * d;
      for (let i = 0; i < n; i++) {
        const q = squaredDistance(X, i * d, X, io, d);
        const m = q < closest[i] ? q : closest[i];
        candidate[i] = m;
        p += m;
      }
      return p;
    },
    assignFirst(centers) {
      assignWithBounds(X, n, d, centers, k, labels, work);
    },
    assignNext(centers) {
      loosenBounds(n, k, labels, work);
      return assignBounded(X, n, d, centers, k, labels, work);
    },
    sumClusters() {
      sumClusters(X, n, d, labels, work);
    },
    assignPlain(centers) {
      assign(X, n, d, centers, k, labels);
    },
    inertia(centers) {
      let total = 0;
      for (let i = 0; i < n; i++) total += squaredDistance(X, i * d, centers, labels[i] * d, d);
      return total;
    },
  };
}

/** Largest wasm32 memory in bytes that we ask for (4 GiB less one 64 KiB page). */
const MAX_BYTES = 65535 * 65536;

/** The wasm kernel, or null when its arrays would not fit in a wasm32 memory. */
export function wasmKernel(X: Float64Array, n: number, d: number, k: number): LloydKernel | null {
  let bytes = 0;
  const layout: [string, number][] = [];
  const take = (name: string, size: number) => {
    layout.push([name, bytes]);
    bytes += Math.ceil(size / 16) * 16;
  };
  take('X', 8 * n * d);
  take('labels', 4 * n);
  for (const name of ['upper', 'lower', 'closest', 'candidate', 'bestCandidate']) take(name, 8 * n);
  for (const name of ['half', 'moved', 'drop', 'counts']) take(name, 8 * k);
  take('sums', 8 * k * d);
  take('C', 8 * k * d);
  if (bytes > MAX_BYTES) return null;
  let memory: WebAssembly.Memory;
  let w: KMeansWasmExports;
  try {
    memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    w = instantiateKMeansWasm(d, k, memory);
  } catch {
    return null; // no memory that large here, or WebAssembly not allowed: the plain kernel
  }
  const at = Object.fromEntries(layout) as Record<string, number>;
  const f64 = (name: string, length: number) => new Float64Array(memory.buffer, at[name], length);
  const Xw = f64('X', n * d);
  Xw.set(X);
  const labels = new Int32Array(memory.buffer, at.labels, n);
  const C = f64('C', k * d);
  const base = createWorkspace(0, d, k);
  const work: Workspace = {
    ...base,
    upper: f64('upper', n),
    lower: f64('lower', n),
    closest: f64('closest', n),
    candidate: f64('candidate', n),
    bestCandidate: f64('bestCandidate', n),
    cumulative: new Float64Array(n),
    half: f64('half', k),
    moved: f64('moved', k),
    sums: f64('sums', k * d),
    counts: f64('counts', k),
    taken: new Uint8Array(n),
  };
  const setCentres = (centers: Float64Array) => C.set(centers);
  // What each centre's points take off their lower bound (`loosenBounds`).
  const drop = f64('drop', k);
  const assignRun = (
    full: number,
    centers: Float64Array,
    largestAt: number,
    largest: number,
    second: number,
  ) => {
    setCentres(centers);
    for (let c = 0; c < k; c++) drop[c] = c === largestAt ? second : largest;
    return w.assign(
      n,
      full,
      at.X,
      at.labels,
      work.upper.byteOffset,
      work.lower.byteOffset,
      work.half.byteOffset,
      work.moved.byteOffset,
      at.drop,
      at.C,
      at.sums,
      at.counts,
    );
  };
  return {
    X: Xw,
    work,
    labels,
    trial(id, closest, candidate) {
      return w.trial(n, at.X, at.X + 8 * d * id, closest.byteOffset, candidate.byteOffset);
    },
    assignFirst(centers) {
      assignRun(1, centers, -1, 0, 0);
    },
    assignNext(centers, largestAt, largest, second) {
      return assignRun(0, centers, largestAt, largest, second);
    },
    sumClusters() {
      work.sums.fill(0);
      work.counts.fill(0);
      w.sum(n, at.X, at.labels, at.sums, at.counts);
    },
    assignPlain(centers) {
      setCentres(centers);
      w.plain(n, at.X, at.labels, at.C);
    },
    inertia(centers) {
      setCentres(centers);
      return w.inertia(n, at.X, at.labels, at.C);
    },
  };
}
