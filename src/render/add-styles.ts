import type {CSSResult} from 'lit';

/** Shadow roots without constructable stylesheets: the styles each was given as `<style>` elements. */
const added = new WeakMap<ShadowRoot, Set<CSSResult>>();

/**
 * Adds `styles` to the shadow root `root`, once: the widget's sheets that load later (the rest of
 * the layout after the first paint, the markdown, extras and highlighter chunks' styles). With
 * constructable stylesheets it is adopted right after `after`'s sheet (the order of a stylesheet
 * it was split from), or after every other; without them, a `<style>` element in the same place
 * among the root's (Lit puts the element's own first).
 */
export function addStyles(root: ShadowRoot, styles: CSSResult, after?: CSSResult): void {
  const sheet = styles.styleSheet;
  if (sheet && 'adoptedStyleSheets' in root) {
    const sheets = root.adoptedStyleSheets;
    if (sheets.includes(sheet)) return;
    const at = (after?.styleSheet ? sheets.indexOf(after.styleSheet) + 1 : 0) || sheets.length;
    root.adoptedStyleSheets = [...sheets.slice(0, at), sheet, ...sheets.slice(at)];
    return;
  }
  const done = added.get(root) ?? new Set<CSSResult>();
  if (done.has(styles)) return;
  added.set(root, done.add(styles));
  const style = document.createElement('style');
  style.textContent = styles.cssText;
  const own = [...root.children].filter((child) => child.localName === 'style');
  const previous = (after && own.find((el) => el.textContent === after.cssText)) || own.at(-1);
  root.insertBefore(style, previous ? previous.nextSibling : root.firstChild);
}
