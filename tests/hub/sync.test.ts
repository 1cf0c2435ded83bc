import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Change, PushResponse, type PullResponse } from '../../shared/sync/protocol.ts';
import { DATABASE_LABEL, startTestHub, type TestHub } from './support/hub.ts';
import {
  createMutation,
  pullAll,
  push,
  pushOne,
  revision,
  revisionMutation,
  snapshot,
  storyIn,
  transitionMutation,
  type Signed,
} from './syncFixtures.ts';

/** Every table of the hub, every row, in a fixed order, as PostgreSQL spells it: what "nothing changed" means. */
async function dumpTables(hub: TestHub): Promise<string> {
  const tables = await hub.deps.sql.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  const parts: string[] = [];
  for (const { tablename } of tables) {
    const rows = await hub.deps.sql.query<{ row: string }>(`SELECT t::text AS row FROM "${tablename}" AS t ORDER BY 1`);
    parts.push(`## ${tablename}\n${rows.map((r) => r.row).join('\n')}`);
  }
  return parts.join('\n');
}

describe(`sync push and pull over HTTP (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  let editor: Signed;
  let reporter: Signed;
  let otherReporter: Signed;

  beforeAll(async () => {
    hub = await startTestHub();
    editor = await hub.signIn('editor');
    reporter = await hub.signIn('reporter');
    otherReporter = await hub.signIn('reporter');
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('stores a new story and its first revision, and moves the head with each revision', async () => {
    const storyId = ulid();
    const first = revision(storyId, reporter.user, [], snapshot('Port reopens', ['Ships returned on Monday.']));
    const results = await push(hub, reporter, [createMutation(storyId, 'Port reopens'), revisionMutation(storyId, null, first)]);
    expect(results).toEqual([
      { id: expect.any(String), status: 'applied', head: null, storyStatus: 'draft' },
      { id: expect.any(String), status: 'applied', head: first.revision.id, storyStatus: 'draft' },
    ]);
    const second = revision(storyId, reporter.user, [first.revision.id], snapshot('Port reopens after storm', ['Ships returned on Monday.', 'Dockers cheered.']));
    expect(await pushOne(hub, reporter, revisionMutation(storyId, first.revision.id, second))).toMatchObject({ status: 'applied', head: second.revision.id });
    const rows = await hub.deps.sql.query<{ headline: string; head_revision_id: string }>('SELECT headline, head_revision_id FROM stories WHERE id = $1', [storyId]);
    expect(rows).toEqual([{ headline: 'Port reopens after storm', head_revision_id: second.revision.id }]);
  });

  it('answers a stale base with conflict and the hub’s head, keeping that version beside the main line for the merge', async () => {
    const { storyId, head } = await storyIn(hub, reporter, editor, 'draft');
    const desk = revision(storyId, editor.user, [head], snapshot('Desk version', ['Edited on the desk.']));
    expect(await pushOne(hub, editor, revisionMutation(storyId, head, desk))).toMatchObject({ status: 'applied', head: desk.revision.id });
    // The reporter, offline, kept writing on the old head.
    const stale = revision(storyId, reporter.user, [head], snapshot('Reporter version', ['Written offline.']));
    const answer = await pushOne(hub, reporter, revisionMutation(storyId, head, stale));
    expect(answer).toEqual({
      id: expect.any(String),
      status: 'conflict',
      reason: expect.stringContaining('changed on the hub'),
      head: desk.revision.id,
      storyStatus: 'draft',
    });
    // The reporter's version is kept beside the main line; the head stays the desk's.
    const stored = await hub.deps.sql.query('SELECT s.head_revision_id FROM revisions r JOIN stories s ON s.id = r.story_id WHERE r.id = $1', [stale.revision.id]);
    expect(stored).toEqual([{ head_revision_id: desk.revision.id }]);
    // After merging, the reporter pushes a merge of both on the hub's head: accepted.
    const merge = revision(storyId, reporter.user, [desk.revision.id, stale.revision.id], snapshot('Merged', ['Edited on the desk.', 'Written offline.']), 'merge');
    expect(await pushOne(hub, reporter, revisionMutation(storyId, desk.revision.id, merge))).toMatchObject({ status: 'applied', head: merge.revision.id });
  });

  it('refuses a revision whose id does not match its content, or that names someone else as author', async () => {
    const { storyId, head } = await storyIn(hub, reporter, editor, 'draft');
    const honest = revision(storyId, reporter.user, [head], snapshot('Honest', ['Text.']));
    const tampered = { ...honest, snapshot: { ...honest.snapshot, headline: 'Tampered' } };
    expect(await pushOne(hub, reporter, revisionMutation(storyId, head, tampered))).toMatchObject({
      status: 'invalid',
      reason: expect.stringContaining('does not match its content'),
    });
    const forged = revision(storyId, editor.user, [head], snapshot('In the editor’s name', ['Text.']));
    expect(await pushOne(hub, reporter, revisionMutation(storyId, head, forged))).toMatchObject({
      status: 'invalid',
      reason: expect.stringContaining('authorId must be the signed-in person'),
    });
    const orphan = revision(storyId, reporter.user, [head, 'a'.repeat(64)], snapshot('Orphan', ['Text.']));
    expect(await pushOne(hub, reporter, revisionMutation(storyId, head, orphan))).toMatchObject({
      status: 'invalid',
      reason: `Parent revision ${'a'.repeat(64)} is not on the hub.`,
    });
    expect(await pushOne(hub, reporter, revisionMutation(ulid(), null, revision(ulid(), reporter.user, [], snapshot('x', ['y']))))).toMatchObject({
      status: 'invalid',
      reason: expect.stringContaining('not on the hub'),
    });
  });

  it('answers a transition the story has moved past with conflict', async () => {
    const { storyId } = await storyIn(hub, reporter, editor, 'submitted');
    expect(await pushOne(hub, editor, transitionMutation(storyId, 'claim', 'submitted'))).toMatchObject({ status: 'applied', storyStatus: 'in_review' });
    // The reporter, offline, withdraws the story they last saw as submitted.
    expect(await pushOne(hub, reporter, transitionMutation(storyId, 'withdraw', 'submitted'))).toEqual({
      id: expect.any(String),
      status: 'conflict',
      reason: 'This story is already in review.',
      head: expect.any(String),
      storyStatus: 'in_review',
    });
  });

  it('leaves every table byte-for-byte the same when a push is replayed 10 times, and answers each replay with the first answers', async () => {
    const storyId = ulid();
    const first = revision(storyId, reporter.user, [], snapshot('Replayed', ['One.']));
    const second = revision(storyId, reporter.user, [first.revision.id], snapshot('Replayed', ['One.', 'Two.']));
    const threadId = ulid();
    const mutations = [
      createMutation(storyId, 'Replayed'),
      revisionMutation(storyId, null, first),
      revisionMutation(storyId, first.revision.id, second),
      { id: ulid(), type: 'comment.create', storyId, payload: { commentId: threadId, anchor: { blockId: (second.snapshot.body.root.children[0]!.$ as { blockId: string }).blockId, start: 0, end: 3, quote: 'One' }, body: 'Source?', mentions: [] } },
      { id: ulid(), type: 'comment.reply', storyId, payload: { commentId: ulid(), threadId, body: 'The port authority.', mentions: [] } },
      { id: ulid(), type: 'comment.resolve', storyId, payload: { threadId } },
      transitionMutation(storyId, 'submit', 'draft', 'Ready for the desk'),
      // Refused and invalid answers are stored and replayed too.
      transitionMutation(storyId, 'publish', 'submitted'),
      revisionMutation(ulid(), null, revision(ulid(), reporter.user, [], snapshot('Nowhere', ['x']))),
    ];
    const body = { workstationId: 'ws-replay', mutations };
    const firstReply = await hub.request<PushResponse>('POST', '/v1/sync/push', { token: reporter.token, body });
    expect(firstReply.status).toBe(200);
    expect(firstReply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'refused', 'invalid']);
    const before = await dumpTables(hub);
    const firstAnswers = firstReply.body.results.map((r) => JSON.stringify(r));

    for (let i = 0; i < 10; i++) {
      hub.clock.advance(60_000);
      const response = await fetch(new URL('v1/sync/push', hub.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reporter.token}` },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      const replay = PushResponse.parse(JSON.parse(text));
      expect(replay.results.map((r) => r.status)).toEqual(mutations.map(() => 'duplicate'));
      // The first answer, byte for byte, inside each duplicate.
      for (const [index, answer] of firstAnswers.entries()) {
        expect(text).toContain(`"first":${answer}`);
        expect(replay.results[index]!.id).toBe(mutations[index]!.id);
      }
      expect(await dumpTables(hub)).toBe(before);
    }
  });

  it('does not treat another person’s mutation id as their retry', async () => {
    const { storyId } = await storyIn(hub, reporter, editor, 'draft');
    const mutation = transitionMutation(storyId, 'submit', 'draft');
    expect(await pushOne(hub, reporter, mutation)).toMatchObject({ status: 'applied' });
    const [answer] = await push(hub, otherReporter, [mutation]);
    expect(answer).toMatchObject({ status: 'invalid', reason: expect.stringContaining('already used for a different change') });
  });

  describe('pull', () => {
    it('returns changes in order, page by page, with a cursor that resumes where the last page ended', async () => {
      const start = (await pullAll(hub, editor, null, 1000));
      expect(start.more).toBe(false);
      const cursor = start.cursor;
      const { storyId } = await storyIn(hub, reporter, editor, 'approved');
      // create (story), revision (revision + story), submit (workflow + story + reveal: revision), approve (workflow + story).
      const all = await pullAll(hub, editor, cursor, 1000);
      const kinds = all.changes.filter((c) => c.storyId === storyId).map((c) => c.kind);
      expect(kinds).toEqual(['story', 'revision', 'story', 'workflow', 'story', 'revision', 'workflow', 'story']);
      for (const change of all.changes) Change.parse(change);
      const seqs = all.changes.map((c) => c.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(all.changes.at(-1)).toMatchObject({ kind: 'story', story: { id: storyId, status: 'approved', ownerId: reporter.user.id } });
      const revisionChange = all.changes.find((c) => c.kind === 'revision');
      expect(revisionChange).toMatchObject({ snapshot: { headline: 'Chongqing pilots service industry reform' } });

      // Pages of 3 give the same changes, in the same order, and end with more: false.
      const paged: Change[] = [];
      let page: PullResponse = { changes: [], cursor, more: true };
      let pages = 0;
      while (page.more) {
        page = await pullAll(hub, editor, page.cursor, 3);
        paged.push(...page.changes);
        pages += 1;
        expect(page.changes.length).toBeLessThanOrEqual(3);
      }
      expect(pages).toBe(Math.ceil(all.changes.length / 3) + (all.changes.length % 3 === 0 ? 1 : 0));
      expect(paged).toEqual(all.changes);
      expect(page.cursor).toBe(all.cursor);
      // Nothing new: an empty page and the same cursor.
      expect(await pullAll(hub, editor, all.cursor)).toEqual({ changes: [], cursor: all.cursor, more: false });
    });

    it('keeps a reporter’s draft from another reporter until it reaches the desk, then sends its text and comments', async () => {
      const cursor = (await pullAll(hub, otherReporter, null, 1000)).cursor;
      const { storyId, head } = await storyIn(hub, reporter, editor, 'draft');
      const commentId = ulid();
      const note = { id: ulid(), type: 'comment.create', storyId, payload: { commentId, anchor: { blockId: 'b0000000000000001', start: 0, end: 3, quote: 'The' }, body: 'Check the date.', mentions: [] } };
      // The block id above is made up: the hub anchors comments by what the workstation says.
      expect(await pushOne(hub, editor, note)).toMatchObject({ status: 'applied' });

      const hidden = await pullAll(hub, otherReporter, cursor, 1000);
      expect(hidden.changes.filter((c) => c.storyId === storyId)).toEqual([]);
      const mine = await pullAll(hub, reporter, cursor, 1000);
      expect(mine.changes.filter((c) => c.storyId === storyId).map((c) => c.kind)).toEqual(['story', 'revision', 'story', 'comment']);
      const desk = await pullAll(hub, editor, cursor, 1000);
      expect(desk.changes.filter((c) => c.storyId === storyId)).toHaveLength(4);

      // Another reporter cannot comment on the draft either.
      const peek = { id: ulid(), type: 'comment.create', storyId, payload: { commentId: ulid(), anchor: { blockId: 'b0000000000000001', start: 0, end: 3, quote: 'The' }, body: 'Hi', mentions: [] } };
      expect(await pushOne(hub, otherReporter, peek)).toMatchObject({ status: 'refused' });

      expect(await pushOne(hub, reporter, transitionMutation(storyId, 'submit', 'draft'))).toMatchObject({ status: 'applied', storyStatus: 'submitted' });
      const revealed = await pullAll(hub, otherReporter, hidden.cursor, 1000);
      const changes = revealed.changes.filter((c) => c.storyId === storyId);
      expect(changes.map((c) => c.kind)).toEqual(['workflow', 'story', 'revision', 'comment']);
      expect(changes[2]).toMatchObject({ kind: 'revision', revision: { id: head }, snapshot: { headline: 'Chongqing pilots service industry reform' } });
      expect(changes[3]).toMatchObject({ kind: 'comment', comment: { id: commentId, body: 'Check the date.', authorId: editor.user.id } });
    });

    it('lets an intern’s supervisor read the intern’s draft', async () => {
      const intern = await hub.signIn('intern', { supervisorId: reporter.user.id });
      const cursor = (await pullAll(hub, reporter, null, 1000)).cursor;
      const { storyId } = await storyIn(hub, intern, editor, 'draft');
      const seen = await pullAll(hub, reporter, cursor, 1000);
      expect(seen.changes.filter((c) => c.storyId === storyId).map((c) => c.kind)).toEqual(['story', 'revision', 'story']);
      const other = await pullAll(hub, otherReporter, cursor, 1000);
      expect(other.changes.filter((c) => c.storyId === storyId)).toEqual([]);
    });
  });

  it('records proposals and their decisions, and refuses a decision from someone who may not decide', async () => {
    const { storyId, head } = await storyIn(hub, reporter, editor, 'draft');
    const intern = await hub.signIn('intern', { supervisorId: otherReporter.user.id });
    const proposed = revision(storyId, intern.user, [head], snapshot('Better headline', ['The city opened its first pilot zone.']), 'proposal');
    const proposalId = ulid();
    const send = { id: ulid(), type: 'proposal.send', storyId, payload: { proposalId, message: 'Tighter headline', ...proposed } };
    expect(await pushOne(hub, intern, send)).toMatchObject({ status: 'applied', head });
    // The story's head does not move for a proposal.
    const decide = (decision: 'accept' | 'reject') => ({ id: ulid(), type: 'proposal.decide', storyId, payload: { proposalId, key: 'field:headline', decision } });
    const stranger = await hub.signIn('reporter');
    expect(await pushOne(hub, stranger, decide('accept'))).toMatchObject({ status: 'refused', reason: expect.stringContaining("Only the story's owner") });
    expect(await pushOne(hub, intern, decide('accept'))).toMatchObject({ status: 'refused', reason: expect.stringContaining("Interns can't accept proposals") });
    // The proposing intern's supervisor may decide, on someone else's story.
    expect(await pushOne(hub, otherReporter, decide('reject'))).toMatchObject({ status: 'applied' });
    expect(await pushOne(hub, reporter, decide('accept'))).toMatchObject({ status: 'conflict', reason: 'This change was already rejected.' });
    const changes = (await pullAll(hub, reporter, null, 1000)).changes.filter((c) => c.storyId === storyId && c.kind === 'proposal');
    expect(changes.at(-1)).toMatchObject({ proposal: { id: proposalId, revisionId: proposed.revision.id, decisions: [{ key: 'field:headline', decision: 'rejected', deciderId: otherReporter.user.id }] } });
  });

  it('sends a nudge on the event stream after a push', async () => {
    const abort = new AbortController();
    const response = await fetch(new URL('v1/events', hub.url), { headers: { authorization: `Bearer ${editor.token}` }, signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended; got ${received}`);
        received += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/event: ready\n/);
    await storyIn(hub, reporter, editor, 'draft');
    // The nudge names the change log's latest seq: the cursor a pull from the start ends at.
    // (Other nudges may come too: on a shared PostgreSQL, hubs in other schemas notify the same channel.)
    const latest = (await pullAll(hub, editor, null, 1000)).cursor;
    await readUntil(new RegExp(`event: changed\ndata: \\{"seq":${latest}\\}\n\n`));
    abort.abort();
  });

  it('refuses pushes and pulls without a session', async () => {
    const response = await hub.request('POST', '/v1/sync/push', { body: { workstationId: 'ws', mutations: [] } });
    expect(response.status).toBe(401);
    const pull = await hub.request('POST', '/v1/sync/pull', { body: { cursor: null } });
    expect(pull.status).toBe(401);
  });
});
