// `ag-ui`: an AG-UI agent endpoint. POST a `RunAgentInput` (checked with
// @ag-ui/core's `RunAgentInputSchema`); the run streams back as AG-UI events
// encoded by the official `EventEncoder` (Server-Sent Events).
import {EventType} from '@ag-ui/core';
import {RunAgentInputSchema} from '@ag-ui/core/schemas';
import {EventEncoder} from '@ag-ui/encoder';
import {slices, tokenize, uuid} from '../shared.js';
import {HttpStreamHost, MidStreamError, contentText, runStream, streamTokens} from '../http-stream.js';
import {standardReply} from '../content.js';

const ROUTES = ['/', '/agent'];

/**
 * @param {{tokenDelayMs: number, quiet: boolean}} options
 * @returns {import('../shared.js').ProtocolBackend}
 */
export function createAgUiBackend({tokenDelayMs, quiet}) {
  const host = new HttpStreamHost({name: 'ag-ui', tokenDelayMs, quiet, garbage: {type: 'MYSTERY_EVENT', x: 1}});

  /** @param {import('../http-stream.js').Exchange} ex */
  async function run(ex) {
    const failed = ex.injectedFailure((status) =>
      status === 429
        ? {error: 'rate_limited', message: 'Too many runs, please retry later.'}
        : {error: 'internal_error', message: 'The agent crashed.'},
    );
    if (failed) return;
    if (ex.json === undefined) return ex.reject(400, {error: 'invalid_json', message: 'The body must be a JSON RunAgentInput.'});
    const parsed = RunAgentInputSchema.safeParse(ex.json);
    if (!parsed.success) {
      return ex.reject(422, {error: 'invalid_input', message: 'The body is not a valid RunAgentInput.', issues: parsed.error.issues});
    }
    const input = parsed.data;
    const lastUser = [...input.messages].reverse().find((m) => m.role === 'user');
    const plan = standardReply({
      protocol: 'ag-ui',
      userText: contentText(lastUser?.content),
      messageCount: input.messages.length,
      xss: ex.xss,
    });

    const encoder = new EventEncoder(); // SSE; this backend does not speak the protobuf media type
    const emit = (event, token = false) => ex.sendEncoded(encoder.encodeSSE(event), () => token);
    const emitTokens = (pieces, event) => streamTokens(ex, pieces, (delta) => emit({...event, delta}, true));
    const {threadId, runId} = input;
    const messageId = `msg_${uuid()}`;
    const [firstStep, secondStep] = plan.stepNames;

    ex.open({'Content-Type': encoder.getContentType(), 'Cache-Control': 'no-cache', Connection: 'keep-alive'});
    await runStream(ex, async () => {
      try {
        emit({type: EventType.RUN_STARTED, threadId, runId});
        if (firstStep) emit({type: EventType.STEP_STARTED, stepName: firstStep});
        if (plan.reasoning) {
          const pieces = tokenize(plan.reasoning);
          if (ex.faults.has('thinking')) {
            // The pre-1.0 names, still sent by older agents.
            emit({type: 'THINKING_START', title: 'Thinking'});
            emit({type: 'THINKING_TEXT_MESSAGE_START'});
            await emitTokens(pieces, {type: 'THINKING_TEXT_MESSAGE_CONTENT'});
            emit({type: 'THINKING_TEXT_MESSAGE_END'});
            emit({type: 'THINKING_END'});
          } else {
            const reasoningId = `reasoning_${uuid()}`;
            emit({type: EventType.REASONING_START, messageId: reasoningId});
            emit({type: EventType.REASONING_MESSAGE_START, messageId: reasoningId, role: 'reasoning'});
            await emitTokens(pieces, {type: EventType.REASONING_MESSAGE_CONTENT, messageId: reasoningId});
            emit({type: EventType.REASONING_MESSAGE_END, messageId: reasoningId});
            emit({type: EventType.REASONING_END, messageId: reasoningId});
          }
        }
        if (plan.tool) {
          const {id: toolCallId, name, argsText, result} = plan.tool;
          emit({type: EventType.TOOL_CALL_START, toolCallId, toolCallName: name, parentMessageId: messageId});
          await emitTokens(slices(argsText, 5), {type: EventType.TOOL_CALL_ARGS, toolCallId});
          emit({type: EventType.TOOL_CALL_END, toolCallId});
          await ex.pause();
          emit({type: EventType.TOOL_CALL_RESULT, messageId: `tool_${uuid()}`, toolCallId, content: JSON.stringify(result), role: 'tool'});
        }
        if (plan.state) {
          const {snapshot, delta, custom, raw} = plan.state;
          emit({type: EventType.STATE_SNAPSHOT, snapshot});
          emit({type: EventType.STATE_DELTA, delta});
          emit({type: EventType.CUSTOM, ...custom});
          emit({type: EventType.RAW, ...raw});
        }
        if (secondStep) {
          emit({type: EventType.STEP_FINISHED, stepName: firstStep});
          emit({type: EventType.STEP_STARTED, stepName: secondStep});
        }
        const pieces = tokenize(plan.text);
        if (plan.has.chunk) {
          // Chunks: the first names the message and its role, the rest only continue it.
          let first = true;
          await streamTokens(ex, pieces, (delta) => {
            emit({type: EventType.TEXT_MESSAGE_CHUNK, messageId, ...(first ? {role: 'assistant'} : {}), delta}, true);
            first = false;
          });
        } else {
          emit({type: EventType.TEXT_MESSAGE_START, messageId, role: 'assistant'});
          await emitTokens(pieces, {type: EventType.TEXT_MESSAGE_CONTENT, messageId});
          emit({type: EventType.TEXT_MESSAGE_END, messageId});
        }
        if (secondStep) emit({type: EventType.STEP_FINISHED, stepName: secondStep});
        emit({type: EventType.RUN_FINISHED, threadId, runId});
        await ex.end('complete');
      } catch (err) {
        if (!(err instanceof MidStreamError)) throw err;
        emit({type: EventType.RUN_ERROR, message: plan.errorMessage, code: 'MODEL_OVERLOADED'});
        await ex.end('error');
      }
    });
  }

  return {
    name: 'ag-ui',
    log: (tag) => host.log(tag),
    async http(req, res, url) {
      // `GET /` stays the shared health check.
      if (req.method !== 'POST' || !ROUTES.includes(url.pathname)) return false;
      const ex = await host.accept(req, res, url);
      if (!ex.closed) await run(ex);
      return true;
    },
  };
}
