/**
 * The server's own words in a failed HTTP request's body, for the host's `chat-error` and the `job`
 * adapter's wording: only a failure needs them, so in the script-tag bundle they are a chunk of
 * their own (vite.config.ts), loaded by the first failure (or beside `job`'s adapter).
 */

const DETAIL_MAX = 200;

/**
 * Bodies that only repeat the status line ("Internal Server Error", "Not Found", a proxy's
 * "502 Bad Gateway" …) tell the visitor nothing the widget's own wording does not: they are
 * left out of the message (the status is in it already).
 */
const REASON_PHRASES = new Set(
  [
    'bad request', 'unauthorized', 'forbidden', 'not found', 'method not allowed', 'not acceptable',
    'request timeout', 'conflict', 'gone', 'payload too large', 'content too large', 'unsupported media type',
    'unprocessable entity', 'unprocessable content', 'too many requests', 'internal server error',
    'not implemented', 'bad gateway', 'service unavailable', 'service temporarily unavailable',
    'gateway timeout', 'gateway time-out', 'error', 'unknown error',
  ],
);

function isReasonPhrase(text: string): boolean {
  return REASON_PHRASES.has(text.toLowerCase().replace(/^\d{3}\s*:?\s*/, '').replace(/[.!]$/, '').trim());
}

/**
 * A short server explanation from an error body: `{detail}`, `{message}`, `{error}`,
 * `{error: {message}}` (OpenAI-style), FastAPI's `detail: [{msg}]`, or a one-line plain
 * text body. HTML pages, empty bodies and bodies that only repeat the status's reason phrase
 * ("Not Found") give `''`. Whitespace is collapsed and the
 * result clipped to 200 characters.
 */
export function errorDetail(body: string | undefined): string {
  if (!body) return '';
  let detail: string | undefined;
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      const o = json as Record<string, unknown>;
      const raw = o['detail'] ?? o['message'] ?? o['error'] ?? o['errorText'];
      if (typeof raw === 'string') detail = raw;
      else if (Array.isArray(raw)) {
        detail = raw
          .map((item) => (typeof item === 'string' ? item : typeof item?.msg === 'string' ? (item.msg as string) : undefined))
          .filter((m) => m !== undefined)
          .join('; ');
      } else if (typeof raw === 'object' && raw !== null && typeof (raw as Record<string, unknown>)['message'] === 'string') {
        detail = (raw as Record<string, string>)['message'];
      }
    }
  } catch {
    // Plain text: kept when it is short and not markup (an HTML error page is no use to the user).
    const line = body.trim();
    if (line.length <= DETAIL_MAX && !line.includes('<') && !line.includes('\n')) detail = line;
  }
  const clean = detail?.replace(/\s+/g, ' ').trim() ?? '';
  if (isReasonPhrase(clean)) return '';
  return clean.length > DETAIL_MAX ? `${clean.slice(0, DETAIL_MAX - 1)}…` : clean;
}

/**
 * A failure's wording followed by the server's own detail: after a space, or after none where the
 * wording ends in full-width punctuation (Chinese and Japanese put no space after `。` or `）`).
 */
export function withDetail(head: string, detail: string): string {
  if (detail === '') return head;
  return /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]$/.test(head) ? `${head}${detail}` : `${head} ${detail}`;
}
