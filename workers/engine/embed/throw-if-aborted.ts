/**
 * Throws an Error named 'AbortError' when `signal` has been aborted, so that callers can tell a
 * cancellation from a failure by `error.name` whatever reason the signal carries.
 */
export function throwIfAborted(signal: AbortSignal | undefined, scope: string): void {
  if (signal?.aborted) {
    const error = new Error(`${scope}: aborted`);
    error.name = 'AbortError';
    throw error;
  }
}
