/**
 * Runs one job on a fresh worker thread: posts its input, relays progress, resolves with the
 * result. Cancelling asks the worker to stop (it returns promptly from its loops); a worker that
 * does not answer within the grace period is terminated, so cancellation always completes.
 * A worker that crashes rejects the job with a readable message; the core stays usable.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { CancelledError, FromWorkerSchema } from '../../workers/protocol';
import { UserError } from './errors';

export interface WorkerJob<O> {
  promise: Promise<O>;
  cancel(): void;
}

const CANCEL_GRACE_MS = 150;

export function runWorker<O>(
  workerDir: string,
  name: string,
  input: unknown,
  options: {
    transfer?: ArrayBuffer[];
    onProgress?: (fraction: number | null, message: string, data: unknown) => void;
    resourceLimits?: { maxOldGenerationSizeMb?: number };
    /** How long a cancelled worker may take to return its partial result before it is ended. */
    cancelGraceMs?: number;
  } = {},
): WorkerJob<O> {
  const worker = new Worker(join(workerDir, `${name}.js`), {
    resourceLimits: options.resourceLimits,
  });
  let settled = false;
  let cancelTimer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const promise = new Promise<O>((resolve, reject) => {
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(cancelTimer);
      fn();
      void worker.terminate();
    };
    worker.on('message', (raw: unknown) => {
      const parsed = FromWorkerSchema.safeParse(raw);
      if (!parsed.success) {
        finish(() => reject(new Error(`${name} worker: malformed message`)));
        return;
      }
      const msg = parsed.data;
      if (msg.type === 'progress') options.onProgress?.(msg.fraction, msg.message, msg.data);
      else if (msg.type === 'done') finish(() => resolve(msg.result as O));
      else
        finish(() =>
          reject(
            msg.cancelled
              ? new CancelledError()
              : msg.userError
                ? new UserError(msg.message)
                : new Error(`${name} worker failed: ${msg.message}`),
          ),
        );
    });
    worker.on('error', (e) =>
      finish(() => reject(new Error(`${name} worker crashed: ${e.message}`))),
    );
    worker.on('exit', (code) =>
      finish(() =>
        reject(
          cancelled
            ? new CancelledError()
            : new Error(`${name} worker stopped unexpectedly (exit code ${code})`),
        ),
      ),
    );
  });
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  worker.postMessage({ type: 'start', input, cancelFlag }, options.transfer ?? []);
  return {
    promise,
    cancel() {
      if (settled || cancelled) return;
      cancelled = true;
      Atomics.store(cancelFlag, 0, 1);
      worker.postMessage({ type: 'cancel' });
      cancelTimer = setTimeout(
        () => void worker.terminate(),
        options.cancelGraceMs ?? CANCEL_GRACE_MS,
      );
    },
  };
}
