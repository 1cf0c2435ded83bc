import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newBlockId } from '../../shared/model/anatomy.ts';
import type { Change } from '../../shared/sync/protocol.ts';
import { finishMutation, pull } from '../../server/sync/changes.ts';
import { DATABASE_LABEL, startTestHub, type TestHub } from './support/hub.ts';
import { createMutation, pullAll, push, revision, revisionMutation, snapshot, type Signed } from './syncFixtures.ts';

/**
 * The change log under concurrent pushes (server/sync/changes.ts
 * `finishMutation`): seqs are handed out before commit, so the hub must
 * keep a pull from reading seq n+1 while n can still commit — a cursor past
 * n would skip that change for good. Many writers push at once while
 * several readers pull in small pages all the time; every reader must get
 * every change exactly once, in seq order, and every applied mutation's
 * change must be among them. On PostgreSQL the pushes really overlap (a
 * pool of connections); on PGlite they take turns, and the test still
 * checks pagination and the log's order.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`change log under concurrent pushes and pulls (${DATABASE_LABEL})`, () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('gives every reader every change exactly once and in order, with no mutation skipped', async () => {
    const WRITERS = 8;
    const PUSHES = 12;
    const READERS = 4;
    const writers: Array<Signed & { storyId: string; head: string }> = [];
    for (let i = 0; i < WRITERS; i++) {
      const who = await hub.signIn('reporter');
      const storyId = ulid();
      const first = revision(storyId, who.user, [], snapshot(`Story ${i}`, ['First paragraph.', 'Second paragraph.']));
      const results = await push(hub, who, [createMutation(storyId, `Story ${i}`), revisionMutation(storyId, null, first)]);
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
      writers.push({ ...who, storyId, head: first.revision.id });
    }
    // Desk readers read every story, drafts included: each must see the whole log.
    const readers = await Promise.all(Array.from({ length: READERS }, () => hub.signIn('editor')));

    const appliedComments = new Set<string>();
    const appliedRevisions = new Set<string>();
    let writing = true;

    const write = async (w: (typeof writers)[number], index: number) => {
      for (let n = 0; n < PUSHES; n++) {
        if (n % 3 === 2) {
          const next = revision(w.storyId, w.user, [w.head], snapshot(`Story ${index}`, [`Edit ${n}.`, 'Second paragraph.']));
          const [result] = await push(hub, w, [revisionMutation(w.storyId, w.head, next)], `ws-${index}`);
          expect(result).toMatchObject({ status: 'applied' });
          w.head = next.revision.id;
          appliedRevisions.add(next.revision.id);
        } else {
          // Two comments in one push: two transactions, back to back, from one workstation.
          const ids = [ulid(), ulid()];
          const mutations = ids.map((commentId) => ({
            id: ulid(),
            type: 'comment.create',
            storyId: w.storyId,
            payload: { commentId, anchor: { blockId: newBlockId(), start: 0, end: 5, quote: 'First' }, body: `Note ${n}`, mentions: [] },
          }));
          const results = await push(hub, w, mutations, `ws-${index}`);
          expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
          for (const id of ids) appliedComments.add(id);
        }
      }
    };

    const read = async (reader: Signed) => {
      const seen: Change[] = [];
      let cursor: string | null = null;
      // Small pages while the writers write, then until the log is drained.
      for (let draining = false; ; ) {
        const page = await pullAll(hub, reader, cursor, 3);
        seen.push(...page.changes);
        cursor = page.cursor;
        if (page.more) continue;
        if (draining) break;
        if (!writing) draining = true;
      }
      return seen;
    };

    const reading = readers.map((reader) => read(reader));
    await Promise.all(writers.map((w, i) => write(w, i)));
    writing = false;
    const streams = await Promise.all(reading);

    const logged = await hub.deps.sql.query<{ seq: number }>('SELECT seq FROM change_log ORDER BY seq');
    const allSeqs = logged.map((r) => Number(r.seq));
    for (const stream of streams) {
      const seqs = stream.map((c) => c.seq);
      // In order, each once, and nothing of the log missing (readers are the desk: they read it all).
      expect(seqs).toEqual(allSeqs);
      const comments = stream.flatMap((c) => (c.kind === 'comment' ? [c.comment.id] : []));
      expect(new Set(comments)).toEqual(appliedComments);
      expect(comments).toHaveLength(appliedComments.size);
      const revisions = new Set(stream.flatMap((c) => (c.kind === 'revision' ? [c.revision.id] : [])));
      for (const id of appliedRevisions) expect(revisions.has(id)).toBe(true);
    }
    expect(appliedComments.size).toBe(WRITERS * 8 * 2);
  }, 120_000);

  it('keeps a pull from reading past a change that has its seq but has not committed yet', async () => {
    // The race made slow on purpose: T1 appends and then waits before committing; T2 appends meanwhile; a pull
    // runs while T1 is open. Without the ordering lock T2 takes seq n+1 and commits first, the pull's cursor
    // passes n, and T1's change is never pulled. With it, T2 waits for T1 (on PGlite everything takes turns).
    const owner = await hub.signIn('reporter');
    const desk = { id: (await hub.signIn('editor')).user.id, role: 'editor' as const };
    const storyId = ulid();
    expect((await push(hub, owner, [createMutation(storyId)]))[0]).toMatchObject({ status: 'applied' });
    const { cursor: start } = await pull(hub.deps.sql, desk, 0, 1000);
    const note = (text: string) => [{ storyId, kind: 'comment' as const, payload: { note: text } }];

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstSeq = 0;
    const first = hub.deps.sql.transaction(async (tx) => {
      firstSeq = await finishMutation(tx, { id: ulid(), result: '{}' }, note('first'), hub.clock.now());
      await gate;
    });
    while (firstSeq === 0) await sleep(5);
    let secondSeq = 0;
    const second = hub.deps.sql.transaction(async (tx) => {
      secondSeq = await finishMutation(tx, { id: ulid(), result: '{}' }, note('second'), hub.clock.now());
    });
    await sleep(150);
    const during = pull(hub.deps.sql, desk, Number(start), 1000);
    await sleep(150);
    release();
    await Promise.all([first, second]);
    const midway = await during;
    const rest = await pull(hub.deps.sql, desk, Number(midway.cursor), 1000);
    const seqs = [...midway.changes, ...rest.changes].map((c) => c.seq);
    expect(secondSeq).toBeGreaterThan(firstSeq);
    expect(seqs).toEqual([firstSeq, secondSeq]);
  }, 60_000);
});
