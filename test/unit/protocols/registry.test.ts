import {expect} from '@open-wc/testing';
import {agUiAdapter} from '../../../src/protocols/ag-ui.js';
import {agentAdapter} from '../../../src/protocols/agent.js';
import {aiSdkAdapter} from '../../../src/protocols/ai-sdk.js';
import {openaiAdapter} from '../../../src/protocols/openai.js';
import {brandAdapter} from '../../../src/protocols/brand.js';
import {jobAdapter} from '../../../src/protocols/job.js';
import type {ProtocolAdapter} from '../../../src/protocols/protocol-adapter.js';
import {BUILTIN_ADAPTERS} from '../../../src/protocols/builtin.js';
import {getAdapter, protocolNames, registerProtocol} from '../../../src/protocols/registry.js';
import {sessionAdapter} from '../../../src/protocols/session.js';
import {templateAdapter} from '../../../src/protocols/template.js';

const echoAdapter = (): ProtocolAdapter => ({
  transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/echo`}),
  encode: (action) => action,
  decode: () => [],
});

/** Registry state is module-global: each test uses its own names. */
let n = 0;
const uniqueName = () => `custom-${++n}-${Math.random().toString(36).slice(2, 8)}`;

describe('protocol registry', () => {
  it('should hold the eight built-in adapters', async () => {
    expect(BUILTIN_ADAPTERS).to.deep.equal({
      job: jobAdapter,
      brand: brandAdapter,
      agent: agentAdapter,
      session: sessionAdapter,
      template: templateAdapter,
      openai: openaiAdapter,
      'ai-sdk': aiSdkAdapter,
      'ag-ui': agUiAdapter,
    });
    expect(Object.isFrozen(BUILTIN_ADAPTERS)).to.equal(true);
  });

  it('should find built-in adapters by name', async () => {
    expect(getAdapter('brand')).to.equal(brandAdapter);
    expect(getAdapter('job')).to.equal(jobAdapter);
  });

  it('should not find unknown names or object prototype keys', async () => {
    expect(getAdapter('nope')).to.equal(undefined);
    expect(getAdapter('constructor')).to.equal(undefined);
    expect(getAdapter('__proto__')).to.equal(undefined);
    expect(getAdapter('Brand')).to.equal(undefined);
  });

  it('should register a custom adapter and list it after the built-ins', async () => {
    const name = uniqueName();
    const adapter = echoAdapter();
    registerProtocol(name, adapter);
    expect(getAdapter(name)).to.equal(adapter);
    const names = protocolNames();
    expect(names.slice(0, 5)).to.deep.equal(['job', 'brand', 'agent', 'session', 'template']);
    expect(names).to.include(name);
  });

  it('should let a custom adapter be replaced', async () => {
    const name = uniqueName();
    const second = echoAdapter();
    registerProtocol(name, echoAdapter());
    registerProtocol(name, second);
    expect(getAdapter(name)).to.equal(second);
    expect(protocolNames().filter((each) => each === name)).to.have.length(1);
  });

  it('should refuse to replace a built-in protocol', async () => {
    expect(() => registerProtocol('brand', echoAdapter())).to.throw(TypeError, /"brand" is a built-in protocol/);
    expect(getAdapter('brand')).to.equal(brandAdapter);
  });

  it('should refuse invalid names', async () => {
    for (const name of ['', 'Upper', 'has space', 'under_score', 'dot.ted', 'ümlaut']) {
      expect(() => registerProtocol(name, echoAdapter()), name).to.throw(TypeError, /lowercase letters, digits and dashes/);
    }
    expect(() => registerProtocol(42 as unknown as string, echoAdapter())).to.throw(TypeError, /got number/);
  });

  it('should refuse invalid adapters with a clear message', async () => {
    const name = uniqueName();
    const cases: Array<[unknown, RegExp]> = [
      [null, /must be an object, got null/],
      ['adapter', /must be an object, got string/],
      [{...echoAdapter(), encode: undefined}, /needs encode\(\) to be a function/],
      [{...echoAdapter(), decode: 'no'}, /needs decode\(\) to be a function/],
      [{...echoAdapter(), transport: undefined}, /needs transport\(\) to be a function/],
      [{encode: () => null, decode: () => [], socketUrl: () => 'ws://x'}, /socketUrl\(ctx\) became transport\(ctx\)/],
      [{...echoAdapter(), decodeText: 'no'}, /decodeText must be a function/],
      [{...echoAdapter(), httpError: 1}, /httpError must be a function/],
    ];
    for (const [adapter, message] of cases) {
      expect(() => registerProtocol(name, adapter as ProtocolAdapter)).to.throw(TypeError, message);
    }
    expect(getAdapter(name)).to.equal(undefined);
  });

  it('should accept an adapter that rides on SSE', async () => {
    const name = uniqueName();
    const adapter: ProtocolAdapter = {...echoAdapter(), transport: () => ({kind: 'sse', url: 'http://h/x'}), decodeText: () => []};
    registerProtocol(name, adapter);
    expect(getAdapter(name)).to.equal(adapter);
  });
});
