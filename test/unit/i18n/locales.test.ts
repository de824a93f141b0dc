import {expect} from '@open-wc/testing';
import {BUILT_IN_LOCALES, EN, loadLocale, localeKey, registerLocale, resolveStrings, type ChatStrings} from '../../../src/i18n/strings.js';
// The modules that add their part of English (addEnglish): with them, English is whole.
import '../../../src/render/extras.js';
import '../../../src/protocols/job.js';
import '../../../src/protocols/agent.js';
import '../../../src/protocols/template.js';
import '../../../src/transport/websocket.js';

/** The keys of a strings table, with `fn` for functions. */
function shape(s: ChatStrings): Record<string, string> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'function' ? `fn${v.length}` : typeof v]));
}

describe('built-in locales', () => {
  before(async () => {
    await Promise.all(BUILT_IN_LOCALES.map((l) => loadLocale(l)));
  });

  it('every locale has every string of English (functions with the same arity) and every error code', () => {
    expect(BUILT_IN_LOCALES).to.include.members(['en', 'de', 'ar', 'es', 'fr', 'pt', 'id', 'ja', 'zh', 'zh-Hant']);
    // The tables as registered (resolveStrings fills a key a table lacks with English).
    const registry = (globalThis as Record<symbol, unknown>)[Symbol.for('chat-widget.locales')] as Map<string, ChatStrings>;
    for (const lang of BUILT_IN_LOCALES.filter((l) => l !== 'en')) {
      const s = registry.get(lang)!;
      expect(resolveStrings(lang), lang).to.not.equal(EN);
      expect(shape(s), lang).to.deep.equal(shape(EN));
      expect(Object.keys(s.errors).sort(), lang).to.deep.equal(Object.keys(EN.errors).sort());
      expect(s.placeholder, `${lang} is translated`).to.not.equal(EN.placeholder);
      for (const v of Object.values(s.errors)) expect(v, lang).to.be.a('string').and.not.equal('');
    }
  });

  it('English is whole once the modules that add their part have loaded', async () => {
    const keys = Object.keys(EN);
    for (const key of ['productsLabel', 'progressSteps', 'jobSubmit', 'jobNoSession', 'agentValidating', 'statusOpen', 'networkLost', 'templateSaved', 'unread', 'errors']) expect(keys, key).to.include(key);
    expect(EN.progressSteps(1)).to.equal('1 step');
    expect(EN.progressSteps(3)).to.equal('3 steps');
    expect(resolveStrings('en', {jobSubmit: 'Go'}).jobSubmit).to.equal('Go');
  });

  it('count strings take the plural form of Intl.PluralRules (Arabic: one, two, few, many, other)', () => {
    const ar = resolveStrings('ar');
    expect([1, 2, 5, 11, 100].map((n) => ar.progressSteps(n))).to.deep.equal(['خطوة واحدة', 'خطوتان', '5 خطوات', '11 خطوة', '100 خطوة']);
    expect([1, 2, 5].map((n) => ar.unread(n))).to.deep.equal(['رسالة واحدة غير مقروءة', 'رسالتان غير مقروءتين', '5 رسائل غير مقروءة']);
    expect([1, 2, 5].map((n) => EN.unread(n))).to.deep.equal(['1 unread message', '2 unread messages', '5 unread messages']);
    expect([0, 1, 2].map((n) => resolveStrings('fr').progressSteps(n)), 'French: 0 is singular').to.deep.equal(['0 étape', '1 étape', '2 étapes']);
    expect([0, 1, 2].map((n) => resolveStrings('de').progressSteps(n)), 'German: 0 is plural').to.deep.equal(['0 Schritte', '1 Schritt', '2 Schritte']);
    expect([1, 5].map((n) => resolveStrings('ja').unread(n))).to.deep.equal(['未読メッセージ 1 件', '未読メッセージ 5 件']);
  });

  it('region subtags use the language: pt-BR, zh-CN, es-419', () => {
    expect(resolveStrings('pt-BR').send).to.equal('Enviar');
    expect(resolveStrings('zh-CN').send).to.equal('发送');
    expect(resolveStrings('es-419').stop).to.equal('Detener');
  });

  it('Chinese in Traditional characters: zh-TW, zh-HK, zh-MO and zh-Hant* get zh-Hant; zh, zh-CN, zh-SG and zh-Hans* Simplified', () => {
    for (const lang of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'zh-Hant-CN', 'zh_TW', 'ZH-tw', 'zh-hant']) {
      expect(localeKey(lang), lang).to.equal('zh-Hant');
      expect(resolveStrings(lang).send, lang).to.equal('傳送');
    }
    for (const lang of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-TW', 'zh-Hans-HK']) {
      expect(localeKey(lang), lang).to.equal('zh');
      expect(resolveStrings(lang).send, lang).to.equal('发送');
    }
    expect(localeKey('pt-BR')).to.equal('pt');
  });

  it('the Traditional table is written in Traditional characters and Taiwan usage, not a conversion of the Simplified one', () => {
    const hant = resolveStrings('zh-Hant');
    const all = (s: ChatStrings) =>
      Object.entries(s)
        .flatMap(([, v]) => (typeof v === 'function' ? [v.length === 2 ? v('x', 'y') : v(v.length ? 'x' : '')] : typeof v === 'string' ? [v] : Object.values(v)))
        .join('\n');
    const text = all(hant);
    // Simplified forms (the Traditional ones are 們這說發連線設務錄復擇選對話讓請輸讀載銷戶應實過還進時間關開閉處認證網頁絡樣術質麼從).
    const simplified = [...'们这说发连线设务录复择选对话让请输读载销户应实过还进时间关开闭处认证网页络样术质么从'].filter((c) => text.includes(c));
    expect(simplified, 'Simplified characters in zh-Hant').to.deep.equal([]);
    // Taiwan words where the Mainland ones differ.
    expect(hant.placeholder).to.equal('輸入訊息…');
    expect(hant.copyCode).to.equal('複製程式碼');
    expect(hant.networkUnreachable).to.include('伺服器');
    expect(hant.templateTitle).to.include('範本');
    expect(hant.unread(3)).to.equal('3 則未讀訊息');
    for (const word of ['消息', '代码', '服务器', '模板', '设置', '信息']) expect(text, word).to.not.include(word);
  });

  it('a locale the page registered before newer keys existed shows those in English (no missing function)', () => {
    const old = {...resolveStrings('de'), heading: 'Plaudern'} as Partial<ChatStrings>;
    delete old.httpFailed;
    delete old.agentValidating;
    registerLocale('x-old', old as ChatStrings);
    const s = resolveStrings('x-old', {send: 'Los'});
    expect(s.heading).to.equal('Plaudern');
    expect(s.send).to.equal('Los');
    expect(s.httpFailed(500)).to.equal('The server could not answer (HTTP 500).');
    expect(s.agentValidating).to.equal('Validating your message');
  });

  it('loading an unknown language resolves quietly and leaves English', async () => {
    await loadLocale('xx');
    await loadLocale('constructor');
    expect(resolveStrings('xx')).to.equal(EN);
    expect(resolveStrings('constructor')).to.equal(EN);
  });
});
