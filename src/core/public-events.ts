/**
 * The public `chat-*` events that follow from one store action: computed here, in one
 * pure place, from the action and the states before and after it. The controller fires
 * what this returns; nothing else derives events from state.
 */
import type {ChatEventDetails, ChatEventName} from '../events/index.js';
import type {ChatMessage} from '../types.js';
import type {Action} from './reducer.js';
import {redact} from './redact.js';
import type {ChatState} from './state.js';

export type PublicEvent = {[N in ChatEventName]: [N, ChatEventDetails[N]]}[ChatEventName];

/** `secrets`: what must never appear in an event (the token, request header values). */
export function publicEvents(action: Action, prev: ChatState, next: ChatState, secrets: readonly (string | undefined)[] = []): PublicEvent[] {
  const out: PublicEvent[] = [];
  const safe = (text: string) => redact(text, secrets);
  switch (action.type) {
    case 'progress':
      out.push(['chat-progress', {step: action.step, label: action.label, details: action.details}]);
      break;
    case 'idle.warning':
      out.push(['chat-idle', {message: action.message, timeoutSeconds: action.timeoutSeconds}]);
      break;
    case 'session.end':
      out.push(['chat-session-end', {message: action.message, reason: action.reason}]);
      break;
    case 'template.opportunity':
      if (next.templatePrompt === action.suggestion) out.push(['chat-template-opportunity', {suggestion: action.suggestion}]);
      break;
    case 'template.created':
      out.push(['chat-template-created', {template: action.template}]);
      break;
    case 'error':
      out.push(['chat-error', {kind: action.kind, message: safe(action.message), code: action.code}]);
      break;
    case 'ui.error':
      out.push(['chat-error', {kind: action.kind, message: safe(action.detail ?? action.message), code: action.code}]);
      break;
    case 'data': {
      const message = replyOf(next, next.replyId) ?? lastAssistant(next);
      out.push(['chat-data', {name: action.name, data: action.data, message}]);
      break;
    }
    case 'state':
      if (next.agentState !== prev.agentState) out.push(['chat-state', {state: next.agentState}]);
      else if ('patch' in action) out.push(['chat-error', {kind: 'protocol', message: 'state delta could not be applied to the current state; ignored'}]);
      break;
    case 'ui.feedback': {
      const message = next.messages.find((m) => m.id === action.id);
      if (message && next !== prev) out.push(['chat-feedback', {message, rating: action.rating}]);
      break;
    }
    case 'ui.stop': {
      // The stopped reply (an empty one when it had not begun).
      const message = replyOf(next, prev.replyId) ?? (prev.awaiting ? next.messages.at(-1) : undefined);
      if (message) out.push(['chat-stop', {message}]);
      break;
    }
  }
  if (prev.status !== next.status) out.push(['chat-status', {status: next.status, previous: prev.status}]);
  // Streamed text never completes a message: skip the comparison on the hot path.
  if (prev.messages !== next.messages && action.type !== 'reply.delta' && action.type !== 'reasoning') {
    // Changes happen at the end (a greeting may be put first): compare the tails by id.
    const before = new Map(prev.messages.slice(-6).map((m) => [m.id, m.status]));
    for (const m of next.messages.slice(-5)) {
      if (m.role === 'assistant' && m.status === 'complete' && before.get(m.id) !== 'complete' && action.type !== 'ui.restore') {
        out.push(['chat-message', {message: m}]);
      }
    }
  }
  return out;
}

function replyOf(state: ChatState, id: string | null): ChatMessage | undefined {
  if (!id) return undefined;
  for (let i = state.messages.length - 1; i >= 0; i--) if (state.messages[i].id === id) return state.messages[i];
  return undefined;
}

function lastOf(state: ChatState, role: ChatMessage['role']): ChatMessage | undefined {
  for (let i = state.messages.length - 1; i >= 0; i--) if (state.messages[i].role === role) return state.messages[i];
  return undefined;
}

function lastAssistant(state: ChatState): ChatMessage | undefined {
  return lastOf(state, 'assistant');
}
