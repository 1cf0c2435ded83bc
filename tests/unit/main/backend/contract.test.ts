import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Story } from '../../../../shared/api/contract.ts';
import type { SerializedDocument } from '../../../../shared/model/document.ts';
import { LIMITS } from '../../../../shared/model/story.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';
import { doc, docOf, heading, lineBreak, link, list, listItem, nestedDoc, paragraph, quote, text } from '../../../support/documents.ts';

let t: TestBackend;
beforeEach(() => {
  t = openTestBackend();
});
afterEach(() => t.close());

const UNKNOWN_ULID = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

function newStory(headline = 'A story'): Story {
  return t.ok('stories.create', { headline });
}

/** A short description of an input for failure messages; inputs may be cyclic or 20,000 levels deep. */
function label(input: unknown): string {
  try {
    return String(JSON.stringify(input)).slice(0, 120);
  } catch {
    return '(unprintable input)';
  }
}

function expectValidation(name: string, input: unknown, message?: RegExp): void {
  const error = t.fails(name, input);
  expect(error.code, `${name} ${label(input)}`).toBe('VALIDATION');
  expect(error.message.length).toBeGreaterThan(0);
  if (message) expect(error.message).toMatch(message);
}

describe('malformed calls are refused with VALIDATION, never thrown', () => {
  it.each([['stories.nope'], [''], ['STORIES.LIST'], ['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty']])(
    'unknown method %j',
    (name) => {
      expectValidation(name, {}, /Unknown method/);
    },
  );

  it.each([[undefined], [null], [42], [{ method: 'stories.list' }], [['stories.list']]])('a method name that is not a string: %j', (name) => {
    expectValidation(name as unknown as string, {}, /Unknown method/);
  });

  it.each(METHOD_NAMES.map((name) => [name]))('%s refuses input that is not an object, or has unknown keys', (name) => {
    for (const input of ['text', 42, true, [], [1, 2], { unexpected: 1 }, { __proto__: { polluted: true }, extra: 'x' }]) {
      expectValidation(name, input);
    }
  });

  it('stories.list refuses bad views, paging and query types', () => {
    for (const input of [
      { view: 'bin' },
      { view: 1 },
      { offset: -1 },
      { offset: 1.5 },
      { offset: '0' },
      { limit: 0 },
      { limit: 501 },
      { query: 5 },
      { query: null },
      { query: 'x'.repeat(LIMITS.query + 1) },
    ]) {
      expectValidation('stories.list', input);
    }
  });

  it('stories.create refuses an oversized headline and a malformed language tag', () => {
    expectValidation('stories.create', { headline: 'h'.repeat(LIMITS.headline + 1) }, /Headline is longer than 500/);
    expectValidation('stories.create', { headline: 7 });
    expectValidation('stories.create', { language: 'english please' }, /BCP 47/);
    expectValidation('stories.create', { language: '' });
    expect(t.backend.callSync('stories.create', { headline: 'h'.repeat(LIMITS.headline), language: 'zh-Hans' })).toMatchObject({ ok: true });
  });

  it.each([
    [''],
    ['abc'],
    [UNKNOWN_ULID.toLowerCase()],
    ['01HZZZZZZZZZZZZZZZZZZZZZZI'],
    ['01HZZZZZZZZZZZZZZZZZZZZZZL'],
    ['01HZZZZZZZZZZZZZZZZZZZZZZO'],
    ['01HZZZZZZZZZZZZZZZZZZZZZZU'],
    [`${UNKNOWN_ULID}Z`],
    [UNKNOWN_ULID.slice(1)],
    ["' OR 1=1 --"],
    [42],
    [null],
  ])('refuses the id %j on every method that takes one', (id) => {
    for (const name of ['stories.get', 'stories.trash', 'stories.restore']) expectValidation(name, { id }, /id/i);
    expectValidation('stories.save', { id, headline: '', standfirst: '', body: docOf('x') });
  });

  describe('stories.save', () => {
    let id: string;
    beforeEach(() => {
      id = newStory().id;
    });
    const save = (patch: Record<string, unknown>) => ({ id, headline: 'H', standfirst: '', body: docOf('Body'), ...patch });

    it('refuses missing fields and oversized text', () => {
      expectValidation('stories.save', { id });
      expectValidation('stories.save', save({ headline: undefined }));
      expectValidation('stories.save', save({ headline: 'h'.repeat(LIMITS.headline + 1) }), /Headline/);
      expectValidation('stories.save', save({ standfirst: 's'.repeat(LIMITS.standfirst + 1) }), /Standfirst/);
      expectValidation('stories.save', save({ baseRevision: 0 }));
      expectValidation('stories.save', save({ baseRevision: 1.5 }));
      expectValidation('stories.save', save({ language: 'not a tag' }));
      expectValidation('stories.save', save({ extra: true }));
    });

    it.each([
      ['a string', 'Hello'],
      ['the document as a JSON string', JSON.stringify(docOf('Hello'))],
      ['null', null],
      ['an empty object', {}],
      ['root: null', { root: null }],
      ['a root that is not "root"', { root: { type: 'paragraph', version: 1, children: [] } }],
      ['a root without children', { root: { type: 'root', version: 1 } }],
      ['children that are not an array', { root: { type: 'root', version: 1, children: { 0: paragraph('x') } } }],
      ['a node without a type', { root: { type: 'root', version: 1, children: [{ version: 1, children: [] }] } }],
      ['a node with an empty type', { root: { type: 'root', version: 1, children: [{ type: '', version: 1 }] } }],
      ['a node without a version', { root: { type: 'root', version: 1, children: [{ type: 'paragraph', children: [] }] } }],
      ['a version that is a string', { root: { type: 'root', version: '1', children: [] } }],
      ['text that is not a string', doc(paragraph({ type: 'text', version: 1, text: 42 } as never))],
    ])('refuses a body that is not Lexical JSON: %s', (_label, body) => {
      expectValidation('stories.save', save({ body }));
    });

    it('drops keys beside root instead of storing them', () => {
      t.ok('stories.save', save({ body: { ...docOf('x'), editorState: { junk: true } } }));
      expect(Object.keys(t.ok('stories.get', { id }).body)).toEqual(['root']);
    });

    it(`refuses a body nested deeper than ${LIMITS.nodeDepth} levels and accepts exactly ${LIMITS.nodeDepth}`, () => {
      expectValidation('stories.save', save({ body: nestedDoc(LIMITS.nodeDepth + 1) }), /nested \d+ levels deep; the limit is 64/);
      expect(t.backend.callSync('stories.save', save({ body: nestedDoc(LIMITS.nodeDepth) }))).toMatchObject({ ok: true });
    });

    it('refuses a body thousands of levels deep as VALIDATION, not a stack overflow', () => {
      for (const depth of [1_000, 20_000]) expectValidation('stories.save', save({ body: nestedDoc(depth) }), /nested/);
    });

    it('refuses a cyclic body (possible over structured-clone IPC)', () => {
      const para: Record<string, unknown> = { type: 'paragraph', version: 1, children: [] };
      (para.children as unknown[]).push(para);
      expectValidation('stories.save', save({ body: { root: { type: 'root', version: 1, children: [para] } } }), /nested/);
    });

    it(`refuses a body over ${LIMITS.bodyJson.toLocaleString('en')} characters of JSON and keeps the stored story`, () => {
      const before = t.ok('stories.get', { id });
      const huge = docOf('word '.repeat(LIMITS.bodyJson / 5));
      expectValidation('stories.save', save({ body: huge }), /too long to save/);
      expect(t.ok('stories.get', { id })).toEqual(before);
    });
  });
});

describe('stories that do not exist', () => {
  it('get, trash, restore and save of an unknown ULID answer NOT_FOUND', () => {
    for (const name of ['stories.get', 'stories.trash', 'stories.restore']) {
      expect(t.fails(name, { id: UNKNOWN_ULID }).code).toBe('NOT_FOUND');
    }
    const error = t.fails('stories.save', { id: UNKNOWN_ULID, headline: 'H', standfirst: '', body: docOf('text') });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/still in the editor/);
  });

  it('a story deleted by emptying the trash is NOT_FOUND afterwards', () => {
    const { id } = newStory();
    t.ok('stories.trash', { id });
    t.ok('stories.emptyTrash', {});
    expect(t.fails('stories.get', { id }).code).toBe('NOT_FOUND');
  });
});

describe('saving', () => {
  const richBody: SerializedDocument = doc(
    heading('h2', 'Résumé of the day — 重庆'),
    paragraph(text('Bold ', 1), link('https://example.com/a?b=c&d', 'a link'), lineBreak(), text('after the break')),
    list('number', listItem(1, 'first'), listItem(2, 'second', list('bullet', listItem(1, 'nested')))),
    quote('“Quoted”, she said.'),
    { ...paragraph('custom props survive'), customFlag: { nested: [1, null, 'x'] }, textFormat: 3 },
  );

  it('create → save → get returns exactly the saved body, headline and standfirst', () => {
    const created = newStory('Draft');
    expect(created.revision).toBe(1);
    expect(created.body.root.type).toBe('root');
    const saved = t.ok('stories.save', {
      id: created.id,
      headline: 'Final headline',
      standfirst: 'A standfirst',
      body: richBody,
      baseRevision: 1,
    });
    expect(saved.revision).toBe(2);
    const got = t.ok('stories.get', { id: created.id });
    // Every node, property and value comes back; zod may reorder keys, which Lexical ignores.
    expect(got.body).toStrictEqual(richBody);
    expect(JSON.parse(JSON.stringify(got.body))).toStrictEqual(richBody);
    expect(got).toMatchObject({ headline: 'Final headline', standfirst: 'A standfirst', revision: 2, updatedAt: saved.updatedAt });
  });

  it('a save with a stale baseRevision is a CONFLICT and leaves the stored story as it was', () => {
    const { id } = newStory();
    t.ok('stories.save', { id, headline: 'Window A', standfirst: '', body: docOf('A wrote this'), baseRevision: 1 });
    const before = t.ok('stories.get', { id });

    const error = t.fails('stories.save', { id, headline: 'Window B', standfirst: '', body: docOf('B wrote this'), baseRevision: 1 });
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ baseRevision: 1, storedRevision: 2 });
    expect(t.ok('stories.get', { id })).toEqual(before);
    expect(t.ok('stories.list', { query: 'wrote' }).items.map((s) => s.headline)).toEqual(['Window A']);
  });

  it('saving identical content does not bump the revision, the time, or notify other windows', () => {
    const { id } = newStory();
    const input = { id, headline: 'Same', standfirst: 'Same', body: docOf('Same text') };
    const first = t.ok('stories.save', input);
    const events: string[] = [];
    t.backend.subscribe((event) => events.push(event));
    const second = t.ok('stories.save', input);
    expect(second).toEqual(first);
    expect(t.ok('stories.get', { id }).revision).toBe(first.revision);
    expect(events).toEqual([]);
    // A real change does bump it and notifies.
    const third = t.ok('stories.save', { ...input, body: docOf('Different text') });
    expect(third.revision).toBe(first.revision + 1);
    expect(events).toEqual(['story.changed']);
  });

  it('stores the word count of the body, shown in the library', () => {
    const { id } = newStory();
    const saved = t.ok('stories.save', {
      id,
      headline: 'Not counted in the body figure',
      standfirst: '',
      body: docOf('The well-known mayor resigned on Tuesday.', "It isn't over, officials said."),
    });
    expect(saved.wordCount).toBe(11);
    expect(t.ok('stories.get', { id }).wordCount).toBe(11);
    expect(t.ok('stories.list', {}).items[0]!.wordCount).toBe(11);
  });

  it('counts Chinese by characters when the story language is Chinese', () => {
    const { id } = t.ok('stories.create', { headline: '重庆', language: 'zh-Hans' });
    expect(t.ok('stories.save', { id, headline: '重庆', standfirst: '', body: docOf('重庆服务业扩大开放，9月开始。') }).wordCount).toBe(9 + 3 + 1);
  });

  it('refuses to save into a trashed story with CONFLICT', () => {
    const { id } = newStory();
    t.ok('stories.trash', { id });
    expect(t.fails('stories.save', { id, headline: 'x', standfirst: '', body: docOf('x') }).code).toBe('CONFLICT');
  });
});

describe('trash', () => {
  it('trash → listed only in trash → restore → back in the library', () => {
    const a = newStory('Alpha');
    const b = newStory('Beta');
    const trashed = t.ok('stories.trash', { id: a.id });
    expect(trashed.trashedAt).toEqual(expect.any(String));
    expect(t.ok('stories.list', { view: 'library' }).items.map((s) => s.id)).toEqual([b.id]);
    expect(t.ok('stories.list', { view: 'library' }).total).toBe(1);
    const trash = t.ok('stories.list', { view: 'trash' });
    expect(trash.items.map((s) => s.id)).toEqual([a.id]);
    expect(trash.total).toBe(1);
    expect(trash.items[0]!.trashedAt).toBe(trashed.trashedAt);
    // Trashing again keeps the original time.
    expect(t.ok('stories.trash', { id: a.id }).trashedAt).toBe(trashed.trashedAt);

    t.ok('stories.restore', { id: a.id });
    expect(t.ok('stories.list', { view: 'trash' }).items).toEqual([]);
    const library = t.ok('stories.list', { view: 'library' });
    expect(library.items.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(library.total).toBe(2);
    expect(t.ok('stories.get', { id: a.id }).trashedAt).toBeNull();
  });

  it('emptying the trash deletes only trashed stories', () => {
    const keep = newStory('Keep');
    const drop1 = newStory('Drop 1');
    const drop2 = newStory('Drop 2');
    t.ok('stories.trash', { id: drop1.id });
    t.ok('stories.trash', { id: drop2.id });
    expect(t.ok('stories.emptyTrash', {})).toEqual({ deleted: 2 });
    expect(t.ok('stories.list', {}).items.map((s) => s.id)).toEqual([keep.id]);
    expect(t.ok('stories.list', { view: 'trash' }).total).toBe(0);
    expect(t.ok('stories.get', { id: keep.id }).headline).toBe('Keep');
    expect(t.ok('stories.emptyTrash', {})).toEqual({ deleted: 0 });
  });
});

describe('library listing', () => {
  it('lists most recently updated first, with a total for the view', () => {
    const a = newStory('A');
    const b = newStory('B');
    const c = newStory('C');
    t.ok('stories.save', { id: a.id, headline: 'A edited', standfirst: '', body: docOf('x') });
    const page = t.ok('stories.list', { limit: 2 });
    expect(page.items.map((s) => s.id)).toEqual([a.id, c.id]);
    expect(page.total).toBe(3);
    expect(t.ok('stories.list', { offset: 2 }).items.map((s) => s.id)).toEqual([b.id]);
  });

  it('app.info reports the schema version and data folder', () => {
    expect(t.ok('app.info', {})).toMatchObject({ name: 'Copydesk', dataDir: t.dataDir, schemaVersion: expect.any(Number) });
  });

  it('the async call() gives the same Result as callSync', async () => {
    await expect(t.backend.call('stories.nope', {})).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await expect(t.backend.call('stories.list', {})).resolves.toMatchObject({ ok: true, value: { total: 0 } });
  });
});
