import {expect, fixture, html} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import type {ChatWidget} from '../../src/chat-widget.js';
import {backend, nextRender, shadow, until} from '../helpers.js';

describe('on a phone (CONTRACT §11, issue 11 item 8)', () => {
  let emulated = false;
  before(async () => {
    emulated = await executeServerCommand<boolean, boolean>('emulate-phone', true);
  });
  after(async () => {
    await executeServerCommand<boolean, boolean>('emulate-phone', false);
  });

  it('the launcher opens full screen as tall as the visual viewport, keeps the keyboard down, and its inputs are 16 px', async function () {
    if (!emulated) this.skip();
    await until(() => matchMedia('(hover: none) and (pointer: coarse)').matches, 'touch emulated');
    const el = await fixture<ChatWidget>(html`<chat-widget launcher protocol="openai" url=${backend('openai')} persist="none"></chat-widget>`);
    shadow(el).querySelector<HTMLButtonElement>('[part~="launcher"]')!.click();
    await nextRender(el);
    const panel = shadow(el).querySelector<HTMLElement>('[part~="panel"]')!;
    // No keyboard popping up over half the panel: the focus is in the panel, not in the input.
    expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('button.close'));
    expect(parseFloat(getComputedStyle(shadow(el).querySelector('textarea')!).fontSize)).to.be.at.least(16);
    const rect = panel.getBoundingClientRect();
    expect(Math.round(rect.width)).to.equal(window.innerWidth);
    expect(Math.abs(rect.height - window.visualViewport!.height)).to.be.lessThan(2);
    expect(el.style.getPropertyValue('--_viewport-height')).to.equal(`${Math.round(window.visualViewport!.height)}px`);
    el.open = false;
    el.remove();
  });

  it('the job form fits a 320 px wide widget: its fields wrap and shrink, nothing sticks out of the panel', async function () {
    if (!emulated) this.skip();
    const host = await fixture<HTMLDivElement>(html`<div style="width: 320px"><chat-widget protocol="job" url=${backend('job')} persist="none"></chat-widget></div>`);
    const el = host.querySelector('chat-widget') as ChatWidget;
    await until(() => shadow(el).querySelector('.job-fields input'), 'the job form');
    await nextRender(el);
    const panel = shadow(el).querySelector<HTMLElement>('[part~="panel"]')!.getBoundingClientRect();
    for (const field of shadow(el).querySelectorAll<HTMLElement>('.job-fields input, .job-fields select')) {
      const r = field.getBoundingClientRect();
      expect(r.right, `${field.localName} inside the panel`).to.be.at.most(panel.right + 0.5);
      expect(r.left).to.be.at.least(panel.left - 0.5);
    }
    const composer = shadow(el).querySelector<HTMLElement>('[part~="composer"]') ?? shadow(el).querySelector<HTMLElement>('.composer')!;
    expect(composer.scrollWidth, 'no sideways scroll in the composer').to.be.at.most(composer.clientWidth);
  });
});
