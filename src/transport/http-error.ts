/** An HTTP step failed: `status` 0 means the network failed (or the request timed out). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    message: string,
    readonly status: number,
    /** The error response's body, as text. */
    readonly body?: string,
    /** The error response's `Retry-After` header, as sent. */
    readonly retryAfter?: string | null,
  ) {
    super(message);
  }
}
