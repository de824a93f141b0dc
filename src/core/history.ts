import type {ChatMessage} from '../types.js';

/** What a stateless protocol sends back of an earlier message. */
export interface HistoryMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

const SHOWN_REPLY: ReadonlySet<string> = new Set(['complete', 'stopped', 'interrupted', 'streaming']);
const SENT_MESSAGE: ReadonlySet<string> = new Set(['sent', 'complete']);

/**
 * The conversation before message `id` (all of it when `id` is not found), as the
 * stateless protocols send it: user messages that went out and assistant replies that
 * were shown, without greetings, errors and notices; the last `limit` of them.
 */
export function historyBefore(messages: readonly ChatMessage[], id: string, limit: number): HistoryMessage[] {
  const out: HistoryMessage[] = [];
  for (const m of messages) {
    if (m.id === id) break;
    if (m.meta.kind !== undefined || m.text === '') continue;
    if (m.role === 'user' ? SENT_MESSAGE.has(m.status) : m.role === 'assistant' && SHOWN_REPLY.has(m.status)) {
      out.push({id: m.id, role: m.role as HistoryMessage['role'], text: m.text});
    }
  }
  const n = Math.floor(limit);
  return n > 0 ? out.slice(-n) : [];
}

/**
 * What `regenerate()` would replace: the last user message that went out and the assistant
 * reply after it (greetings and notices are not replies). Null when there is no such pair.
 */
export function regenerable(messages: readonly ChatMessage[]): {user: ChatMessage; reply: ChatMessage} | null {
  let at = messages.length - 1;
  while (at >= 0 && messages[at].role !== 'user') at--;
  const user = messages[at];
  if (!user || user.status === 'pending') return null;
  const reply = messages.slice(at + 1).find((m) => m.role === 'assistant' && m.meta.kind === undefined);
  return reply ? {user, reply} : null;
}
