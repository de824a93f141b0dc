import {expect} from '@open-wc/testing';
import {historyBefore} from '../../../src/core/history.js';
import type {ChatMessage, MessageMeta, MessageStatus, Role} from '../../../src/types.js';

function message(id: string, role: Role, status: MessageStatus, text = `text of ${id}`, meta: MessageMeta = {}): ChatMessage {
  return {id, role, text, status, createdAt: 0, meta};
}

const ids = (history: readonly {id: string}[]): string[] => history.map((m) => m.id);

describe('historyBefore()', () => {
  it('should give user messages and assistant replies as {id, role, text}, oldest first', () => {
    const messages = [message('u1', 'user', 'sent', 'Hello'), message('a1', 'assistant', 'complete', 'Hi there'), message('u2', 'user', 'pending', 'Next')];
    expect(historyBefore(messages, 'u2', 40)).to.deep.equal([
      {id: 'u1', role: 'user', text: 'Hello'},
      {id: 'a1', role: 'assistant', text: 'Hi there'},
    ]);
  });

  it('should leave out greetings, errors, notices and system messages', () => {
    const messages = [
      message('w', 'assistant', 'complete', 'Welcome!', {kind: 'welcome'}),
      message('u1', 'user', 'sent'),
      message('e', 'system', 'error', 'The server failed', {kind: 'error', errorKind: 'server'}),
      message('n', 'assistant', 'complete', 'Reconnected', {kind: 'notice'}),
      message('t', 'system', 'complete', 'Template saved', {kind: 'template'}),
      message('s', 'system', 'complete', 'A plain system line'),
      message('a1', 'assistant', 'complete'),
      message('next', 'user', 'pending'),
    ];
    expect(ids(historyBefore(messages, 'next', 40))).to.deep.equal(['u1', 'a1']);
  });

  it('should keep only the user messages that went out', () => {
    const messages = [
      message('sent', 'user', 'sent'),
      message('complete', 'user', 'complete'),
      message('pending', 'user', 'pending'),
      message('failed', 'user', 'error'),
      message('interrupted', 'user', 'interrupted'),
      message('next', 'user', 'pending'),
    ];
    expect(ids(historyBefore(messages, 'next', 40))).to.deep.equal(['sent', 'complete']);
  });

  it('should keep replies that were shown, stopped or cut off, but not failed or empty ones', () => {
    const messages = [
      message('done', 'assistant', 'complete'),
      message('stopped', 'assistant', 'stopped', 'Half an ans'),
      message('cut', 'assistant', 'interrupted', 'Cut sh'),
      message('streaming', 'assistant', 'streaming', 'Still'),
      message('failed', 'assistant', 'error', 'Broken'),
      message('empty', 'assistant', 'stopped', ''),
      message('next', 'user', 'pending'),
    ];
    expect(historyBefore(messages, 'next', 40)).to.deep.equal([
      {id: 'done', role: 'assistant', text: 'text of done'},
      {id: 'stopped', role: 'assistant', text: 'Half an ans'},
      {id: 'cut', role: 'assistant', text: 'Cut sh'},
      {id: 'streaming', role: 'assistant', text: 'Still'},
    ]);
  });

  it('should stop at the given message, and take everything when it is not found', () => {
    const messages = [message('u1', 'user', 'sent'), message('a1', 'assistant', 'complete'), message('u2', 'user', 'sent'), message('a2', 'assistant', 'complete')];
    expect(ids(historyBefore(messages, 'u1', 40))).to.deep.equal([]);
    expect(ids(historyBefore(messages, 'u2', 40))).to.deep.equal(['u1', 'a1']);
    expect(ids(historyBefore(messages, 'unknown', 40))).to.deep.equal(['u1', 'a1', 'u2', 'a2']);
  });

  it('should give the last `limit` messages, and none for a limit of 0 or less', () => {
    const messages = ['1', '2', '3', '4', '5'].map((n, i) => message(`m${n}`, i % 2 ? 'assistant' : 'user', i % 2 ? 'complete' : 'sent'));
    expect(ids(historyBefore(messages, 'none', 2))).to.deep.equal(['m4', 'm5']);
    expect(ids(historyBefore(messages, 'm5', 3))).to.deep.equal(['m2', 'm3', 'm4']);
    expect(ids(historyBefore(messages, 'none', 2.7))).to.deep.equal(['m4', 'm5']);
    expect(ids(historyBefore(messages, 'none', 100))).to.have.length(5);
    expect(historyBefore(messages, 'none', 0)).to.deep.equal([]);
    expect(historyBefore(messages, 'none', -1)).to.deep.equal([]);
  });

  it('should send nothing for a limit below one, fractional ones included', () => {
    const messages = [message('u1', 'user', 'sent'), message('a1', 'assistant', 'complete'), message('u2', 'user', 'pending')];
    expect(historyBefore(messages, 'u2', 0.5)).to.deep.equal([]);
    expect(historyBefore(messages, 'u2', 0)).to.deep.equal([]);
    expect(ids(historyBefore(messages, 'u2', 1.9))).to.deep.equal(['a1']);
  });
});
