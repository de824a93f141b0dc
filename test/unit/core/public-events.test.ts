import {expect} from '@open-wc/testing';
import {publicEvents, type PublicEvent} from '../../../src/core/public-events.js';
import {reduce, type Action} from '../../../src/core/reducer.js';
import {initialState, type ChatState} from '../../../src/core/state.js';
import type {ChatMessage} from '../../../src/types.js';

const NOW = 1_700_000_000_000;
const SECRET = 'sk-live secret/42';

/** Applies `actions` in turn and returns the final state and the events of the last one. */
function after(state: ChatState, ...actions: Action[]): {state: ChatState; events: PublicEvent[]} {
  let events: PublicEvent[] = [];
  let current = state;
  for (const action of actions) {
    const next = reduce(current, action, NOW);
    events = publicEvents(action, current, next, [SECRET, undefined]);
    current = next;
  }
  return {state: current, events};
}

/** The events of one action on `state`. */
const eventsOf = (state: ChatState, action: Action): PublicEvent[] => after(state, action).events;
const names = (events: PublicEvent[]): string[] => events.map(([name]) => name);

const user = (id: string, text = 'Question'): ChatMessage => ({id, role: 'user', text, status: 'sent', createdAt: NOW, meta: {}});

/** A state with one user message and an assistant reply streaming "Hel". */
function streaming(): ChatState {
  return after(initialState(), {type: 'ui.user', message: user('u1')}, {type: 'reply.delta', text: 'Hel'}).state;
}

describe('publicEvents()', () => {
  describe('chat-status', () => {
    it('should fire when the status changes, with the previous one', () => {
      expect(eventsOf(initialState(), {type: 'ui.status', status: 'connecting'})).to.deep.equal([['chat-status', {status: 'connecting', previous: 'idle'}]]);
    });

    it('should not fire when the status stays the same', () => {
      expect(eventsOf(initialState(), {type: 'ui.status', status: 'idle'})).to.deep.equal([]);
      expect(names(eventsOf(initialState(), {type: 'typing', on: true}))).to.not.include('chat-status');
    });
  });

  it('should fire chat-progress with the step, label and details', () => {
    expect(eventsOf(initialState(), {type: 'progress', step: 'keywords', label: 'Keywords', details: {n: 3}})).to.deep.equal([
      ['chat-progress', {step: 'keywords', label: 'Keywords', details: {n: 3}}],
    ]);
  });

  describe('chat-error', () => {
    it('should carry a server error with its kind and code, the secrets redacted raw and URI-encoded', () => {
      const message = `Bad key ${SECRET}; sent as ${encodeURIComponent(SECRET)}`;
      const events = eventsOf(initialState(), {type: 'error', kind: 'server', code: 'auth', message});
      const error = events.find(([name]) => name === 'chat-error');
      expect(error).to.deep.equal(['chat-error', {kind: 'server', message: 'Bad key [redacted]; sent as [redacted]', code: 'auth'}]);
      expect(JSON.stringify(events)).to.not.include(SECRET);
      expect(JSON.stringify(events)).to.not.include(encodeURIComponent(SECRET));
    });

    it('should carry a widget error\'s detail (else its message), redacted', () => {
      const withDetail = eventsOf(initialState(), {type: 'ui.error', kind: 'protocol', message: 'A frame was ignored', detail: `frame of unknown type "${SECRET}"`});
      expect(withDetail).to.deep.equal([['chat-error', {kind: 'protocol', message: 'frame of unknown type "[redacted]"', code: undefined}]]);
      const plain = eventsOf(initialState(), {type: 'ui.error', kind: 'network', message: `lost ${encodeURIComponent(SECRET)}`, code: 'stalled', notice: false});
      expect(plain).to.deep.equal([['chat-error', {kind: 'network', message: 'lost [redacted]', code: 'stalled'}]]);
    });
  });

  describe('chat-message', () => {
    it('should fire once, when a streamed reply completes', () => {
      const open = streaming();
      expect(names(eventsOf(open, {type: 'reply.delta', text: 'lo'}))).to.not.include('chat-message');
      const {state, events} = after(open, {type: 'reply.delta', text: 'lo'}, {type: 'reply.end'});
      const messages = events.filter(([name]) => name === 'chat-message');
      expect(messages).to.have.length(1);
      expect(messages[0]![1]).to.deep.equal({message: state.messages[1]});
      expect((messages[0]![1] as {message: ChatMessage}).message).to.include({role: 'assistant', text: 'Hello', status: 'complete'});
      // Later changes of the conversation do not fire it again.
      expect(names(eventsOf(state, {type: 'ui.user', message: user('u2')}))).to.not.include('chat-message');
      expect(names(eventsOf(state, {type: 'reply.end'}))).to.not.include('chat-message');
    });

    it('should fire for a whole assistant message, and not for a user message', () => {
      const {events} = after(initialState(), {type: 'message', role: 'assistant', text: 'Done'});
      expect(names(events)).to.deep.equal(['chat-message']);
      expect(names(eventsOf(initialState(), {type: 'message', role: 'user', text: 'Echo'}))).to.deep.equal([]);
    });

    it('should fire when a whole message closes the open reply', () => {
      const {state, events} = after(streaming(), {type: 'message', role: 'assistant', text: 'ignored: text was streamed'});
      expect(events).to.deep.equal([['chat-message', {message: state.messages[1]}]]);
      expect(state.messages[1]).to.include({text: 'Hel', status: 'complete'});
    });

    it('should not fire for a reply that was stopped, cut off or failed', () => {
      expect(names(eventsOf(streaming(), {type: 'ui.stop'}))).to.not.include('chat-message');
      expect(names(eventsOf(streaming(), {type: 'ui.interrupt'}))).to.not.include('chat-message');
      expect(names(eventsOf(streaming(), {type: 'error', kind: 'server', message: 'x', endsReply: true}))).to.not.include('chat-message');
    });

    it('should not fire for a restored conversation', () => {
      const old: ChatMessage = {id: 'a-old', role: 'assistant', text: 'Earlier answer', status: 'complete', createdAt: 1, meta: {}};
      const events = eventsOf(initialState(), {type: 'ui.restore', messages: [user('u-old'), old], ids: {}, title: null, seq: 2});
      expect(events).to.deep.equal([]);
    });
  });

  describe('chat-stop', () => {
    it('should carry the stopped reply', () => {
      const {state, events} = after(streaming(), {type: 'ui.stop'});
      const stop = events.find(([name]) => name === 'chat-stop');
      expect(stop).to.deep.equal(['chat-stop', {message: state.messages[1]}]);
      expect(state.messages[1]).to.include({status: 'stopped', text: 'Hel'});
    });

    it('should carry an empty stopped reply when no reply had begun', () => {
      const waiting = after(initialState(), {type: 'ui.user', message: user('u1', 'Awaited')}).state;
      const {state, events} = after(waiting, {type: 'ui.stop'});
      expect(state.messages).to.have.length(2);
      expect(state.messages[1]).to.include({role: 'assistant', text: '', status: 'stopped'});
      expect(events).to.deep.equal([['chat-stop', {message: state.messages[1]}]]);
    });

    it('should not fire without any message', () => {
      expect(eventsOf(initialState(), {type: 'ui.stop'})).to.deep.equal([]);
    });
  });

  describe('chat-data', () => {
    it('should carry the data with the reply it belongs to', () => {
      const open = streaming();
      expect(eventsOf(open, {type: 'data', name: 'weather', data: {temp: 21}})).to.deep.equal([
        ['chat-data', {name: 'weather', data: {temp: 21}, message: open.messages[1]}],
      ]);
    });

    it('should fall back to the last assistant message, or none', () => {
      const done = after(streaming(), {type: 'reply.end'}).state;
      expect(eventsOf(done, {type: 'data', name: 'n', data: 1})).to.deep.equal([['chat-data', {name: 'n', data: 1, message: done.messages[1]}]]);
      expect(eventsOf(initialState(), {type: 'data', name: 'n', data: null})).to.deep.equal([['chat-data', {name: 'n', data: null, message: undefined}]]);
    });
  });

  describe('chat-state', () => {
    it('should fire with a snapshot', () => {
      expect(eventsOf(initialState(), {type: 'state', snapshot: {step: 1}})).to.deep.equal([['chat-state', {state: {step: 1}}]]);
    });

    it('should fire with the patched state after a patch', () => {
      const {state} = after(initialState(), {type: 'state', snapshot: {steps: ['a']}});
      const events = eventsOf(state, {type: 'state', patch: [{op: 'add', path: '/steps/-', value: 'b'}]});
      expect(events).to.deep.equal([['chat-state', {state: {steps: ['a', 'b']}}]]);
    });

    it('should fire chat-error, not chat-state, when a patch cannot be applied', () => {
      const {state} = after(initialState(), {type: 'state', snapshot: {steps: []}});
      const {state: next, events} = after(state, {type: 'state', patch: [{op: 'replace', path: '/missing', value: 1}]});
      expect(names(events)).to.deep.equal(['chat-error']);
      expect(events[0]![1]).to.include({kind: 'protocol'});
      expect(next.agentState).to.deep.equal({steps: []});
    });
  });
});
