import {expect} from '@open-wc/testing';
import type {ChatWidget} from '../../src/chat-widget.js';
import {mount, nextRender, shadow, until, untilReply} from '../helpers.js';

/** axe-core on the element, shadow tree included: 0 violations. */
async function expectAccessible(el: ChatWidget, state: string): Promise<void> {
  await nextRender(el);
  await expect(el, state).to.be.accessible();
}

// A file of its own (not in a11y.test.ts): test files run side by side, and a longer
// a11y.test.ts moved auto-scroll.test.ts (which needs a visible tab for its frames) behind it.
describe('accessibility in every built-in locale (axe-core, issue 11 item 7)', () => {
  // Starters in each language, as a site in that language would write them.
  const LOCALE_STARTERS: Record<string, [string, string, string]> = {
    es: ['Precios', 'Horario de apertura', 'Escribe un mensaje…'],
    fr: ['Tarifs', "Horaires d'ouverture", 'Écrivez un message…'],
    pt: ['Preços', 'Horário de funcionamento', 'Digite uma mensagem…'],
    id: ['Harga', 'Jam buka', 'Ketik pesan…'],
    ja: ['料金', '営業時間', 'メッセージを入力…'],
    zh: ['价格', '营业时间', '输入消息…'],
    'zh-Hant': ['價格', '營業時間', '輸入訊息…'],
    ar: ['الأسعار', 'ساعات العمل', 'اكتب رسالة…'],
  };
  for (const [lang, [first, second, placeholder]] of Object.entries(LOCALE_STARTERS)) {
    it(`lang="${lang}": the empty state with starters and a conversation with a reply`, async function () {
      this.timeout(20_000);
      const {el} = await mount({protocol: 'openai', attrs: {lang, starters: JSON.stringify([first, second])}});
      const input = () => shadow(el).querySelector<HTMLTextAreaElement>('[part~="input"]')!;
      await until(() => input().placeholder === placeholder, `${lang} strings loaded (placeholder is ${input().placeholder})`);
      expect(shadow(el).querySelector('[part~="panel"]')!.getAttribute('dir')).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
      expect([...shadow(el).querySelectorAll('[part~="suggestion"]')].map((c) => c.textContent!.trim())).to.deep.equal([first, second]);
      await expectAccessible(el, `${lang} empty state with starters`);
      shadow(el).querySelector<HTMLButtonElement>('[part~="suggestion"]')!.click();
      await untilReply(el);
      await nextRender(el);
      expect(shadow(el).querySelector('[part~="message-user"]')!.textContent).to.include(first);
      expect(shadow(el).querySelector('[part~="new-chat"]')!.getAttribute('aria-label')).to.not.equal('New conversation');
      await expectAccessible(el, `${lang} conversation with a reply`);
    });
  }

});
