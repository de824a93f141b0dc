import {expect, fixture, fixtureCleanup, html} from '@open-wc/testing';
import type {ChatWidget} from '../../src/chat-widget.js';
import {pageLangWatch} from '../../src/i18n/page-lang.js';
import {backend, mount, nextRender, recordEvents, shadow, until, untilReply} from '../helpers.js';

const placeholder = (el: ChatWidget) => shadow(el).querySelector<HTMLTextAreaElement>('[part~="input"]')!.placeholder;
const loadedScripts = () => performance.getEntriesByType('resource').map((e) => e.name);

describe('built-in locales by lang', () => {
  let pageLang: string;
  beforeEach(() => {
    pageLang = document.documentElement.lang;
    document.documentElement.lang = 'en';
  });
  afterEach(() => {
    document.documentElement.lang = pageLang;
  });

  it('lang="ja" loads the Japanese locale by itself (English meanwhile) and re-renders', async () => {
    expect(loadedScripts().some((n) => /locales\/ja\./.test(n)), 'not loaded before').to.equal(false);
    expect(document.querySelector('script[src*="locales"]')).to.equal(null);
    const {el} = await mount({protocol: 'openai', attrs: {lang: 'ja'}});
    expect(placeholder(el), 'English until the chunk arrives').to.equal('Type a message…');
    await until(() => placeholder(el) === 'メッセージを入力…', 'Japanese placeholder');
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="send"]')!.textContent!.trim()).to.equal('送信');
    expect(loadedScripts().some((n) => /locales\/ja\./.test(n)), 'loaded as a module of its own').to.equal(true);
    expect(document.querySelector('script[src*="locales"]'), 'no second script tag').to.equal(null);
  });

  it('follows a change of <html lang> when the widget has no lang of its own', async () => {
    const {el} = await mount({protocol: 'openai'});
    const {el: own} = await mount({protocol: 'openai', attrs: {lang: 'en'}});
    expect(placeholder(el)).to.equal('Type a message…');
    document.documentElement.lang = 'fr';
    await until(() => placeholder(el) === 'Écrivez un message…', 'French placeholder after <html lang="fr">');
    document.documentElement.lang = 'de-CH';
    await until(() => placeholder(el) === 'Nachricht eingeben…', 'German placeholder after <html lang="de-CH">');
    document.documentElement.lang = 'en';
    await until(() => placeholder(el) === 'Type a message…', 'back to English');
    expect(placeholder(own), 'a widget with its own lang ignores the page').to.equal('Type a message…');
  });

  it('shares one <html lang> observer between widgets and drops it when none are left', async () => {
    fixtureCleanup();
    expect(pageLangWatch()).to.deep.equal({listeners: 0, observing: false});
    const {el: a} = await mount({protocol: 'openai'});
    const {el: b} = await mount({protocol: 'openai'});
    expect(pageLangWatch()).to.deep.equal({listeners: 2, observing: true});
    a.remove();
    expect(pageLangWatch()).to.deep.equal({listeners: 1, observing: true});
    b.remove();
    expect(pageLangWatch()).to.deep.equal({listeners: 0, observing: false});
  });

  it('does not reflect lang set as a property onto the host; the attribute still sets the property', async () => {
    const {el} = await mount({protocol: 'openai'});
    el.lang = 'pt-BR';
    await el.updateComplete;
    expect(el.hasAttribute('lang'), 'no lang attribute on the host').to.equal(false);
    expect(shadow(el).querySelector('[part~="panel"]')!.getAttribute('lang'), 'the panel carries it').to.equal('pt-BR');
    await until(() => placeholder(el) === 'Digite uma mensagem…', 'Portuguese placeholder');
    el.setAttribute('lang', 'zh');
    expect(el.lang).to.equal('zh');
    await until(() => placeholder(el) === '输入消息…', 'Chinese placeholder from the attribute');
  });

  it('zh-TW loads the Traditional Chinese locale (zh-Hant) by itself; a page in zh-HK shows it too, zh-CN Simplified', async () => {
    const {el} = await mount({protocol: 'openai', attrs: {lang: 'zh-TW'}});
    await until(() => placeholder(el) === '輸入訊息…', 'Traditional Chinese placeholder');
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="send"]')!.textContent!.trim()).to.equal('傳送');
    expect(shadow(el).querySelector('[part~="panel"]')!.getAttribute('lang')).to.equal('zh-TW');
    expect(loadedScripts().some((n) => /locales\/zh-Hant\./.test(n)), 'the zh-Hant module').to.equal(true);
    const {el: page} = await mount({protocol: 'openai'});
    document.documentElement.lang = 'zh-HK';
    await until(() => placeholder(page) === '輸入訊息…', 'Traditional after <html lang="zh-HK">');
    document.documentElement.lang = 'zh-CN';
    await until(() => placeholder(page) === '输入消息…', 'Simplified after <html lang="zh-CN">');
  });

  it('in the Arabic UI, chips keep the direction of their own text ("What is a novated lease?", not "?What is …")', async () => {
    const {el} = await mount({protocol: 'openai', attrs: {lang: 'ar', starters: JSON.stringify(['What is a novated lease?', 'ما هو التأجير؟'])}});
    await nextRender(el);
    expect(getComputedStyle(shadow(el).querySelector('[part~="panel"]')!).direction).to.equal('rtl');
    const chips = [...shadow(el).querySelectorAll<HTMLElement>('[part~="suggestion"]')];
    expect(chips.map((c) => c.matches(':dir(ltr)'))).to.deep.equal([true, false]);
  });

  it('an unknown language stays English, with no chat-error', async () => {
    for (const lang of ['xx-YY', 'constructor', '__proto__']) {
      const {el} = await mount({protocol: 'openai', attrs: {lang}});
      const errors = recordEvents(el, ['chat-error']);
      await new Promise((r) => setTimeout(r, 150));
      await el.updateComplete;
      expect(placeholder(el), lang).to.equal('Type a message…');
      expect(errors, lang).to.deep.equal([]);
    }
  });

  it('the unread badge is labelled in the widget language, with its plural form', async () => {
    const el = await fixture<ChatWidget>(html`<chat-widget launcher lang="es" protocol="brand" brand="techpro" url=${backend('brand')} persist="none"></chat-widget>`);
    await until(() => shadow(el).querySelector('[part~="launcher"]')?.getAttribute('aria-label') === 'Abrir chat', 'Spanish launcher');
    el.send('hola');
    await untilReply(el);
    await nextRender(el);
    const badge = shadow(el).querySelector('.badge')!;
    expect(badge.textContent).to.equal('1');
    expect(badge.getAttribute('aria-label')).to.equal('1 mensaje sin leer');
  });
});
