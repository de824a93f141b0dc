import type {ChatEvent} from './chat-event.js';
import {jsonPatch} from './json-patch-loader.js';
import {initialState, type ChatState, type Notice} from './state.js';
import type {ChatMessage, ConnectionStatus, ErrorKind, MessageMeta, MessageStatus, ProgressStep, Role} from '../types.js';

/** How many template offers to skip after the user said "Not now". */
export const TEMPLATE_SNOOZE = 3;

/** Actions that come from the widget itself rather than from a backend. */
export type UiAction =
  | {type: 'ui.status'; status: ConnectionStatus}
  /** A new socket: socket-scoped ids are gone. */
  | {type: 'ui.socket'}
  | {type: 'ui.user'; message: ChatMessage}
  /** `failure`: why its request failed (kept in `meta.failure` while the status is `error`). */
  | {type: 'ui.user.status'; id: string; status: MessageStatus; failure?: MessageMeta['failure']}
  /** The connection dropped: an open reply keeps its text and is marked interrupted. */
  | {type: 'ui.interrupt'}
  /** The user stopped the reply: an open reply keeps its text and is marked stopped. */
  | {type: 'ui.stop'}
  /** User message `id` goes again for a new answer: everything after it leaves the conversation. */
  | {type: 'ui.regenerate'; id: string}
  /** The visitor rated reply `id` (`null` clears the rating). */
  | {type: 'ui.feedback'; id: string; rating: 'up' | 'down' | null}
  | {type: 'ui.notice'; notice: Notice | null}
  /**
   * Something went wrong: `message` is for the visitor (shown as a notice unless `notice`
   * is false); the host's `chat-error` carries `detail` (a diagnostic) or else `message`.
   */
  | {type: 'ui.error'; kind: ErrorKind; message: string; detail?: string; code?: string; notice?: boolean}
  /** The reply to message `id` shows no first frame in time (`null`: no longer). */
  | {type: 'ui.stalled'; id: string | null}
  /** A user message goes out again (retry): a reply is awaited. */
  | {type: 'ui.awaiting'}
  | {type: 'ui.dismiss'; what: 'template' | 'idle' | 'emergency' | 'optimized'}
  /** Forget the conversation; keep only what `keep` says. */
  | {type: 'ui.reset'}
  /** Put back a persisted conversation. */
  | {type: 'ui.restore'; messages: readonly ChatMessage[]; ids: ChatState['ids']; title: string | null; seq: number};

export type Action = ChatEvent | UiAction;

/**
 * The only state mutator. Pure: `now` is passed in. Returns the same object
 * when nothing changes, and replaces only the message that changed.
 */
export function reduce(state: ChatState, action: Action, now: number): ChatState {
  switch (action.type) {
    case 'ui.status':
      return state.status === action.status ? state : {...state, status: action.status};
    case 'ui.socket':
      return Object.keys(state.socketIds).length ? {...state, socketIds: {}} : state;
    case 'ui.user':
      return {
        ...state,
        messages: [...state.messages, action.message],
        suggestions: [],
        idleWarning: null,
        // An emergency alert belongs to the reply that raised it.
        emergency: null,
        awaiting: true,
        progress: [],
      };
    case 'ui.user.status':
      return patchMessage(state, action.id, (m) => {
        if (m.status === action.status && m.meta.failure === action.failure) return m;
        const {failure: _old, ...meta} = m.meta;
        return {...m, status: action.status, meta: action.failure ? {...meta, failure: action.failure} : meta};
      });
    case 'ui.interrupt': {
      let next: ChatState = {...state, awaiting: false, typing: false, progress: []};
      if (state.replyId) next = closeReply(next, 'interrupted', undefined);
      return next;
    }
    case 'ui.stop': {
      const next: ChatState = {...state, awaiting: false, typing: false, progress: []};
      if (state.replyId) return closeReply(next, 'stopped', undefined);
      // Stopped before the reply began: an empty stopped reply says so where the reply would have been.
      return state.awaiting ? addMessage(next, 'assistant', '', 'stopped', withProgress({}, state), now) : next;
    }
    case 'ui.regenerate': {
      const at = state.messages.findIndex((m) => m.id === action.id);
      if (at < 0) return state;
      const user = {...state.messages[at], status: 'pending' as const};
      return {
        ...state,
        messages: [...state.messages.slice(0, at), user],
        replyId: null,
        awaiting: true,
        typing: false,
        progress: [],
        suggestions: [],
        stalled: null,
        notice: state.notice?.kind === 'protocol' || state.notice?.kind === 'server' ? null : state.notice,
      };
    }
    case 'ui.feedback':
      return patchMessage(state, action.id, (m) => {
        if ((m.meta.feedback ?? null) === action.rating) return m;
        const {feedback: _old, ...meta} = m.meta;
        return {...m, meta: action.rating ? {...meta, feedback: action.rating} : meta};
      });
    case 'ui.notice':
      return state.notice === action.notice ? state : {...state, notice: action.notice};
    case 'ui.error':
      return action.notice === false ? state : {...state, notice: {kind: action.kind, message: action.message, ...(action.code ? {code: action.code} : {})}};
    case 'ui.stalled':
      return state.stalled === action.id ? state : {...state, stalled: action.id};
    case 'ui.awaiting':
      return state.awaiting ? state : {...state, awaiting: true};
    case 'ui.dismiss':
      switch (action.what) {
        case 'template':
          return {...state, templatePrompt: null, templateSnooze: TEMPLATE_SNOOZE};
        case 'idle':
          return state.idleWarning ? {...state, idleWarning: null} : state;
        case 'emergency':
          return state.emergency ? {...state, emergency: null} : state;
        case 'optimized':
          return state.optimized === null ? state : {...state, optimized: null};
      }
      return state;
    case 'ui.reset':
      return {...initialState(), status: state.status, features: state.features, seq: state.seq};
    case 'ui.restore':
      return {...state, messages: action.messages, ids: action.ids, title: action.title, seq: Math.max(state.seq, action.seq)};

    case 'session': {
      const next = {...state};
      if (action.ids) next.ids = {...state.ids, ...definedOnly(action.ids)};
      if (action.socketIds) next.socketIds = {...state.socketIds, ...action.socketIds};
      if (action.title) next.title = action.title;
      if (action.features) next.features = {...state.features, ...action.features};
      return next;
    }
    case 'welcome': {
      if (!action.text || state.messages.some((m) => m.meta.kind === 'welcome')) return state;
      // The greeting comes first, even when the user typed before it arrived.
      const next = addMessage(state, 'assistant', action.text, 'complete', {kind: 'welcome'}, now);
      return {...next, messages: [next.messages[next.messages.length - 1], ...state.messages]};
    }
    case 'reply.start': {
      const open = openReply(state);
      if (open && open.text === '') {
        return patchMessage(state, open.id, (m) => ({...m, meta: {...m.meta, ...action.meta}}));
      }
      let next = open ? closeReply(state, 'complete', undefined) : state;
      next = addMessage(next, 'assistant', '', 'streaming', {...action.meta}, now);
      return {...next, replyId: lastId(next), awaiting: false};
    }
    case 'reply.delta': {
      if (!action.text) return state;
      const open = openReply(state);
      if (!open) {
        const meta: MessageMeta = action.serverId ? {serverId: action.serverId} : {};
        const next = addMessage(state, 'assistant', action.text, 'streaming', meta, now);
        return {...next, replyId: lastId(next), awaiting: false, typing: false};
      }
      const next = patchMessage(state, open.id, (m) => ({...m, text: m.text + action.text}));
      return next.awaiting || next.typing ? {...next, awaiting: false, typing: false} : next;
    }
    case 'reply.end': {
      const open = openReply(state);
      const meta = {...action.meta};
      if (!open) {
        // A reply that skipped streaming entirely (a whole `complete`).
        if (!action.text && !hasContent(meta)) return {...state, awaiting: false};
        const next = addMessage(state, 'assistant', action.text ?? '', 'complete', withProgress(meta, state), now);
        return {...next, awaiting: false, typing: false, progress: []};
      }
      return closeReply(state, action.status ?? 'complete', meta, action.text);
    }
    case 'reasoning': {
      if (!action.text) return state;
      const [next, open] = ensureReply(state, now);
      return patchMessage(next, open, (m) => ({...m, meta: {...m.meta, reasoning: (m.meta.reasoning ?? '') + action.text}}));
    }
    case 'source': {
      const [next, open] = ensureReply(state, now);
      return patchMessage(next, open, (m) => ({...m, meta: {...m.meta, sources: [...(m.meta.sources ?? []), action.source]}}));
    }
    case 'data':
      // Data that comes before the reply's text belongs to that reply (`chat-data` names it).
      return state.awaiting ? ensureReply(state, now)[0] : state;
    case 'state': {
      if ('snapshot' in action) return {...state, agentState: action.snapshot};
      try {
        return {...state, agentState: jsonPatch()!(state.agentState, action.patch)};
      } catch {
        // A patch that does not apply leaves the state as it was (the host hears of it: chat-error);
        // so does one whose code failed to load (the script-tag bundle loads it lazily).
        return state;
      }
    }
    case 'message': {
      if (action.role === 'assistant') {
        const open = openReply(state);
        if (open) return closeReply(state, 'complete', {...action.meta}, action.text);
        const next = addMessage(state, 'assistant', action.text, 'complete', withProgress({...action.meta}, state), now);
        return {...next, awaiting: false, typing: false, progress: []};
      }
      return addMessage(state, action.role, action.text, 'complete', {...action.meta}, now);
    }
    case 'user.echo': {
      for (let i = state.messages.length - 1; i >= 0; i--) {
        const m = state.messages[i];
        if (m.role === 'user' && m.text === action.text) {
          return patchMessage(state, m.id, (u) => ({
            ...u,
            status: u.status === 'pending' ? 'sent' : u.status,
            meta: action.serverId ? {...u.meta, serverId: action.serverId} : u.meta,
          }));
        }
      }
      return state;
    }
    case 'typing':
      return state.typing === action.on ? state : {...state, typing: action.on};
    case 'progress': {
      const at = action.update ? state.progress.findIndex((p) => p.step === action.step) : -1;
      // An update keeps the step's label when it brings none, and adds to its details; the pieces of
      // a streamed input join into one.
      const merge = (p: ProgressStep): ProgressStep => {
        const details = {...p.details, ...action.details};
        if (action.inputDelta) details['input'] = String(p.details?.['input'] ?? '') + action.inputDelta;
        return {...p, label: action.label || p.label, details};
      };
      const fresh: ProgressStep = {step: action.step, label: action.label};
      const step = action.details || action.inputDelta ? merge(fresh) : fresh;
      const progress = at < 0 ? [...state.progress, step] : state.progress.map((p, i) => (i === at ? merge(p) : p));
      const next = {...state, progress};
      const open = openReply(next);
      return open ? patchMessage(next, open.id, (m) => ({...m, meta: {...m.meta, progress: next.progress}})) : next;
    }
    case 'suggestions':
      return state.suggestions.length === 0 && action.items.length === 0 ? state : {...state, suggestions: action.items};
    case 'idle.warning':
      return {...state, idleWarning: {message: action.message, timeoutSeconds: action.timeoutSeconds}};
    case 'session.end': {
      let next: ChatState = {...state, sessionEnded: {message: action.message, reason: action.reason}, idleWarning: null, awaiting: false, typing: false, suggestions: []};
      if (next.replyId) next = closeReply(next, 'complete', undefined);
      return next;
    }
    case 'template.opportunity':
      if (state.templateSnooze > 0) return {...state, templateSnooze: state.templateSnooze - 1};
      return {...state, templatePrompt: action.suggestion};
    case 'template.created':
      return addMessage({...state, templatePrompt: null}, 'system', action.template.title, 'complete', {kind: 'template', template: action.template}, now);
    case 'optimized':
      return {...state, optimized: action.text};
    case 'emergency': {
      const next = {...state, emergency: action.message ?? ''};
      const open = openReply(next);
      return open ? patchMessage(next, open.id, (m) => ({...m, meta: {...m.meta, emergency: true}})) : next;
    }
    case 'error': {
      if (action.kind === 'protocol') return {...state, notice: {kind: 'protocol', message: action.message, code: action.code}};
      // The steps of a reply that ends in an error end with it (no step stays "in progress").
      let next: ChatState = {...state, awaiting: false, typing: false, progress: action.endsReply ? [] : state.progress};
      if (action.endsReply && state.replyId) next = closeReply({...next, progress: state.progress}, 'error', undefined);
      if (action.fatal && !next.sessionEnded) {
        // The conversation cannot go on: close the input and offer "Start again"; keep the transcript.
        next = {...next, sessionEnded: {message: '', reason: action.code ?? 'error'}, idleWarning: null, suggestions: []};
      }
      const meta: MessageMeta = {kind: 'error', errorKind: 'server', ...(action.code ? {code: action.code} : {}), ...(action.visitorText ? {visitorText: true} : {})};
      return addMessage(next, 'system', action.message, 'error', meta, now);
    }
    case 'end':
      return state;
  }
}

/** The assistant message being streamed, if any. */
export function openReply(state: ChatState): ChatMessage | undefined {
  if (!state.replyId) return undefined;
  for (let i = state.messages.length - 1; i >= 0; i--) if (state.messages[i].id === state.replyId) return state.messages[i];
  return undefined;
}

/** The open reply, or a new empty one (reasoning or sources may come before any text). */
function ensureReply(state: ChatState, now: number): [ChatState, string] {
  const open = openReply(state);
  if (open) return [state, open.id];
  const next = addMessage(state, 'assistant', '', 'streaming', {}, now);
  return [{...next, replyId: lastId(next), awaiting: false, typing: false}, lastId(next)];
}

function closeReply(state: ChatState, status: MessageStatus, meta: MessageMeta | undefined, wholeText?: string): ChatState {
  const open = openReply(state);
  const next = {...state, replyId: null, awaiting: false, typing: false, progress: []};
  if (!open) return next;
  return patchMessage(next, open.id, (m) => ({
    ...m,
    status,
    text: m.text === '' && wholeText ? wholeText : m.text,
    meta: withProgress({...m.meta, ...meta}, state),
  }));
}

function withProgress(meta: MessageMeta, state: ChatState): MessageMeta {
  return state.progress.length ? {...meta, progress: state.progress} : meta;
}

function hasContent(meta: MessageMeta): boolean {
  return Boolean(meta.products?.length || meta.strategy || meta.compliance);
}

function addMessage(state: ChatState, role: Role, text: string, status: MessageStatus, meta: MessageMeta, now: number): ChatState {
  const seq = state.seq + 1;
  const message: ChatMessage = {id: `m${seq}-${now.toString(36)}`, role, text, status, createdAt: now, meta};
  return {...state, seq, messages: [...state.messages, message]};
}

function lastId(state: ChatState): string {
  return state.messages[state.messages.length - 1].id;
}

function patchMessage(state: ChatState, id: string, fn: (m: ChatMessage) => ChatMessage): ChatState {
  const messages = state.messages;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].id !== id) continue;
    const updated = fn(messages[i]);
    if (updated === messages[i]) return state;
    const copy = messages.slice();
    copy[i] = updated;
    return {...state, messages: copy};
  }
  return state;
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== '') (out as Record<string, unknown>)[k] = v;
  return out;
}
