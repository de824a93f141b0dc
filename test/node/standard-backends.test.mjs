// The reference backends for the three standard HTTP + SSE protocols (openai, ai-sdk,
// ag-ui; demo/server/protocols/): event sequences, triggers, faults and the `/__log`.
// Where the ecosystem ships a client-side parser it checks the stream too: the AI SDK's
// `parseJsonEventStream` + `uiMessageChunkSchema` + `readUIMessageStream`, and
// @ag-ui/core's `EventSchemas` for every AG-UI event.
//
// `node --test test/node/` (part of `npm test`).
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {parseJsonEventStream, readUIMessageStream, uiMessageChunkSchema} from 'ai';
import {EventSchemas} from '@ag-ui/core/schemas';
import {startBackends} from '../../demo/server/backends.js';

let urls;
let close;
let nextTag = 0;
const tag = (name) => `${name}-${++nextTag}`;

before(async () => {
  ({urls, close} = await startBackends({port: 0, tokenDelayMs: 0, quiet: true}));
});
after(() => close());

/**
 * The data payloads of an SSE stream, as the HTML spec's parser reads it: lines end in
 * CRLF, LF or CR; comment lines are skipped; `data:` lines of one event join with `\n`;
 * an event without a blank line after it is never dispatched.
 */
function parseSse(text) {
  const events = [];
  let data = null;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data !== null) events.push(data.join('\n'));
      data = null;
    } else if (!line.startsWith(':')) {
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') (data ??= []).push(value);
    }
  }
  return events;
}

const parsed = (data) => {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
};

/**
 * POSTs JSON; returns the response, its raw text (decoded chunk by chunk), the number of
 * network chunks, whether one began inside a UTF-8 character, and the SSE payloads.
 */
async function post(url, body, {headers = {}} = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Accept: 'text/event-stream', ...headers},
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const decoder = new TextDecoder();
  let text = '';
  let chunks = 0;
  let cutCharacter = false;
  for await (const chunk of res.body) {
    chunks += 1;
    // A chunk that starts with a UTF-8 continuation byte began mid-character.
    if ((chunk[0] & 0xc0) === 0x80) cutCharacter = true;
    text += decoder.decode(chunk, {stream: true});
  }
  text += decoder.decode();
  return {res, text, chunks, cutCharacter, payloads: parseSse(text).map(parsed)};
}

async function log(base, t) {
  const res = await fetch(`${base}/__log?t=${encodeURIComponent(t)}`);
  return (await res.json()).requests;
}

/** Ids, timestamps and random names differ between two requests; everything else must not. */
function normalised(payloads) {
  return JSON.parse(
    JSON.stringify(payloads, (key, value) =>
      ['id', 'created', 'messageId', 'toolCallId', 'parentMessageId', 'runId'].includes(key) ? '<id>' : value,
    ),
  );
}

// ---------------------------------------------------------------------------
// The three protocols, described once for the shared fault tests

const openaiBody = (text, extra = {}) => ({
  model: 'gpt-test',
  stream: true,
  messages: [
    {role: 'system', content: 'Be brief.'},
    {role: 'user', content: 'Hi'},
    {role: 'assistant', content: 'Hello!'},
    {role: 'user', content: text},
  ],
  ...extra,
});
const aiSdkBody = (text, extra = {}) => ({
  id: 'chat-1',
  trigger: 'submit-message',
  messages: [
    {id: 'u1', role: 'user', parts: [{type: 'text', text: 'Hi'}]},
    {id: 'a1', role: 'assistant', parts: [{type: 'text', text: 'Hello!'}]},
    {id: 'u2', role: 'user', parts: [{type: 'text', text}]},
  ],
  ...extra,
});
const agUiBody = (text) => ({
  threadId: 'thread-1',
  runId: `run-${nextTag}`,
  messages: [
    {id: 'u1', role: 'user', content: 'Hi'},
    {id: 'a1', role: 'assistant', content: 'Hello!'},
    {id: 'u2', role: 'user', content: text},
  ],
  tools: [],
  context: [],
  state: {},
  forwardedProps: {},
});

const PROTOCOLS = {
  openai: {
    path: '/v1/chat/completions',
    body: openaiBody,
    messages: 4,
    text: (ps) => ps.map((p) => p?.choices?.[0]?.delta?.content ?? '').join(''),
    isGarbage: (p) => typeof p === 'string' ? p !== '[DONE]' : p.object !== 'chat.completion.chunk' && !p.error,
    complete: (ps) => ps.at(-1) === '[DONE]' && ps.some((p) => p?.choices?.[0]?.finish_reason === 'stop'),
    ended: (ps) => ps.includes('[DONE]') || ps.some((p) => p?.choices?.[0]?.finish_reason),
    error: (ps) => ps.at(-1)?.error,
    errorText: (e) => e.message,
  },
  'ai-sdk': {
    path: '/api/chat',
    body: aiSdkBody,
    messages: 3,
    text: (ps) => ps.filter((p) => p?.type === 'text-delta').map((p) => p.delta).join(''),
    isGarbage: (p) => typeof p === 'string' ? p !== '[DONE]' : p.type === 'mystery-part',
    complete: (ps) => ps.at(-1) === '[DONE]' && ps.at(-2)?.type === 'finish',
    ended: (ps) => ps.includes('[DONE]') || ps.some((p) => p?.type === 'finish'),
    error: (ps) => ps.find((p) => p?.type === 'error'),
    errorText: (e) => e.errorText,
  },
  'ag-ui': {
    path: '/agent',
    body: agUiBody,
    messages: 3,
    text: (ps) => ps.filter((p) => p?.type === 'TEXT_MESSAGE_CONTENT' || p?.type === 'TEXT_MESSAGE_CHUNK').map((p) => p.delta).join(''),
    isGarbage: (p) => typeof p === 'string' || p.type === 'MYSTERY_EVENT',
    complete: (ps) => ps.at(-1)?.type === 'RUN_FINISHED',
    ended: (ps) => ps.some((p) => p?.type === 'RUN_FINISHED'),
    error: (ps) => ps.find((p) => p?.type === 'RUN_ERROR'),
    errorText: (e) => e.message,
  },
};

for (const [name, proto] of Object.entries(PROTOCOLS)) {
  describe(`${name}: shared behaviour`, () => {
    const url = (t, query = '') => `${urls[name]}${proto.path}?t=${t}${query}`;

    test('a normal reply echoes the last user message and counts the messages; the log has it all', async () => {
      const t = tag(name);
      const body = proto.body('Hello there');
      const {res, payloads} = await post(url(t), body, {headers: {'X-Site-Key': 'site-123'}});
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/event-stream/);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('access-control-expose-headers'), /Retry-After/);
      const text = proto.text(payloads);
      assert.match(text, /You said: “Hello there”\. \(\d+ messages in this request\.\)/);
      assert.ok(text.includes(`(${proto.messages} messages in this request.)`), text);
      assert.match(text, /\*\*[^*]+\*\*/); // some bold
      assert.match(text, /\n- /); // a list
      assert.ok(proto.complete(payloads), 'ends with its protocol end marker');
      const [entry] = await log(urls[name], t);
      assert.equal(entry.method, 'POST');
      assert.equal(entry.path, proto.path);
      assert.deepEqual(entry.query, {t});
      assert.equal(entry.headers['x-site-key'], 'site-123');
      assert.match(entry.headers['content-type'], /application\/json/);
      assert.equal(entry.headers.accept, 'text/event-stream');
      assert.deepEqual(entry.body, body);
      assert.equal(entry.status, 200);
      assert.equal(entry.end, 'complete');
      assert.deepEqual(entry.sent, payloads);
    });

    test('CORS preflight allows POST and reflects the requested headers', async () => {
      const res = await fetch(url(tag(name)), {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://site.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type,x-site-key',
        },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('access-control-allow-methods'), /POST/);
      assert.equal(res.headers.get('access-control-allow-headers'), 'authorization,content-type,x-site-key');
    });

    test('fault=cut ends the response after 5 tokens without any end marker', async () => {
      const t = tag(name);
      const {res, payloads} = await post(url(t, '&fault=cut'), proto.body('Hello'));
      assert.equal(res.status, 200);
      assert.ok(!proto.ended(payloads), 'no end marker');
      assert.ok(proto.text(payloads).length > 0);
      assert.equal((await log(urls[name], t))[0].end, 'cut');
    });

    test('fault=error-mid sends the protocol\'s in-stream error after 5 tokens', async () => {
      const t = tag(name);
      const {payloads} = await post(url(t, '&fault=error-mid'), proto.body('Hello'));
      const error = proto.error(payloads);
      assert.ok(error, 'an error event');
      assert.equal(proto.errorText(error), 'The model overloaded');
      assert.ok(!proto.complete(payloads));
      assert.equal((await log(urls[name], t))[0].end, 'error');
    });

    test('fault=429 answers 429 with Retry-After for the first `fails` requests of a tag, then streams', async () => {
      const t = tag(name);
      const first = await post(url(t, '&fault=429&fails=2&retry-after=3'), proto.body('Hello'));
      const second = await post(url(t, '&fault=429&fails=2&retry-after=3'), proto.body('Hello'));
      const third = await post(url(t, '&fault=429&fails=2&retry-after=3'), proto.body('Hello'));
      for (const {res, text} of [first, second]) {
        assert.equal(res.status, 429);
        assert.equal(res.headers.get('retry-after'), '3');
        assert.match(res.headers.get('access-control-expose-headers'), /Retry-After/);
        assert.ok(text.length > 0);
      }
      if (name === 'openai') assert.equal(JSON.parse(first.text).error.type, 'rate_limit_exceeded');
      assert.equal(third.res.status, 200);
      assert.ok(proto.complete(third.payloads));
      const entries = await log(urls[name], t);
      assert.deepEqual(entries.map((e) => [e.status, e.end]), [[429, 'http-error'], [429, 'http-error'], [200, 'complete']]);
    });

    test('fault=500 answers HTTP 500 with an error body', async () => {
      const {res, text} = await post(url(tag(name), '&fault=500'), proto.body('Hello'));
      assert.equal(res.status, 500);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      if (name === 'openai') assert.ok(JSON.parse(text).error.message);
      else if (name === 'ag-ui') assert.ok(JSON.parse(text).message);
      else assert.ok(text.length > 0);
    });

    test('comments, crlf, split (and multiline for openai) carry the same payloads', async () => {
      const plain = await post(url(tag(name)), proto.body('Hello “there” 🙂'));
      // `split` is slow (3 bytes per write), so it runs once, together with the others.
      const wire = ['comments', 'crlf', 'comments,crlf,split', ...(name === 'openai' ? ['multiline', 'multiline,crlf'] : [])];
      for (const fault of wire) {
        const got = await post(url(tag(name), `&fault=${fault}`), proto.body('Hello “there” 🙂'));
        assert.deepEqual(normalised(got.payloads), normalised(plain.payloads), fault);
        if (fault === 'crlf') assert.ok(got.text.includes('\r\n\r\n') && !/[^\r]\n/.test(got.text));
        if (fault === 'comments') assert.ok(got.text.includes(': keep-alive'));
        if (fault === 'multiline') assert.ok(/\ndata: [^\n]*\ndata: /.test(got.text), 'several data lines per event');
        if (fault.includes('split')) {
          assert.ok(got.chunks > 50, `many small network chunks (${got.chunks})`);
          assert.ok(got.cutCharacter, 'some chunk starts inside a multi-byte character');
        }
      }
    });

    test('fault=garbage interleaves unknown events and one non-JSON line, and nothing else changes', async () => {
      const plain = await post(url(tag(name)), proto.body('Hello'));
      const got = await post(url(tag(name), '&fault=garbage'), proto.body('Hello'));
      const junk = got.payloads.filter(proto.isGarbage);
      assert.ok(junk.length > 2);
      assert.equal(junk.filter((p) => typeof p === 'string').length, 1);
      assert.deepEqual(normalised(got.payloads.filter((p) => !proto.isGarbage(p))), normalised(plain.payloads));
    });

    test('fault=xss: hostile HTML in the text', async () => {
      const {payloads} = await post(url(tag(name), '&fault=xss'), proto.body('think about the weather'));
      const text = proto.text(payloads);
      assert.ok(text.includes('onerror="window.__xss=1"'));
      assert.ok(text.includes('](javascript:window.__xss=1)'));
      assert.ok(JSON.stringify(payloads).includes('<img src=x onerror=\\"window.__xss=1\\">'), 'reasoning or tool strings too');
    });

    test('aborting the fetch after the first event shows `aborted` in the log within a second, and streaming stops', async () => {
      const t = tag(name);
      const controller = new AbortController();
      const res = await fetch(url(t, '&delay=20'), {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(proto.body('Tell me a long story')),
        signal: controller.signal,
      });
      const reader = res.body.getReader();
      await reader.read();
      controller.abort();
      await reader.read().catch(() => {});
      const deadline = Date.now() + 1000;
      let entry;
      while (Date.now() < deadline) {
        [entry] = await log(urls[name], t);
        if (entry.end === 'aborted') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(entry.end, 'aborted');
      assert.ok(!Number.isNaN(Date.parse(entry.abortedAt)));
      const sentThen = entry.sent.length;
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal((await log(urls[name], t))[0].sent.length, sentThen, 'nothing more was sent');
      assert.ok(sentThen < 100);
    });
  });
}

// ---------------------------------------------------------------------------
// openai

describe('openai', () => {
  const url = (t, query = '') => `${urls.openai}/v1/chat/completions?t=${t}${query}`;
  const deltas = (ps) => ps.filter((p) => p?.choices?.length).map((p) => p.choices[0].delta);

  test('chat.completion.chunk objects: role first, finish_reason stop, a usage chunk, then [DONE]', async () => {
    const {payloads, text} = await post(url(tag('o')), openaiBody('Hello'), {headers: {Authorization: 'Bearer demo-key'}});
    const chunks = payloads.slice(0, -1);
    assert.equal(payloads.at(-1), '[DONE]');
    assert.ok(text.endsWith('data: [DONE]\n\n'));
    const id = chunks[0].id;
    for (const c of chunks) {
      assert.equal(c.object, 'chat.completion.chunk');
      assert.equal(c.id, id);
      assert.equal(c.model, 'gpt-test');
      assert.ok(Number.isInteger(c.created));
    }
    assert.deepEqual(chunks[0].choices, [{index: 0, delta: {role: 'assistant', content: ''}, logprobs: null, finish_reason: null}]);
    const finish = chunks.at(-2);
    assert.deepEqual(finish.choices, [{index: 0, delta: {}, logprobs: null, finish_reason: 'stop'}]);
    const usage = chunks.at(-1);
    assert.deepEqual(usage.choices, []);
    assert.equal(usage.usage.total_tokens, usage.usage.prompt_tokens + usage.usage.completion_tokens);
    for (const c of chunks.slice(1, -2)) assert.equal(c.choices[0].finish_reason, null);
  });

  test('model defaults to demo-model', async () => {
    const body = openaiBody('Hello');
    delete body.model;
    const {payloads} = await post(url(tag('o')), body);
    assert.equal(payloads[0].model, 'demo-model');
  });

  test('`think`: reasoning_content before the content; fault=reasoning-field uses `reasoning`', async () => {
    for (const [query, field] of [['', 'reasoning_content'], ['&fault=reasoning-field', 'reasoning']]) {
      const ds = deltas((await post(url(tag('o'), query), openaiBody('Please think first'))).payloads);
      const firstReasoning = ds.findIndex((d) => d[field]);
      const firstContent = ds.findIndex((d) => d.content);
      assert.ok(firstReasoning > 0 && firstReasoning < firstContent, field);
      assert.match(ds.map((d) => d[field] ?? '').join(''), /think it through/);
    }
  });

  test('`weather`: tool_calls streamed in pieces, the first with id, type and name', async () => {
    const ds = deltas((await post(url(tag('o')), openaiBody("What's the weather?"))).payloads);
    const calls = ds.filter((d) => d.tool_calls).map((d) => d.tool_calls[0]);
    assert.ok(calls.length > 2);
    assert.equal(calls[0].index, 0);
    assert.match(calls[0].id, /^call_/);
    assert.equal(calls[0].type, 'function');
    assert.equal(calls[0].function.name, 'get_weather');
    for (const later of calls.slice(1)) {
      assert.equal(later.id, undefined);
      assert.equal(later.function.name, undefined);
    }
    assert.deepEqual(JSON.parse(calls.map((c) => c.function.arguments).join('')), {city: 'Paris'});
    assert.ok(ds.findIndex((d) => d.tool_calls) < ds.findIndex((d) => d.content));
  });

  test('`length`: finish_reason length', async () => {
    const {payloads} = await post(url(tag('o')), openaiBody('Write at length'));
    assert.ok(payloads.some((p) => p?.choices?.[0]?.finish_reason === 'length'));
    assert.ok(!payloads.some((p) => p?.choices?.[0]?.finish_reason === 'stop'));
  });

  test('a wrong key gets 401 invalid_api_key without echoing the key; no header is allowed', async () => {
    const {res, text} = await post(url(tag('o')), openaiBody('Hello'), {headers: {Authorization: 'Bearer sk-secret-value-123456'}});
    assert.equal(res.status, 401);
    const {error} = JSON.parse(text);
    assert.equal(error.code, 'invalid_api_key');
    assert.equal(error.type, 'invalid_request_error');
    assert.match(error.message, /^Incorrect API key provided/);
    assert.ok(!text.includes('secret-value-123456'));
  });

  test('bad bodies get 400 invalid_request_error', async () => {
    for (const body of ['not json', {stream: true}, {stream: true, messages: [{role: 'wizard', content: 'x'}]}, {messages: [{role: 'user', content: 'x'}]}]) {
      const {res, text} = await post(url(tag('o')), body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(JSON.parse(text).error.type, 'invalid_request_error');
    }
  });

  test('also answers /chat/completions', async () => {
    const {res} = await post(`${urls.openai}/chat/completions?t=${tag('o')}`, openaiBody('Hello'));
    assert.equal(res.status, 200);
  });
});

// ---------------------------------------------------------------------------
// ai-sdk

describe('ai-sdk', () => {
  const url = (t, query = '') => `${urls['ai-sdk']}/api/chat?t=${t}${query}`;

  /** The chunks as the AI SDK's client parses them, and the message `readUIMessageStream` builds. */
  async function sdkRead(text) {
    const results = [];
    const chunks = parseJsonEventStream({stream: new Response(text).body, schema: uiMessageChunkSchema}).pipeThrough(
      new TransformStream({
        transform(result, controller) {
          results.push(result);
          if (result.success) controller.enqueue(result.value);
        },
      }),
    );
    let message;
    let error;
    try {
      for await (const snapshot of readUIMessageStream({stream: chunks, terminateOnError: true})) message = snapshot;
    } catch (err) {
      error = err;
    }
    return {results, message, error};
  }

  test('the UI message stream v1: header, chunk order, valid for the SDK client; the trigger is logged', async () => {
    const t = tag('a');
    const {res, text, payloads} = await post(url(t), aiSdkBody('Hello'));
    assert.equal(res.headers.get('x-vercel-ai-ui-message-stream'), 'v1');
    const types = payloads.map((p) => p?.type ?? p);
    assert.deepEqual(types.slice(0, 3), ['start', 'start-step', 'text-start']);
    assert.deepEqual(types.slice(-5), ['text-end', 'finish-step', 'message-metadata', 'finish', '[DONE]']);
    assert.ok(typeof payloads[0].messageId === 'string' && payloads[0].messageId.length > 0);
    const {results, message, error} = await sdkRead(text);
    assert.equal(error, undefined);
    assert.ok(results.every((r) => r.success));
    assert.equal(message.role, 'assistant');
    assert.match(message.parts.find((p) => p.type === 'text').text, /You said: “Hello”/);
    assert.equal((await log(urls['ai-sdk'], t))[0].trigger, 'submit-message');
  });

  test('regenerate-message is accepted', async () => {
    const t = tag('a');
    const {res} = await post(url(t), aiSdkBody('Hello', {trigger: 'regenerate-message', messageId: 'a9'}));
    assert.equal(res.status, 200);
    assert.equal((await log(urls['ai-sdk'], t))[0].trigger, 'regenerate-message');
  });

  test('reasoning, a tool call, a data part and sources, as the SDK client reads them', async () => {
    const {text, payloads} = await post(url(tag('a')), aiSdkBody('Think about the weather, show data and cite sources'));
    const types = payloads.map((p) => p?.type ?? p);
    const order = [
      'reasoning-start',
      'reasoning-end',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-available',
      'tool-output-available',
      'data-weather',
      'text-start',
      'text-end',
      'source-url',
      'source-document',
      'finish',
    ];
    const positions = order.map((type) => types.indexOf(type));
    assert.ok(positions.every((p) => p >= 0), JSON.stringify(types));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions);
    assert.equal(types.filter((type) => type === 'source-url').length, 2);
    assert.deepEqual(payloads.find((p) => p?.type === 'data-weather').data, {city: 'Paris', temperature: 18});

    const {results, message, error} = await sdkRead(text);
    assert.equal(error, undefined);
    assert.ok(results.every((r) => r.success));
    const parts = message.parts.filter((p) => p.type !== 'step-start');
    assert.deepEqual(parts.map((p) => p.type), ['reasoning', 'tool-get_weather', 'data-weather', 'text', 'source-url', 'source-url', 'source-document']);
    const tool = parts[1];
    assert.equal(tool.state, 'output-available');
    assert.deepEqual(tool.input, {city: 'Paris'});
    assert.equal(tool.output.temperature, 18);
    assert.match(parts[0].text, /think it through/);
  });

  test('`abort`: an abort part after a few tokens, no finish', async () => {
    const {payloads} = await post(url(tag('a')), aiSdkBody('abort please'));
    const types = payloads.map((p) => p?.type ?? p);
    assert.deepEqual(types.slice(-2), ['abort', '[DONE]']);
    assert.ok(!types.includes('finish'));
    assert.equal(types.filter((type) => type === 'text-delta').length, 4);
  });

  test('error-mid: the SDK client reads an error chunk', async () => {
    const {text} = await post(url(tag('a'), '&fault=error-mid'), aiSdkBody('Hello'));
    const {results, error} = await sdkRead(text);
    assert.ok(results.every((r) => r.success));
    assert.equal(results.at(-1).value.type, 'error');
    assert.equal(results.at(-1).value.errorText, 'The model overloaded');
    assert.match(String(error?.message), /The model overloaded/, 'the SDK client stops with that error');
  });

  test('bad bodies get 400 with a plain-text reason', async () => {
    const bodies = [
      'nope',
      {messages: []},
      aiSdkBody('x', {trigger: 'send'}),
      aiSdkBody('x', {messages: [{id: 'u', role: 'user'}]}),
      aiSdkBody('x', {messages: []}),
    ];
    for (const body of bodies) {
      const {res, text} = await post(url(tag('a')), body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.headers.get('content-type'), /^text\/plain/);
      assert.ok(text.length > 0);
    }
  });
});

// ---------------------------------------------------------------------------
// ag-ui

describe('ag-ui', () => {
  const url = (t, query = '', path = '/agent') => `${urls['ag-ui']}${path}?t=${t}${query}`;
  /** Every event must be valid for @ag-ui/core's schemas. */
  const validated = (payloads) => payloads.map((p) => EventSchemas.parse(p));
  const types = (payloads) => payloads.map((p) => p.type);

  test('RUN_STARTED, TEXT_MESSAGE_START/CONTENT/END, RUN_FINISHED, all valid AG-UI events; POST / works too', async () => {
    for (const path of ['/agent', '/']) {
      const body = agUiBody('Hello');
      const {payloads} = await post(url(tag('g'), '', path), body);
      const events = validated(payloads);
      assert.deepEqual(events[0], {type: 'RUN_STARTED', threadId: 'thread-1', runId: body.runId});
      assert.deepEqual(events.at(-1), {type: 'RUN_FINISHED', threadId: 'thread-1', runId: body.runId});
      assert.equal(events[1].type, 'TEXT_MESSAGE_START');
      assert.equal(events[1].role, 'assistant');
      assert.equal(events.at(-2).type, 'TEXT_MESSAGE_END');
      assert.ok(events.slice(2, -2).every((e) => e.type === 'TEXT_MESSAGE_CONTENT' && e.messageId === events[1].messageId));
    }
    const health = await fetch(`${urls['ag-ui']}/`);
    assert.deepEqual(await health.json(), {status: 'ok', protocol: 'ag-ui'});
  });

  test('`think`: REASONING_* events; fault=thinking: the older THINKING_* names', async () => {
    const events = validated((await post(url(tag('g')), agUiBody('think'))).payloads);
    assert.deepEqual(types(events).filter((type) => type.startsWith('REASONING_') && type !== 'REASONING_MESSAGE_CONTENT'), [
      'REASONING_START',
      'REASONING_MESSAGE_START',
      'REASONING_MESSAGE_END',
      'REASONING_END',
    ]);
    assert.ok(types(events).indexOf('REASONING_END') < types(events).indexOf('TEXT_MESSAGE_START'));
    const {payloads} = await post(url(tag('g'), '&fault=thinking'), agUiBody('think'));
    assert.deepEqual([...new Set(types(payloads).filter((type) => type.startsWith('THINKING_')))], [
      'THINKING_START',
      'THINKING_TEXT_MESSAGE_START',
      'THINKING_TEXT_MESSAGE_CONTENT',
      'THINKING_TEXT_MESSAGE_END',
      'THINKING_END',
    ]);
  });

  test('`tool` and `step`: TOOL_CALL_* with a result, inside STEP_STARTED/STEP_FINISHED', async () => {
    const events = validated((await post(url(tag('g')), agUiBody('use a tool, step by step'))).payloads);
    const start = events.find((e) => e.type === 'TOOL_CALL_START');
    assert.equal(start.toolCallName, 'get_weather');
    const args = events.filter((e) => e.type === 'TOOL_CALL_ARGS');
    assert.ok(args.length > 1 && args.every((e) => e.toolCallId === start.toolCallId));
    assert.deepEqual(JSON.parse(args.map((e) => e.delta).join('')), {city: 'Paris'});
    const result = events.find((e) => e.type === 'TOOL_CALL_RESULT');
    assert.equal(result.toolCallId, start.toolCallId);
    assert.equal(JSON.parse(result.content).temperature, 18);
    assert.equal(start.parentMessageId, events.find((e) => e.type === 'TEXT_MESSAGE_START').messageId);
    const steps = events.filter((e) => e.type.startsWith('STEP_')).map((e) => `${e.type} ${e.stepName}`);
    assert.deepEqual(steps, ['STEP_STARTED research', 'STEP_FINISHED research', 'STEP_STARTED answer', 'STEP_FINISHED answer']);
  });

  test('`data`: STATE_SNAPSHOT, STATE_DELTA (JSON Patch), CUSTOM and RAW', async () => {
    const events = validated((await post(url(tag('g')), agUiBody('show me data'))).payloads);
    const snapshot = events.find((e) => e.type === 'STATE_SNAPSHOT');
    assert.deepEqual(snapshot.snapshot, {city: 'Paris', temperature: 18, history: []});
    const delta = events.find((e) => e.type === 'STATE_DELTA');
    assert.deepEqual(delta.delta[0], {op: 'replace', path: '/temperature', value: 19});
    assert.ok(events.some((e) => e.type === 'CUSTOM' && e.name === 'weather-card'));
    assert.ok(events.some((e) => e.type === 'RAW' && e.event));
  });

  test('`chunk`: TEXT_MESSAGE_CHUNK events, the first with the role', async () => {
    const events = validated((await post(url(tag('g')), agUiBody('send chunks'))).payloads);
    const chunks = events.filter((e) => e.type === 'TEXT_MESSAGE_CHUNK');
    assert.ok(chunks.length > 5);
    assert.equal(chunks[0].role, 'assistant');
    assert.ok(!events.some((e) => e.type === 'TEXT_MESSAGE_START'));
  });

  test('error-mid: a valid RUN_ERROR with a code; a body that is not a RunAgentInput gets 422', async () => {
    const events = validated((await post(url(tag('g'), '&fault=error-mid'), agUiBody('Hello'))).payloads);
    assert.equal(events.at(-1).type, 'RUN_ERROR');
    assert.ok(events.at(-1).code);
    const bad = await post(url(tag('g')), {threadId: 1, messages: 'no'});
    assert.equal(bad.res.status, 422);
    assert.ok(JSON.parse(bad.text).issues.length > 0);
    assert.equal((await post(url(tag('g')), 'not json')).res.status, 400);
  });

  test('fault=xss: hostile tool names, args, results, state and step names', async () => {
    const {payloads} = await post(url(tag('g'), '&fault=xss'), agUiBody('weather data step'));
    for (const type of ['TOOL_CALL_START', 'TOOL_CALL_RESULT', 'STATE_SNAPSHOT', 'STEP_STARTED']) {
      assert.match(JSON.stringify(payloads.find((e) => e.type === type)), /window\.__xss=1/, type);
    }
  });
});
