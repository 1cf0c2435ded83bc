import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNIPPET_MARK } from '../../../../shared/api/contract.ts';
import { LIMITS } from '../../../../shared/model/story.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../../../main/store/db.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';
import { docOf } from '../../../support/documents.ts';

let t: TestBackend;
beforeEach(() => {
  t = openTestBackend();
});
afterEach(() => t.close());

/** Creates a story with the given headline and body paragraphs; returns its id. */
function story(headline: string, ...paragraphs: string[]): string {
  const { id } = t.ok('stories.create', { headline });
  t.ok('stories.save', { id, headline, standfirst: '', body: docOf(...paragraphs) });
  return id;
}

function search(query: string, view: 'library' | 'trash' = 'library') {
  return t.ok('stories.list', { query, view });
}

function headlines(query: string, view: 'library' | 'trash' = 'library'): string[] {
  return search(query, view).items.map((s) => s.headline);
}

const marked = (term: string) => `${SNIPPET_MARK.start}${term}${SNIPPET_MARK.end}`;

describe('searching the library', () => {
  beforeEach(() => {
    story('Port expansion approved', 'The harbour board approved a dredging contract worth 40 million.');
    story('Chongqing pilot widens', 'Services in Chongqing open to foreign investors under the pilot scheme.');
    story('Council budget vote', 'The council passed the budget after a long debate about the harbour.');
  });

  it('finds a story by a word in its body and marks the word in the snippet', () => {
    const result = search('dredging');
    expect(result.items.map((s) => s.headline)).toEqual(['Port expansion approved']);
    expect(result.total).toBe(1);
    expect(result.totalCapped).toBe(false);
    const snippet = result.items[0]!.snippet!;
    expect(snippet).toContain(marked('dredging'));
    expect(snippet).not.toContain('<');
  });

  it('matches case- and accent-insensitively', () => {
    expect(headlines('DREDGING')).toEqual(['Port expansion approved']);
    story('Café culture', 'A new café opened on the pier.');
    expect(headlines('cafe')).toEqual(['Café culture']);
  });

  it('finds by a word in the headline', () => {
    expect(headlines('budget vote')).toEqual(['Council budget vote']);
  });

  it('matches the word being typed as a prefix (chong finds Chongqing)', () => {
    expect(headlines('chong')).toEqual(['Chongqing pilot widens']);
    expect(search('chong').items[0]!.snippet).toContain(marked('Chongqing'));
    // Once a space is typed the word is finished, and no longer a prefix.
    expect(headlines('chong ')).toEqual([]);
    // Only the last word is a prefix; earlier words must match whole.
    expect(headlines('harb dredg')).toEqual([]);
    expect(headlines('harbour dredg')).toEqual(['Port expansion approved']);
  });

  it('matches a quoted phrase only with its words together, in order', () => {
    expect(headlines('"passed the budget"')).toEqual(['Council budget vote']);
    expect(headlines('"budget the passed"')).toEqual([]);
    // An unfinished phrase (no closing quote yet) still searches.
    expect(headlines('"dredging contract')).toEqual(['Port expansion approved']);
  });

  it('leaves out stories containing a -word', () => {
    expect(headlines('harbour').sort()).toEqual(['Council budget vote', 'Port expansion approved']);
    expect(headlines('harbour -council')).toEqual(['Port expansion approved']);
    expect(headlines('harbour -"long debate"')).toEqual(['Port expansion approved']);
  });

  it('requires every word (AND), not any', () => {
    expect(headlines('harbour debate')).toEqual(['Council budget vote']);
    expect(headlines('harbour pilot')).toEqual([]);
  });

  it('returns the whole library for empty or unsearchable text', () => {
    expect(search('').total).toBe(3);
    expect(search('   ').total).toBe(3);
    expect(search('"').items).toHaveLength(3);
    expect(search('"').items.every((s) => s.snippet === null)).toBe(true);
  });
});

describe('search order and paging', () => {
  it('lists matches newest first', () => {
    story('First', 'ferry timetable');
    story('Second', 'ferry fares');
    story('Third', 'ferry strike');
    expect(headlines('ferry')).toEqual(['Third', 'Second', 'First']);
  });

  it('pages through matches with offset and limit, and counts them all', () => {
    for (let i = 1; i <= 7; i++) story(`Tram ${i}`, `tram line ${i}`);
    const page = t.ok('stories.list', { query: 'tram', offset: 2, limit: 3 });
    expect(page.items.map((s) => s.headline)).toEqual(['Tram 5', 'Tram 4', 'Tram 3']);
    expect(page.total).toBe(7);
  });
});

describe('search and the trash', () => {
  it('keeps trashed stories out of library search and finds them only in trash search', () => {
    const kept = story('Bridge reopens', 'The bridge reopened after repairs.');
    const gone = story('Bridge closes', 'The bridge closed for repairs.');
    t.ok('stories.trash', { id: gone });
    expect(search('bridge').items.map((s) => s.id)).toEqual([kept]);
    expect(search('bridge').total).toBe(1);
    expect(search('bridge', 'trash').items.map((s) => s.id)).toEqual([gone]);
    expect(search('bridge', 'trash').items[0]!.trashedAt).not.toBeNull();

    t.ok('stories.restore', { id: gone });
    expect(search('bridge').items.map((s) => s.id)).toEqual([gone, kept]);
    expect(search('bridge', 'trash').items).toEqual([]);
  });

  it('emptying the trash removes its stories from the index for good', () => {
    const kept = story('Kept', 'zeppelin hangar');
    const gone = story('Gone', 'zeppelin crash and the airship museum');
    t.ok('stories.trash', { id: gone });
    expect(t.ok('stories.emptyTrash', {}).deleted).toBe(1);
    expect(search('zeppelin').items.map((s) => s.id)).toEqual([kept]);
    expect(search('airship', 'trash').items).toEqual([]);
    expect(search('airship').items).toEqual([]);
    expectFtsConsistent();
  });
});

describe('editing keeps the index current', () => {
  it('a body edit makes the old word unfindable and the new word findable', () => {
    const id = story('Weather', 'Heavy snowfall closed the airport.');
    expect(headlines('snowfall')).toEqual(['Weather']);
    const { revision } = t.ok('stories.get', { id });
    t.ok('stories.save', { id, headline: 'Weather', standfirst: '', body: docOf('Heavy rainfall closed the airport.'), baseRevision: revision });
    expect(headlines('snowfall')).toEqual([]);
    expect(headlines('rainfall')).toEqual(['Weather']);
    expectFtsConsistent();
  });

  it('a headline edit and a standfirst edit are searchable at once', () => {
    const id = story('Old title', 'Body text.');
    t.ok('stories.save', { id, headline: 'Fresh title', standfirst: 'Orchestra tour announced', body: docOf('Body text.') });
    expect(headlines('old title')).toEqual([]);
    expect(headlines('fresh')).toEqual(['Fresh title']);
    expect(headlines('orchestra')).toEqual(['Fresh title']);
  });

  it('finds Chinese text by its leading characters while typing', () => {
    story('重庆服务业扩大开放综合试点', '重庆市商务委员会表示');
    expect(headlines('重庆')).toEqual(['重庆服务业扩大开放综合试点']);
  });
});

describe('hostile search text never raises', () => {
  const HOSTILE = [
    '"',
    '""',
    '"unbalanced',
    '*',
    '-',
    '-foo',
    '--foo',
    'AND',
    'OR',
    'NOT',
    'a OR b',
    'NEAR(a b)',
    'NEAR',
    '(((',
    ')',
    'a AND',
    'AND a',
    'headline:foo',
    'body_text:foo',
    '{headline standfirst}:foo',
    '^foo',
    'foo*bar',
    '*foo',
    'foo^',
    '+foo',
    "'",
    "'; DROP TABLE stories; --",
    '\\',
    '\\"',
    '😀',
    '👩‍👩‍👧 family',
    '重庆',
    '服务业扩大开放',
    'مرحبا',
    '\u0301',
    'e\u0301te\u0301',
    '\uE000snippet\uE001',
    'a'.repeat(LIMITS.query),
    'chong '.repeat(LIMITS.query / 6),
    '"'.repeat(LIMITS.query),
    '-'.repeat(LIMITS.query),
    'a\u0000b',
    '\u0000',
    '\t\n\r',
    'foo -',
    'foo -""',
    'foo -\u0301',
    '"" ""',
  ];

  beforeEach(() => {
    story('Foo fighters', 'foo bar baz quux family 重庆 café');
  });

  it.each(HOSTILE.map((q) => [JSON.stringify(q).slice(0, 40), q]))('%s', (_label, query) => {
    for (const view of ['library', 'trash'] as const) {
      const result = t.backend.callSync('stories.list', { query, view });
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    }
  });

  it('rejects text longer than the limit as VALIDATION, not a crash', () => {
    const error = t.fails('stories.list', { query: 'a'.repeat(LIMITS.query + 1) });
    expect(error.code).toBe('VALIDATION');
  });
});

/** FTS5's own check that the index matches the stories table. */
function expectFtsConsistent(): void {
  const db = new Database(join(t.dataDir, DATABASE_FILE));
  try {
    expect(() => db.exec(`INSERT INTO stories_fts(stories_fts) VALUES('integrity-check')`)).not.toThrow();
  } finally {
    db.close();
  }
}

describe('searching Chinese text', () => {
  const fixture = readFileSync(join(process.cwd(), '..', 'shared', 'fixtures', 'articles', 'zh-short.txt'), 'utf8');
  const paragraphs = fixture.split('\n').filter((line) => line.trim() !== '');

  beforeEach(() => {
    story('重庆服务业扩大开放试点', ...paragraphs);
    story('Port expansion approved', 'The harbour board approved a dredging contract.');
  });

  it('finds a two-character word in the middle of a run of characters', () => {
    // "服务" sits inside longer runs such as "服务业" and is never surrounded by spaces.
    expect(headlines('服务')).toEqual(['重庆服务业扩大开放试点']);
    expect(headlines('开放')).toEqual(['重庆服务业扩大开放试点']);
  });

  it('does not match characters that are only scattered through the text', () => {
    // 服 and 港 both occur in no single run together as "服港".
    expect(headlines('服港')).toEqual([]);
  });

  it('shows the snippet as written, without the spaces the index uses', () => {
    const snippet = search('试点').items[0]!.snippet!;
    expect(snippet).toContain(marked('试点'));
    expect(snippet).not.toMatch(/\p{Script=Han} \p{Script=Han}/u);
  });

  it('finds Chinese text in the headline and mixed-script queries', () => {
    story('5G网络覆盖全市', 'Mixed text.');
    expect(headlines('网络覆盖')).toEqual(['5G网络覆盖全市']);
    expect(headlines('5G网络')).toEqual(['5G网络覆盖全市']);
  });
});
