import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/sync/protocol.ts';
import { can } from '../../shared/workflow/policy.ts';
import { DATABASE_LABEL, startTestHub, type TestHub } from './support/hub.ts';
import { push, pullAll, pushOne, revision, revisionMutation, snapshot, storyIn, type Signed } from './syncFixtures.ts';

/**
 * The trash on the hub, over raw HTTP: who may trash and restore a whole
 * story (the shared policy's answer), what a pull says about a story in the
 * trash, and the rule that keeps edits: a revision reaching a trashed story
 * takes it out of the trash, and a trash made without having seen someone
 * else's newer edit is not made.
 */

const trashOf = (storyId: string, expectedHead: string | null) => ({ id: ulid(), type: 'article.trash', storyId, payload: { expectedHead } });
const restoreOf = (storyId: string) => ({ id: ulid(), type: 'article.restore', storyId, payload: {} });

/** The last `story` change about the story in a pull from the beginning: what a workstation ends up believing. */
async function lastStoryChange(hub: TestHub, who: Signed, storyId: string) {
  const changes = (await pullAll(hub, who, null, 1000)).changes.filter((c): c is Extract<Change, { kind: 'story' }> => c.kind === 'story' && c.storyId === storyId);
  return changes.at(-1)?.story;
}

async function trashedAt(hub: TestHub, storyId: string): Promise<Date | null> {
  const rows = await hub.deps.sql.query<{ trashed_at: Date | null }>('SELECT trashed_at FROM stories WHERE id = $1', [storyId]);
  return rows[0]!.trashed_at;
}

describe(`the trash on the hub (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  let editor: Signed;
  let owner: Signed;
  let otherReporter: Signed;
  let intern: Signed;

  beforeAll(async () => {
    hub = await startTestHub();
    editor = await hub.signIn('editor');
    owner = await hub.signIn('reporter');
    otherReporter = await hub.signIn('reporter');
    intern = await hub.signIn('intern');
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  describe('who may trash and restore a draft, as the shared policy says', () => {
    const people = () => ({ owner, 'another reporter': otherReporter, intern, editor });
    for (const who of ['owner', 'another reporter', 'intern', 'editor'] as const) {
      it(`${who}`, async () => {
        const actor = people()[who];
        const { storyId, head } = await storyIn(hub, owner, editor, 'draft');
        const access = { ownerId: owner.user.id, status: 'draft' as const, assigneeId: null, ownerSupervisorId: null };

        const trashExpected = can(actor.user, 'trash', access);
        const trashed = await pushOne(hub, actor, trashOf(storyId, head));
        if (trashExpected.ok) expect(trashed).toMatchObject({ status: 'applied', head, storyStatus: 'draft' });
        else expect(trashed).toEqual({ id: expect.any(String), status: 'refused', reason: trashExpected.reason });
        expect((await trashedAt(hub, storyId)) !== null).toBe(trashExpected.ok);

        // Whatever they could do, the story is in the trash now (its owner put it there) for the restore.
        if (!trashExpected.ok) expect(await pushOne(hub, owner, trashOf(storyId, head))).toMatchObject({ status: 'applied' });
        const restoreExpected = can(actor.user, 'restore', access);
        const restored = await pushOne(hub, actor, restoreOf(storyId));
        if (restoreExpected.ok) expect(restored).toMatchObject({ status: 'applied' });
        else expect(restored).toEqual({ id: expect.any(String), status: 'refused', reason: restoreExpected.reason });
        expect((await trashedAt(hub, storyId)) === null).toBe(restoreExpected.ok);
      });
    }

    it('the table above has both answers', () => {
      // The owner and the editor may, the other reporter and the intern may not.
      const access = { ownerId: owner.user.id, status: 'draft' as const, assigneeId: null, ownerSupervisorId: null };
      expect([owner, otherReporter, intern, editor].map((p) => can(p.user, 'trash', access).ok)).toEqual([true, false, false, true]);
    });

    it('a published story stays out of the trash, even for an editor', async () => {
      const { storyId, head } = await storyIn(hub, owner, editor, 'published');
      expect(await pushOne(hub, editor, trashOf(storyId, head))).toMatchObject({
        status: 'refused',
        reason: "A published story can't be moved to the trash; unpublish it first.",
      });
      expect(await trashedAt(hub, storyId)).toBeNull();
    });
  });

  it('a pull tells every reader the story is in the trash, and then that it is back', async () => {
    const { storyId, head } = await storyIn(hub, owner, editor, 'submitted');
    expect(await pushOne(hub, editor, trashOf(storyId, head))).toMatchObject({ status: 'applied' });
    // The other reporter could read the submitted story, so he hears it went to the trash.
    for (const reader of [owner, otherReporter, editor]) {
      const story = await lastStoryChange(hub, reader, storyId);
      expect(story?.trashedAt).toEqual(expect.any(String));
    }
    expect(await pushOne(hub, owner, restoreOf(storyId))).toMatchObject({ status: 'applied' });
    for (const reader of [owner, otherReporter, editor]) expect((await lastStoryChange(hub, reader, storyId))?.trashedAt).toBeNull();
  });

  it('an edit pushed to a trashed story takes it out of the trash; the edit is the head and is in the pull', async () => {
    const { storyId, head } = await storyIn(hub, owner, editor, 'draft');
    expect(await pushOne(hub, owner, trashOf(storyId, head))).toMatchObject({ status: 'applied' });
    const edit = revision(storyId, editor.user, [head], snapshot('Chongqing pilots service industry reform', ['Written while it was being trashed.']));
    expect(await pushOne(hub, editor, revisionMutation(storyId, head, edit))).toMatchObject({ status: 'applied', head: edit.revision.id });
    expect(await trashedAt(hub, storyId)).toBeNull();

    const changes = (await pullAll(hub, owner, null, 1000)).changes.filter((c) => c.storyId === storyId);
    const last = changes.filter((c) => c.kind === 'story').at(-1);
    expect(last?.kind === 'story' ? last.story : null).toMatchObject({ trashedAt: null, headRevisionId: edit.revision.id });
    const pulled = changes.find((c) => c.kind === 'revision' && c.revision.id === edit.revision.id);
    expect(pulled?.kind === 'revision' ? JSON.stringify(pulled.snapshot.body) : '').toContain('Written while it was being trashed.');
  });

  it('an edit kept beside the main line (a stale base) also takes the story out of the trash', async () => {
    const { storyId, head } = await storyIn(hub, owner, editor, 'draft');
    const second = revision(storyId, owner.user, [head], snapshot('Chongqing pilots service industry reform', ['The owner’s second version.']));
    expect(await pushOne(hub, owner, revisionMutation(storyId, head, second))).toMatchObject({ status: 'applied' });
    expect(await pushOne(hub, owner, trashOf(storyId, second.revision.id))).toMatchObject({ status: 'applied' });
    const late = revision(storyId, editor.user, [head], snapshot('Chongqing pilots service industry reform', ['The editor’s version from before.']));
    expect(await pushOne(hub, editor, revisionMutation(storyId, head, late))).toMatchObject({ status: 'conflict', head: second.revision.id });
    expect(await trashedAt(hub, storyId)).toBeNull();
    expect((await lastStoryChange(hub, owner, storyId))?.trashedAt).toBeNull();
  });

  it('a trash made without seeing someone else’s newer edit is not made', async () => {
    const { storyId, head } = await storyIn(hub, owner, editor, 'draft');
    const edit = revision(storyId, editor.user, [head], snapshot('Chongqing pilots service industry reform', ['The editor’s fix.']));
    expect(await pushOne(hub, editor, revisionMutation(storyId, head, edit))).toMatchObject({ status: 'applied' });
    // The owner trashed it offline, having seen only the first version.
    expect(await pushOne(hub, owner, trashOf(storyId, head))).toEqual({
      id: expect.any(String),
      status: 'conflict',
      reason: `${editor.user.name} edited this story after the version you moved to the trash, so it stays out of the trash with their edit.`,
      head: edit.revision.id,
      storyStatus: 'draft',
    });
    expect(await trashedAt(hub, storyId)).toBeNull();
    // Having seen the edit, the owner can trash it.
    expect(await pushOne(hub, owner, trashOf(storyId, edit.revision.id))).toMatchObject({ status: 'applied' });
  });

  it('the trasher’s own text sent just before the trash does not stop it', async () => {
    const { storyId, head } = await storyIn(hub, owner, editor, 'draft');
    const mine = revision(storyId, owner.user, [head], snapshot('Chongqing pilots service industry reform', ['Last words before the trash.']));
    const results = await push(hub, owner, [revisionMutation(storyId, head, mine), trashOf(storyId, head)]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await trashedAt(hub, storyId)).not.toBeNull();
  });

  it('a replayed trash or restore gets its first answer and changes nothing; trashing a trashed story is applied', async () => {
    const { storyId, head } = await storyIn(hub, owner, editor, 'draft');
    const trash = trashOf(storyId, head);
    const [first] = await push(hub, owner, [trash]);
    const when = await trashedAt(hub, storyId);
    const [again] = await push(hub, owner, [trash]);
    expect(again).toEqual({ id: trash.id, status: 'duplicate', first });
    expect(await trashedAt(hub, storyId)).toEqual(when);
    const logged = async () => (await pullAll(hub, editor, null, 1000)).changes.filter((c) => c.kind === 'story' && c.storyId === storyId).length;
    const before = await logged();
    expect(await pushOne(hub, editor, trashOf(storyId, head))).toMatchObject({ status: 'applied' });
    expect(await logged()).toBe(before);

    const restore = restoreOf(storyId);
    const [restored] = await push(hub, owner, [restore]);
    expect(restored).toMatchObject({ status: 'applied' });
    expect(await push(hub, owner, [restore])).toEqual([{ id: restore.id, status: 'duplicate', first: restored }]);
    expect(await trashedAt(hub, storyId)).toBeNull();
    expect(await pushOne(hub, owner, restoreOf(storyId))).toMatchObject({ status: 'applied' });
  });

  it('refuses a trash with a payload it does not know, naming it', async () => {
    const { storyId } = await storyIn(hub, owner, editor, 'draft');
    const response = await hub.request<{ error: { message: string } }>('POST', '/v1/sync/push', {
      token: owner.token,
      body: { workstationId: 'ws-test', mutations: [{ id: ulid(), type: 'article.trash', storyId, payload: { expectedHead: null, forever: true } }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/forever/);
  });
});
