/**
 * Frame helpers only the WebSocket adapters use (brand, agent, session, template, job): apart from
 * ./frame.ts so that in the script-tag bundle they live in the WebSocket transport's chunk, which
 * an HTTP protocol never loads.
 */
import {clip, isRecord, redact, type Json} from './frame.js';
import {ProtocolError} from './protocol-adapter.js';

/** The value when it is a finite number. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The strings of an array (other entries dropped); `[]` for anything else. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function missingField(protocol: string, type: string, field: string, secret?: string): ProtocolError {
  return new ProtocolError(`${protocol}: "${clip(redact(type, secret))}" frame without ${field}`);
}

/** `object[key]` when it is a string; throws `ProtocolError` naming `field` otherwise. */
export function requireString(protocol: string, type: string, object: Json | undefined, key: string, field = key): string {
  const value = object?.[key];
  if (typeof value !== 'string') throw missingField(protocol, type, field);
  return value;
}

/** `frame.data` as an object; throws `ProtocolError` when it is missing. */
export function requireData(protocol: string, type: string, frame: Json): Json {
  const data = frame['data'];
  if (!isRecord(data)) throw missingField(protocol, type, 'data');
  return data;
}
