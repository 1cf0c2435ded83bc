import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personSearchKey } from '../../../../main/store/people.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';

let t: TestBackend;
beforeEach(() => {
  t = openTestBackend();
  for (const name of ['Vivian Yan', 'Peng Qin', 'José Álvarez', 'Zoë Brontë', '王小明', '李伟', 'Yannick Noah', 'Li Wei', 'Søren Kierkegaard']) {
    t.ok('people.create', { name });
  }
});
afterEach(() => t.close());

const names = (query: string) => t.ok('people.list', { query }).items.map((p) => p.name);

describe('people autocomplete', () => {
  it('matches the start of the name or of any word in it, names starting with it first', () => {
    expect(names('yan')).toEqual(['Yannick Noah', 'Vivian Yan']);
    expect(names('qin')).toEqual(['Peng Qin']);
    expect(names('viv')).toEqual(['Vivian Yan']);
    // Not from the middle of a word.
    expect(names('ian')).toEqual([]);
  });

  it('ignores case and accents both ways', () => {
    expect(names('YAN')).toEqual(['Yannick Noah', 'Vivian Yan']);
    expect(names('jose')).toEqual(['José Álvarez']);
    expect(names('ÁLV')).toEqual(['José Álvarez']);
    expect(names('zoe bronte')).toEqual(['Zoë Brontë']);
    expect(names('soren')).toEqual(['Søren Kierkegaard']);
  });

  it('finds Chinese names from their first character or their given name', () => {
    expect(names('王')).toEqual(['王小明']);
    expect(names('小明')).toEqual(['王小明']);
    expect(names('李')).toEqual(['李伟']);
    expect(names('明小')).toEqual([]);
  });

  it('lists everyone alphabetically for an empty query, up to the limit', () => {
    expect(t.ok('people.list', { query: '', limit: 3 }).items.map((p) => p.name)).toEqual(['José Álvarez', 'Li Wei', 'Peng Qin']);
    expect(t.ok('people.list', {}).items).toHaveLength(9);
  });

  it('treats a query of punctuation only as empty rather than failing', () => {
    expect(t.ok('people.list', { query: '%_"\'', limit: 2 }).items).toHaveLength(2);
  });
});

describe('adding people', () => {
  it('stores the name trimmed, and the same name in another case returns the existing person', () => {
    const added = t.ok('people.create', { name: '  Chen   Jing ' });
    expect(added.created).toBe(true);
    expect(added.person.name).toBe('Chen Jing');
    const again = t.ok('people.create', { name: 'chen jing' });
    expect(again).toEqual({ person: added.person, created: false });
    expect(names('chen')).toEqual(['Chen Jing']);
  });

  it('refuses empty, over-long or control-character names with VALIDATION', () => {
    expect(t.fails('people.create', { name: '   ' }).code).toBe('VALIDATION');
    expect(t.fails('people.create', { name: 'x'.repeat(121) }).code).toBe('VALIDATION');
    expect(t.fails('people.create', { name: 'Bad\u0000Name' }).code).toBe('VALIDATION');
    expect(t.fails('people.create', { name: 'Vivian', extra: 1 }).code).toBe('VALIDATION');
  });

  it('gives each person a ULID that adding the same name again returns', () => {
    const again = t.ok('people.list', { query: 'peng' }).items[0]!;
    expect(again.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(t.ok('people.create', { name: 'Peng Qin' }).person.id).toBe(again.id);
  });
});

describe('personSearchKey', () => {
  it('folds a name into words that start with a space', () => {
    expect(personSearchKey('José  Álvarez-Ruiz')).toBe(' jose alvarez ruiz');
    expect(personSearchKey('王小明')).toBe(' 王 小 明');
    expect(personSearchKey(' !! ')).toBe('');
  });
});
