// Generated from custom-elements.json by scripts/manifest-outputs.js (`npm run analyze`): do not edit.

/**
 * The attributes of `<chat-widget>` whose names differ from their properties (`session-id` for
 * `sessionId` …), as the framework typings accept them besides the properties.
 */
export interface ChatWidgetKebabAttributes {
  /** Attribute of `sessionId`. */
  'session-id'?: string;
  /** Attribute of `visitorId`. */
  'visitor-id'?: string;
  /** Attribute of `userId`. */
  'user-id'?: string;
  /** Attribute of `enableAgents`. */
  'enable-agents'?: boolean | '';
  /** Attribute of `stallTimeout`. */
  'stall-timeout'?: number | string;
  /** Attribute of `reconnectDelay`. */
  'reconnect-delay'?: number | string;
  /** Attribute of `reconnectMax`. */
  'reconnect-max'?: number | string;
  /** Attribute of `connectTimeout`. */
  'connect-timeout'?: number | string;
  /** Attribute of `historyLimit`. */
  'history-limit'?: number | string;
  /** Attribute of `imageHosts`. */
  'image-hosts'?: string;
  /** Attribute of `showConfidence`. */
  'show-confidence'?: boolean | '';
}

/** Every attribute name of `<chat-widget>`. */
export type ChatWidgetAttributeName =
  | 'protocol'
  | 'url'
  | 'path'
  | 'token'
  | 'brand'
  | 'session-id'
  | 'visitor-id'
  | 'user-id'
  | 'platform'
  | 'topic'
  | 'voice'
  | 'enable-agents'
  | 'heading'
  | 'placeholder'
  | 'launcher'
  | 'open'
  | 'persist'
  | 'lang'
  | 'theme'
  | 'currency'
  | 'stall-timeout'
  | 'reconnect-delay'
  | 'reconnect-max'
  | 'connect-timeout'
  | 'model'
  | 'instructions'
  | 'history-limit'
  | 'actions'
  | 'image-hosts'
  | 'greeting'
  | 'show-confidence'
  | 'starters';
