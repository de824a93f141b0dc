/**
 * Helpers shared by the protocol adapters: reading untrusted frames, building
 * `ProtocolError`s with clear messages, and readable labels for progress steps.
 * Pure functions only.
 */
import {redact as redactAll} from '../core/redact.js';
import type {ChatEvent} from '../core/chat-event.js';
import {ProtocolError} from './protocol-adapter.js';

/** A parsed JSON object (a frame or part of one). */
export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a string. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value when it is a string with at least one non-space character. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The value when it is a plain object. */
export function record(value: unknown): Json | undefined {
  return isRecord(value) ? value : undefined;
}

/** The first argument that is a non-empty string. */
export function firstText(...values: unknown[]): string | undefined {
  for (const value of values) if (text(value) !== undefined) return value as string;
  return undefined;
}

/** A copy of `object` without the keys whose value is `undefined`. */
export function compact<T extends Json>(object: T): T {
  // `fromEntries` defines keys (a `__proto__` key from server or host data stays a plain key).
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/**
 * The host's `context` object merged under the protocol's own fields: the
 * protocol wins, and a protocol field left `undefined` removes the context key
 * of the same name (a reserved field is never taken from `context`).
 */
export function withContext(context: unknown, own: Json): Json {
  return compact({...(isRecord(context) ? context : {}), ...own});
}

/** Server text clipped for use inside an error message. */
export function clip(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** Replaces every occurrence of `secret` (raw or URI-encoded) in `message` (the one redaction policy, `core/redact.ts`). */
export function redact(message: string, secret: string | undefined): string {
  return redactAll(message, [secret]);
}

/**
 * Checks the envelope every protocol shares: a JSON object with a string `type`.
 * Throws `ProtocolError` otherwise.
 */
export function readFrame(protocol: string, frame: unknown): {type: string; frame: Json} {
  if (!isRecord(frame)) {
    const kind = frame === null || frame === undefined ? String(frame) : Array.isArray(frame) ? 'an array' : `a ${typeof frame}`;
    throw new ProtocolError(`${protocol}: expected a JSON object frame, got ${kind}`);
  }
  const type = frame['type'];
  if (typeof type !== 'string' || type === '') {
    throw new ProtocolError(`${protocol}: frame without a "type"`);
  }
  return {type, frame};
}

/** `secret` (the token) is redacted should the server have put it in the type. */
export function unknownType(protocol: string, type: string, secret?: string): ProtocolError {
  return new ProtocolError(`${protocol}: frame of unknown type "${clip(redact(type, secret))}"`);
}

/**
 * One piece of a streamed tool call as its progress step `step`: the call's name (with its first
 * piece) and a piece of its arguments, JSON text that the step's input joins (`inputDelta`).
 */
export function toolCallPiece(step: string, name: string | undefined, args: string | undefined, details?: Json): ChatEvent[] {
  if (name === undefined && !args) return [];
  return [{type: 'progress', step, label: name ?? '', ...(name === undefined ? {} : {details: {tool: name, ...details}}), ...(args ? {inputDelta: args} : {}), update: true}];
}

/** `"content_generation"` → `"Content generation"`; `"retrieveContext"` → `"Retrieve context"`. */
export function humanize(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' ? id : words.charAt(0).toUpperCase() + words.slice(1);
}

/** `Authorization: Bearer <token>` when there is a token (the HTTP protocols). */
export function bearer(token: string | undefined): Record<string, string> {
  const value = text(token);
  return value === undefined ? {} : {Authorization: `Bearer ${value}`};
}

/** `decodeText` of the SSE protocols whose stream ends with `data: [DONE]`: any other text is an error. */
export function doneMarker(protocol: string): (data: string, ctx: {config: {token?: string}}) => ChatEvent[] {
  return (data, ctx) => {
    if (data.trim() === '[DONE]') return [{type: 'end'}];
    throw new ProtocolError(`${protocol}: frame is not JSON: ${clip(redact(data, ctx.config.token), 80)}`);
  };
}
