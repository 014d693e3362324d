/** An API call that failed: `message` is the core's one-line explanation. */
export class ApiError extends Error {
  readonly cancelled: boolean;

  constructor(message: string, cancelled = false) {
    super(firstLine(message));
    this.name = 'ApiError';
    this.cancelled = cancelled;
  }
}

/** Any thrown value as one readable line, for the error banner. */
export function errorLine(error: unknown): string {
  if (error instanceof Error) return firstLine(error.message) || error.name;
  return firstLine(String(error));
}

/** True when the error reports a job stopped on request rather than a failure. */
export function isCancelled(error: unknown): boolean {
  return error instanceof ApiError && error.cancelled;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0].trim();
}
