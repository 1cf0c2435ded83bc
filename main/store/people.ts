import type Database from 'better-sqlite3';
import type { Person } from '../../shared/api/methods/people.ts';

/** All SQL about the contributor directory. Callers pass validated values. */

interface PersonRow {
  id: string;
  name: string;
  created_at: string;
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK_CHAR = new RegExp(`[${CJK}]`, 'gu');

/**
 * A name as autocomplete compares it: NFKD without combining marks ("José" →
 * "jose"), lowercase, punctuation as spaces, every CJK character its own
 * word, and a space before every word. Searching for `key(query)` inside
 * `key(name)` then means "some word of the name starts with the query".
 */
export function personSearchKey(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en')
    // ø, ł, đ, ß … have no decomposition; fold the common ones by hand.
    .replace(/[øłđßæœ]/g, (c) => ({ ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe' })[c] ?? c)
    .replace(CJK_CHAR, ' $& ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return folded === '' ? '' : ` ${folded}`;
}

/** The name as stored: trimmed, NFC, inner runs of spaces made one. */
export function cleanPersonName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function createPeopleStore(db: Database.Database) {
  const statements = {
    insert: db.prepare<[string, string, string, string]>(
      `INSERT INTO people (id, name, search_key, created_at) VALUES (?, ?, ?, ?)`,
    ),
    byId: db.prepare<[string], PersonRow>(`SELECT id, name, created_at FROM people WHERE id = ?`),
    // Same key means same letters in any case or accents; the exact spelling wins when both exist.
    sameName: db.prepare<[string, string], PersonRow>(
      `SELECT id, name, created_at FROM people WHERE search_key = ? ORDER BY name = ? DESC, seq LIMIT 1`,
    ),
    all: db.prepare<[number], PersonRow>(
      `SELECT id, name, created_at FROM people ORDER BY search_key, seq LIMIT ?`,
    ),
    // The directory is small (hundreds to a few thousand people), so a scan with
    // instr() per row costs well under a millisecond. Names that start with the
    // query come first, then names where a later word does.
    search: db.prepare<{ needle: string; limit: number }, PersonRow>(
      `SELECT id, name, created_at FROM people
       WHERE instr(search_key, @needle) > 0
       ORDER BY substr(search_key, 1, length(@needle)) <> @needle, search_key, seq
       LIMIT @limit`,
    ),
  };

  return {
    create(person: { id: string; name: string; now: string }): Person {
      const name = cleanPersonName(person.name);
      statements.insert.run(person.id, name, personSearchKey(name), person.now);
      return { id: person.id, name, createdAt: person.now };
    },

    get(id: string): Person | undefined {
      const row = statements.byId.get(id);
      return row ? toPerson(row) : undefined;
    },

    /** The person already in the directory under this name (ignoring case and accents), if any. */
    findByName(name: string): Person | undefined {
      const clean = cleanPersonName(name);
      const key = personSearchKey(clean);
      if (key === '') return undefined;
      const row = statements.sameName.get(key, clean);
      return row ? toPerson(row) : undefined;
    },

    search(query: string, limit: number): Person[] {
      const key = personSearchKey(query);
      const rows = key === '' ? statements.all.all(limit) : statements.search.all({ needle: key, limit });
      return rows.map(toPerson);
    },
  };
}

export type PeopleStore = ReturnType<typeof createPeopleStore>;

function toPerson(row: PersonRow): Person {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}
