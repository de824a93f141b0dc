/**
 * `agent` (seed 002): a multi-agent medical assistant. The server gives every
 * socket its own session id (`connection`); replies stream between
 * `stream_start` and `stream_end` as `token`s, with `status` updates as progress.
 */
import type {ChatEvent} from '../core/chat-event.js';
import type {MessageMeta} from '../types.js';
import {humanize, readFrame, record, str, text, unknownType, withContext, type Json} from './frame.js';
import {addEnglish, type AgentKey, type ChatStrings} from '../i18n/strings.js';
import type {ProtocolAdapter} from './protocol-adapter.js';
import {missingField, requireString, strings} from './socket-frame.js';
import {pathValues, socketUrlFor} from './socket-url.js';

/** The English of the text this adapter words (see `addEnglish`). */
const AGENT_EN: Pick<ChatStrings, AgentKey> = {
  agentValidating: 'Validating your message',
  agentCheckingEmergency: 'Checking for emergency signs',
  agentProcessing: 'Processing your message',
  agentRetrievingContext: 'Looking up medical knowledge',
  agentGeneratingResponse: 'Writing the answer',
  agentRunningTriage: 'Triage agent assessing severity',
  agentRunningDiagnostic: 'Diagnostic agent analyzing symptoms',
  agentRunningTreatment: 'Treatment agent preparing recommendations',
};
addEnglish(AGENT_EN);

const P = 'agent';

/**
 * The `agent` protocol's `status` values (seed 002, "Status Messages") → keys of the strings
 * table for their labels, and the agent each one names (its display name is not added again).
 */
const AGENT_STATUSES: Readonly<Record<string, {key: TextKey; agent?: string}>> = Object.freeze({
  validating: {key: 'agentValidating'},
  checking_emergency: {key: 'agentCheckingEmergency'},
  processing: {key: 'agentProcessing'},
  retrieving_context: {key: 'agentRetrievingContext'},
  generating_response: {key: 'agentGeneratingResponse'},
  running_triage: {key: 'agentRunningTriage', agent: 'triage'},
  running_diagnostic: {key: 'agentRunningDiagnostic', agent: 'diagnostic'},
  running_treatment: {key: 'agentRunningTreatment', agent: 'treatment'},
});

/** The keys of the strings table that hold plain text. */
type TextKey = {[K in keyof ChatStrings]: ChatStrings[K] extends string ? K : never}[keyof ChatStrings];

/**
 * A readable label for an `agent` status, in the visitor's language (`strings`). A display name
 * in `details.agent` (or `details.current_agent`) is appended unless the status already names
 * that agent: `"Processing your message — Triage Agent"`. An unknown status is shown humanized.
 */
export function agentStatusLabel(status: string, details: Json | undefined, strings: ChatStrings): string {
  const known = Object.hasOwn(AGENT_STATUSES, status) ? AGENT_STATUSES[status] : undefined;
  const label = known ? strings[known.key] : humanize(status);
  const agent = text(details?.['agent']) ?? text(details?.['current_agent']);
  if (agent === undefined) return label;
  const name = agent.trim();
  const core = name.replace(/[_\s-]*agent$/i, '').replace(/[_-]+/g, ' ').trim().toLowerCase();
  if (core !== '' && (known ? known.agent === core : label.toLowerCase().includes(core))) return label;
  return `${label} — ${/[_-]/.test(name) && !/\s/.test(name) ? humanize(name) : name}`;
}

export const agentAdapter: ProtocolAdapter = {
  // No heartbeat: `ping` is not part of this protocol (the server answers it with a validation_error).

  transport(ctx) {
    const defaultPath = text(ctx.config.userId) === undefined ? '/api/v1/ws/chat' : '/api/v1/ws/chat/{user}';
    const url = socketUrlFor(ctx.config, defaultPath, pathValues(ctx.config, ctx.ids));
    return {kind: 'websocket', url, waitsForReady: true};
  },

  encode(action, ctx) {
    if (action.type !== 'chat') return null;
    return withContext(ctx.config.context, {
      message: action.text,
      // Only the id of the current socket's `connection` frame: any other id
      // (stored, or from an earlier socket) gets no reply at all.
      session_id: text(ctx.socketIds['sessionId']),
      enable_agents: ctx.config.enableAgents,
    });
  },

  decode(input, ctx) {
    const {type, frame} = readFrame(P, input);
    switch (type) {
      case 'connection': {
        const sessionId = text(frame['session_id']);
        return [sessionId === undefined ? {type: 'session', ready: true} : {type: 'session', socketIds: {sessionId}, ready: true}];
      }
      case 'stream_start': {
        const metadata = record(frame['metadata']);
        const emergency = metadata?.['emergency'] === true;
        const meta: MessageMeta = {agents: strings(metadata?.['agents'])};
        if (emergency) meta.emergency = true;
        const events: ChatEvent[] = [{type: 'reply.start', meta}];
        if (emergency) events.push({type: 'emergency'});
        return events;
      }
      case 'token': {
        const content = requireString(P, type, frame, 'content');
        return content === '' ? [] : [{type: 'reply.delta', text: content}];
      }
      case 'status': {
        const status = text(frame['status']);
        if (status === undefined) throw missingField(P, type, 'status');
        const details = record(frame['details']);
        const label = agentStatusLabel(status, details, ctx.strings);
        return [details === undefined ? {type: 'progress', step: status, label} : {type: 'progress', step: status, label, details}];
      }
      case 'stream_end': {
        const completed = record(frame['metadata'])?.['agents_completed'];
        return [Array.isArray(completed) ? {type: 'reply.end', meta: {agents: strings(completed)}} : {type: 'reply.end'}];
      }
      case 'error': {
        const code = text(frame['error_type']) ?? 'server_error';
        // A safety answer may name a crisis line: the visitor reads the server's own words.
        const error: ChatEvent = {type: 'error', kind: 'server', code, message: str(frame['message']) ?? '', endsReply: true};
        return [code === 'safety_violation' ? {...error, visitorText: true} : error];
      }
      case 'emergency': {
        const message = text(frame['message']);
        return [message === undefined ? {type: 'emergency'} : {type: 'emergency', message}];
      }
      default:
        throw unknownType(P, type, ctx.config.token);
    }
  },
};
