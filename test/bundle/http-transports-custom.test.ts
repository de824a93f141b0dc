/**
 * The built bundle: an adapter the page registers that asks for an `sse` transport has its first
 * request wait for the HTTP transports' chunk (no built-in HTTP protocol has loaded it on this
 * page), and it is answered.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, newRun, until, replies, fetchedKinds, type Widget, type WidgetClass} from './bundle.js';



const run = newRun();

describe('the built bundle: an sse adapter registered by the page', () => {
  it('an adapter the page registers with an sse transport waits for it, and is answered', async function () {
    this.timeout(15_000);
    const {ChatWidget} = (await import(bundleUrl(run))) as {ChatWidget: WidgetClass};
    ChatWidget.registerProtocol('bundle-sse', {
      transport: () => ({kind: 'sse', url: `${backend('openai')}/v1/chat/completions?t=${run}`}),
      encode: (action: {type: string; text?: string}) =>
        action.type === 'chat' ? {model: 'm', stream: true, messages: [{role: 'user', content: action.text}]} : null,
      decode: (frame: {choices?: {delta?: {content?: string}; finish_reason?: string}[]}) => {
        const choice = frame.choices?.[0];
        if (!choice) return [];
        return [
          ...(choice.delta?.content ? [{type: 'reply.delta', text: choice.delta.content}] : []),
          ...(choice.finish_reason ? [{type: 'reply.end'}] : []),
        ];
      },
      decodeText: (text: string) => (text.trim() === '[DONE]' ? [{type: 'end'}] : []),
    });
    const el = addWidget({protocol: 'bundle-sse', persist: 'none', url: backend('openai')}) as Widget & {updateComplete: Promise<unknown>};
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    expect(await fetchedKinds(run), 'not before a request needs it').not.to.include('http');
    await until(() => el.send('Hello over sse') !== null, 'a message sent');
    await until(() => replies(el).at(-1)?.status === 'complete', 'the reply', 10_000);
    expect(replies(el).at(-1)!.text.length).to.be.greaterThan(0);
    expect((await fetchedKinds(run)).filter((k) => k === 'http')).to.have.length(1);
    el.remove();
  });
});
