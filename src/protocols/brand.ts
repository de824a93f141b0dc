/**
 * `brand` (seed 001): a multi-brand shopping assistant. One socket per brand at
 * `/ws/chat/{brand}`; replies stream as `chunk`s and end with `complete`
 * (product cards and a confidence score).
 */
import type {ChatEvent} from '../core/chat-event.js';
import type {Product} from '../types.js';
import {isRecord, readFrame, record, str, text, unknownType, withContext, type Json} from './frame.js';
import type {AdapterContext, ProtocolAdapter} from './protocol-adapter.js';
import {missingField, num, requireData, strings} from './socket-frame.js';
import {pathValues, socketUrlFor} from './socket-url.js';

const P = 'brand';

/** A number, or a numeric string such as `"19999000.00"`; `null` otherwise. */
function price(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

function idString(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value);
}

function specValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One `suggested_products` entry → `Product`; `null` for an entry without a name. */
function product(raw: unknown): Product | null {
  if (!isRecord(raw)) return null;
  const name = text(raw['name']);
  if (name === undefined) return null;
  const specifications = Object.fromEntries(
    Object.entries(record(raw['specifications']) ?? {})
      .map(([key, value]) => [key, specValue(value)] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== undefined),
  );
  const availability = raw['availability'];
  const out: Product = {
    name,
    price: price(raw['price']),
    features: strings(raw['features']),
    specifications,
    availability: typeof availability === 'boolean' ? availability : null,
  };
  const id = idString(raw['id']);
  if (id !== undefined) out.id = id;
  const image = text(raw['image']) ?? text(raw['image_url']);
  if (image !== undefined) out.image = image;
  const url = text(raw['url']) ?? text(raw['link']);
  if (url !== undefined) out.url = url;
  for (const key of ['description', 'category', 'currency'] as const) {
    const value = str(raw[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export function normalizeProducts(value: unknown): Product[] {
  if (!Array.isArray(value)) return [];
  return value.map(product).filter((item): item is Product => item !== null);
}

/** The `session` event for a server-assigned conversation id we do not hold yet. */
function conversationIds(data: Json, ctx: AdapterContext): ChatEvent[] {
  const conversationId = text(data['conversation_id']);
  if (conversationId === undefined || conversationId === ctx.ids.conversationId) return [];
  return [{type: 'session', ids: {conversationId}}];
}

export const brandAdapter: ProtocolAdapter = {

  validate(config) {
    if (text(config.brand) === undefined) {
      return {setting: 'brand', message: 'The "brand" protocol needs a brand id: set the brand attribute (for example brand="techpro").'};
    }
    return null;
  },

  transport(ctx) {
    const url = socketUrlFor(ctx.config, '/ws/chat/{brand}', pathValues(ctx.config, ctx.ids));
    return {kind: 'websocket', url, heartbeat: {intervalMs: 25_000}};
  },

  encode(action, ctx) {
    switch (action.type) {
      case 'chat':
        return {
          type: 'chat',
          data: withContext(ctx.config.context, {
            message: action.text,
            conversation_id: text(ctx.ids.conversationId),
            user_id: text(ctx.config.userId),
            voice: ctx.config.voice,
          }),
        };
      case 'ping':
        return {type: 'ping', data: {}};
      default:
        return null;
    }
  },

  decode(input, ctx) {
    const {type, frame} = readFrame(P, input);
    switch (type) {
      case 'welcome': {
        const data = requireData(P, type, frame);
        const message = str(data['message']);
        if (message === undefined) throw missingField(P, type, 'data.message');
        const title = text(data['brand_name']);
        const events: ChatEvent[] = title === undefined ? [] : [{type: 'session', title}];
        if (message.trim() !== '') events.push({type: 'welcome', text: message});
        return events;
      }
      case 'chunk': {
        const data = requireData(P, type, frame);
        const content = str(data['content']);
        if (content === undefined) throw missingField(P, type, 'data.content');
        const events = conversationIds(data, ctx);
        if (content !== '') events.push({type: 'reply.delta', text: content});
        return events;
      }
      case 'complete': {
        const data = requireData(P, type, frame);
        const content = str(data['content']) ?? '';
        const meta = {products: normalizeProducts(data['suggested_products']), confidence: num(data['confidence_score']) ?? null};
        return [...conversationIds(data, ctx), content === '' ? {type: 'reply.end', meta} : {type: 'reply.end', text: content, meta}];
      }
      case 'error': {
        const data = record(frame['data']);
        const message = str(data?.['message']) ?? str(frame['message']) ?? '';
        return [{type: 'error', kind: 'server', code: 'server_error', message, endsReply: true}];
      }
      case 'pong':
        return [];
      default:
        throw unknownType(P, type, ctx.config.token);
    }
  },
};
