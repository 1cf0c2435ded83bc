import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SerializedDocument } from '../../../../shared/model/document.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';
import { doc, id, para } from '../../shared/review/docs.ts';

let t: TestBackend;
afterEach(() => t?.close());

const A = id('a');
const B = id('b');
const SENTENCE = 'The council voted on Tuesday to close the old bridge for repairs.';
const PHRASE = 'close the old bridge';

function storyWith(body: SerializedDocument, headline = 'Bridge story') {
  const story = t.ok('stories.create', { headline });
  t.ok('stories.save', { id: story.id, headline, standfirst: '', body });
  return story.id;
}

function anchorOn(blockId: string, text: string, quote: string) {
  const start = text.indexOf(quote);
  return { blockId, start, end: start + quote.length, quote };
}

const save = (storyId: string, body: SerializedDocument) => t.ok('stories.save', { id: storyId, headline: 'Bridge story', standfirst: '', body });

describe('comment threads', () => {
  it('creates a thread on a phrase, replies, resolves and reopens it', () => {
    t = openTestBackend();
    const storyId = storyWith(doc(para(A, SENTENCE)));
    const thread = t.ok('comments.create', { storyId, anchor: anchorOn(A, SENTENCE, PHRASE), body: '  Which bridge? Name it.  ' });
    expect(thread).toMatchObject({
      body: 'Which bridge? Name it.',
      authorName: 'Test Admin',
      quote: PHRASE,
      orphaned: false,
      resolvedAt: null,
      anchor: { blockId: A, quote: PHRASE, start: SENTENCE.indexOf(PHRASE), prefix: 'The council voted on Tuesday to ', suffix: ' for repairs.' },
      replies: [],
    });

    const replied = t.ok('comments.reply', { threadId: thread.id, body: 'The Jialing bridge.' });
    expect(replied.replies.map((r) => r.body)).toEqual(['The Jialing bridge.']);

    const resolved = t.ok('comments.resolve', { threadId: thread.id });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(t.ok('comments.list', { storyId })).toMatchObject({ openCount: 0, threads: [{ id: thread.id, resolvedAt: resolved.resolvedAt }] });

    expect(t.ok('comments.reopen', { threadId: thread.id }).resolvedAt).toBeNull();
    const listed = t.ok('comments.list', { storyId });
    expect(listed.openCount).toBe(1);
    expect(listed.threads[0]!.replies).toHaveLength(1);
  });

  it('lists threads in document order', () => {
    t = openTestBackend();
    const first = 'First paragraph with a claim.';
    const storyId = storyWith(doc(para(A, first), para(B, SENTENCE)));
    t.ok('comments.create', { storyId, anchor: anchorOn(B, SENTENCE, 'old bridge'), body: 'Second' });
    t.ok('comments.create', { storyId, anchor: anchorOn(B, SENTENCE, 'council'), body: 'First in B' });
    t.ok('comments.create', { storyId, anchor: anchorOn(A, first, 'claim'), body: 'In A' });
    expect(t.ok('comments.list', { storyId }).threads.map((x) => x.body)).toEqual(['In A', 'First in B', 'Second']);
  });

  it('records mentions of people in the directory and refuses anyone else', () => {
    t = openTestBackend();
    const storyId = storyWith(doc(para(A, SENTENCE)));
    const vivian = t.ok('people.create', { name: 'Vivian Yan' }).person;
    const editor = t.addProfile('Desk Editor', 'editor');
    const thread = t.ok('comments.create', { storyId, anchor: anchorOn(A, SENTENCE, PHRASE), body: '@Vivian Yan @Desk Editor check this', mentions: [vivian.id, editor.id, vivian.id] });
    expect(thread.mentions).toEqual([
      { id: vivian.id, name: 'Vivian Yan' },
      { id: editor.id, name: 'Desk Editor' },
    ]);
    expect(t.fails('comments.create', { storyId, anchor: anchorOn(A, SENTENCE, PHRASE), body: 'Hi', mentions: ['01JZZZZZZZZZZZZZZZZZZZZZZZ'] })).toMatchObject({
      code: 'VALIDATION',
      message: 'A mentioned person is not in the people directory. Pick them from the list.',
    });
  });

  it('validates bodies and anchors', () => {
    t = openTestBackend();
    const storyId = storyWith(doc(para(A, SENTENCE)));
    const anchor = anchorOn(A, SENTENCE, PHRASE);
    expect(t.fails('comments.create', { storyId, anchor, body: '   ' })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Write a comment first') });
    expect(t.fails('comments.create', { storyId, anchor, body: 'x'.repeat(5001) })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('at most 5,000 characters') });
    expect(t.fails('comments.create', { storyId, anchor: { ...anchor, quote: 'other text here and more' }, body: 'Hi' }).code).toBe('VALIDATION');
    // Offsets that do not hold the quote in the saved story.
    expect(t.fails('comments.create', { storyId, anchor: { ...anchor, start: 0, end: PHRASE.length }, body: 'Hi' })).toMatchObject({ code: 'CONFLICT' });
    expect(t.fails('comments.reply', { threadId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', body: 'Hi' }).code).toBe('NOT_FOUND');
    expect(t.ok('comments.list', { storyId }).threads).toEqual([]);
  });

  it('refuses to comment for someone the policy refuses (nobody signed in)', () => {
    t = openTestBackend();
    const storyId = storyWith(doc(para(A, SENTENCE)));
    const thread = t.ok('comments.create', { storyId, anchor: anchorOn(A, SENTENCE, PHRASE), body: 'Before sign-out' });
    const db = new Database(join(t.dataDir, 'copydesk.sqlite'));
    db.prepare(`DELETE FROM settings WHERE key = 'current_profile'`).run();
    db.close();
    const refused = t.fails('comments.create', { storyId, anchor: anchorOn(A, SENTENCE, PHRASE), body: 'Who am I?' });
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: 'Choose who is writing first.' });
    expect(t.fails('comments.reply', { threadId: thread.id, body: 'Hi' }).code).toBe('FORBIDDEN');
    expect(t.fails('comments.resolve', { threadId: thread.id }).code).toBe('FORBIDDEN');
    // Reading stays open.
    expect(t.ok('comments.list', { storyId }).threads).toHaveLength(1);
  });
});

describe('anchors after the story is edited', () => {
  it('follows the phrase when the sentence is rewritten around it, and stores the new place', () => {
    t = openTestBackend();
    const storyId = storyWith(doc(para(A, SENTENCE)));
    const thread = t.ok('comments.create', { storyId, anchor: anchorOn(A, SENTENCE, PHRASE), body: 'Which bridge?' });
    const rewritten = 'After a long debate the council agreed on Tuesday to close the old bridge, which needs repairs.';
    save(storyId, doc(para(A, rewritten)));
    const [listed] = t.ok('comments.list', { storyId }).threads;
    expect(listed).toMatchObject({ id: thread.id, orphaned: false, quote: PHRASE, anchor: { blockId: A, quote: PHRASE, start: rewritten.indexOf(PHRASE) } });

    // The next edit changes a word inside the phrase: still attached, to the changed words.
    const changed = rewritten.replace('old bridge', 'historic bridge');
    save(storyId, doc(para(A, changed)));
    expect(t.ok('comments.list', { storyId }).threads[0]!.anchor.quote).toBe('close the historic bridge');
  });

  it('keeps an orphaned thread with its quote, and re-attaches it when the text comes back', () => {
    t = openTestBackend();
    const storyId = storyWith(doc(para(A, SENTENCE), para(B, 'Another paragraph.')));
    t.ok('comments.create', { storyId, anchor: anchorOn(B, 'Another paragraph.', 'Another'), body: 'Still here' });
    const thread = t.ok('comments.create', { storyId, anchor: anchorOn(A, SENTENCE, PHRASE), body: 'Which bridge?' });
    save(storyId, doc(para(A, 'The council voted on Tuesday.'), para(B, 'Another paragraph.')));
    const listed = t.ok('comments.list', { storyId });
    const orphan = listed.threads.find((x) => x.id === thread.id)!;
    expect(orphan).toMatchObject({ orphaned: true, quote: PHRASE, body: 'Which bridge?' });
    // Orphaned threads come after the anchored ones, and still count as open.
    expect(listed.threads.at(-1)!.id).toBe(thread.id);
    expect(listed.openCount).toBe(2);

    save(storyId, doc(para(A, SENTENCE), para(B, 'Another paragraph.')));
    expect(t.ok('comments.list', { storyId }).threads.find((x) => x.id === thread.id)).toMatchObject({ orphaned: false, anchor: { quote: PHRASE } });
  });
});

describe('comments in the library', () => {
  it('shows the number of open threads per story and deletes comments with the story when the trash is emptied', () => {
    t = openTestBackend();
    const storyId = storyWith(doc(para(A, SENTENCE)));
    const other = storyWith(doc(para(A, 'Nothing to see.')), 'Quiet story');
    const first = t.ok('comments.create', { storyId, anchor: anchorOn(A, SENTENCE, PHRASE), body: 'One' });
    t.ok('comments.create', { storyId, anchor: anchorOn(A, SENTENCE, 'council'), body: 'Two' });
    t.ok('comments.resolve', { threadId: first.id });
    const counts = () => Object.fromEntries(t.ok('stories.list', {}).items.map((s) => [s.id, s.commentCount]));
    expect(counts()).toEqual({ [storyId]: 1, [other]: 0 });
    t.ok('comments.reopen', { threadId: first.id });
    expect(counts()[storyId]).toBe(2);

    t.ok('stories.trash', { id: storyId });
    expect(t.fails('comments.create', { storyId, anchor: anchorOn(A, SENTENCE, PHRASE), body: 'In the trash' }).code).toBe('CONFLICT');
    t.ok('stories.emptyTrash', {});
    const db = new Database(join(t.dataDir, 'copydesk.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM comments').get()).toEqual({ n: 0 });
    db.close();
    expect(t.fails('comments.reply', { threadId: first.id, body: 'Gone?' }).code).toBe('NOT_FOUND');
  });
});
