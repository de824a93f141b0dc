import {expect} from '@open-wc/testing';
import {BUILT_IN_LOCALES, EN, loadLocale, resolveStrings, type ChatStrings} from '../../../src/i18n/strings.js';

/** The keys of a strings table, with `fn` for functions. */
function shape(s: ChatStrings): Record<string, string> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'function' ? `fn${v.length}` : typeof v]));
}

describe('built-in locales', () => {
  before(async () => {
    await Promise.all(BUILT_IN_LOCALES.map((l) => loadLocale(l)));
  });

  it('every locale has every string of English (functions with the same arity) and every error code', () => {
    expect(BUILT_IN_LOCALES).to.include.members(['en', 'de', 'ar', 'es', 'fr', 'pt', 'id', 'ja', 'zh']);
    for (const lang of BUILT_IN_LOCALES.filter((l) => l !== 'en')) {
      const s = resolveStrings(lang);
      expect(s, lang).to.not.equal(EN);
      expect(shape(s), lang).to.deep.equal(shape(EN));
      expect(Object.keys(s.errors).sort(), lang).to.deep.equal(Object.keys(EN.errors).sort());
      expect(s.placeholder, `${lang} is translated`).to.not.equal(EN.placeholder);
      for (const v of Object.values(s.errors)) expect(v, lang).to.be.a('string').and.not.equal('');
    }
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

  it('loading an unknown language resolves quietly and leaves English', async () => {
    await loadLocale('xx');
    await loadLocale('constructor');
    expect(resolveStrings('xx')).to.equal(EN);
    expect(resolveStrings('constructor')).to.equal(EN);
  });
});
