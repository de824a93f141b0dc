import {EN, type ChatStrings} from '../../../src/i18n/strings.js';
import type {AdapterContext} from '../../../src/protocols/protocol-adapter.js';
import {resolveConfigUrls} from '../../../src/protocols/url.js';
import type {ChatConfig, ConversationIds} from '../../../src/types.js';

export interface ContextOverrides {
  config?: Partial<ChatConfig>;
  ids?: ConversationIds;
  socketIds?: Record<string, string>;
  history?: AdapterContext['history'];
  /** The strings in the language shown (default English). */
  strings?: ChatStrings;
}

/**
 * An adapter context for unit tests: the protocol's settings (`base`, with the HTTP and
 * WebSocket bases derived from its url unless given), a fixed clock, fixed random ids and English.
 */
export function adapterContext(
  base: Partial<ChatConfig> & {protocol: string; url: string},
  over: ContextOverrides = {},
  randomId: () => string = () => 'rid',
): AdapterContext {
  const settings = {...base, ...over.config};
  return {
    config: {voice: false, enableAgents: true, historyLimit: 40, ...resolveConfigUrls(settings.url)!, baseQuery: [], ...settings},
    ids: over.ids ?? {},
    socketIds: over.socketIds ?? {},
    history: over.history ?? [],
    now: () => 1_700_000_000_000,
    randomId,
    strings: over.strings ?? EN,
  };
}
