import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoryStatus } from '../../shared/model/story.ts';
import { can, type StoryAccess } from '../../shared/workflow/policy.ts';
import { ROLES, type Role } from '../../shared/workflow/roles.ts';
import type { Action } from '../../shared/workflow/actions.ts';
import { DATABASE_LABEL, startTestHub, type TestHub } from './support/hub.ts';
import { pushOne, revision, revisionMutation, snapshot, storyIn, transitionMutation, type Signed } from './syncFixtures.ts';

/**
 * The hub enforces the shared policy (DESIGN.md §5) on raw HTTP requests
 * that bypass any client: for each role and each kind of mutation, the
 * answer is `applied` exactly when `can()` allows it, and `refused` with
 * `can()`'s own reason otherwise.
 */

interface Case {
  name: string;
  /** Whose story: the actor's own, or a reporter's. */
  owner: 'self' | 'reporter';
  /** The state the story is in when the actor acts. */
  status: StoryStatus;
  /** The policy action the mutation stands for. */
  action: Action;
}

const CASES: Case[] = [
  { name: 'revision on own draft', owner: 'self', status: 'draft', action: 'edit' },
  { name: 'revision on another’s draft', owner: 'reporter', status: 'draft', action: 'edit' },
  { name: 'revision on another’s story in review', owner: 'reporter', status: 'in_review', action: 'edit' },
  { name: 'submit own draft', owner: 'self', status: 'draft', action: 'submit' },
  { name: 'submit another’s draft', owner: 'reporter', status: 'draft', action: 'submit' },
  { name: 'approve a submitted story', owner: 'reporter', status: 'submitted', action: 'approve' },
  { name: 'publish an approved story', owner: 'reporter', status: 'approved', action: 'publish' },
  { name: 'request changes on a submitted story', owner: 'reporter', status: 'submitted', action: 'request_changes' },
  { name: 'spike another’s draft', owner: 'reporter', status: 'draft', action: 'spike' },
  { name: 'claim a submitted story', owner: 'reporter', status: 'submitted', action: 'claim' },
];

describe(`the hub enforces the shared policy on every mutation (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  let editor: Signed;
  let reporter: Signed;
  const actors = {} as Record<Role, Signed>;

  beforeAll(async () => {
    hub = await startTestHub();
    editor = await hub.signIn('editor');
    reporter = await hub.signIn('reporter');
    for (const role of ROLES) actors[role] = await hub.signIn(role);
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  /** Sets the story up, sends the actor's mutation raw, and returns the hub's answer and what can() says. */
  async function attempt(role: Role, c: Case) {
    const actor = actors[role];
    const owner = c.owner === 'self' ? actor : reporter;
    const { storyId, head } = await storyIn(hub, owner, editor, c.status);
    const mutation =
      c.action === 'edit'
        ? revisionMutation(storyId, head, revision(storyId, actor.user, [head], snapshot('Changed by a raw request', ['Anything at all.'])))
        : transitionMutation(storyId, c.action as Parameters<typeof transitionMutation>[1], c.status);
    const answer = await pushOne(hub, actor, mutation);
    const access: StoryAccess = {
      ownerId: owner.user.id,
      status: c.status,
      assigneeId: c.status === 'in_review' ? editor.user.id : null,
      ownerSupervisorId: owner.user.role === 'intern' ? owner.user.supervisorId : null,
    };
    return { answer, expected: can(actor.user, c.action, access) };
  }

  for (const role of ROLES) {
    for (const c of CASES) {
      it(`${role}: ${c.name} is ${role} × ${c.action} as can() decides`, async () => {
        const { answer, expected } = await attempt(role, c);
        if (expected.ok) expect(answer).toMatchObject({ status: 'applied' });
        else expect(answer).toEqual({ id: expect.any(String), status: 'refused', reason: expected.reason });
      });
    }
  }

  it('covers both answers: the table above has allowed and refused cases for every role but the desk', async () => {
    // Guards the table itself: a matrix where everything is allowed (or refused) would prove little.
    const answers = ROLES.map((role) =>
      CASES.map((c) => can(actors[role].user, c.action, { ownerId: c.owner === 'self' ? actors[role].user.id : reporter.user.id, status: c.status, assigneeId: null, ownerSupervisorId: null }).ok),
    );
    for (const [index, role] of ROLES.entries()) {
      expect(answers[index]!.some(Boolean), `${role} has an allowed case`).toBe(true);
      if (role === 'intern' || role === 'reporter') expect(answers[index]!.some((ok) => !ok), `${role} has a refused case`).toBe(true);
    }
  });

  describe('spot checks, written out', () => {
    it('refuses an intern’s publish', async () => {
      const { storyId } = await storyIn(hub, reporter, editor, 'approved');
      expect(await pushOne(hub, actors.intern, transitionMutation(storyId, 'publish', 'approved'))).toMatchObject({
        status: 'refused',
        reason: "Interns can't publish — your supervisor signs off first.",
      });
      const rows = await hub.deps.sql.query('SELECT status FROM stories WHERE id = $1', [storyId]);
      expect(rows).toEqual([{ status: 'approved' }]);
    });

    it('refuses an intern’s approve', async () => {
      const { storyId } = await storyIn(hub, reporter, editor, 'submitted');
      expect(await pushOne(hub, actors.intern, transitionMutation(storyId, 'approve', 'submitted'))).toMatchObject({
        status: 'refused',
        reason: 'Only editors can approve a story.',
      });
    });

    it('refuses an intern’s revision of someone else’s story, and the head stays', async () => {
      const { storyId, head } = await storyIn(hub, reporter, editor, 'draft');
      const edit = revision(storyId, actors.intern.user, [head], snapshot('Rewritten by the intern', ['Sneaky.']));
      expect(await pushOne(hub, actors.intern, revisionMutation(storyId, head, edit))).toMatchObject({
        status: 'refused',
        reason: "Interns edit other people's stories only as proposals.",
      });
      const rows = await hub.deps.sql.query('SELECT head_revision_id FROM stories WHERE id = $1', [storyId]);
      expect(rows).toEqual([{ head_revision_id: head }]);
      expect(await hub.deps.sql.query('SELECT id FROM revisions WHERE id = $1', [edit.revision.id])).toEqual([]);
    });

    it('refuses a reporter’s publish and lets an editor publish', async () => {
      const { storyId } = await storyIn(hub, reporter, editor, 'approved');
      expect(await pushOne(hub, actors.reporter, transitionMutation(storyId, 'publish', 'approved'))).toMatchObject({
        status: 'refused',
        reason: 'Only editors can publish a story.',
      });
      expect(await pushOne(hub, actors.editor, transitionMutation(storyId, 'publish', 'approved'))).toMatchObject({
        status: 'applied',
        storyStatus: 'published',
      });
    });

    it('sends an intern’s submitted draft to their supervisor, who signs it off to the desk', async () => {
      const intern = actors.intern;
      const { storyId } = await storyIn(hub, intern, editor, 'draft');
      expect(await pushOne(hub, intern, transitionMutation(storyId, 'submit', 'draft'))).toMatchObject({ status: 'applied', storyStatus: 'supervisor_review' });
      // A reporter who is not the supervisor cannot sign it off.
      expect(await pushOne(hub, actors.reporter, transitionMutation(storyId, 'submit', 'supervisor_review'))).toMatchObject({
        status: 'refused',
        reason: "Only the intern's supervisor or an editor signs off this story.",
      });
      const [row] = await hub.deps.sql.query<{ username: string }>('SELECT username FROM users WHERE id = $1', [intern.user.supervisorId]);
      const supervisor = await hub.login(row!.username);
      expect(await pushOne(hub, supervisor, transitionMutation(storyId, 'submit', 'supervisor_review'))).toMatchObject({ status: 'applied', storyStatus: 'submitted' });
    });

    it('refuses to create a story whose id is taken, even by its owner', async () => {
      const { storyId } = await storyIn(hub, reporter, editor, 'draft');
      expect(await pushOne(hub, actors.intern, { id: ulid(), type: 'article.create', storyId, payload: { headline: 'Mine now', language: 'en' } })).toMatchObject({
        status: 'invalid',
        reason: 'A story with this id is already on the hub.',
      });
    });
  });
});
