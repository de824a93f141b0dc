/**
 * The entry of the script-tag bundle, `dist/chat-widget.js` (CONTRACT §12): a small loader.
 * The element itself (`./define.ts` and all it imports) is a chunk beside it, imported relative
 * to this file.
 *
 * - A page with an inline widget (any `<chat-widget>` without `launcher`, or one already `open`),
 *   or with none yet (a script may create it later), gets the element at once.
 * - A page whose widgets are all launchers runs only this file until the visitor reaches for one
 *   (pointer over it, focus, or a click that opens it) or the browser is idle after the page's
 *   load (`requestIdleCallback`, at most {@link IDLE_TIMEOUT_MS} later). Meanwhile each launcher
 *   is drawn here, in the element's own shadow root, looking like the real one (`::part(launcher)`,
 *   the same `--chat-*` properties); a click shows the panel's shell at once and the element
 *   renders into it when it arrives (see `createRenderRoot` in ./chat-widget.ts).
 * - `performance.mark('chat-widget:load', {detail: {reason}})` tells when (and why) the rest was
 *   asked for: `inline`, `pointerover`, `focus`, `open`, `idle`.
 * - Two copies (or two versions) on one page: the first definition wins, a loader that finds
 *   `<chat-widget>` defined does nothing, and a shadow root drawn by another copy is left alone.
 * - Nothing here touches a Trusted Types sink or needs `unsafe-inline`: elements are built with
 *   `createElement`, styles are constructed style sheets.
 * - The module exports `ChatWidget` (the class, as the single-file bundle did): its evaluation
 *   awaits the element (top-level await), so `import {ChatWidget} from '…/chat-widget.js'` gets
 *   the class, in launcher mode once the rest has loaded. That await holds only modules that
 *   import this file, not the page (the launcher is drawn before it).
 */
import type {ChatWidget as ChatWidgetClass} from './chat-widget.js';

type DefineModule = typeof import('./define.js');

const TAG = 'chat-widget';
/** Longest wait for an idle moment after the page's load before the rest loads anyway. */
const IDLE_TIMEOUT_MS = 3000;

let requested: Promise<DefineModule> | undefined;
let onRequested: (rest: Promise<DefineModule>) => void = () => {};
/** The element's module, once something asked for it. */
const rest = new Promise<DefineModule>((resolve) => (onRequested = resolve));

/** Imports the element (once) and says why. */
function loadRest(reason: string): Promise<DefineModule> {
  if (!requested) {
    try {
      performance.mark('chat-widget:load', {detail: {reason}});
    } catch {
      // No User Timing with details: nothing to mark.
    }
    requested = import('./define.js');
    onRequested(requested);
  }
  return requested;
}

/**
 * The launcher's look before the element loads: the tokens and rules it needs from the widget's
 * styles. The panel's shell has its own sheet, parsed when a click first shows it: the launcher's
 * first paint computes no style it does not show.
 */
const LAUNCHER_CSS = `
:host{display:block;color-scheme:light dark;--_z:var(--chat-z-index,2147483000);--_b:var(--chat-launcher-bottom,20px);--_r:var(--chat-launcher-right,20px)}
:host([hidden]){display:none}:host([theme='light']){color-scheme:light}:host([theme='dark']){color-scheme:dark}
.launcher,.panel{position:fixed;z-index:var(--_z);inset-inline-end:calc(var(--_r) + env(safe-area-inset-right,0px))}
.launcher{bottom:calc(var(--_b) + env(safe-area-inset-bottom,0px));width:56px;height:56px;border-radius:50%;border:0;padding:0;
background:var(--chat-accent,light-dark(#2563eb,#5b93ff));color:var(--chat-accent-fg,light-dark(#fff,#0b1220));cursor:pointer;box-shadow:0 6px 20px rgb(0 0 0/.25)}
.launcher svg{display:block;width:26px;height:26px;margin:auto}`;
const PANEL_CSS = `
.panel{box-sizing:border-box;bottom:calc(var(--_b) + 72px + env(safe-area-inset-bottom,0px));width:min(var(--chat-width,380px),calc(100vw - 24px));
height:min(var(--chat-height,560px),calc(100vh - 110px));background:var(--chat-bg,light-dark(#fff,#16181d));color:var(--chat-fg,light-dark(#1f2328,#e6e8eb));
border:1px solid var(--chat-border,light-dark(#d0d5dc,#3a3f48));border-radius:var(--chat-radius,12px);box-shadow:0 12px 40px rgb(0 0 0/.2);padding:12px 16px;
font:var(--chat-font,400 15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif);font-weight:600}
@media (max-width:480px){.panel{inset:0 0 auto;width:100vw;height:100dvh;border-radius:0}:host([open]) .launcher{display:none}}`;

/** A constructed style sheet of `css`, made the first time it is asked for. */
function sheetOf(css: string): () => CSSStyleSheet {
  let sheet: CSSStyleSheet | undefined;
  return () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    return sheet;
  };
}
const launcherSheet = sheetOf(LAUNCHER_CSS);
const panelSheet = sheetOf(PANEL_CSS);

const SVG = 'http://www.w3.org/2000/svg';

/** The chat icon of the real launcher (render/icons.ts). */
function chatIcon(): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({viewBox: '0 0 24 24', width: '20', height: '20', 'aria-hidden': 'true', focusable: 'false', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round'})) {
    svg.setAttribute(k, v);
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z');
  svg.append(path);
  return svg;
}

/** Draws the launcher in `el`'s shadow root until the element loads; a click shows the panel's shell there. */
function drawShell(el: HTMLElement): void {
  if (el.shadowRoot) return; // another copy drew it, or the element is already there
  const root = el.attachShadow({mode: 'open'});
  root.adoptedStyleSheets = [launcherSheet()];
  // The side follows the widget's language, as the element's does (its RTL list: src/i18n/strings.ts).
  const rtl = /^(?:ar|he|fa|ur)(?:-|$)/i.test(el.getAttribute('lang') || document.documentElement.lang);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-label', 'Open chat');
  button.setAttribute('aria-expanded', 'false');
  if (rtl) button.dir = 'rtl';
  button.append(chatIcon());
  button.addEventListener('pointerover', () => void loadRest('pointerover'), {once: true});
  button.addEventListener('focus', () => void loadRest('focus'), {once: true});
  button.addEventListener(
    'click',
    () => {
      // The panel's shell at once; the element opens it for real when it arrives.
      root.adoptedStyleSheets = [launcherSheet(), panelSheet()];
      const panel = document.createElement('section');
      panel.className = 'panel';
      panel.setAttribute('part', 'panel');
      panel.textContent = el.getAttribute('heading') || 'Chat';
      if (rtl) panel.dir = 'rtl';
      root.prepend(panel);
      button.setAttribute('aria-expanded', 'true');
      el.setAttribute('open', '');
      void loadRest('open');
    },
    {once: true},
  );
  root.append(button);
}

/** Runs `fn` when the browser is idle after the page's load and its first paint since. */
function whenIdle(fn: () => void): void {
  const idle = (): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, {timeout: IDLE_TIMEOUT_MS});
    else setTimeout(fn, 500);
  };
  const afterPaint = (): void => {
    // The next frame, then a task (its paint is done); a hidden tab paints no frame: a timer instead.
    let done = false;
    const go = (): void => {
      if (done) return;
      done = true;
      setTimeout(idle, 0);
    };
    requestAnimationFrame(go);
    setTimeout(go, 1000);
  };
  if (document.readyState === 'complete') afterPaint();
  else window.addEventListener('load', afterPaint, {once: true});
}

/** Decides what loads now; resolves with the element's class once it is defined. */
async function start(): Promise<typeof ChatWidgetClass> {
  const defined = customElements.get(TAG);
  if (defined) return defined as typeof ChatWidgetClass; // another copy (or version) defined it
  // An async or dynamically imported loader may run before the page is parsed.
  if (document.readyState === 'loading') await new Promise((r) => document.addEventListener('DOMContentLoaded', r, {once: true}));
  const widgets = [...document.getElementsByTagName(TAG)] as HTMLElement[];
  const launchersOnly = widgets.length > 0 && widgets.every((el) => el.hasAttribute('launcher') && !el.hasAttribute('open'));
  if (!launchersOnly) {
    void loadRest(widgets.some((el) => el.hasAttribute('open')) ? 'open' : 'inline');
  } else {
    for (const el of widgets) drawShell(el);
    // The page opens a launcher (or makes it inline) by its attributes: that is reaching for it too.
    const watch = new MutationObserver(() => {
      watch.disconnect();
      void loadRest('open');
    });
    for (const el of widgets) watch.observe(el, {attributeFilter: ['open', 'launcher']});
    void rest.then(() => watch.disconnect());
    whenIdle(() => void loadRest('idle'));
  }
  await rest;
  await customElements.whenDefined(TAG);
  return customElements.get(TAG) as typeof ChatWidgetClass;
}

let ChatWidget: typeof ChatWidgetClass | undefined;
if (typeof document !== 'undefined' && typeof customElements !== 'undefined') ChatWidget = await start();

export {ChatWidget};
