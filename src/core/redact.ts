/**
 * The one redaction policy: every secret (the token, the values of the host's request
 * headers), raw or URI-encoded, is replaced by `[redacted]` in text that leaves the widget
 * through events, errors or the screen. Secrets shorter than 4 characters are left alone
 * (they would mangle ordinary words).
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    out = out.split(secret).join('[redacted]');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('[redacted]');
  }
  return out;
}
