/**
 * Throws an Error named 'AbortError' when `signal` has been aborted. Long loops call this
 * every few thousand units of work so that a cancelled job stops promptly.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error('cancelled');
    error.name = 'AbortError';
    throw error;
  }
}
