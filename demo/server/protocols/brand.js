// `brand` (seed 001): multi-brand product assistant. `welcome`, then `chunk`
// frames and a `complete` with product suggestions for every `chat` frame.
import {INVALID_JSON, isoMicros, tokenize, uuid} from '../shared.js';
import {BRANDS, HOSTILE_MARKDOWN, HOSTILE_TEXT, PRODUCT_TOPICS} from '../content.js';

const CONFIDENCE = {laptop: 0.85, phone: 0.88, audio: 0.82, desk: 0.79, general: 0.64};
const MAX_CONVERSATIONS = 5000;

/** @returns {import('../shared.js').ProtocolBackend} */
export function createBrandBackend() {
  /** conversation id → number of replies so far (server-wide, so a reconnect can continue). */
  const conversations = new Map();

  function conversationFor(clientId) {
    if (typeof clientId === 'string' && conversations.has(clientId)) return clientId;
    const id = uuid(); // unknown or missing id: silently start a new conversation
    conversations.set(id, 0);
    if (conversations.size > MAX_CONVERSATIONS) conversations.delete(conversations.keys().next().value);
    return id;
  }

  function productsFor(brand, topic, xss) {
    const ids = brand.productIds[topic] ?? [];
    return ids
      .map((id) => brand.catalogue.find((p) => p.id === id))
      .filter(Boolean)
      .map((p) => ({...p, ...(xss ? {name: HOSTILE_TEXT, description: HOSTILE_TEXT} : {}), brand_id: brand.id}));
  }

  /**
   * @param {import('../shared.js').Connection} conn
   * @param {import('../content.js').BrandInfo} brand
   * @param {any} data
   */
  async function chat(conn, brand, data) {
    const message = typeof data?.message === 'string' ? data.message : '';
    const conversationId = conversationFor(data?.conversation_id);
    const turn = conversations.get(conversationId) ?? 0;
    conversations.set(conversationId, turn + 1);
    if (conn.stalled) return;

    await conn.reply(async () => {
      if (/server-fail/i.test(message)) {
        // Real servers skip the chunks on failure: one `complete` holds the whole (apology) reply.
        conn.send({
          type: 'complete',
          data: {content: brand.apology, is_final: true, conversation_id: conversationId, suggested_products: [], confidence_score: null},
        });
        return;
      }
      if (/error-frame/i.test(message)) {
        conn.send({type: 'error', data: {message: 'Error processing message: the language model timed out. Please try again.'}});
        return;
      }

      const xss = conn.faults.has('xss');
      const topic = PRODUCT_TOPICS.find((t) => t.pattern.test(message))?.topic ?? 'none';
      const variants = brand.replies[topic] ?? brand.replies.none;
      const text = xss ? HOSTILE_MARKDOWN : data?.voice === true ? brand.voice[topic] : variants[turn % variants.length];
      const products = topic === 'none' ? [] : productsFor(brand, topic, xss);
      const confidence = topic === 'none' ? null : CONFIDENCE[topic];

      for (const [i, content] of tokenize(text).entries()) {
        // On the product path real chunks alternate between null and []/0.0 placeholders.
        const placeholder = topic !== 'none' && i % 2 === 1;
        await conn.stream({
          type: 'chunk',
          data: {
            content,
            is_final: false,
            conversation_id: conversationId,
            suggested_products: placeholder ? [] : null,
            confidence_score: placeholder ? 0.0 : null,
          },
        });
      }
      conn.send({
        type: 'complete',
        data: {content: '', is_final: true, conversation_id: conversationId, suggested_products: products, confidence_score: confidence},
      });
    });
  }

  return {
    name: 'brand',

    route(pathname) {
      const m = /^\/ws\/chat\/([^/]+)\/?$/.exec(pathname);
      return m ? {brandId: decodeURIComponent(m[1])} : null;
    },

    connect(conn, {brandId}) {
      const brand = BRANDS[brandId];
      conn.textField = 'data.content';
      conn.onFrame = (frame) => {
        if (!brand) return;
        if (frame === INVALID_JSON) {
          conn.enqueue(() => conn.send({type: 'error', data: {message: 'Invalid JSON format'}}));
        } else if (frame?.type === 'chat') {
          conn.enqueue(() => chat(conn, brand, frame.data));
        } else if (frame?.type === 'ping') {
          conn.enqueue(() => conn.send({type: 'pong', data: {timestamp: isoMicros()}}));
        }
        // Any other frame type gets no reply at all.
      };
      if (!brand) {
        conn.send({type: 'error', data: {message: `Brand '${brandId}' not found or inactive`}});
        conn.close(1000);
        return;
      }
      const xss = conn.faults.has('xss');
      conn.send({
        type: 'welcome',
        data: {
          message: xss ? HOSTILE_MARKDOWN : brand.welcome,
          brand_id: brand.id,
          brand_name: xss ? HOSTILE_TEXT : brand.name,
        },
      });
    },
  };
}
