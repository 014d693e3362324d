/**
 * The thin wrapper every worker entry uses: validates the incoming envelope, runs the job with
 * an AbortSignal and a progress callback, and posts exactly one result or failure.
 */
import { parentPort } from 'node:worker_threads';
import { DataError } from './engine/data/warnings';
import { type FromWorker, ToWorkerSchema, isAbortError } from './protocol';

export interface JobContext {
  signal: AbortSignal;
  progress: (fraction: number | null, message: string, data?: unknown) => void;
}

/** Transferable buffers of a result (non-shared ArrayBuffers of typed arrays). */
export function transferablesOf(values: unknown[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const v of values) {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  }
  return [...out];
}

export function hostJob<I, O>(
  run: (input: I, ctx: JobContext) => Promise<O> | O,
  transfer: (result: O) => ArrayBuffer[] = () => [],
): void {
  const port = parentPort;
  if (!port) throw new Error('worker-host: must run in a worker thread');
  let signal: AbortSignal | null = null;
  const post = (m: FromWorker, t: ArrayBuffer[] = []) => port.postMessage(m, t);
  let lastProgress = 0;
  port.on('message', (raw: unknown) => {
    const parsed = ToWorkerSchema.safeParse(raw);
    if (!parsed.success) return; // not ours: ignore rather than crash the job
    const msg = parsed.data;
    if (msg.type === 'cancel') return; // the shared flag already says so
    // Engine loops are synchronous, so a cancel message could not be read until they end;
    // the shared flag is read instead. Engines only ever look at `signal.aborted`.
    const flag = msg.cancelFlag;
    signal = {
      get aborted() {
        return Atomics.load(flag, 0) === 1;
      },
    } as AbortSignal;
    const ctx: JobContext = {
      signal,
      progress(fraction, message, data) {
        // At most ~30 progress messages a second, but never drop ones carrying data.
        const now = performance.now();
        if (data === undefined && now - lastProgress < 33 && fraction !== 1) return;
        lastProgress = now;
        post({ type: 'progress', fraction, message, data });
      },
    };
    Promise.resolve()
      .then(() => run(msg.input as I, ctx))
      .then(
        (result) => post({ type: 'done', result }, transfer(result)),
        (e: unknown) =>
          post({
            type: 'failed',
            message: e instanceof Error ? e.message : String(e),
            cancelled: isAbortError(e) || (signal?.aborted ?? false),
            userError: e instanceof DataError,
          }),
      );
  });
}
