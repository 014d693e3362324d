/**
 * Messages between the core and its worker threads. A worker receives one `start` message
 * (its job input) and possibly a `cancel`; it answers with `progress` messages and exactly one
 * `done` or `failed`. Envelopes are validated on both sides; payloads are the job's typed
 * arrays and plain values, checked by the job's own entry function.
 */
import { z } from 'zod';

export const ToWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    input: z.unknown(),
    /** Int32Array(1) over a SharedArrayBuffer: the core sets it to 1 to cancel. */
    cancelFlag: z.instanceof(Int32Array),
  }),
  z.object({ type: z.literal('cancel') }),
]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

export const FromWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    fraction: z.number().nullable(),
    message: z.string(),
    data: z.unknown().optional(),
  }),
  z.object({ type: z.literal('done'), result: z.unknown() }),
  z.object({
    type: z.literal('failed'),
    message: z.string(),
    cancelled: z.boolean(),
    /** True for problems in the user's input (one-line message, no stack needed). */
    userError: z.boolean(),
  }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

/** Error raised when a job was cancelled, so callers can tell it from a failure. */
export class CancelledError extends Error {
  readonly cancelled = true;
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'CancelledError');
}
