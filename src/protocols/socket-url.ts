/**
 * URL helpers only the WebSocket adapters use (brand, agent, session, template, job): apart from
 * ./url.ts so that in the script-tag bundle they live in the WebSocket transport's chunk, which an
 * HTTP protocol never loads.
 */
import type {ChatConfig, ConversationIds} from '../types.js';
import {buildUrl, fillPath, secureScheme, type ParamList} from './url.js';

/** The values of the path placeholders every protocol understands. */
export function pathValues(config: ChatConfig, ids: Readonly<ConversationIds>): Record<string, string | undefined> {
  return {
    brand: config.brand,
    session: ids.sessionId ?? config.sessionId,
    user: config.userId ?? ids.userId,
  };
}

/**
 * The WebSocket URL of a persistent protocol: `config.path` (or the protocol's
 * `defaultPath`) filled with `values`, on `config.wsBase`, with `config.baseQuery`
 * and then the protocol's own `params`.
 */
export function socketUrlFor(
  config: ChatConfig,
  defaultPath: string,
  values: Readonly<Record<string, string | undefined>>,
  params: ParamList = [],
): string {
  const template = config.path?.trim() || defaultPath;
  return buildUrl(config.wsBase, fillPath(template, values), config.baseQuery, params);
}

/**
 * Resolves a WebSocket address a server returned (`job`'s `websocket_url`) to an
 * absolute `ws(s):` URL. An absolute `http(s)`/`ws(s)` address keeps its host and
 * gets the matching WebSocket scheme; a path is taken relative to the origin of
 * `wsBase`, under its path prefix unless it already starts with that prefix.
 * Returns `null` for an address of another scheme.
 */
export function resolveSocketAddress(wsBase: string, address: string): string | null {
  const base = new URL(wsBase);
  let url: URL;
  if (/^[a-z][a-z\d+.-]*:/i.test(address) || address.startsWith('//')) {
    try {
      url = new URL(address, base);
    } catch {
      return null;
    }
  } else {
    const prefix = base.pathname.replace(/\/+$/, '');
    const path = address.startsWith('/') ? address : `/${address}`;
    const underPrefix = prefix !== '' && (path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`));
    url = new URL(underPrefix ? path : prefix + path, base.origin);
  }
  const secure = secureScheme(url.protocol);
  if (secure === undefined) return null;
  url.protocol = secure ? 'wss:' : 'ws:';
  url.hash = '';
  return url.toString();
}
