/**
 * `job` (seed 000): content generation as a job. Each submit POSTs the form to
 * `/chat/start` (API token in `X-API-Token`), then a socket streams that job's
 * `progress` and its one `result` (or `error`) and closes. Nothing is sent on the socket.
 */
import type {ChatEvent} from '../core/chat-event.js';
import type {MessageMeta} from '../types.js';
import {humanize, isRecord, missingField, readFrame, redact, str, text, unknownType, withContext} from './frame.js';
import {HttpError, type AdapterContext, type ProtocolAdapter} from './protocol-adapter.js';
import {buildUrl, pathValues, resolveSocketAddress, socketUrlFor} from './url.js';

const P = 'job';
const DETAIL_MAX = 200;

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (typeof error === 'object' && error !== null && (error as {name?: unknown}).name === 'AbortError');
}

/** A short server explanation from an error body (`{detail}`, `{message}`, `{error}`, FastAPI `detail: [{msg}]`). */
function detailOf(body: string, token: string | undefined): string {
  let detail: string | undefined;
  try {
    const json: unknown = JSON.parse(body);
    if (isRecord(json)) {
      const raw = json['detail'] ?? json['message'] ?? json['error'];
      if (typeof raw === 'string') detail = raw;
      else if (Array.isArray(raw)) {
        detail = raw.map((item) => (isRecord(item) ? str(item['msg']) : str(item))).filter((m) => m !== undefined).join('; ');
      }
    }
  } catch {
    // Not JSON: no detail (an HTML error page is no use to the user).
  }
  const clean = redact(detail?.replace(/\s+/g, ' ').trim() ?? '', token);
  return clean.length > DETAIL_MAX ? `${clean.slice(0, DETAIL_MAX - 1)}…` : clean;
}

function statusMessage(status: number): string {
  if (status === 401 || status === 403) return `The server rejected the API token (HTTP ${status}).`;
  if (status === 429) return `Too many requests: please wait a moment and try again (HTTP ${status}).`;
  return `Could not start the job (HTTP ${status}).`;
}

/** The job's WebSocket URL from the `/chat/start` answer. */
function jobSocketUrl(ctx: AdapterContext, sessionId: string, websocketUrl: string | undefined): string {
  const {config} = ctx;
  const token = {token: text(config.token)};
  const address = websocketUrl === undefined ? null : resolveSocketAddress(config.wsBase, websocketUrl);
  if (address !== null) return buildUrl(address, '', config.baseQuery, token);
  return socketUrlFor(config, '/ws/chat/{session}', {...pathValues(config, ctx.ids), session: sessionId}, token);
}

async function readBody(response: Response, signal: AbortSignal): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    return '';
  }
}

export const jobAdapter: ProtocolAdapter = {
  mode: 'per-request',

  async start(action, ctx, fetchFn, signal) {
    const {config} = ctx;
    const url = buildUrl(config.httpBase, '/chat/start', config.baseQuery);
    const headers: Record<string, string> = {'Content-Type': 'application/json'};
    const token = text(config.token);
    if (token !== undefined) headers['X-API-Token'] = token;
    const body = withContext(config.context, {
      topic: action.topic ?? config.topic ?? '',
      query: action.text,
      platform: action.platform ?? config.platform ?? 'Instagram',
      session_id: `job_${ctx.now()}`,
    });

    let response: Response;
    try {
      response = await fetchFn(url, {method: 'POST', headers, body: JSON.stringify(body), signal});
    } catch (error) {
      if (isAbort(error, signal)) throw error;
      throw new HttpError('Could not reach the server. Check the connection and try again.', 0);
    }

    const raw = await readBody(response, signal);
    if (!response.ok) {
      const detail = detailOf(raw, token);
      throw new HttpError(detail === '' ? statusMessage(response.status) : `${statusMessage(response.status)} ${detail}`, response.status);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new HttpError(`The server sent an unreadable answer to the job request (HTTP ${response.status}).`, response.status);
    }
    const sessionId = isRecord(json) ? text(json['session_id']) : undefined;
    if (!isRecord(json) || sessionId === undefined) {
      throw new HttpError(`The server did not return a job session id (HTTP ${response.status}).`, response.status);
    }
    return jobSocketUrl(ctx, sessionId, text(json['websocket_url']));
  },

  encode() {
    return null;
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
