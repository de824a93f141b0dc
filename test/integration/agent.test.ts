import {expect} from '@open-wc/testing';
import {mount, nextRender, recordEvents, serverLog, shadow, until, untilOpen, untilReply} from '../helpers.js';

describe('<chat-widget protocol="agent"> against the reference backend', () => {
  it('uses the socket session id, sends patient_profile from context, shows statuses as progress', async () => {
    const {el, tag} = await mount({protocol: 'agent'});
    el.context = {patient_profile: {age: 45, chronic_conditions: ['diabetes']}};
    const progress = recordEvents(el, ['chat-progress', 'chat-message']);
    await untilOpen(el);
    el.send('I have a headache and fever');
    const reply = await untilReply(el);
    expect(reply.text).to.contain('45');
    expect(reply.meta.agents).to.deep.equal(['triage', 'diagnostic', 'treatment']);
    const steps = progress.filter((e) => e.type === 'chat-progress').map((e) => e.detail.step);
    expect(steps.slice(0, 2)).to.deep.equal(['validating', 'checking_emergency']);
    expect(steps).to.include('running_diagnostic');
    expect(progress.at(-1)!.type).to.equal('chat-message');
    const labels = progress.filter((e) => e.type === 'chat-progress').map((e) => e.detail.label as string);
    expect(labels.every((l) => l.length > 0 && !l.includes('_'))).to.equal(true);

    const log = await serverLog('agent', tag);
    const conn = log.connections[0];
    const connectionId = (conn.sent[0] as any).session_id;
    expect(conn.received[0]).to.deep.equal({
      patient_profile: {age: 45, chronic_conditions: ['diabetes']},
      message: 'I have a headache and fever',
      session_id: connectionId,
      enable_agents: true,
    });
    await nextRender(el);
    expect(shadow(el).querySelector(`[data-id="${reply.id}"] details.steps`)).to.exist;
  });

  it('words its progress in the language the widget shows (lang="de")', async () => {
    const {el} = await mount({protocol: 'agent', attrs: {lang: 'de'}});
    await until(() => shadow(el).querySelector('textarea')?.placeholder === 'Nachricht eingeben…', 'the German locale');
    const progress = recordEvents(el, ['chat-progress']);
    await untilOpen(el);
    el.send('I have a headache and fever');
    const reply = await untilReply(el);
    const labels = Object.fromEntries(progress.map((e) => [e.detail.step, e.detail.label as string]));
    expect(labels['validating']).to.equal('Ihre Nachricht wird geprüft');
    expect(labels['checking_emergency']).to.equal('Prüfung auf Anzeichen eines Notfalls');
    expect(labels['running_diagnostic']).to.equal('Diagnose-Agent analysiert die Symptome');
    await nextRender(el);
    const steps = shadow(el).querySelector(`[data-id="${reply.id}"] details.steps`)!;
    expect(steps.textContent).to.contain('Ihre Nachricht wird geprüft');
    expect(steps.textContent).to.not.contain('Validating');
  });

  it('sends the new socket id after a reconnect, never the stale one', async () => {
    const {el, tag} = await mount({protocol: 'agent'});
    await untilOpen(el);
    el.send('first');
    await untilReply(el, 1);
    el.disconnect();
    await until(() => el.status === 'closed', 'closed');
    el.connect();
    await untilOpen(el);
    el.send('second');
    await untilReply(el, 2);
    const log = await serverLog('agent', tag);
    expect(log.connections).to.have.length(2);
    const [a, b] = log.connections;
    expect((b.received[0] as any).session_id).to.equal((b.sent[0] as any).session_id);
    expect((b.received[0] as any).session_id).not.to.equal((a.sent[0] as any).session_id);
  });

  it('shows an emergency as a prominent alert', async () => {
    const {el} = await mount({protocol: 'agent'});
    await untilOpen(el);
    el.send('I have chest pain');
    const reply = await untilReply(el);
    expect(reply.meta.emergency).to.equal(true);
    await nextRender(el);
    const alert = shadow(el).querySelector('[role="alert"][part~="notice"]');
    expect(alert).to.exist;
    expect(alert!.textContent).to.match(/emergency/i);
    // One clear statement, and a way to call each number the alert names: the reply lists
    // "for example 911, 112 or 000", so the visitor chooses (none is singled out as primary).
    expect(shadow(el).textContent!.match(/Possible emergency/g), 'said once on screen').to.have.length(1);
    const calls = [...alert!.querySelectorAll<HTMLAnchorElement>('[part~="emergency-call"]')];
    expect(calls.map((a) => [a.getAttribute('href'), a.textContent])).to.deep.equal([
      ['tel:911', 'Call 911'],
      ['tel:112', 'Call 112'],
      ['tel:000', 'Call 000'],
    ]);
    expect(calls.filter((a) => a.classList.contains('primary'))).to.have.length(0);
    // It belongs to its reply: the next message takes it away.
    el.send('thanks, and what about a headache?');
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="emergency"]')).to.equal(null);
  });

  for (const lang of ['en', 'ar']) {
    it(`the emergency alert's buttons wrap inside it in a narrow widget (${lang})`, async () => {
      const {el} = await mount({protocol: 'agent', attrs: {lang}});
      el.style.width = '300px';
      await untilOpen(el);
      el.send('I have chest pain');
      await untilReply(el);
      await nextRender(el);
      const alert = shadow(el).querySelector<HTMLElement>('[part~="emergency"]')!;
      const box = alert.getBoundingClientRect();
      const buttons = [...alert.querySelectorAll<HTMLElement>('a, button')];
      expect(buttons).to.have.length(4);
      for (const b of buttons) {
        const r = b.getBoundingClientRect();
        expect(r.left, `${b.textContent} starts inside the alert`).to.be.at.least(box.left);
        expect(r.right, `${b.textContent} ends inside the alert`).to.be.at.most(box.right);
      }
      // Buttons, not links in running text: no underline.
      for (const b of buttons) expect(getComputedStyle(b).textDecorationLine, b.textContent!).to.equal('none');
    });
  }

  it('maps error frames (before a stream, and mid-stream without stream_end) to server errors', async () => {
    const {el} = await mount({protocol: 'agent', attrs: {'enable-agents': 'false'}});
    const errors = recordEvents(el, ['chat-error']);
    await untilOpen(el);
    el.send('crash now');
    await until(() => errors.length === 1, 'mid-stream error');
    expect(errors[0].detail).to.include({kind: 'server', code: 'processing_error'});
    const partial = el.messages.find((m) => m.role === 'assistant')!;
    expect(partial.status).to.equal('error');
    expect(partial.text.length).to.be.greaterThan(0);
    el.send('overdose');
    await until(() => errors.length === 2, 'safety error');
    expect(errors[1].detail.code).to.equal('safety_violation');
    await nextRender(el);
    const systemMessages = [...shadow(el).querySelectorAll('[part~="message-system"]')];
    expect(systemMessages).to.have.length(2);
    // The server's own safety answer, crisis line included, is shown as written.
    expect(systemMessages[1].textContent).to.match(/crisis line.*988/);
    // Its steps ended with it: nothing stays "in progress".
    expect(shadow(el).querySelector('.progress.live')).to.equal(null);
  });
});
