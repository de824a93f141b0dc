import {expect} from '@open-wc/testing';
import {mount, nextRender, recordEvents, serverLog, shadow, until, untilOpen, untilReply} from '../helpers.js';

describe('<chat-widget protocol="template"> against the reference backend', () => {
  it('connects to session_user_<id>_<ts> with ?token, shows whole replies once (echo not doubled) with processing time', async () => {
    const {el, tag} = await mount({protocol: 'template', attrs: {token: 'demo-jwt', 'user-id': 'u7'}});
    await untilOpen(el);
    el.send('Help me write a prompt for a product description');
    const reply = await untilReply(el);
    expect(typeof reply.meta.processingTimeMs).to.equal('number');
    expect(el.messages.filter((m) => m.role === 'user')).to.have.length(1);
    await nextRender(el);
    expect(shadow(el).querySelector(`[data-id="${reply.id}"]`)!.textContent).to.match(/Answered in/);

    const log = await serverLog('template', tag);
    const conn = log.connections[0];
    expect(conn.path).to.match(/^\/ws\/chat\/session_user_u7_\d+\/?$/);
    expect(conn.query.token).to.equal('demo-jwt');
    const chat = conn.received.find((f: any) => f.type === 'chat_message') as any;
    expect(chat).to.include({type: 'chat_message', content: 'Help me write a prompt for a product description'});
    expect(chat.message_id).to.equal(el.messages[0].id);
    expect(chat.session_id).to.match(/^session_user_u7_\d+$/);
    expect(Number.isNaN(Date.parse(chat.timestamp))).to.equal(false);
    // The user bubble was confirmed by the echo.
    expect(el.messages[0].status).to.equal('sent');
  });

  it('connects without ?token when no token is set (anonymous user)', async () => {
    const {el, tag} = await mount({protocol: 'template'});
    await untilOpen(el);
    const log = await serverLog('template', tag);
    expect(log.connections[0].path).to.match(/session_user_anonymous_\d+/);
    expect('token' in log.connections[0].query).to.equal(false);
  });

  it('offers a template from the second exchange; Create saves it', async () => {
    const {el, tag} = await mount({protocol: 'template', attrs: {token: 'demo-jwt'}});
    const events = recordEvents(el, ['chat-template-opportunity', 'chat-template-created']);
    await untilOpen(el);
    el.send('first question');
    await untilReply(el, 1);
    expect(events).to.have.length(0);
    el.send('second question');
    await until(() => events.some((e) => e.type === 'chat-template-opportunity'), 'opportunity');
    await nextRender(el);
    const prompt = shadow(el).querySelector('[part~="template-prompt"][role="dialog"]')!;
    expect(prompt).to.exist;
    const create = [...prompt.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Create')!;
    create.click();
    await until(() => events.some((e) => e.type === 'chat-template-created'), 'template created');
    const created = events.find((e) => e.type === 'chat-template-created')!;
    expect(created.detail.template.title).to.be.a('string');
    const log = await serverLog('template', tag);
    const save = log.connections[0].received.find((f: any) => f.type === 'save_conversation_as_template') as any;
    expect(save).to.include({include_ai_responses: true});
    expect(save.title).to.equal(created.detail.template.title);
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="template-prompt"]')).to.equal(null);
    expect(shadow(el).querySelector('[part~="message-system"]')!.textContent).to.contain(created.detail.template.title);
  });

  it('does not nag: after "Not now" the next offers are not shown', async () => {
    const {el} = await mount({protocol: 'template', attrs: {token: 'demo-jwt'}});
    const offers = recordEvents(el, ['chat-template-opportunity']);
    await untilOpen(el);
    el.send('one');
    await untilReply(el, 1);
    el.send('two');
    await until(() => offers.length === 1, 'first offer');
    await nextRender(el);
    const notNow = [...shadow(el).querySelectorAll('[part~="template-prompt"] button')].find((b) => b.textContent!.trim() === 'Not now') as HTMLButtonElement;
    notNow.click();
    el.send('three');
    await untilReply(el, 3);
    await new Promise((r) => setTimeout(r, 200));
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="template-prompt"]')).to.equal(null);
    expect(offers).to.have.length(1);
  });

  it('saving without authentication shows the auth error', async () => {
    const {el} = await mount({protocol: 'template'});
    const errors = recordEvents(el, ['chat-error']);
    await untilOpen(el);
    el.send('one');
    await untilReply(el, 1);
    el.send('two');
    await until(() => shadow(el).querySelector('[part~="template-prompt"]'), 'prompt', 6000);
    const create = [...shadow(el).querySelectorAll('[part~="template-prompt"] button')].find((b) => b.textContent!.trim() === 'Create') as HTMLButtonElement;
    create.click();
    await until(() => errors.length > 0, 'auth error');
    expect(errors[0].detail.code).to.equal('authentication_required');
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="message-system"]')!.textContent).to.match(/sign in/i);
  });

  it('optimizes the prompt in the composer (feature switched on by connection_ack)', async () => {
    const {el, tag} = await mount({protocol: 'template', attrs: {token: 'demo-jwt'}});
    await untilOpen(el);
    await until(() => shadow(el).querySelector('button[title="Optimize prompt"]'), 'optimize button');
    const input = shadow(el).querySelector<HTMLTextAreaElement>('[part~="input"]')!;
    input.value = 'write blog post';
    shadow(el).querySelector<HTMLButtonElement>('button[title="Optimize prompt"]')!.click();
    await until(() => input.value !== 'write blog post', 'optimized text in the composer');
    expect(input.value.length).to.be.greaterThan('write blog post'.length);
    const log = await serverLog('template', tag);
    expect(log.connections[0].received.find((f: any) => f.type === 'optimize_prompt')).to.include({prompt: 'write blog post'});
  });
});
