import type {ChatEvent, OutgoingAction} from '../core/chat-event.js';
import type {ChatConfig, ConversationIds} from '../types.js';

/** What an adapter may read. Adapters are pure: everything comes in through here. */
export interface AdapterContext {
  readonly config: ChatConfig;
  /** Ids kept for the conversation (persisted across reconnects and reloads). */
  readonly ids: Readonly<ConversationIds>;
  /** Ids that live as long as the current socket (empty on a fresh socket). */
  readonly socketIds: Readonly<Record<string, string>>;
  readonly now: () => number;
  readonly randomId: () => string;
}

/** A wrong or missing setting: `setting` names the attribute at fault. */
export interface ConfigProblem {
  setting: string;
  message: string;
}

/** Thrown by `decode()` for a frame that cannot be used; the conversation goes on. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/**
 * One backend protocol. The five built-in protocols and any added with
 * `ChatWidget.registerProtocol()` implement this interface.
 */
export interface ProtocolAdapter {
  /**
   * `persistent`: one socket carries the conversation.
   * `per-request`: each chat message starts a job through `start()`, which
   * yields the URL of a socket that streams that job's result and then closes.
   */
  readonly mode: 'persistent' | 'per-request';
  /** Outgoing frames wait until `decode()` returned a `session` event with `ready: true`. */
  readonly waitsForReady?: boolean;
  /** Application heartbeat (`encode({type:'ping'})` every `intervalMs`), if the protocol has one. */
  readonly heartbeat?: {intervalMs: number};
  /** Checks the settings this protocol needs. */
  validate?(config: ChatConfig): ConfigProblem | null;
  /** Ids to create before the first connection (and again on "start again"). */
  initIds?(ctx: AdapterContext): Partial<ConversationIds>;
  /** The WebSocket URL to open (required in `persistent` mode). */
  socketUrl?(ctx: AdapterContext): string;
  /** `per-request` mode: start a job over HTTP and return its WebSocket URL. Throws `HttpError`. */
  start?(
    action: Extract<OutgoingAction, {type: 'chat'}>,
    ctx: AdapterContext,
    fetchFn: typeof fetch,
    signal: AbortSignal,
  ): Promise<string>;
  /** User action → JSON value to send, or `null` when the protocol has no frame for it. */
  encode(action: OutgoingAction, ctx: AdapterContext): unknown;
  /** Parsed JSON frame → normalized events. Throws `ProtocolError` for a frame it cannot use. */
  decode(frame: unknown, ctx: AdapterContext): ChatEvent[];
}

/** An HTTP step failed (`job` start): `status` 0 means the network failed. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
