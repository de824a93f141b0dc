import {expect, fixtureCleanup, fixtureSync, html} from '@open-wc/testing';
import {emulateMedia, executeServerCommand, sendKeys, setViewport} from '@web/test-runner-commands';
import type {ChatWidget} from '../../src/chat-widget.js';
import {backend, nextRender, shadow, until} from '../helpers.js';

/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A page with things to reach by Tab before and after a launcher widget. */
async function page(query = ''): Promise<{el: ChatWidget; before: HTMLButtonElement; after: HTMLAnchorElement}> {
  // fixtureSync: fixture() waits for an animation frame, which a background tab may never get.
  const root = fixtureSync<HTMLDivElement>(html`<div>
    <button id="before">Page button</button>
    <chat-widget launcher protocol="openai" url=${backend('openai') + query} persist="none"></chat-widget>
    <a id="after" href="#x">Page link</a>
  </div>`);
  const el = root.querySelector<ChatWidget>('chat-widget')!;
  await el.updateComplete;
  return {el, before: root.querySelector('#before')!, after: root.querySelector('#after')!};
}

const launcherButton = (el: ChatWidget) => shadow(el).querySelector<HTMLButtonElement>('[part~="launcher"]')!;
const panel = (el: ChatWidget) => shadow(el).querySelector<HTMLDialogElement>('[part~="panel"]')!;

/**
 * Presses Tab (and Shift+Tab) `count` times each, recording every element the focus lands on.
 * The real key, sent by the browser's input pipeline (not a synthetic event).
 */
async function tabAround(count: number): Promise<Array<Element | null>> {
  const seen: Array<Element | null> = [];
  for (const shift of [false, true]) {
    if (shift) await sendKeys({down: 'Shift'});
    for (let i = 0; i < count; i++) {
      await sendKeys({press: 'Tab'});
      seen.push(deepActive());
    }
    if (shift) await sendKeys({up: 'Shift'});
  }
  // Back from the browser's own UI, if that is where the last press left the focus.
  for (let i = 0; i < 6 && (deepActive() === document.body || !document.hasFocus()); i++) await sendKeys({press: 'Tab'});
  return seen;
}

/** Opens the launcher by a real click-like keyboard press on its button, focused first. */
async function openByKeyboard(el: ChatWidget): Promise<void> {
  launcherButton(el).focus();
  await sendKeys({press: 'Enter'});
  await until(() => el.open, 'open');
  await nextRender(el);
}

describe('launcher panel: a modal where it covers the page, inline where it does not (issue 11, item 4)', () => {
  afterEach(() => fixtureCleanup());

  describe('on a phone (full screen)', () => {
    let emulated = false;
    before(async () => {
      emulated = await executeServerCommand<boolean, boolean>('emulate-phone', true);
    });
    after(async () => {
      await executeServerCommand<boolean, boolean>('emulate-phone', false);
    });

    it('the page behind the open full-screen launcher is not reachable by Tab; Escape closes and the focus is back on the launcher', async function () {
      if (!emulated) this.skip();
      this.timeout(20_000);
      await until(() => matchMedia('(max-width: 480px)').matches, 'phone width');
      const {el, before, after} = await page();
      await openByKeyboard(el);
      expect(panel(el).matches(':modal'), 'a modal dialog').to.equal(true);
      expect(Math.round(panel(el).getBoundingClientRect().width)).to.equal(window.innerWidth);
      for (const a of panel(el).getAnimations()) a.finish();
      await expect(el, 'the full-screen modal panel').to.be.accessible();
      const seen = await tabAround(14);
      // Focus may leave the document for the browser's own UI (an empty activeElement), never
      // for the page's elements.
      const outside = seen.filter((a) => a !== null && a !== document.body && !shadow(el).contains(a));
      expect(outside, 'page elements reached by Tab').to.deep.equal([]);
      expect(seen).to.not.include(before);
      expect(seen).to.not.include(after);
      const inPanel = seen.filter((a) => a && panel(el).contains(a));
      expect(new Set(inPanel).size, 'Tab moves between the panel controls').to.be.at.least(2);

      // Escape from wherever the focus is in the panel: closed, focus on the launcher button.
      shadow(el).querySelector<HTMLTextAreaElement>('textarea')!.focus();
      await sendKeys({press: 'Escape'});
      await until(() => !el.open, 'closed by Escape');
      await nextRender(el);
      expect(panel(el).open, 'the dialog closed').to.equal(false);
      expect(deepActive(), 'focus back on the launcher button').to.equal(launcherButton(el));
      // Closed, the page is reachable again.
      before.focus();
      await sendKeys({press: 'Tab'});
      await sendKeys({press: 'Tab'});
      expect([launcherButton(el), after]).to.include(deepActive());
    });

    it('Escape in the composer while a reply streams stops it and leaves the panel open; the close button closes it', async function () {
      if (!emulated) this.skip();
      this.timeout(20_000);
      const {el} = await page('/?delay=150');
      await openByKeyboard(el);
      expect(panel(el).matches(':modal')).to.equal(true);
      el.send('Tell me a long story');
      await until(() => el.messages.some((m) => m.role === 'assistant' && m.status === 'streaming'), 'streaming');
      // As a visitor would: Escape once the composer shows the reply under way (its Stop button).
      await until(() => shadow(el).querySelector('[part~="stop"]'), 'Stop shown');
      shadow(el).querySelector<HTMLTextAreaElement>('textarea')!.focus();
      await sendKeys({press: 'Escape'});
      await until(() => el.messages.some((m) => m.status === 'stopped'), 'stopped by Escape');
      await nextRender(el);
      expect(el.open, 'still open').to.equal(true);
      expect(panel(el).open && panel(el).matches(':modal'), 'still a modal dialog').to.equal(true);
      shadow(el).querySelector<HTMLButtonElement>('button.close')!.focus();
      await sendKeys({press: 'Enter'});
      await until(() => !el.open, 'closed by its close button');
      await nextRender(el);
      expect(panel(el).open).to.equal(false);
      expect(deepActive()).to.equal(launcherButton(el));
    });
  });

  describe('at a narrow viewport without touch (390 px)', () => {
    before(() => setViewport({width: 390, height: 700}));
    after(() => setViewport({width: 800, height: 600}));

    it('modal too: Tab stays in the panel, which has the focus in its input', async function () {
      this.timeout(20_000);
      const {el, before, after} = await page();
      await openByKeyboard(el);
      expect(panel(el).matches(':modal')).to.equal(true);
      expect(deepActive()).to.equal(shadow(el).querySelector('textarea'));
      const seen = await tabAround(12);
      expect(seen.filter((a) => a !== null && a !== document.body && !shadow(el).contains(a))).to.deep.equal([]);
      expect(seen).to.not.include(before);
      expect(seen).to.not.include(after);
      el.open = false;
      await nextRender(el);
    });

    it('an open panel moved elsewhere in the page is modal again', async () => {
      const {el, after} = await page();
      await openByKeyboard(el);
      expect(panel(el).matches(':modal')).to.equal(true);
      after.after(el);
      await nextRender(el);
      expect(el.open).to.equal(true);
      expect(panel(el).matches(':modal'), 'modal after the move').to.equal(true);
      el.open = false;
      await nextRender(el);
      expect(panel(el).open).to.equal(false);
    });

    it('the mode follows the width at opening: modal at 390 px, inline at 900 px', async () => {
      const {el} = await page();
      await openByKeyboard(el);
      expect(panel(el).matches(':modal')).to.equal(true);
      el.open = false;
      await nextRender(el);
      await setViewport({width: 900, height: 700});
      try {
        el.open = true;
        await nextRender(el);
        expect(panel(el).open, 'shown').to.equal(true);
        expect(panel(el).matches(':modal'), 'inline').to.equal(false);
        el.open = false;
        await nextRender(el);
      } finally {
        await setViewport({width: 390, height: 700});
      }
    });

    it('crossing the breakpoint while open switches the mode and keeps the focus', async function () {
      // A hidden tab (test files run side by side) evaluates no media queries until it is shown.
      if (document.visibilityState !== 'visible') this.skip();
      const {el, after} = await page();
      await openByKeyboard(el);
      const input = shadow(el).querySelector('textarea')!;
      expect(panel(el).matches(':modal')).to.equal(true);
      await setViewport({width: 900, height: 700});
      await until(() => !panel(el).matches(':modal'), 'inline after widening');
      expect(panel(el).open && el.open, 'still open').to.equal(true);
      expect(deepActive(), 'focus kept').to.equal(input);
      after.focus();
      expect(deepActive()).to.equal(after);
      await setViewport({width: 390, height: 700});
      await until(() => panel(el).matches(':modal'), 'modal after narrowing');
      el.open = false;
      await nextRender(el);
    });
  });

  describe('on a desktop (a floating panel beside the page)', () => {
    before(() => setViewport({width: 1024, height: 768}));
    after(() => setViewport({width: 800, height: 600}));

    it('the panel is not modal: the page stays reachable by Tab; Escape closes and the focus is back on the launcher', async function () {
      this.timeout(20_000);
      const {el, before, after} = await page();
      await openByKeyboard(el);
      expect(panel(el).open, 'shown').to.equal(true);
      expect(panel(el).matches(':modal'), 'not modal').to.equal(false);
      expect(Math.round(panel(el).getBoundingClientRect().width)).to.be.lessThan(window.innerWidth / 2);
      expect(deepActive()).to.equal(shadow(el).querySelector('textarea'));
      const seen = await tabAround(14);
      expect(seen, 'the page after the widget').to.include(after);
      expect(seen, 'the page before it').to.include(before);
      // The page is usable while the panel is open.
      before.click();
      expect(el.open).to.equal(true);

      shadow(el).querySelector<HTMLTextAreaElement>('textarea')!.focus();
      await sendKeys({press: 'Escape'});
      await until(() => !el.open, 'closed by Escape');
      await nextRender(el);
      expect(deepActive()).to.equal(launcherButton(el));
    });

    it('the panel opens with a short rise-and-fade, and without it under reduced motion', async function () {
      const {el} = await page();
      launcherButton(el).click();
      await nextRender(el);
      const names = () => panel(el).getAnimations().map((a) => (a as CSSAnimation).animationName);
      expect(names()).to.deep.equal(['panel-in']);
      el.open = false;
      await nextRender(el);
      const reduced = await emulateMedia({reducedMotion: 'reduce'}).then(
        () => true,
        () => false,
      );
      if (!reduced) this.skip();
      try {
        el.open = true;
        await nextRender(el);
        expect(panel(el).open).to.equal(true);
        expect(names(), 'no animation under prefers-reduced-motion').to.deep.equal([]);
        el.open = false;
        await nextRender(el);
      } finally {
        await emulateMedia({reducedMotion: 'no-preference'});
      }
    });

    it('a launcher open from the start takes no focus from the page', async () => {
      const root = fixtureSync<HTMLDivElement>(html`<div><input id="page-input" /><chat-widget launcher open protocol="openai" url=${backend('openai')} persist="none"></chat-widget></div>`);
      const input = root.querySelector<HTMLInputElement>('#page-input')!;
      input.focus();
      const el = root.querySelector<ChatWidget>('chat-widget')!;
      await nextRender(el);
      expect(panel(el).open).to.equal(true);
      expect(panel(el).hidden).to.equal(false);
      expect(document.activeElement).to.equal(input);
      el.open = false;
      await nextRender(el);
    });
  });
});
