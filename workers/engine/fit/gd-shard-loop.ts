/**
 * A helper thread's side of a parallel gradient-descent fit (fit-parallel.ts): waits for each
 * pass, runs it over its own users (pass A) or movies (pass B) with the same kernels as the
 * single-threaded fit, reports done, until told to exit. All state is shared memory; the
 * helper owns no result of its own.
 */
import { gdKernelsFor } from './gd-kernels';
import { gdWorkspace, type GdWorkspace } from './gd-workspace';
import { COMMAND, READY, ShardCommand, finishPass, waitForPass, GENERATION } from './shard-barrier';

export interface GdShardInput {
  /** Every array over a SharedArrayBuffer: the WebAssembly memory's, when there is one. */
  workspace: GdWorkspace;
  /** Shared memory of the WebAssembly kernels, or null for the JavaScript ones. */
  memory: WebAssembly.Memory | null;
  /** The barrier (shard-barrier.ts). */
  control: Int32Array;
  /** 4 slots per shard: max residual change, max |Δu|, max |Δv|, unused. */
  stats: Float64Array;
  userBounds: Int32Array;
  movieBounds: Int32Array;
  /** This helper's shard, ≥ 1 (shard 0 is the driver's). */
  shard: number;
}

export function runGdShard(input: GdShardInput): void {
  const w = gdWorkspace(input.workspace);
  const kernels = gdKernelsFor(w.K, input.memory);
  const { control: ctl, stats, userBounds, movieBounds, shard } = input;
  const slot = 4 * shard;
  let seen = Atomics.load(ctl, GENERATION);
  Atomics.add(ctl, READY, 1);
  Atomics.notify(ctl, READY);
  for (;;) {
    seen = waitForPass(ctl, seen);
    const command = Atomics.load(ctl, COMMAND);
    if (command === ShardCommand.Exit) return;
    try {
      if (command === ShardCommand.Movies) {
        kernels.movies(w, movieBounds[shard], movieBounds[shard + 1], stats, slot);
      } else {
        const update = command === ShardCommand.UsersUpdate;
        kernels.users(w, userBounds[shard], userBounds[shard + 1], update, stats, slot);
      }
    } catch (e) {
      finishPass(ctl, true);
      throw e;
    }
    finishPass(ctl);
  }
}

/** Validates a helper's start message (the worker boundary); throws naming the bad field. */
export function checkGdShardInput(raw: unknown): GdShardInput {
  const o = raw as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null) throw new Error('fit-shard: input is not an object');
  const w = o.workspace as Record<string, unknown> | null;
  if (typeof w !== 'object' || w === null) throw new Error('fit-shard: workspace is missing');
  const K = w.K as number;
  if (!Number.isInteger(K) || K < 1)
    throw new Error(`fit-shard: workspace.K is ${String(K)}; expected an integer ≥ 1`);
  for (const key of ['twoAlpha', 'lambda'] as const) {
    if (typeof w[key] !== 'number') throw new Error(`fit-shard: workspace.${key} is not a number`);
  }
  const expect = (
    where: Record<string, unknown>,
    key: string,
    Ctor: new (n: number) => unknown,
    prefix: string,
  ) => {
    const a = where[key];
    if (!(a instanceof Ctor) || !((a as Int32Array).buffer instanceof SharedArrayBuffer)) {
      throw new Error(`fit-shard: ${prefix}${key} must be a ${Ctor.name} over a SharedArrayBuffer`);
    }
  };
  for (const key of ['userPtr', 'userCol', 'moviePtr', 'movieCol', 'valPtr', 'valCol'])
    expect(w, key, Int32Array, 'workspace.');
  for (const key of ['userVal', 'movieVal', 'valVal']) expect(w, key, Float32Array, 'workspace.');
  for (const key of [
    'U',
    'V',
    'Ubackup',
    'residual',
    'rowSq',
    'rowNormU',
    'rowValSq',
    'rowNormV',
  ]) {
    expect(w, key, Float64Array, 'workspace.');
  }
  if (o.memory !== null && !(o.memory instanceof WebAssembly.Memory)) {
    throw new Error('fit-shard: memory must be a WebAssembly.Memory or null');
  }
  expect(o, 'control', Int32Array, '');
  expect(o, 'stats', Float64Array, '');
  for (const key of ['userBounds', 'movieBounds']) {
    if (!(o[key] instanceof Int32Array)) throw new Error(`fit-shard: ${key} must be an Int32Array`);
  }
  const ws = w as unknown as GdWorkspace;
  const I = ws.userPtr.length - 1;
  const M = ws.moviePtr.length - 1;
  if (ws.U.length < I * K || ws.V.length < M * K) {
    throw new Error(`fit-shard: U or V is shorter than ${I} × ${K} or ${M} × ${K}`);
  }
  const shards = (o.userBounds as Int32Array).length - 1;
  const shard = o.shard as number;
  if (!Number.isInteger(shard) || shard < 1 || shard >= shards) {
    throw new Error(`fit-shard: shard is ${String(shard)}; expected 1..${shards - 1}`);
  }
  if ((o.stats as Float64Array).length < 4 * shards)
    throw new Error('fit-shard: stats has fewer than 4 slots per shard');
  return o as unknown as GdShardInput;
}
