import type {ReactiveController, ReactiveControllerHost} from '@lit/reactive-element';
import type {ChatState} from '../core/state.js';
import type {Store} from '../core/store.js';
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

/**
 * Keeps the conversation of one widget in storage: restores it when the storage key
 * changes, saves changes (batched; a user message at once, so a reload right after
 * neither loses nor resends it) and when the page goes away. Storage that is full,
 * disabled or corrupt never breaks the widget: it says so (`onError`) and goes on in memory.
 */
export class PersistenceController implements ReactiveController {
  #key = '';
  #timer?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost,
    private readonly store: Store,
    private readonly mode: () => PersistMode,
    private readonly restore: (snapshot: Snapshot) => void,
    private readonly onError: (message: string) => void,
  ) {
    host.addController(this);
    store.subscribe((s, prev, action) => {
      if (s.messages === prev.messages && s.ids === prev.ids && s.title === prev.title) return;
      this.#schedule();
      if (action.type === 'ui.user' || action.type === 'ui.user.status') this.flush();
    });
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    this.flush();
  }

  /**
   * Switches to `key` ('' when not configured): the current conversation is stored first.
   * Returns true when the key changed (the caller forgets the conversation, then `load()`s).
   */
  use(key: string): boolean {
    if (key === this.#key) return false;
    this.flush();
    this.#key = key;
    return true;
  }

  /** Puts back the conversation stored under the current key, if any. */
  load(): void {
    if (!this.#key) return;
    this.#safely(() => {
      const snapshot = loadSnapshot(this.mode(), this.#key);
      if (snapshot) this.restore(snapshot);
    });
  }

  /** Forgets the stored conversation. */
  remove(): void {
    this.#safely(() => removeSnapshot(this.mode(), this.#key));
  }

  /** Writes pending changes now. */
  flush(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#safely(() => saveSnapshot(this.mode(), this.#key, this.store.state));
  }

  /** Live timers (diagnostics). */
  get timers(): number {
    return this.#timer === undefined ? 0 : 1;
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.mode() === 'none' || !this.#key) return;
    this.#timer = setTimeout(() => this.flush(), 300);
  }

  #safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(`Conversation storage unavailable (${(err as Error).message}); keeping it in memory.`);
    }
  }

  /** The page is going away (reload, navigation, bfcache): store the conversation now. */
  #onPageHide = (): void => this.flush();
}
