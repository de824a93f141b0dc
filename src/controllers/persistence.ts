import type {ChatState} from '../core/state.js';
import type {ChatMessage, ConversationIds, PersistMode} from '../types.js';

/** What survives a reload. */
export interface Snapshot {
  v: 1;
  messages: ChatMessage[];
  ids: ConversationIds;
  title: string | null;
  seq: number;
}

/** How many messages are kept per conversation. */
const MAX_MESSAGES = 200;

function storageFor(mode: PersistMode): Storage | null {
  if (mode === 'none' || typeof window === 'undefined') return null;
  // Reading `localStorage` itself throws where storage is disabled.
  return mode === 'local' ? window.localStorage : window.sessionStorage;
}

/** Reads a snapshot; returns null when there is none. Throws when storage is unusable or corrupt. */
export function loadSnapshot(mode: PersistMode, key: string): Snapshot | null {
  const storage = storageFor(mode);
  const raw = storage?.getItem(key);
  if (!raw) return null;
  const data = JSON.parse(raw) as Snapshot;
  if (data?.v !== 1 || !Array.isArray(data.messages) || typeof data.ids !== 'object') {
    storage!.removeItem(key);
    throw new Error('stored conversation is unreadable');
  }
  return data;
}

/** Writes the conversation; a reply still streaming is stored as interrupted. Throws when storage is full or disabled. */
export function saveSnapshot(mode: PersistMode, key: string, state: ChatState): void {
  const storage = storageFor(mode);
  if (!storage) return;
  const messages = state.messages.slice(-MAX_MESSAGES).map((m) => (m.status === 'streaming' ? {...m, status: 'interrupted' as const} : m));
  const snapshot: Snapshot = {v: 1, messages, ids: state.ids, title: state.title, seq: state.seq};
  storage.setItem(key, JSON.stringify(snapshot));
}

export function removeSnapshot(mode: PersistMode, key: string): void {
  storageFor(mode)?.removeItem(key);
}
