/**
 * Markdown tokens straight to DOM nodes: the fast path of `renderTokens` (./markdown.ts) for
 * tokens without raw HTML.
 *
 * marked's renderer writes an HTML string, which DOMPurify then parses in an inert document and
 * walks; for markdown without raw HTML every element of that string is one this module can make
 * itself from the tokens (`createElement`, text as `Text` nodes, never parsed), so the string, the
 * parse and the walk are skipped (about a sixth of the time of a one-shot render of a 59 KB
 * answer). The result is the same tree, node for node, as the sanitized string (tested against
 * it: `test/unit/markdown/dom-render.test.ts`), including marked's line breaks between blocks, and
 * it goes through the same post-pass (URL checks, image allowlist, link targets, decoration).
 *
 * Gives up (returns `null`, and the caller takes the HTML path) on anything it does not make in
 * exactly the same way: raw HTML, a character reference in the source (`&copy;` in a text or a
 * URL, which the HTML path decodes), a token type it does not know.
 */
import type {Token, Tokens} from 'marked';

/** DOMPurify's URI check of the HTML path (markdown.ts), applied to `href` and `src` the same way. */
export type UriCheck = (value: string) => boolean;

/** A character reference marked leaves in its HTML for the parser to decode. */
const CHARACTER_REFERENCE = /&(?:#\d{1,7}|#[Xx][\dA-Fa-f]{1,6}|\w+);/;

class GiveUp extends Error {}

/**
 * The DOM of `tokens` (block level, as `marked.parser` takes them), or `null` when it cannot be
 * made here exactly as the HTML path would make it.
 */
export function tokensToDom(tokens: Token[], doc: Document, allowUri: UriCheck): DocumentFragment | null {
  for (const token of tokens) if (CHARACTER_REFERENCE.test(token.raw)) return null;
  const fragment = doc.createDocumentFragment();
  try {
    new Builder(doc, allowUri).blocks(fragment, tokens);
  } catch (error) {
    if (error instanceof GiveUp) return null;
    throw error;
  }
  return fragment;
}

class Builder {
  constructor(
    private readonly doc: Document,
    private readonly allowUri: UriCheck,
  ) {}

  #el(parent: Node, tag: string): HTMLElement {
    const e = this.doc.createElement(tag);
    parent.appendChild(e);
    return e;
  }

  /** Text, joined to a text node just before it (the HTML parser makes one node of a run of text). */
  #text(parent: Node, data: string): void {
    if (!data) return;
    const last = parent.lastChild;
    if (last && last.nodeType === Node.TEXT_NODE) (last as Text).appendData(data);
    else parent.appendChild(this.doc.createTextNode(data));
  }

  /** `marked.Parser.parse`: block tokens, each followed by the line break marked writes. */
  blocks(parent: Node, tokens: Token[]): void {
    for (const token of tokens) {
      switch (token.type) {
        case 'space':
        case 'def':
          break;
        case 'paragraph':
          this.#inline(this.#el(parent, 'p'), (token as Tokens.Paragraph).tokens);
          this.#text(parent, '\n');
          break;
        case 'heading': {
          const t = token as Tokens.Heading;
          this.#inline(this.#el(parent, `h${t.depth}`), t.tokens);
          this.#text(parent, '\n');
          break;
        }
        case 'hr':
          this.#el(parent, 'hr');
          this.#text(parent, '\n');
          break;
        case 'code': {
          const t = token as Tokens.Code;
          if (t.escaped) throw new GiveUp();
          const lang = /^\S*/.exec(t.lang ?? '')?.[0];
          const code = this.#el(this.#el(parent, 'pre'), 'code');
          if (lang) code.setAttribute('class', `language-${lang}`);
          if (t.text) this.#text(code, `${t.text.replace(/\n$/, '')}\n`);
          this.#text(parent, '\n');
          break;
        }
        case 'blockquote': {
          const quote = this.#el(parent, 'blockquote');
          this.#text(quote, '\n');
          this.blocks(quote, (token as Tokens.Blockquote).tokens);
          this.#text(parent, '\n');
          break;
        }
        case 'list': {
          const t = token as Tokens.List;
          const list = this.#el(parent, t.ordered ? 'ol' : 'ul');
          if (t.ordered && t.start !== 1) list.setAttribute('start', String(t.start));
          this.#text(list, '\n');
          for (const item of t.items) {
            this.blocks(this.#el(list, 'li'), item.tokens);
            this.#text(list, '\n');
          }
          this.#text(parent, '\n');
          break;
        }
        case 'checkbox':
          // The widget's task-list glyph (markdown.ts renders checkboxes so: inputs are forbidden).
          this.#text(parent, (token as Tokens.Checkbox).checked ? '\u2611 ' : '\u2610 ');
          break;
        case 'table':
          this.#table(parent, token as Tokens.Table);
          break;
        case 'text': {
          const t = token as Tokens.Text;
          if (t.tokens) this.#inline(parent, t.tokens);
          else if (t.escaped) throw new GiveUp();
          else this.#text(parent, t.text);
          break;
        }
        default:
          // html, or a token type this module does not know.
          throw new GiveUp();
      }
    }
  }

  #table(parent: Node, t: Tokens.Table): void {
    const table = this.#el(parent, 'table');
    this.#text(table, '\n');
    const head = this.#el(table, 'thead');
    this.#text(head, '\n');
    this.#row(head, t.header);
    this.#text(table, '\n');
    if (t.rows.length) {
      const body = this.#el(table, 'tbody');
      for (const cells of t.rows) this.#row(body, cells);
    }
    this.#text(parent, '\n');
  }

  #row(parent: Node, cells: Tokens.TableCell[]): void {
    const tr = this.#el(parent, 'tr');
    this.#text(tr, '\n');
    for (const cell of cells) {
      const td = this.#el(tr, cell.header ? 'th' : 'td');
      if (cell.align) td.setAttribute('align', cell.align);
      this.#inline(td, cell.tokens);
      this.#text(tr, '\n');
    }
    this.#text(parent, '\n');
  }

  /** `marked.Parser.parseInline` with the default renderer. */
  #inline(parent: Node, tokens: Token[]): void {
    for (const token of tokens) {
      switch (token.type) {
        case 'text':
        case 'escape': {
          const t = token as Tokens.Text | Tokens.Escape;
          if ('tokens' in t && t.tokens) this.#inline(parent, t.tokens);
          else if ('escaped' in t && t.escaped) throw new GiveUp();
          else this.#text(parent, t.text);
          break;
        }
        case 'strong':
        case 'em':
        case 'del':
          this.#inline(this.#el(parent, token.type), (token as Tokens.Strong).tokens);
          break;
        case 'codespan':
          this.#text(this.#el(parent, 'code'), (token as Tokens.Codespan).text);
          break;
        case 'br':
          this.#el(parent, 'br');
          break;
        case 'link': {
          const t = token as Tokens.Link;
          const href = cleanUrl(t.href);
          let holder = parent;
          if (href !== null) {
            const a = this.#el(parent, 'a');
            if (this.allowUri(href)) a.setAttribute('href', href);
            if (t.title) a.setAttribute('title', t.title);
            holder = a;
          }
          if (t.autolink) this.#text(holder, t.text);
          else this.#inline(holder, t.tokens);
          break;
        }
        case 'image': {
          const t = token as Tokens.Image;
          const alt = t.tokens ? plainText(t.tokens) : t.text;
          const src = cleanUrl(t.href);
          if (src === null) {
            this.#text(parent, alt);
            break;
          }
          const img = this.#el(parent, 'img');
          if (this.allowUri(src) || /^data:/.test(src)) img.setAttribute('src', src);
          img.setAttribute('alt', alt);
          if (t.title) img.setAttribute('title', t.title);
          break;
        }
        case 'checkbox':
          this.#text(parent, (token as Tokens.Checkbox).checked ? '\u2611 ' : '\u2610 ');
          break;
        default:
          throw new GiveUp();
      }
    }
  }
}

/** marked's `cleanUrl`: `encodeURI`, `%25` back to `%`; `null` when it cannot be encoded. */
function cleanUrl(href: string): string | null {
  try {
    return encodeURI(href).replace(/%25/g, '%');
  } catch {
    return null;
  }
}

/** marked's `TextRenderer` (an image's alt text): the text of the tokens, without markup. */
function plainText(tokens: Token[]): string {
  let out = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'br':
        out += '\n';
        break;
      case 'checkbox':
        out += token.raw;
        break;
      case 'html':
        throw new GiveUp();
      default: {
        const t = token as Tokens.Generic;
        out += Array.isArray(t.tokens) ? plainText(t.tokens as Token[]) : String(t.text ?? '');
      }
    }
  }
  return out;
}
