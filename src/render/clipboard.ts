/**
 * Copies `text` to the clipboard: the Clipboard API, else (missing, or denied outside a secure
 * context) a hidden textarea and `execCommand('copy')` inside `root`. Resolves false when
 * neither worked.
 */
export async function copyText(text: string, root: ShadowRoot | Document): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: fall back.
  }
  const focused = (root as ShadowRoot).activeElement ?? document.activeElement;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'sr-only';
  const parent = root instanceof Document ? root.body : root;
  parent.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  (focused as HTMLElement | null)?.focus?.();
  return ok;
}
