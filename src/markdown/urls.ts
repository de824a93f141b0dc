/**
 * URL checks shared by the markdown sanitizer (`./markdown.ts`) and the widget's own links and
 * pictures (product cards, sources): a module of their own, so the widget's first render does
 * not load the markdown stack (marked, DOMPurify) to use them.
 */

/** Strips what URL parsers ignore or collapse, so obfuscated schemes are seen as what they are. */
// eslint-disable-next-line no-control-regex
const URL_IGNORED = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]/g;

/** http(s), mailto, or a URL without a scheme (relative path, `#fragment`, `?query`). */
export function isSafeHref(value: string): boolean {
  const v = value.replace(URL_IGNORED, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v);
  if (scheme) return /^(?:https?|mailto)$/i.test(scheme[1]!);
  const colon = v.indexOf(':');
  if (colon === -1) return true;
  const delimiter = v.search(/[/?#]/);
  return delimiter !== -1 && delimiter < colon;
}

/** An http(s) image URL whose host is in `hosts` (the `imageHosts` allowlist). */
export function isAllowedImage(src: string, hosts: readonly string[]): boolean {
  if (hosts.length === 0) return false;
  let url: URL;
  try {
    url = new URL(src.trim());
  } catch {
    return false; // relative URLs have no host to allow
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  return hosts.some((h) => {
    const allowed = String(h).trim().toLowerCase();
    return allowed !== '' && (allowed === host || allowed === hostname);
  });
}

/**
 * The sanitizer's URI check (DOMPurify's `ALLOWED_URI_REGEXP`, ./html-render.ts), narrowed to
 * http(s), mailto and scheme-less (relative, #, ?) URLs; the DOM path (./markdown.ts) applies it
 * the same way.
 */
export const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
