import {expect} from '@open-wc/testing';
import {applyJsonPatch, type JsonPatchOperation} from '../../../src/core/json-patch.js';

/** The error message `applyJsonPatch` throws for this patch. */
function failure(document: unknown, patch: JsonPatchOperation[]): string {
  try {
    applyJsonPatch(document, patch);
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return (error as Error).message;
  }
  throw new Error('expected the patch to fail');
}

describe('applyJsonPatch()', () => {
  describe('add', () => {
    it('should add and replace object members', () => {
      expect(applyJsonPatch({a: 1}, [{op: 'add', path: '/b', value: {c: [1]}}])).to.deep.equal({a: 1, b: {c: [1]}});
      expect(applyJsonPatch({a: 1}, [{op: 'add', path: '/a', value: 2}])).to.deep.equal({a: 2});
    });

    it('should insert into arrays by index, and append with "-"', () => {
      const doc = {list: ['a', 'c']};
      expect(applyJsonPatch(doc, [{op: 'add', path: '/list/1', value: 'b'}])).to.deep.equal({list: ['a', 'b', 'c']});
      expect(applyJsonPatch(doc, [{op: 'add', path: '/list/2', value: 'z'}])).to.deep.equal({list: ['a', 'c', 'z']});
      expect(applyJsonPatch(doc, [{op: 'add', path: '/list/-', value: 'd'}])).to.deep.equal({list: ['a', 'c', 'd']});
      expect(applyJsonPatch(doc, [{op: 'add', path: '/list/0', value: 'first'}])).to.deep.equal({list: ['first', 'a', 'c']});
    });

    it('should replace the whole document at the root path', () => {
      expect(applyJsonPatch({a: 1}, [{op: 'add', path: '', value: [1, 2]}])).to.deep.equal([1, 2]);
      expect(applyJsonPatch(undefined, [{op: 'add', path: '', value: {fresh: true}}])).to.deep.equal({fresh: true});
    });

    it('should refuse an index past the end, a bad index and a missing parent', () => {
      expect(failure({list: [1]}, [{op: 'add', path: '/list/3', value: 0}])).to.match(/bad array index "3"/);
      expect(failure({list: [1]}, [{op: 'add', path: '/list/01', value: 0}])).to.match(/bad array index "01"/);
      expect(failure({list: [1]}, [{op: 'add', path: '/list/x', value: 0}])).to.match(/bad array index "x"/);
      expect(failure({}, [{op: 'add', path: '/missing/child', value: 0}])).to.match(/no such path/);
      expect(failure(undefined, [{op: 'add', path: '/a', value: 0}])).to.match(/no such path/);
    });
  });

  describe('remove, replace, move, copy', () => {
    it('should remove object members and array elements', () => {
      expect(applyJsonPatch({a: 1, b: 2}, [{op: 'remove', path: '/a'}])).to.deep.equal({b: 2});
      expect(applyJsonPatch({list: [1, 2, 3]}, [{op: 'remove', path: '/list/1'}])).to.deep.equal({list: [1, 3]});
      expect(failure({a: 1}, [{op: 'remove', path: '/b'}])).to.match(/no such path \/b/);
      expect(failure({list: [1]}, [{op: 'remove', path: '/list/-'}])).to.match(/bad array index/);
      expect(failure({list: [1]}, [{op: 'remove', path: '/list/1'}])).to.match(/bad array index "1"/);
    });

    it('should replace an existing value only', () => {
      expect(applyJsonPatch({a: 1, list: [1, 2]}, [{op: 'replace', path: '/a', value: 'x'}, {op: 'replace', path: '/list/0', value: 9}])).to.deep.equal({
        a: 'x',
        list: [9, 2],
      });
      expect(failure({a: 1}, [{op: 'replace', path: '/b', value: 2}])).to.match(/no such path/);
      expect(applyJsonPatch({a: 1}, [{op: 'replace', path: '', value: 'root'}])).to.equal('root');
    });

    it('should move and copy values', () => {
      expect(applyJsonPatch({a: {x: 1}, b: {}}, [{op: 'move', from: '/a/x', path: '/b/y'}])).to.deep.equal({a: {}, b: {y: 1}});
      expect(applyJsonPatch({list: ['a', 'b', 'c']}, [{op: 'move', from: '/list/0', path: '/list/-'}])).to.deep.equal({list: ['b', 'c', 'a']});
      const copied = applyJsonPatch({a: {deep: [1]}}, [{op: 'copy', from: '/a', path: '/b'}]) as {a: {deep: number[]}; b: {deep: number[]}};
      expect(copied).to.deep.equal({a: {deep: [1]}, b: {deep: [1]}});
      // The copy is a value, not a shared reference.
      expect(copied.b.deep).to.not.equal(copied.a.deep);
      expect(failure({a: 1}, [{op: 'copy', from: '/nope', path: '/b'}])).to.match(/no such path/);
    });
  });

  describe('test', () => {
    it('should pass when the value is equal', () => {
      expect(applyJsonPatch({a: {b: [1, 'x']}}, [{op: 'test', path: '/a/b', value: [1, 'x']}, {op: 'add', path: '/ok', value: true}])).to.deep.equal({
        a: {b: [1, 'x']},
        ok: true,
      });
    });

    it('should throw when the value differs, applying none of the patch', () => {
      const doc = {a: 1};
      expect(failure(doc, [{op: 'add', path: '/b', value: 2}, {op: 'test', path: '/a', value: 2}])).to.equal('JSON Patch: test failed at /a');
      expect(doc).to.deep.equal({a: 1});
      expect(failure(doc, [{op: 'test', path: '/missing', value: null}])).to.match(/no such path/);
    });
  });

  describe('pointers', () => {
    it('should unescape ~1 to "/" and ~0 to "~" (in that order)', () => {
      expect(applyJsonPatch({}, [{op: 'add', path: '/a~1b', value: 1}])).to.deep.equal({'a/b': 1});
      expect(applyJsonPatch({}, [{op: 'add', path: '/c~0d', value: 2}])).to.deep.equal({'c~d': 2});
      expect(applyJsonPatch({}, [{op: 'add', path: '/~01', value: 3}])).to.deep.equal({'~1': 3});
      expect(applyJsonPatch({'m/n': {'~': 0}}, [{op: 'replace', path: '/m~1n/~0', value: 4}])).to.deep.equal({'m/n': {'~': 4}});
    });

    it('should refuse a path that does not start with "/" and an unknown operation', () => {
      expect(failure({}, [{op: 'add', path: 'a', value: 1}])).to.match(/invalid path "a"/);
      expect(failure({}, [{op: 'merge', path: '/a'} as unknown as JsonPatchOperation])).to.match(/unknown operation "merge"/);
    });

    it('should refuse __proto__, constructor and prototype paths, leaving Object.prototype alone', () => {
      for (const path of ['/__proto__/polluted', '/constructor/prototype/polluted', '/a/__proto__', '/prototype', '/a~1b/__proto__']) {
        expect(failure({a: {}}, [{op: 'add', path, value: 'yes'}]), path).to.match(/refused path/);
      }
      expect(failure({a: {}}, [{op: 'copy', from: '/__proto__', path: '/b'}])).to.match(/refused path/);
      expect(failure({a: {}}, [{op: 'move', from: '/constructor', path: '/b'}])).to.match(/refused path/);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
      expect(Object.prototype).to.not.have.property('polluted');
    });

    it('should keep a "__proto__" key inside a value as plain data', () => {
      const value = JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown;
      const out = applyJsonPatch({}, [{op: 'add', path: '/v', value}]) as {v: object};
      expect(Object.getPrototypeOf(out.v)).to.equal(Object.prototype);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    });
  });

  it('should not change the document it was given', () => {
    const doc = {a: {b: [1, 2]}, c: 'x'};
    const before = structuredClone(doc);
    const out = applyJsonPatch(doc, [
      {op: 'add', path: '/a/b/-', value: 3},
      {op: 'remove', path: '/c'},
      {op: 'replace', path: '/a/b/0', value: 0},
      {op: 'move', from: '/a', path: '/moved'},
    ]);
    expect(out).to.deep.equal({moved: {b: [0, 2, 3]}});
    expect(doc).to.deep.equal(before);
    const value = {nested: [1]};
    const added = applyJsonPatch({}, [{op: 'add', path: '/v', value}]) as {v: {nested: number[]}};
    added.v.nested.push(2);
    expect(value).to.deep.equal({nested: [1]});
  });

  it('compares values in a test op by their members, not their key order (RFC 6902 §4.6)', () => {
    const doc = {a: {x: 1, y: [1, {z: 2}]}};
    expect(applyJsonPatch(doc, [{op: 'test', path: '/a', value: {y: [1, {z: 2}], x: 1}}])).to.deep.equal(doc);
    expect(() => applyJsonPatch(doc, [{op: 'test', path: '/a', value: {x: 1, y: [{z: 2}, 1]}}])).to.throw(/test failed/);
    expect(() => applyJsonPatch(doc, [{op: 'test', path: '/a', value: {x: 1}}])).to.throw(/test failed/);
  });
});
