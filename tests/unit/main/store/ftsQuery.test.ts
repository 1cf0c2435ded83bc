import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../../main/store/ftsQuery.ts';

// The same tokenizer as the stories index, in memory: a query FTS5 cannot parse throws here.
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE f USING fts5(headline, body_text, tokenize = 'unicode61 remove_diacritics 2')`);
const insert = db.prepare('INSERT INTO f (headline, body_text) VALUES (?, ?)');
insert.run('Chongqing pilot', 'services open to foreign investors');
insert.run('Harbour dredging', 'the big cat sat near the harbour wall');
insert.run('Café opens', 'a new café and a bakery on the pier');
const match = db.prepare<[string], { headline: string }>('SELECT headline FROM f WHERE f MATCH ? ORDER BY rowid');
afterAll(() => db.close());

function run(userText: string): string[] | null {
  const query = toFtsQuery(userText);
  return query === null ? null : match.all(query).map((r) => r.headline);
}

describe('toFtsQuery', () => {
  it('quotes every term and ANDs them, making the last one a prefix', () => {
    expect(toFtsQuery('harbour wall')).toBe('"harbour" AND "wall"*');
    expect(run('harbour wa')).toEqual(['Harbour dredging']);
  });

  it('does not prefix the last word once a space follows it', () => {
    expect(toFtsQuery('chong ')).toBe('"chong"');
    expect(run('chong')).toEqual(['Chongqing pilot']);
    expect(run('chong ')).toEqual([]);
  });

  it('keeps a quoted phrase together and never prefixes it', () => {
    expect(toFtsQuery('"big cat"')).toBe('"big cat"');
    expect(run('"big cat"')).toEqual(['Harbour dredging']);
    expect(run('"cat big"')).toEqual([]);
    expect(run('"big ca"')).toEqual([]);
  });

  it('treats an unclosed quote as a phrase still being typed, its last word a prefix', () => {
    expect(toFtsQuery('"big ca')).toBe('"big ca"*');
    expect(run('"big ca')).toEqual(['Harbour dredging']);
    expect(run('"cat big')).toEqual([]);
  });

  it('turns -word and -"a phrase" into exclusions', () => {
    expect(toFtsQuery('harbour -cat')).toBe('("harbour") NOT "cat"');
    expect(run('the -cat')).toEqual(['Café opens']);
    expect(run('harbour -"big dog"')).toEqual(['Harbour dredging']);
    expect(run('harbour -"big cat"')).toEqual([]);
  });

  it('returns null when nothing searchable is left, so the caller shows the library', () => {
    for (const text of ['', '   ', '"', '""', '*', '-', '(((', ')', "'", '\\', '😀', '-foo', '-"a b"', '\u0000']) {
      expect(toFtsQuery(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('treats operators and column filters as plain words', () => {
    expect(toFtsQuery('AND')).toBe('"AND"*');
    // A one-letter last word is not a prefix (it would match nearly everything).
    expect(toFtsQuery('NEAR(a b)')).toBe('"NEAR a" AND "b"');
    expect(toFtsQuery('headline:pier')).toBe('"headline pier"*');
    // "headline:pier" must not act as a column filter: no story has the words together.
    expect(run('headline:pier')).toEqual([]);
    expect(toFtsQuery('^foo')).toBe('"foo"*');
    expect(toFtsQuery('foo*bar')).toBe('"foo bar"*');
  });

  it('matches accented and unaccented spellings alike', () => {
    expect(run('cafe')).toEqual(['Café opens']);
    expect(run('CAFÉ')).toEqual(['Café opens']);
  });

  it('produces only queries FTS5 accepts, for any mix of syntax characters (seeded fuzz)', () => {
    const alphabet = ['"', '-', '*', '(', ')', ':', '^', '+', '{', '}', ' ', ' ', 'a', 'b', 'AND', 'OR', 'NOT', 'NEAR', '重', '😀', '\u0301', "'", '\\', '\u0000', 'é'];
    let state = 0x2f6b3c1d;
    const next = () => {
      // xorshift32: the same strings on every run.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 0x1_0000_0000;
    };
    for (let i = 0; i < 2000; i++) {
      const length = 1 + Math.floor(next() * 12);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(() => run(text), JSON.stringify(text)).not.toThrow();
    }
  });
});
