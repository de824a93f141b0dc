import {expect} from '@open-wc/testing';
import {reduce, type Action} from '../../../src/core/reducer.js';
import {initialState, type ChatState} from '../../../src/core/state.js';
import {Store} from '../../../src/core/store.js';
import type {ChatMessage} from '../../../src/types.js';

const user = (text: string, id = `u-${text}`): ChatMessage => ({id, role: 'user', text, status: 'pending', createdAt: 1, meta: {}});

function run(actions: Action[], state: ChatState = initialState()): ChatState {
  return actions.reduce((s, a) => reduce(s, a, 1000), state);
}

describe('reduce()', () => {
  it('returns the same object when nothing changes', () => {
    const s = initialState();
    expect(reduce(s, {type: 'ui.status', status: 'idle'}, 0)).to.equal(s);
    expect(reduce(s, {type: 'reply.delta', text: ''}, 0)).to.equal(s);
    expect(reduce(s, {type: 'typing', on: false}, 0)).to.equal(s);
    expect(reduce(s, {type: 'end'}, 0)).to.equal(s);
  });

  it('streams deltas into one assistant message and completes it with meta', () => {
    const s = run([
      {type: 'ui.user', message: user('hi')},
      {type: 'reply.delta', text: 'Hel'},
      {type: 'reply.delta', text: 'lo'},
      {type: 'reply.end', meta: {confidence: 0.85}},
    ]);
    expect(s.messages).to.have.length(2);
    expect(s.messages[1]).to.include({role: 'assistant', text: 'Hello', status: 'complete'});
    expect(s.messages[1].meta.confidence).to.equal(0.85);
    expect(s.replyId).to.equal(null);
    expect(s.awaiting).to.equal(false);
  });

  it('replaces only the message that changed', () => {
    const a = run([{type: 'ui.user', message: user('hi')}, {type: 'reply.delta', text: 'a'}]);
    const b = reduce(a, {type: 'reply.delta', text: 'b'}, 0);
    expect(b.messages[0]).to.equal(a.messages[0]);
    expect(b.messages[1]).not.to.equal(a.messages[1]);
    expect(b.messages[1].text).to.equal('ab');
  });

  it('uses the whole text of an end when nothing streamed (a complete without chunks)', () => {
    const s = run([{type: 'ui.user', message: user('x')}, {type: 'reply.end', text: 'Sorry, something went wrong.'}]);
    expect(s.messages[1]).to.include({role: 'assistant', text: 'Sorry, something went wrong.', status: 'complete'});
  });

  it('does not duplicate streamed text when the end also carries the whole text', () => {
    const s = run([{type: 'reply.delta', text: 'Full reply'}, {type: 'reply.end', text: 'Full reply'}]);
    expect(s.messages).to.have.length(1);
    expect(s.messages[0].text).to.equal('Full reply');
  });

  it('starts a second reply for a follow-up after a completed one', () => {
    const s = run([{type: 'reply.delta', text: 'one'}, {type: 'reply.end'}, {type: 'reply.delta', text: 'two'}, {type: 'reply.end'}]);
    expect(s.messages.map((m) => m.text)).to.deep.equal(['one', 'two']);
  });

  it('accumulates progress and keeps it on the finished message', () => {
    const s = run([
      {type: 'ui.user', message: user('q')},
      {type: 'progress', step: 'keywords', label: 'Completed step: keywords'},
      {type: 'progress', step: 'compliance_check', label: 'Completed step: compliance_check'},
      {type: 'message', role: 'assistant', text: '# Slide 1', meta: {strategy: {tone: 'warm'}}},
    ]);
    const reply = s.messages[1];
    expect(reply.meta.progress?.map((p) => p.step)).to.deep.equal(['keywords', 'compliance_check']);
    expect(reply.meta.strategy).to.deep.equal({tone: 'warm'});
    expect(s.progress).to.have.length(0);
  });

  it('joins the streamed pieces of a tool call\'s input, per call, into one input on the finished reply', () => {
    const s = run([
      {type: 'ui.user', message: user('q')},
      {type: 'progress', step: 'tool-0', label: 'get_weather', details: {tool: 'get_weather'}, inputDelta: '{"ci', update: true},
      {type: 'progress', step: 'tool-1', label: 'get_time', details: {tool: 'get_time'}, update: true},
      {type: 'progress', step: 'tool-0', label: '', inputDelta: 'ty":"Paris"}', update: true},
      {type: 'progress', step: 'tool-1', label: '', inputDelta: '{}', update: true},
      {type: 'reply.delta', text: 'Sunny.'},
      {type: 'reply.end'},
    ]);
    expect(s.messages[1].meta.progress).to.deep.equal([
      {step: 'tool-0', label: 'get_weather', details: {tool: 'get_weather', input: '{"city":"Paris"}'}},
      {step: 'tool-1', label: 'get_time', details: {tool: 'get_time', input: '{}'}},
    ]);
  });

  it('keeps why a message\'s request failed while it is failed, and forgets it when it goes again', () => {
    const failed = run([
      {type: 'ui.user', message: user('q', 'u1')},
      {type: 'ui.user.status', id: 'u1', status: 'error', failure: {status: 429, retryAt: 5000}},
    ]);
    expect(failed.messages[0]).to.deep.include({status: 'error', meta: {failure: {status: 429, retryAt: 5000}}});
    const again = run([{type: 'ui.user.status', id: 'u1', status: 'pending'}], failed);
    expect(again.messages[0]).to.deep.include({status: 'pending', meta: {}});
  });

  it('marks an open reply interrupted and keeps its partial text', () => {
    const s = run([{type: 'reply.delta', text: 'partial'}, {type: 'ui.interrupt'}]);
    expect(s.messages[0]).to.include({text: 'partial', status: 'interrupted'});
    expect(s.replyId).to.equal(null);
  });

  it('ends a reply with an error and records the server error as a system message', () => {
    const s = run([{type: 'reply.delta', text: 'abc'}, {type: 'error', kind: 'server', message: 'boom', code: 'processing_error', endsReply: true}]);
    expect(s.messages[0].status).to.equal('error');
    expect(s.messages[1]).to.include({role: 'system', text: 'boom', status: 'error'});
    expect(s.messages[1].meta.code).to.equal('processing_error');
  });

  it('shows a protocol error as a notice without touching the transcript', () => {
    const before = run([{type: 'reply.delta', text: 'abc'}]);
    const s = reduce(before, {type: 'error', kind: 'protocol', message: 'bad frame'}, 0);
    expect(s.messages).to.equal(before.messages);
    expect(s.notice).to.deep.equal({kind: 'protocol', message: 'bad frame', code: undefined});
  });

  it('shows the welcome once, even when a reconnect sends it again', () => {
    const s = run([{type: 'welcome', text: 'Hi!'}, {type: 'welcome', text: 'Hi!'}]);
    expect(s.messages).to.have.length(1);
    expect(s.messages[0].meta.kind).to.equal('welcome');
  });

  it('confirms a user message on echo without adding it again', () => {
    const s = run([{type: 'ui.user', message: user('hello')}, {type: 'user.echo', text: 'hello', serverId: 'srv-1'}]);
    expect(s.messages).to.have.length(1);
    expect(s.messages[0]).to.include({status: 'sent'});
    expect(s.messages[0].meta.serverId).to.equal('srv-1');
  });

  it('snoozes template offers after "Not now"', () => {
    const offer = {type: 'template.opportunity', suggestion: {title: 'T'}} as const;
    let s = run([offer]);
    expect(s.templatePrompt?.title).to.equal('T');
    s = run([{type: 'ui.dismiss', what: 'template'}, offer, offer, offer], s);
    expect(s.templatePrompt).to.equal(null);
    s = run([offer], s);
    expect(s.templatePrompt?.title).to.equal('T');
  });

  it('clears the idle warning when the user writes, and ends the session', () => {
    let s = run([{type: 'idle.warning', message: 'Still there?', timeoutSeconds: 120}]);
    expect(s.idleWarning?.timeoutSeconds).to.equal(120);
    s = run([{type: 'ui.user', message: user('yes')}], s);
    expect(s.idleWarning).to.equal(null);
    s = run([{type: 'suggestions', items: ['a']}, {type: 'session.end', message: 'Bye', reason: 'idle_timeout'}], s);
    expect(s.sessionEnded).to.deep.equal({message: 'Bye', reason: 'idle_timeout'});
    expect(s.suggestions).to.deep.equal([]);
  });

  it('keeps conversation ids and resets socket ids on a new socket', () => {
    let s = run([{type: 'session', ids: {conversationId: 'c1'}, socketIds: {sessionId: 's1'}, title: 'TechPro'}]);
    expect(s.ids.conversationId).to.equal('c1');
    expect(s.title).to.equal('TechPro');
    s = run([{type: 'ui.socket'}], s);
    expect(s.socketIds).to.deep.equal({});
    expect(s.ids.conversationId).to.equal('c1');
  });

  it('ignores empty ids', () => {
    const s = run([{type: 'session', ids: {sessionId: 'a'}}, {type: 'session', ids: {sessionId: ''}}]);
    expect(s.ids.sessionId).to.equal('a');
  });

  it('marks and clears a stalled reply; "start again" forgets it', () => {
    let s = run([{type: 'ui.user', message: user('hi', 'u1')}, {type: 'ui.stalled', id: 'u1'}]);
    expect(s.stalled).to.equal('u1');
    expect(reduce(s, {type: 'ui.stalled', id: 'u1'}, 0)).to.equal(s);
    expect(run([{type: 'ui.stalled', id: null}], s).stalled).to.equal(null);
    s = run([{type: 'ui.reset'}], s);
    expect(s.stalled).to.equal(null);
  });

  it('awaits a reply again when a message is retried', () => {
    let s = run([{type: 'ui.user', message: user('hi')}, {type: 'ui.interrupt'}]);
    expect(s.awaiting).to.equal(false);
    s = run([{type: 'ui.awaiting'}], s);
    expect(s.awaiting).to.equal(true);
    expect(reduce(s, {type: 'ui.awaiting'}, 0)).to.equal(s);
  });

  it('a fatal server error (the session cannot go on) offers start again and never wipes the transcript', () => {
    const before = run([
      {type: 'ui.user', message: user('my name is Ann')},
      {type: 'reply.delta', text: 'Nice to meet you'},
      {type: 'reply.end'},
      {type: 'ui.user', message: user('quote please')},
      {type: 'reply.delta', text: 'Sure'},
    ]);
    const s = run([{type: 'error', kind: 'server', code: 'session_expired', message: 'Session x has expired', endsReply: true, fatal: true}], before);
    expect(s.messages.slice(0, 4).map((m) => m.text)).to.deep.equal(['my name is Ann', 'Nice to meet you', 'quote please', 'Sure']);
    expect(s.messages[3].status).to.equal('error');
    expect(s.messages[4]).to.include({role: 'system', status: 'error'});
    expect(s.messages[4].meta.code).to.equal('session_expired');
    expect(s.sessionEnded).to.deep.equal({message: '', reason: 'session_expired'});
    // A non-fatal error keeps the conversation open.
    const soft = run([{type: 'error', kind: 'server', code: 'message_required', message: 'message is required'}], before);
    expect(soft.sessionEnded).to.equal(null);
    expect(soft.messages).to.have.length(before.messages.length + 1);
    // A protocol error (bad frame) touches only the notice.
    const bad = run([{type: 'error', kind: 'protocol', message: 'frame is not JSON'}], before);
    expect(bad.messages).to.equal(before.messages);
  });
});

describe('Store', () => {
  it('notifies subscribers only on change and stops after unsubscribe', () => {
    const store = new Store(initialState(), () => 5);
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.dispatch({type: 'ui.status', status: 'idle'});
    expect(calls).to.equal(0);
    store.dispatch({type: 'ui.status', status: 'open'});
    expect(calls).to.equal(1);
    off();
    store.dispatch({type: 'ui.status', status: 'closed'});
    expect(calls).to.equal(1);
    expect(store.state.status).to.equal('closed');
  });
});
