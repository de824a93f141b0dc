/**
 * The HTML path of `renderTokens` (./markdown.ts), a module of its own so that it loads only
 * when a text needs it: marked's HTML of tokens that hold raw HTML (or a character reference the
 * HTML parser would decode), sanitized by DOMPurify (a private instance). Markdown without raw
 * HTML never reaches it (./dom-render.ts builds its nodes directly), so a conversation without
 * raw HTML never loads DOMPurify; in the bundle this is the `sanitizer` chunk.
 *
 * DOMPurify parses in an inert document and returns a fragment (`RETURN_DOM_FRAGMENT`), which
 * also works on pages that enforce Trusted Types: DOMPurify uses its own `dompurify` policy for
 * its parser. The HTML string never leaves this module.
 *
 * SSR: importing this module touches neither `window` nor `document`; the DOMPurify instance is
 * created on first use.
 */
import {Parser, Renderer, getDefaults, type MarkedOptions, type Token} from 'marked';
import DOMPurify, {type Config, type DOMPurify as Purifier} from 'dompurify';
import {ALLOWED_URI_REGEXP} from './urls.js';

/** Allowlist: what marked produces, plus a few harmless inline-HTML tags. */
const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'code', 'col', 'colgroup', 'dd', 'del',
  'details', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins',
  'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub',
  'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul', 'var', 'wbr',
];
/** Never allowed, whatever the allowlist says (stated for review; the allowlist excludes them too). */
const FORBID_TAGS = [
  'style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'object',
  'embed', 'base', 'link', 'meta', 'script', 'noscript', 'template', 'svg', 'math', 'audio', 'video',
  'source', 'track', 'picture', 'canvas', 'dialog', 'slot',
];
const ALLOWED_ATTR = [
  'href', 'title', 'alt', 'src', 'width', 'height', 'align', 'start', 'reversed', 'class',
  'colspan', 'rowspan', 'open', 'lang', 'dir',
];
const FORBID_ATTR = [
  'style', 'srcset', 'sizes', 'poster', 'background', 'ping', 'action', 'formaction', 'xlink:href',
  'id', 'name', 'part', 'exportparts', 'slot', 'is', 'target', 'rel', 'loading', 'referrerpolicy',
];

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOWED_URI_REGEXP,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true,
};

let parserOptions: MarkedOptions | undefined;
let purifyInstance: Purifier | undefined;

/** marked's options for the HTML renderer (those of the lexer in ./markdown.ts, plus our renderer). */
function getParserOptions(): MarkedOptions {
  if (!parserOptions) {
    const options: MarkedOptions = {...getDefaults(), gfm: true, breaks: true, async: false, silent: false};
    const renderer = new Renderer(options);
    // GFM task lists: a glyph instead of an <input> (inputs are forbidden).
    renderer.checkbox = ({checked}) => (checked ? '\u2611 ' : '\u2610 ');
    options.renderer = renderer;
    parserOptions = options;
  }
  return parserOptions;
}

function getPurify(): Purifier {
  if (!purifyInstance) {
    const purify = DOMPurify(window);
    // Without a DOM DOMPurify returns its input unchanged: refuse, so callers fall back to text.
    if (!purify.isSupported) throw new Error('DOMPurify is not supported in this environment');
    // Belt and braces: no event-handler attribute survives, whatever the allowlists say.
    purify.addHook('uponSanitizeAttribute', (_node, data) => {
      if (/^on/i.test(data.attrName)) data.keepAttr = false;
    });
    // A disallowed element keeps its content (hoisted into its parent), scripts included, which
    // DOMPurify only removes when it reaches them. Moving a script element is a Trusted Types
    // sink in Chromium: under `require-trusted-types-for` that inert move is reported (nothing
    // runs). Scripts inside an element about to be unwrapped are removed before it is.
    purify.addHook('uponSanitizeElement', (node, data) => {
      if (!data.allowedTags[data.tagName] && node instanceof Element) {
        for (const script of Array.from(node.getElementsByTagName('script'))) script.remove();
      }
    });
    // Set once: `sanitize(html, config)` would parse the config again on every call (a streaming
    // reply sanitises its tail once per frame).
    purify.setConfig(PURIFY_CONFIG);
    purifyInstance = purify;
  }
  return purifyInstance;
}

/**
 * marked's HTML of `tokens` (block level), sanitized: a fragment of an inert document, before the
 * post-pass of ./markdown.ts. May throw; callers fall back to plain text.
 */
export function sanitizedHtml(tokens: Token[]): DocumentFragment {
  const fragment: unknown = getPurify().sanitize(Parser.parse(tokens, getParserOptions()));
  if (!(fragment instanceof DocumentFragment)) throw new TypeError('sanitizer did not return a fragment');
  return fragment;
}
