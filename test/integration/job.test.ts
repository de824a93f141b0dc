import {expect} from '@open-wc/testing';
import {mount, nextRender, recordEvents, serverLog, shadow, until, untilReply} from '../helpers.js';

describe('<chat-widget protocol="job"> against the reference backend', () => {
  it('starts a job over HTTP, accumulates progress, renders the result with strategy and compliance, and the socket closes', async () => {
    const {el, tag} = await mount({protocol: 'job', attrs: {token: 'demo-token', topic: 'Botox Safety', platform: 'TikTok'}});
    const events = recordEvents(el, ['chat-progress', 'chat-message', 'chat-status', 'chat-error']);
    await nextRender(el);
    // The form offers the four platforms.
    const options = [...shadow(el).querySelectorAll('select[name="platform"] option')].map((o) => o.textContent);
    expect(options).to.deep.equal(['Instagram', 'Twitter', 'TikTok', 'Facebook']);

    el.send('Make it reassuring');
    const reply = await untilReply(el);
    expect(reply.text).to.match(/Slide 1/);
    expect(reply.meta.strategy).to.be.an('object');
    expect(reply.meta.compliance).to.be.an('object');
    const steps = events.filter((e) => e.type === 'chat-progress').map((e) => e.detail.step);
    expect(steps.length).to.be.at.least(3);
    expect(reply.meta.progress!.map((p) => p.step)).to.deep.equal(steps);
    expect(events.filter((e) => e.type === 'chat-error')).to.have.length(0);
    await until(() => el.status === 'idle', `idle after the result (is ${el.status})`);

    await nextRender(el);
    const bubble = shadow(el).querySelector(`[data-id="${reply.id}"]`)!;
    expect(bubble.querySelector('.panel-box.strategy')).to.exist;
    expect(bubble.querySelector('.panel-box.compliance')).to.exist;
    expect(bubble.querySelector('h1')!.textContent).to.match(/Slide 1/);

    const log = await serverLog('job', tag);
    const start = log.starts![0] as any;
    expect(start.headers['x-api-token']).to.equal('demo-token');
    expect(start.body).to.include({topic: 'Botox Safety', query: 'Make it reassuring', platform: 'TikTok'});
    expect(start.body.session_id).to.match(/^job_\d+$/);
    const conn = log.connections[0];
    expect(conn.query.token).to.equal('demo-token');
    expect(conn.closed!.code).to.equal(1000);
  });

  it('each submit starts a new job', async () => {
    const {el, tag} = await mount({protocol: 'job', attrs: {token: 'demo-token', topic: 'Skincare'}});
    el.send('first');
    await untilReply(el, 1);
    el.send('second');
    await untilReply(el, 2);
    const log = await serverLog('job', tag);
    expect(log.starts).to.have.length(2);
    expect(log.connections).to.have.length(2);
  });

  it('shows a clear message for a rejected token (401) without leaking the token', async () => {
    const {el} = await mount({protocol: 'job', attrs: {token: 'wrong-secret-123'}});
    const errors = recordEvents(el, ['chat-error']);
    el.send('anything');
    await until(() => errors.length > 0, 'http error');
    expect(errors[0].detail.kind).to.equal('http');
    expect(errors[0].detail.message).to.match(/401/);
    expect(errors[0].detail.message).not.to.contain('wrong-secret-123');
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="notice"]')!.textContent).to.match(/token/i);
    expect(shadow(el).innerHTML).not.to.contain('wrong-secret-123');
    expect(el.messages[0].status).to.equal('error');
  });

  it('words a refused start in the language the widget shows (lang="fr")', async () => {
    const {el} = await mount({protocol: 'job', attrs: {token: 'wrong-secret-123', lang: 'fr'}});
    await until(() => shadow(el).querySelector('[part~="send"]')?.textContent?.trim() === 'Générer', 'the French locale');
    const errors = recordEvents(el, ['chat-error']);
    el.send('anything');
    await until(() => errors.length > 0, 'http error');
    expect(errors[0].detail.message).to.match(/^Le serveur a refusé le jeton d’API \(HTTP 401\)\./);
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="notice"]')!.textContent).to.contain('Le serveur a refusé le jeton d’API (HTTP 401).');
  });

  it('shows a clear message when the server cannot be reached', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'job', url: 'http://127.0.0.1:9', attrs: {token: 'demo-token'}});
    const errors = recordEvents(el, ['chat-error']);
    el.send('anything');
    // The start is retried with backoff before the widget gives up: slow on a loaded machine.
    await until(() => errors.length > 0, 'network error', 15_000);
    expect(errors[0].detail.kind).to.equal('network');
  });

  it('shows a generation error frame', async () => {
    const {el} = await mount({protocol: 'job', attrs: {token: 'demo-token'}});
    const errors = recordEvents(el, ['chat-error']);
    el.send('please fail');
    await until(() => errors.some((e) => e.detail.kind === 'server'), 'server error');
    await until(() => el.status === 'idle', 'idle');
  });
});
