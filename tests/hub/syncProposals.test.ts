import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_LABEL, startTestHub, type TestHub } from './support/hub.ts';
import { pullAll, pushOne, revision, revisionMutation, snapshot, storyIn, transitionMutation, type Signed } from './syncFixtures.ts';

/**
 * Proposals on the hub, over raw HTTP: who may push the merge that accepts
 * one (the person who accepted it, even where they may not edit the story,
 * and nobody else), and withdrawing a sent proposal.
 */

const CANNOT_EDIT = 'This story is with the desk. Withdraw it to keep editing.';

describe(`proposals on the hub (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  let editor: Signed;
  let owner: Signed;
  let supervisor: Signed;
  let intern: Signed;

  beforeAll(async () => {
    hub = await startTestHub();
    editor = await hub.signIn('editor');
    owner = await hub.signIn('reporter');
    supervisor = await hub.signIn('reporter');
    intern = await hub.signIn('intern', { supervisorId: supervisor.user.id });
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  /** The owner's story with the desk, and the intern's proposal on it. */
  async function proposed() {
    const { storyId, head } = await storyIn(hub, owner, editor, 'submitted');
    const proposal = revision(storyId, intern.user, [head], snapshot('Better headline', ['The city opened its first pilot zone.']), 'proposal');
    const proposalId = ulid();
    const sent = await pushOne(hub, intern, { id: ulid(), type: 'proposal.send', storyId, payload: { proposalId, message: '', ...proposal } });
    expect(sent).toMatchObject({ status: 'applied', head });
    const decide = (who: Signed, decision: 'accept' | 'reject', key = 'field:headline') =>
      pushOne(hub, who, { id: ulid(), type: 'proposal.decide', storyId, payload: { proposalId, key, decision } });
    /** A merge of the head and the proposal, as the decider's workstation checkpoints it. */
    const merge = (who: Signed, kind: 'merge' | 'save' = 'merge') =>
      pushOne(hub, who, revisionMutation(storyId, head, revision(storyId, who.user, [head, proposal.revision.id], snapshot('Better headline', ['The city opened its first pilot zone.']), kind)));
    return { storyId, head, proposalId, proposal, decide, merge };
  }

  it("takes the merge from the story's owner who accepted an item, though the story is with the desk", async () => {
    const { decide, merge } = await proposed();
    expect(await decide(owner, 'accept')).toMatchObject({ status: 'applied' });
    expect(await merge(owner)).toMatchObject({ status: 'applied', storyStatus: 'submitted' });
  });

  it("takes the merge from the intern's supervisor who accepted an item on someone else's story", async () => {
    const { decide, merge, storyId } = await proposed();
    expect(await decide(supervisor, 'accept')).toMatchObject({ status: 'applied' });
    const result = await merge(supervisor);
    expect(result).toMatchObject({ status: 'applied' });
    const rows = await hub.deps.sql.query<{ head_revision_id: string }>('SELECT head_revision_id FROM stories WHERE id = $1', [storyId]);
    expect(rows[0]!.head_revision_id).toBe(result.status === 'applied' ? result.head : 'not applied');
  });

  it('refuses a merge naming a proposal the pusher did not accept', async () => {
    const { decide, merge } = await proposed();
    // Nobody decided anything yet.
    expect(await merge(owner)).toEqual({ id: expect.any(String), status: 'refused', reason: CANNOT_EDIT });
    // Rejecting is not accepting.
    expect(await decide(owner, 'reject')).toMatchObject({ status: 'applied' });
    expect(await merge(owner)).toEqual({ id: expect.any(String), status: 'refused', reason: CANNOT_EDIT });
    // Someone else accepted; that does not let the owner (or a bystander) push text.
    expect(await decide(supervisor, 'accept', 'block:b0000000000000001')).toMatchObject({ status: 'applied' });
    expect(await merge(owner)).toEqual({ id: expect.any(String), status: 'refused', reason: CANNOT_EDIT });
    const bystander = await hub.signIn('reporter');
    expect(await merge(bystander)).toMatchObject({ status: 'refused', reason: "This is someone else's story. Propose your changes instead." });
  });

  it('refuses anything but a merge from someone who accepted, and their merge once the story is published', async () => {
    const { storyId, decide, merge } = await proposed();
    expect(await decide(owner, 'accept')).toMatchObject({ status: 'applied' });
    expect(await merge(owner, 'save')).toEqual({ id: expect.any(String), status: 'refused', reason: CANNOT_EDIT });

    expect(await pushOne(hub, editor, transitionMutation(storyId, 'approve', 'submitted'))).toMatchObject({ status: 'applied' });
    expect(await pushOne(hub, editor, transitionMutation(storyId, 'publish', 'approved'))).toMatchObject({ status: 'applied' });
    expect(await merge(owner)).toEqual({ id: expect.any(String), status: 'refused', reason: 'This story is published. Unpublish it with a correction note to change it.' });
  });

  it('tells workstations who proposed (role and supervisor), so an intern is credited and their supervisor may decide', async () => {
    const { storyId, proposalId } = await proposed();
    const changes = (await pullAll(hub, supervisor, null, 1000)).changes.filter((c) => c.storyId === storyId && c.kind === 'proposal');
    expect(changes.at(-1)).toMatchObject({ proposal: { id: proposalId, authorId: intern.user.id, authorRole: 'intern', authorSupervisorId: supervisor.user.id, withdrawnAt: null } });
  });

  describe('withdrawing', () => {
    const withdraw = (who: Signed, storyId: string, proposalId: string) => pushOne(hub, who, { id: ulid(), type: 'proposal.withdraw', storyId, payload: { proposalId } });

    it('lets only the author withdraw; a withdrawn proposal takes no decisions and no merges', async () => {
      const { storyId, proposalId, decide, merge } = await proposed();
      expect(await withdraw(owner, storyId, proposalId)).toMatchObject({ status: 'refused', reason: expect.stringContaining('can withdraw this proposal') });
      expect(await withdraw(intern, storyId, proposalId)).toMatchObject({ status: 'applied' });
      // Twice is already done.
      expect(await withdraw(intern, storyId, proposalId)).toMatchObject({ status: 'applied' });
      expect(await decide(owner, 'accept')).toMatchObject({ status: 'conflict', reason: expect.stringContaining('withdrew this proposal') });
      expect(await merge(owner)).toMatchObject({ status: 'refused', reason: CANNOT_EDIT });
      const changes = (await pullAll(hub, owner, null, 1000)).changes.filter((c) => c.storyId === storyId && c.kind === 'proposal');
      expect(changes.at(-1)).toMatchObject({ proposal: { id: proposalId, decisions: [], withdrawnAt: expect.any(String) } });
    });

    it('refuses a withdrawal once an item is decided, and one of a proposal that is not there', async () => {
      const { storyId, proposalId, decide } = await proposed();
      expect(await decide(owner, 'reject')).toMatchObject({ status: 'applied' });
      expect(await withdraw(intern, storyId, proposalId)).toMatchObject({
        status: 'conflict',
        reason: 'Someone has already decided on a change in this proposal, so it can no longer be withdrawn.',
      });
      expect(await withdraw(intern, storyId, ulid())).toMatchObject({ status: 'invalid', reason: 'There is no such proposal on this story.' });
    });

    it('refuses a malformed withdrawal with a 400 naming the problem', async () => {
      const { storyId } = await proposed();
      const response = await hub.request('POST', '/v1/sync/push', {
        token: intern.token,
        body: { workstationId: 'ws-test', mutations: [{ id: ulid(), type: 'proposal.withdraw', storyId, payload: { proposalId: 'not-a-ulid' } }] },
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('Proposal id must be a ULID');
    });
  });
});
