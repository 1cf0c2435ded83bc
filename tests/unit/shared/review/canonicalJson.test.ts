import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../../../../shared/review/canonicalJson.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever order the keys were built in', () => {
    const one = { headline: 'Flood', body: { root: { type: 'root', children: [] } }, language: 'en' };
    const two = { language: 'en', body: { root: { children: [], type: 'root' } }, headline: 'Flood' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).not.toBe(JSON.stringify(two));
  });

  it('keeps array order (order is meaning in a story)', () => {
    expect(canonicalJson(['b', 'a'])).toBe('["b","a"]');
    expect(canonicalJson(['b', 'a'])).not.toBe(canonicalJson(['a', 'b']));
  });

  it('orders keys by code unit, not by locale, so every machine agrees', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, 中: 4, a: 5 })).toBe('{"Z":3,"a":5,"z":2,"é":1,"中":4}');
  });

  it('escapes strings exactly as JSON does and reads back to the same value', () => {
    const value = { text: 'Quote "here"\n\t\u2028 服务业 \u0000', n: -0, big: 1e21, small: 1.5e-7 };
    const text = canonicalJson(value);
    expect(JSON.parse(text)).toEqual({ ...value, n: 0 });
    expect(text).toContain('"n":0');
    expect(text).toContain('\\u0000');
  });

  it('leaves out undefined properties like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('refuses what JSON cannot carry, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('$.a[1]');
    expect(() => canonicalJson({ a: Infinity })).toThrow('not a JSON number');
    expect(() => canonicalJson([undefined])).toThrow('$[0]');
    expect(() => canonicalJson({ when: new Date(0) })).toThrow('$.when');
    expect(() => canonicalJson({ n: 1n })).toThrow('bigint');
    expect(() => canonicalJson(undefined)).toThrow(CanonicalJsonError);
  });

  it('refuses a value that contains itself instead of looping', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow('contains itself');
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 1;
    bare.a = 2;
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });
});
