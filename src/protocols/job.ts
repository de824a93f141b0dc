/**
 * `job` (seed 000): content generation as a job. Each submit POSTs the form to
 * `/chat/start` (API token in `X-API-Token`), then a socket streams that job's
 * `progress` and its one `result` (or `error`) and closes. Nothing is sent on the socket.
 * The widget does the I/O (`JobTransport`); this adapter only describes it.
 */
import type {ChatEvent} from '../core/chat-event.js';
import type {MessageMeta} from '../types.js';
import {errorDetail, withDetail} from '../transport/error-detail.js';
import {humanize, isRecord, readFrame, redact, str, text, unknownType, withContext} from './frame.js';
import {addEnglish, type ChatStrings, type JobKey} from '../i18n/strings.js';
import type {AdapterContext, ProtocolAdapter} from './protocol-adapter.js';
import {missingField} from './socket-frame.js';
import {pathValues, resolveSocketAddress, socketUrlFor} from './socket-url.js';
import {buildUrl} from './url.js';

/** The English of the text this adapter words (see `addEnglish`). */
const JOB_EN: Pick<ChatStrings, JobKey> = {
  jobPlatform: 'Platform',
  jobTopic: 'Topic',
  jobQuestion: 'Question',
  jobSubmit: 'Generate',
  jobTokenRejected: (status) => `The server rejected the API token (HTTP ${status}).`,
  jobStartFailed: (status) => `Could not start the job (HTTP ${status}).`,
  jobUnreadableAnswer: (status) => `The server sent an unreadable answer to the job request (HTTP ${status}).`,
  jobNoSession: (status) => `The server did not return a job session id (HTTP ${status}).`,
};
addEnglish(JOB_EN);

const P = 'job';

/** The social platforms the form offers. */
export const JOB_PLATFORMS = ['Instagram', 'Twitter', 'TikTok', 'Facebook'] as const;

function statusMessage(status: number, strings: ChatStrings): string {
  if (status === 401 || status === 403) return strings.jobTokenRejected(status);
  if (status === 429) return strings.httpTooMany(status);
  return strings.jobStartFailed(status);
}

/** The job's WebSocket URL from the `/chat/start` answer. */
function jobSocketUrl(ctx: AdapterContext, sessionId: string, websocketUrl: string | undefined): string {
  const {config} = ctx;
  const token = {token: text(config.token)};
  const address = websocketUrl === undefined ? null : resolveSocketAddress(config.wsBase, websocketUrl);
  if (address !== null) return buildUrl(address, '', config.baseQuery, token);
  return socketUrlFor(config, '/ws/chat/{session}', {...pathValues(config, ctx.ids), session: sessionId}, token);
}

export const jobAdapter: ProtocolAdapter = {
  features: {
    form: {
      fields: [
        {name: 'platform', kind: 'select', options: JOB_PLATFORMS, label: 'jobPlatform'},
        {name: 'topic', kind: 'text', label: 'jobTopic'},
      ],
      submitLabel: 'jobSubmit',
      inputLabel: 'jobQuestion',
    },
  },

  transport(ctx) {
    const {config} = ctx;
    const token = text(config.token);
    return {
      kind: 'job',
      url: buildUrl(config.httpBase, '/chat/start', config.baseQuery),
      headers: token === undefined ? {} : ({'X-API-Token': token} as Record<string, string>),
      socketUrl(body, status) {
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          throw new Error(ctx.strings.jobUnreadableAnswer(status));
        }
        const sessionId = isRecord(json) ? text(json['session_id']) : undefined;
        if (!isRecord(json) || sessionId === undefined) throw new Error(ctx.strings.jobNoSession(status));
        return jobSocketUrl(ctx, sessionId, text(json['websocket_url']));
      },
    };
  },

  httpError(status, body, ctx) {
    if (status === 0) return ctx.strings.httpUnreachable;
    return withDetail(statusMessage(status, ctx.strings), redact(errorDetail(body), ctx.config.token));
  },

  /** A chat message is the body of the start request (nothing is sent on the job's socket). */
  encode(action, ctx) {
    if (action.type !== 'chat') return null;
    const {config} = ctx;
    return withContext(config.context, {
      topic: action.fields?.['topic'] ?? config.topic ?? '',
      query: action.text,
      platform: action.fields?.['platform'] || config.platform || 'Instagram',
      session_id: `job_${ctx.now()}`,
    });
  },

  decode(input, ctx) {
    const {type, frame} = readFrame(P, input);
    switch (type) {
      case 'progress': {
        const step = text(frame['step']);
        if (step === undefined) throw missingField(P, type, 'step');
        return [{type: 'progress', step, label: text(frame['message']) ?? humanize(step)}];
      }
      case 'result': {
        const responseText = str(frame['response_text']);
        if (responseText === undefined) throw missingField(P, type, 'response_text');
        const meta: MessageMeta = {};
        for (const key of ['strategy', 'compliance'] as const) {
          if (frame[key] !== undefined && frame[key] !== null) meta[key] = frame[key];
        }
        return [{type: 'message', role: 'assistant', text: responseText, meta}, {type: 'end'}];
      }
      case 'error': {
        const message = str(frame['message']) ?? str(frame['error']) ?? '';
        const events: ChatEvent[] = [{type: 'error', kind: 'server', code: 'server_error', message, endsReply: true}, {type: 'end'}];
        return events;
      }
      default:
        throw unknownType(P, type, ctx.config.token);
    }
  },
};
