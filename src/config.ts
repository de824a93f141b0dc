/**
 * The element's settings as one table: which ones reconnect and which only shape the next
 * frame, how they become the `ChatConfig` adapters read, and how they are validated. Pure.
 */
import type {ResolvedConfig} from './controllers/connection-controller.js';
import type {ChatStrings} from './i18n/strings.js';
import type {ConfigProblem, ProtocolAdapter} from './protocols/protocol-adapter.js';
import {adapterLoading, getAdapter} from './protocols/registry.js';
import {resolveConfigUrls} from './protocols/url.js';
import {transportProblem} from './transport/transport.js';
import {PERSIST_MODES, type ChatConfig, type PersistMode} from './types.js';

/** The element properties that make up a configuration. */
export interface WidgetSettings {
  protocol: string;
  url: string;
  path: string;
  token: string;
  brand: string;
  sessionId: string;
  visitorId: string;
  userId: string;
  persist: string;
  platform: string;
  topic: string;
  voice: boolean;
  enableAgents: boolean;
  context: Record<string, unknown> | undefined;
  model: string;
  instructions: string;
  historyLimit: number;
  headers: Record<string, string> | undefined;
}

/**
 * `connect`: a change reconnects (where or how the widget connects, and where the
 * conversation is stored). `frame`: a change applies to the next frame, no reconnect.
 */
const SETTINGS: Readonly<Record<keyof WidgetSettings, 'connect' | 'frame'>> = {
  protocol: 'connect',
  url: 'connect',
  path: 'connect',
  token: 'connect',
  brand: 'connect',
  sessionId: 'connect',
  visitorId: 'connect',
  userId: 'connect',
  persist: 'connect',
  platform: 'frame',
  topic: 'frame',
  voice: 'frame',
  enableAgents: 'frame',
  context: 'frame',
  model: 'frame',
  instructions: 'frame',
  historyLimit: 'frame',
  headers: 'frame',
};

const keysOf = (kind: 'connect' | 'frame') => (Object.keys(SETTINGS) as Array<keyof WidgetSettings>).filter((k) => SETTINGS[k] === kind);
export const CONNECTION_KEYS: ReadonlyArray<keyof WidgetSettings> = keysOf('connect');
export const FRAME_KEYS: ReadonlyArray<keyof WidgetSettings> = keysOf('frame');

export type ConfigResult =
  | {resolved: ResolvedConfig; problem?: undefined; detail?: undefined; loading?: undefined}
  | {resolved?: undefined; problem: ConfigProblem; detail?: string; loading?: undefined}
  /** The protocol's adapter is on its way (the script-tag bundle): nothing to say yet. */
  | {resolved?: undefined; problem?: undefined; detail?: undefined; loading: true};

/** `persist` when valid, else `none` (nothing is stored under a setting that makes no sense). */
export function persistMode(value: string): PersistMode {
  return (PERSIST_MODES as readonly string[]).includes(value) ? (value as PersistMode) : 'none';
}

/** Where a conversation is stored: one key per backend, brand, session and user. */
export function storageKey(s: WidgetSettings): string {
  return `chat-widget:v1:${s.protocol}:${s.url}:${s.brand}:${s.sessionId}:${s.userId}`;
}

/**
 * Validates the settings and picks the adapter. A problem names the attribute at fault in
 * the visitor's words (`detail`: a diagnostic for the host's `chat-error`).
 */
export function resolveSettings(s: WidgetSettings, strings: ChatStrings): ConfigResult {
  const missing = (setting: string) => ({problem: {setting, message: strings.configMissing(setting)}});
  const invalid = (setting: string, value: string) => ({problem: {setting, message: strings.configInvalid(setting, value)}});
  if (!s.protocol) return missing('protocol');
  const adapter = getAdapter(s.protocol);
  if (!adapter) return adapterLoading(s.protocol) ? {loading: true} : invalid('protocol', s.protocol);
  if (!s.url) return missing('url');
  const urls = resolveConfigUrls(s.url);
  if (!urls) return invalid('url', s.url);
  if (persistMode(s.persist) !== s.persist) return invalid('persist', s.persist);
  const config: ChatConfig = {...urls, protocol: s.protocol, url: s.url, voice: s.voice, enableAgents: s.enableAgents, historyLimit: s.historyLimit};
  for (const key of Object.keys(SETTINGS) as Array<keyof WidgetSettings>) {
    const value = s[key];
    if (key === 'persist' || key in config) continue;
    // Empty strings are unset.
    if (value !== '' && value !== undefined) (config as unknown as Record<string, unknown>)[key] = value;
  }
  const p = adapter.validate?.(config);
  // The widget's own (translated) words, naming the setting the adapter named.
  if (p) return missing(p.setting);
  // A registered adapter that cannot describe its transport is a setup problem, not a crash.
  const detail = transportProblemOf(adapter, config, strings);
  if (detail) return {...invalid('protocol', s.protocol), detail: `protocol "${s.protocol}": ${detail}`};
  return {resolved: {config, adapter}};
}

/** What is wrong with the transport `adapter` describes for `config`, or null. */
function transportProblemOf(adapter: ProtocolAdapter, config: ChatConfig, strings: ChatStrings): string | null {
  try {
    return transportProblem(adapter.transport({config, ids: {}, socketIds: {}, history: [], now: Date.now, randomId: () => 'probe', strings}));
  } catch (err) {
    return `transport() threw: ${err instanceof Error ? err.message : String(err)}`;
  }
}
