import {expect} from '@open-wc/testing';
import {mount, nextRender, recordEvents, serverLog, shadow, until, untilOpen, untilReply} from '../helpers.js';

describe('<chat-widget protocol="session"> against the reference backend', () => {
  it('connects with session_id and visitor_id in the query, streams, and shows suggestion chips that send', async () => {
    const {el, tag} = await mount({protocol: 'session', attrs: {'session-id': 'sess-1a', 'visitor-id': 'vis-1a'}});
    const events = recordEvents(el, ['chat-suggestion', 'chat-send']);
    await untilOpen(el);
    await until(() => shadow(el).querySelectorAll('[part~="suggestion"]').length > 0, 'starter suggestions');
    el.send('What is a novated lease?');
    const reply = await untilReply(el);
    expect(reply.text).to.match(/lease/i);
    expect(reply.meta.suggestions!.length).to.be.greaterThan(0);
    await nextRender(el);
    const chips = shadow(el).querySelectorAll<HTMLButtonElement>('[part~="suggestion"]');
    expect(chips.length).to.equal(reply.meta.suggestions!.length);
    const chipText = chips[0].textContent!.trim();
    chips[0].click();
    await untilReply(el, 2);
    expect(events.find((e) => e.type === 'chat-suggestion')!.detail.text).to.equal(chipText);

    const log = await serverLog('session', tag);
    const conn = log.connections[0];
    expect(conn.query).to.include({session_id: 'sess-1a', visitor_id: 'vis-1a'});
    expect(conn.received).to.deep.equal([
      {type: 'chat_message', message: 'What is a novated lease?', session_id: 'sess-1a', visitor_id: 'vis-1a'},
      {type: 'chat_message', message: chipText, session_id: 'sess-1a', visitor_id: 'vis-1a'},
    ]);
    // The streamed text is not doubled by the complete frame's full `message`.
    const full = (conn.sent as any[]).find((f) => f.type === 'complete').message;
    expect(el.messages.filter((m) => m.role === 'assistant')[0].text).to.equal(full);
  });

  it('generates ids when none are set, and shows a follow-up message as a second reply', async () => {
    const {el, tag} = await mount({protocol: 'session'});
    await untilOpen(el);
    el.send('please follow up on this');
    await untilReply(el, 2);
    const log = await serverLog('session', tag);
    expect(log.connections[0].query.session_id).to.match(/[0-9a-f-]{36}/);
    expect(log.connections[0].query.visitor_id).to.match(/[0-9a-f-]{36}/);
  });

  it('shows the idle warning, then ends the session: input closed, start again opens a new session', async () => {
    const {el, tag} = await mount({protocol: 'session', query: {idle: '300', end: '700'}});
    const events = recordEvents(el, ['chat-idle', 'chat-session-end', 'chat-status']);
    await until(() => events.some((e) => e.type === 'chat-idle'), 'idle warning', 4000);
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="idle-warning"][role="alert"]')).to.exist;
    await until(() => events.some((e) => e.type === 'chat-session-end'), 'session end', 4000);
    expect(events.find((e) => e.type === 'chat-session-end')!.detail.reason).to.equal('idle_timeout');
    await until(() => el.status === 'closed', 'closed after session end');
    await nextRender(el);
    // A session the server ended is over, not broken: the header does not read "Disconnected".
    expect(shadow(el).querySelector('[part="status"]')!.textContent).to.equal('Ended');
    expect(shadow(el).querySelector<HTMLTextAreaElement>('[part~="input"]')!.disabled).to.equal(true);
    expect(el.send('anyone?')).to.equal(null);
    const firstSession = (await serverLog('session', tag)).connections[0].query.session_id;
    await new Promise((r) => setTimeout(r, 500));
    expect((await serverLog('session', tag)).connections).to.have.length(1);

    const again = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~="notice"] button')].find((b) => /start again/i.test(b.textContent!))!;
    again.click();
    await untilOpen(el);
    await nextRender(el);
    expect(shadow(el).querySelector<HTMLTextAreaElement>('[part~="input"]')!.disabled).to.equal(false);
    const log = await serverLog('session', tag);
    expect(log.connections).to.have.length(2);
    expect(log.connections[1].query.session_id).not.to.equal(firstSession);
  });

  it('gives each documented session error its own user-facing message', async () => {
    const cases: Array<[string, RegExp]> = [
      ['expired-x1', /expired/i],
      ['inactive-x1', /no longer active/i],
      ['missing-x1', /could not be found/i],
    ];
    for (const [sessionId, text] of cases) {
      const {el} = await mount({protocol: 'session', attrs: {'session-id': sessionId, 'visitor-id': 'v1'}});
      const errors = recordEvents(el, ['chat-error']);
      await until(() => errors.some((e) => e.detail.kind === 'server'), `error for ${sessionId}`);
      await nextRender(el);
      const shown = shadow(el).querySelector('[part~="message-system"]')!.textContent!;
      expect(shown, sessionId).to.match(text);
      el.remove();
    }
  });

  it('tells the user about a visitor mismatch', async () => {
    const {el: first} = await mount({protocol: 'session', attrs: {'session-id': 'shared-s9', 'visitor-id': 'owner'}});
    await untilOpen(first);
    first.remove();
    const {el} = await mount({protocol: 'session', attrs: {'session-id': 'shared-s9', 'visitor-id': 'intruder'}});
    const errors = recordEvents(el, ['chat-error']);
    await until(() => errors.length > 0, 'mismatch error');
    expect(errors[0].detail.code).to.equal('visitor_mismatch');
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="message-system"]')!.textContent).to.match(/another visitor/i);
  });
});
