/**
 * URL helpers of the protocol adapters: the `url` attribute → HTTP/WebSocket
 * bases, path templates with `{brand}`/`{session}`/`{user}`, and query merging.
 * Pure functions only (the `URL` and `URLSearchParams` classes, no globals).
 */
import type {ChatConfig} from '../types.js';

export type ParamValue = string | number | boolean | null | undefined;
/** Query parameters as `[name, value]` pairs or an object; `null`/`undefined` values are skipped. */
export type ParamList = Iterable<readonly [string, ParamValue]> | Readonly<Record<string, ParamValue>>;

/** The bases adapters build URLs from (`ChatConfig.httpBase`, `wsBase`, `baseQuery`). */
export interface ConfigUrls {
  httpBase: string;
  wsBase: string;
  baseQuery: Array<[string, string]>;
}

const SECURE_BY_SCHEME: Readonly<Record<string, boolean>> = {'http:': false, 'ws:': false, 'https:': true, 'wss:': true};

/** Whether a `URL.protocol` is secure (`https:`/`wss:`), or `undefined` for a scheme we do not accept. */
export function secureScheme(protocol: string): boolean | undefined {
  return Object.hasOwn(SECURE_BY_SCHEME, protocol) ? SECURE_BY_SCHEME[protocol] : undefined;
}

/**
 * Splits the `url` attribute into an HTTP base and a WebSocket base
 * (`scheme://host[:port][/prefix]`, no trailing slash) and its query parameters.
 * Accepts `http`, `https`, `ws` and `wss` (`https`↔`wss`, `http`↔`ws`); returns
 * `null` for anything else or an unparsable URL. Credentials and the fragment are dropped.
 */
export function resolveConfigUrls(url: string): ConfigUrls | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  const secure = secureScheme(parsed.protocol);
  if (secure === undefined || parsed.host === '') return null;
  const rest = parsed.host + parsed.pathname.replace(/\/+$/, '');
  return {
    httpBase: `${secure ? 'https' : 'http'}://${rest}`,
    wsBase: `${secure ? 'wss' : 'ws'}://${rest}`,
    baseQuery: [...parsed.searchParams],
  };
}

/**
 * Fills `{name}` placeholders with URI-encoded values. A placeholder named in
 * `values` with an `undefined` value becomes empty; other placeholders stay as they are.
 */
export function fillPath(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? encodeURIComponent(values[name] ?? '') : match,
  );
}

function entriesOf(list: ParamList): Array<readonly [string, ParamValue]> {
  return Symbol.iterator in list ? [...(list as Iterable<readonly [string, ParamValue]>)] : Object.entries(list);
}

/**
 * `base` (an absolute URL, which may carry a query) joined with `path` (which may
 * carry its own query), then each parameter list in order. A later source
 * replaces the parameters of the same name from earlier ones (repeated names
 * within one source are kept): base query < path query < lists[0] < lists[1] …
 */
export function buildUrl(base: string, path: string, ...lists: ParamList[]): string {
  const url = new URL(base);
  url.hash = '';
  const withoutHash = path.split('#', 1)[0] ?? '';
  const q = withoutHash.indexOf('?');
  const pathname = q < 0 ? withoutHash : withoutHash.slice(0, q);
  const pathQuery = q < 0 ? '' : withoutHash.slice(q + 1);
  if (pathname !== '') {
    url.pathname = url.pathname.replace(/\/+$/, '') + (pathname.startsWith('/') ? '' : '/') + pathname;
  }
  const params = new URLSearchParams(url.search);
  for (const list of [new URLSearchParams(pathQuery), ...lists]) {
    const entries = entriesOf(list).filter(([, value]) => value !== undefined && value !== null);
    for (const name of new Set(entries.map(([name]) => name))) params.delete(name);
    for (const [name, value] of entries) params.append(name, String(value));
  }
  url.search = params.toString();
  return url.toString();
}

/**
 * The URL of an HTTP protocol's request: `config.path` (or the protocol's `defaultPath`)
 * on `config.httpBase`, with `config.baseQuery`.
 */
export function httpUrlFor(config: ChatConfig, defaultPath: string): string {
  return buildUrl(config.httpBase, config.path?.trim() || defaultPath, config.baseQuery);
}
