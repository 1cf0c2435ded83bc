import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../../main/backend/backend.ts';
import { EDIT_PAUSE_COUNTS_UP_TO_MS, IDLE_CHECKPOINT_AFTER_MS } from '../../../../main/backend/handlers/revisions.ts';
import { openStore } from '../../../../main/store/db.ts';
import { decompressSnapshot, revisionId } from '../../../../main/store/revisions.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/api/contract.ts';
import type { ApiError, Result } from '../../../../shared/api/errors.ts';
import { canonicalJson } from '../../../../shared/review/canonicalJson.ts';
import { importWebText } from '../../../../shared/transfer/importWebText.ts';
import { docOf, longDoc } from '../../../support/documents.ts';
import { makeTempDir } from '../../../support/tempDir.ts';

/** A backend whose clock only moves when the test says so. */
class Desk {
  readonly backend: Backend;
  readonly dataDir: string;
  private readonly remove: () => void;
  time = Date.parse('2025-03-01T09:00:00.000Z');

  constructor() {
    const { dir, remove } = makeTempDir('copydesk-revisions-');
    this.dataDir = dir;
    this.remove = remove;
    this.backend = createBackend({ dataDir: dir, now: () => new Date(this.time) });
    this.ok('session.createProfile', { name: 'Vivian Yan', role: 'reporter' });
  }

  advance(ms: number): void {
    this.time += ms;
  }

  ok<M extends MethodName>(name: M, input: MethodInput<M>): MethodOutput<M> {
    const result = this.backend.callSync(name, input) as Result<MethodOutput<M>>;
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  fails(name: string, input: unknown): ApiError {
    const result = this.backend.callSync(name, input);
    expect(result.ok, `${name} should have failed`).toBe(false);
    return (result as { ok: false; error: ApiError }).error;
  }

  newStory(headline = 'Flood defences'): string {
    return this.ok('stories.create', { headline }).id;
  }

  save(id: string, text: string, headline = 'Flood defences'): void {
    this.ok('stories.save', { id, headline, standfirst: '', body: docOf(text) });
  }

  history(id: string) {
    return this.ok('revisions.list', { storyId: id });
  }

  close(): void {
    this.backend.close();
    this.remove();
  }
}

const bodyText = (snapshot: { body: { root: { children: unknown[] } } }) =>
  (snapshot.body.root.children as Array<{ children: Array<{ text: string }> }>).map((p) => p.children.map((c) => c.text).join('')).join('\n');

let desk: Desk;
beforeEach(() => {
  desk = new Desk();
});
afterEach(() => desk.close());

describe('revisions are content addressed', () => {
  it('an id is the sha256 of the canonical JSON of snapshot, parents and metadata', () => {
    const id = desk.newStory();
    desk.save(id, 'The river rose two metres overnight.');
    const { revision } = desk.ok('revisions.checkpoint', { storyId: id, message: 'First draft' });
    const got = desk.ok('revisions.get', { id: revision.id });
    // The author is the person writing, with their name kept as it was.
    expect(got.authorName).toBe('Vivian Yan');
    expect(got.authorId).toBe(desk.ok('session.get', {}).profile!.id);
    const { snapshot, parents } = got;
    const metadata = { storyId: id, authorId: got.authorId, authorName: got.authorName, createdAt: got.createdAt, kind: got.kind, message: got.message };
    const expected = createHash('sha256').update(canonicalJson({ metadata, parents, snapshot })).digest('hex');
    expect(revision.id).toBe(expected);
    // Same content, keys in any order → the same id.
    const shuffled = { body: snapshot.body, language: snapshot.language, byline: snapshot.byline, dateline: snapshot.dateline, standfirst: snapshot.standfirst, headline: snapshot.headline };
    expect(revisionId(shuffled, parents, { ...metadata })).toBe(revision.id);
    // Any change of content, parent or metadata → another id.
    expect(revisionId({ ...snapshot, headline: 'Flood defences!' }, parents, metadata)).not.toBe(revision.id);
    expect(revisionId(snapshot, ['a'.repeat(64)], metadata)).not.toBe(revision.id);
    expect(revisionId(snapshot, parents, { ...metadata, message: 'x' })).not.toBe(revision.id);
  });

  it('a checkpoint equal to the head is not stored again: the head comes back', () => {
    const id = desk.newStory();
    desk.save(id, 'Version one.');
    const first = desk.ok('revisions.checkpoint', { storyId: id });
    expect(first.created).toBe(true);
    desk.advance(60_000);
    const again = desk.ok('revisions.checkpoint', { storyId: id, message: 'pressed Ctrl+S twice' });
    expect(again).toEqual({ revision: first.revision, created: false });
    expect(desk.history(id).items).toHaveLength(1);

    desk.save(id, 'Version two.');
    const second = desk.ok('revisions.checkpoint', { storyId: id });
    expect(second.created).toBe(true);
    expect(second.revision.parents).toEqual([first.revision.id]);
    expect(first.revision.parents).toEqual([]);
    const list = desk.history(id);
    expect(list.items.map((r) => r.id)).toEqual([second.revision.id, first.revision.id]);
    expect(list.headId).toBe(second.revision.id);
  });

  it('stores the snapshot brotli-compressed and gives it back exactly', () => {
    const id = desk.newStory('Council budget');
    const body = longDoc(5_000, 3, 'Zürich — 重庆 “quotes” and emoji 🗞️ survive.');
    desk.ok('stories.save', {
      id,
      headline: 'Council budget',
      standfirst: 'A dek with ünïcödé',
      body,
      dateline: { place: 'Chongqing', date: '2021-09-06' },
      byline: [{ personId: null, name: 'Vivian Yan', role: 'author' }],
    });
    const { revision } = desk.ok('revisions.checkpoint', { storyId: id });
    const got = desk.ok('revisions.get', { id: revision.id });
    const story = desk.ok('stories.get', { id });
    expect(got.snapshot).toEqual({
      headline: story.headline,
      standfirst: story.standfirst,
      dateline: story.dateline,
      byline: story.byline,
      language: story.language,
      body: story.body,
    });
    // Byte for byte: the stored blob is the canonical JSON, compressed well.
    const { db } = openStore({ dataDir: desk.dataDir });
    const row = db.prepare('SELECT snapshot, size_raw, size_stored FROM revisions WHERE id = ?').get(revision.id) as { snapshot: Buffer; size_raw: number; size_stored: number };
    db.close();
    expect(decompressSnapshot(row.snapshot)).toBe(canonicalJson(got.snapshot));
    expect(row.size_raw).toBe(Buffer.byteLength(canonicalJson(got.snapshot)));
    expect(row.size_stored).toBe(row.snapshot.length);
    expect(row.size_stored).toBeLessThan(row.size_raw / 4);
    expect(revision.sizeStored).toBe(row.size_stored);
  });
});

describe('revisions.restore', () => {
  it('brings an old version back and keeps everything: the pre-restore state and the restore are both in history', () => {
    const id = desk.newStory();
    desk.save(id, 'The river rose two metres.');
    const v1 = desk.ok('revisions.checkpoint', { storyId: id, message: 'first' }).revision;
    desk.advance(60_000);
    desk.save(id, 'The river rose three metres, officials said.');
    const v2 = desk.ok('revisions.checkpoint', { storyId: id, message: 'second' }).revision;
    desk.advance(60_000);
    // Typed after the last checkpoint: must not be lost by the restore.
    desk.save(id, 'Unsaved thought about the mayor.');
    const revisionBefore = desk.ok('stories.get', { id }).revision;

    const events: Array<{ event: string; payload: unknown }> = [];
    desk.backend.subscribe((event, payload) => events.push({ event, payload }));
    desk.advance(60_000);
    const result = desk.ok('revisions.restore', { storyId: id, revisionId: v1.id });

    // The working copy is the old version, and the editor is told.
    const story = desk.ok('stories.get', { id });
    expect(bodyText(story)).toBe('The river rose two metres.');
    expect(story.revision).toBe(revisionBefore + 1);
    expect(result.storyRevision).toBe(story.revision);
    expect(events).toContainEqual({ event: 'story.changed', payload: { id, revision: story.revision } });

    // Nothing lost: the pre-restore text is a checkpoint, the restore is another on top of it.
    expect(result.before.kind).toBe('restore');
    expect(result.before.parents).toEqual([v2.id]);
    expect(bodyText(desk.ok('revisions.get', { id: result.before.id }).snapshot)).toBe('Unsaved thought about the mayor.');
    expect(result.restored.kind).toBe('restore');
    expect(result.restored.parents).toEqual([result.before.id]);
    expect(result.restored.message).toMatch(/^Restored the version of 2025-03-01 09:0\d UTC$/);
    expect(bodyText(desk.ok('revisions.get', { id: result.restored.id }).snapshot)).toBe('The river rose two metres.');

    const history = desk.history(id);
    expect(history.items.map((r) => r.id)).toEqual([result.restored.id, result.before.id, v2.id, v1.id]);
    expect(history.headId).toBe(result.restored.id);
    // The restored revision has the same content as v1 but is a new revision (its own place in history).
    expect(result.restored.id).not.toBe(v1.id);
  });

  it('restores the header too (headline, standfirst, byline, dateline)', () => {
    const id = desk.newStory('Old headline');
    desk.ok('stories.save', {
      id,
      headline: 'Old headline',
      standfirst: 'Old dek',
      body: docOf('Old body.'),
      dateline: { place: 'Chongqing', date: '2021-09-06' },
      byline: [{ personId: null, name: 'Vivian Yan', role: 'author' }],
    });
    const old = desk.ok('revisions.checkpoint', { storyId: id }).revision;
    desk.ok('stories.save', { id, headline: 'New headline', standfirst: 'New dek', body: docOf('New body.'), dateline: { place: 'Beijing', date: null }, byline: [] });
    desk.ok('revisions.restore', { storyId: id, revisionId: old.id });
    const story = desk.ok('stories.get', { id });
    expect(story).toMatchObject({ headline: 'Old headline', standfirst: 'Old dek', dateline: { place: 'Chongqing', date: '2021-09-06' }, byline: [{ name: 'Vivian Yan' }] });
    // Search sees the restored text.
    expect(desk.ok('stories.list', { query: 'Old body' }).items.map((s) => s.id)).toEqual([id]);
  });

  it('refuses malformed input with VALIDATION', () => {
    const id = desk.newStory();
    expect(desk.fails('revisions.restore', { storyId: id }).code).toBe('VALIDATION');
    expect(desk.fails('revisions.restore', { storyId: id, revisionId: 'not-a-hash' }).code).toBe('VALIDATION');
    expect(desk.fails('revisions.restore', { storyId: id, revisionId: 'A'.repeat(64) }).code).toBe('VALIDATION');
    expect(desk.fails('revisions.restore', { storyId: 'x', revisionId: 'a'.repeat(64) }).code).toBe('VALIDATION');
    expect(desk.fails('revisions.restore', { storyId: id, revisionId: 'a'.repeat(64), extra: 1 }).code).toBe('VALIDATION');
    expect(desk.fails('revisions.checkpoint', { storyId: id, kind: 'merge' }).code).toBe('VALIDATION');
    expect(desk.fails('revisions.checkpoint', { storyId: id, message: 'x'.repeat(501) }).code).toBe('VALIDATION');
  });

  it('answers NOT_FOUND for unknown ids, and for a revision of another story', () => {
    const id = desk.newStory();
    desk.save(id, 'Mine.');
    const other = desk.newStory('Other');
    desk.save(other, 'Theirs.', 'Other');
    const theirs = desk.ok('revisions.checkpoint', { storyId: other }).revision;
    expect(desk.fails('revisions.restore', { storyId: id, revisionId: 'a'.repeat(64) }).code).toBe('NOT_FOUND');
    expect(desk.fails('revisions.restore', { storyId: id, revisionId: theirs.id }).code).toBe('NOT_FOUND');
    expect(desk.fails('revisions.restore', { storyId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', revisionId: theirs.id }).code).toBe('NOT_FOUND');
    expect(desk.fails('revisions.get', { id: 'b'.repeat(64) }).code).toBe('NOT_FOUND');
    expect(desk.fails('revisions.list', { storyId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }).code).toBe('NOT_FOUND');
    expect(desk.fails('revisions.checkpoint', { storyId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }).code).toBe('NOT_FOUND');
    // Nothing changed in the story that was asked about.
    expect(bodyText(desk.ok('stories.get', { id }))).toBe('Mine.');
    expect(desk.history(id).items).toHaveLength(0);
  });

  it('refuses to restore into a trashed story', () => {
    const id = desk.newStory();
    desk.save(id, 'Text.');
    const v = desk.ok('revisions.checkpoint', { storyId: id }).revision;
    desk.ok('stories.trash', { id });
    expect(desk.fails('revisions.restore', { storyId: id, revisionId: v.id }).code).toBe('CONFLICT');
  });
});

describe('history goes with its story', () => {
  it('emptying the trash deletes the story’s revisions and head', () => {
    const id = desk.newStory();
    desk.save(id, 'One.');
    const v = desk.ok('revisions.checkpoint', { storyId: id }).revision;
    desk.save(id, 'Two.');
    desk.ok('revisions.checkpoint', { storyId: id });
    const keep = desk.newStory('Keep');
    desk.save(keep, 'Kept.', 'Keep');
    desk.ok('revisions.checkpoint', { storyId: keep });

    desk.ok('stories.trash', { id });
    // Trash alone keeps the history (the story can come back).
    expect(desk.ok('revisions.get', { id: v.id }).id).toBe(v.id);
    desk.ok('stories.emptyTrash', {});
    expect(desk.fails('revisions.get', { id: v.id }).code).toBe('NOT_FOUND');
    const { db } = openStore({ dataDir: desk.dataDir });
    const counts = db.prepare('SELECT (SELECT count(*) FROM revisions) AS revisions, (SELECT count(*) FROM story_heads) AS heads').get();
    db.close();
    expect(counts).toEqual({ revisions: 1, heads: 1 });
    expect(desk.history(keep).items).toHaveLength(1);
  });
});

describe('idle checkpoints', () => {
  /** Autosaves every `everyMs` (ten seconds: the rule is about time, not the number of saves) for `forMs`, each with new text. */
  const type = (id: string, forMs: number, from: number, everyMs = 10_000) => {
    for (let t = 0, n = from; t < forMs; t += everyMs, n++) {
      desk.advance(everyMs);
      desk.save(id, `Paragraph typed so far, ${n} words.`);
    }
  };

  it('autosaves alone never checkpoint until ten minutes of editing, then exactly one', () => {
    const id = desk.newStory();
    // The first save starts the count; 58 saves ten seconds apart are 9 m 30 s of editing.
    type(id, IDLE_CHECKPOINT_AFTER_MS - 20_000, 0);
    expect(desk.history(id).items).toHaveLength(0);
    type(id, 30_000, 1_000);
    const items = desk.history(id).items;
    expect(items).toHaveLength(1);
    expect(items[0]!.kind).toBe('idle');
    expect(items[0]!.message).toBe('After 10 minutes of editing');
    expect(bodyText(desk.ok('revisions.get', { id: items[0]!.id }).snapshot)).toBe('Paragraph typed so far, 1002 words.');
    // The count restarts from that checkpoint: the next one comes ten minutes of editing later.
    type(id, IDLE_CHECKPOINT_AFTER_MS - 20_000, 2_000);
    expect(desk.history(id).items).toHaveLength(1);
    type(id, 20_000, 3_000);
    expect(desk.history(id).items.map((r) => r.kind)).toEqual(['idle', 'idle']);
  });

  it('a long pause is not editing time; an explicit save restarts the count', () => {
    const id = desk.newStory();
    type(id, 5 * 60_000, 0); // 4 m 50 s of editing
    // Lunch: the next save is two hours later, which counts only as a short pause.
    desk.advance(2 * 3_600_000);
    desk.save(id, 'After lunch.'); // + 1 min
    expect(EDIT_PAUSE_COUNTS_UP_TO_MS).toBe(60_000);
    type(id, 4 * 60_000, 100); // + 4 min = 9 m 50 s
    expect(desk.history(id).items).toHaveLength(0);
    type(id, 10_000, 200); // 10 min
    expect(desk.history(id).items.map((r) => r.kind)).toEqual(['idle']);

    desk.save(id, 'Explicitly saved.');
    desk.ok('revisions.checkpoint', { storyId: id });
    type(id, IDLE_CHECKPOINT_AFTER_MS - 20_000, 300);
    expect(desk.history(id).items.map((r) => r.kind)).toEqual(['save', 'idle']);
  });

  it('saves that change nothing add no editing time and make no checkpoint', () => {
    const id = desk.newStory();
    desk.save(id, 'Same text.');
    for (let i = 0; i < 400; i++) {
      desk.advance(2_000);
      desk.save(id, 'Same text.');
    }
    expect(desk.history(id).items).toHaveLength(0);
  });
});

describe('imports are checkpointed', () => {
  it('stories.import makes an import revision of what was imported', () => {
    const draft = importWebText(readFileSync(join(process.cwd(), '..', 'shared', 'fixtures', 'articles', 'chongqing-service-pilot.web.txt'), 'utf8')).draft;
    const story = desk.ok('stories.import', draft);
    const items = desk.history(story.id).items;
    expect(items.map((r) => r.kind)).toEqual(['import']);
    const got = desk.ok('revisions.get', { id: items[0]!.id });
    expect(got.snapshot.headline).toBe(story.headline);
    expect(got.snapshot.body).toEqual(story.body);
    expect(got.snapshot.byline).toEqual(story.byline);
  });
});
