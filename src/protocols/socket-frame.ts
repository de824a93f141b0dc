/**
 * Frame helpers only the WebSocket adapters use (brand, agent, session, template, job): apart from
 * ./frame.ts so that in the script-tag bundle they live in the WebSocket transport's chunk, which
 * an HTTP protocol never loads.
 */
import {addEnglish} from '../i18n/strings.js';
import {clip, isRecord, redact, type Json} from './frame.js';
import {ProtocolError} from './protocol-adapter.js';

/** The English of the error codes the WebSocket protocols' servers send (see `addEnglish`). */
addEnglish({
  errors: {
    session_not_found: 'This chat session could not be found. Start a new conversation to continue.',
    session_inactive: 'This chat session is no longer active. Start a new conversation to continue.',
    session_expired: 'This chat session has expired. Start a new conversation to continue.',
    visitor_mismatch: 'This chat session belongs to another visitor. Start a new conversation to continue.',
    message_required: 'Please type a message before sending.',
    session_required: 'The chat session is missing. Start a new conversation to continue.',
    validation_error: 'The message could not be processed. Please rephrase it.',
    safety_violation: 'This request cannot be answered here. If you are in danger, contact your local emergency number.',
    authentication_required: 'You need to sign in to save templates.',
  },
});

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
