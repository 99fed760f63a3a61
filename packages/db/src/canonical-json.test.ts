import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from './canonical-json';

/** The text built piece by piece, as the ledger wrote it before: the fast path must match it. */
function writeSorted(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return JSON.stringify(Object.is(value, -0) ? 0 : value);
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(writeSorted).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${writeSorted(record[k])}`)
    .join(',')}}`;
}

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'a',
  'B',
  'b',
  '2x',
  '01',
  '-1',
  'é',
  'Z',
  '_x',
  'home',
  'home2',
  '\u2028',
  '"q"',
  'ä',
  'aa',
  '',
];
const STRINGS = ['', 'x', 'Borussia Mönchengladbach', 'tab\t', 'quote"', '\ud83d\ude00', '\ud800'];
const NUMBERS = [0, -0, 1, -1, 0.1, 1 / 3, 1e21, 1e-7, 123456789.123, Number.MIN_VALUE, 2 ** 53];

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const r = next();
  if (depth > 3 || r < 0.35) {
    return pick<unknown>([null, true, false, pick(STRINGS), pick(NUMBERS), next() * 10 - 5]);
  }
  if (r < 0.6)
    return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 6); i > 0; i--) {
    out[pick(KEYS)] = next() < 0.1 ? undefined : randomValue(next, depth + 1);
  }
  return out;
}

describe('canonicalJson', () => {
  it('When 2,000 random JSON values are written, then the fast path gives the very text of the piece-by-piece definition', () => {
    const next = rng(17);
    for (let i = 0; i < 2_000; i++) {
      const value = randomValue(next, 0);
      expect(canonicalJson(value)).toBe(writeSorted(value));
    }
  });

  it('When keys come in any order, then they are written sorted by code unit, nested too', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: -0 }], c: 'x' }, B: null })).toBe(
      '{"B":null,"a":{"c":"x","d":[1,{"y":0,"z":0}]},"b":1}',
    );
  });

  it('When an object has an array-index key or an own "__proto__", then it is refused, not misordered', () => {
    expect(() => canonicalJson({ 9: 'nine', 10: 'ten' })).toThrow(/cannot order: "10"/);
    expect(() => canonicalJson(JSON.parse('{"__proto__":{"a":2}}'))).toThrow(/cannot order/);
  });

  it('When a member is undefined, then it is left out; Dates are written as ISO text', () => {
    expect(canonicalJson({ a: undefined, b: new Date('2025-08-16T14:00:00Z') })).toBe(
      '{"b":"2025-08-16T14:00:00.000Z"}',
    );
  });

  it.each([
    ['NaN', { p: NaN }],
    ['Infinity', [1, Infinity]],
    ['a function', { f: () => 1 }],
    ['a symbol', { s: Symbol('s') }],
    ['a bigint', { n: 1n }],
    ['undefined in an array', [1, undefined]],
    ['undefined alone', undefined],
    ['an invalid Date', { d: new Date('nope') }],
  ])('When the value holds %s, then it is refused rather than written lossily', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});
