import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubErrorBody } from '../../shared/sync/auth.ts';
import { SYNC_LIMITS, type RevisionsResponse } from '../../shared/sync/protocol.ts';
import { DATABASE_LABEL, startTestHub, type TestHub } from './support/hub.ts';
import { createMutation, push, pushOne, revision, revisionMutation, snapshot, transitionMutation, type Signed } from './syncFixtures.ts';

/**
 * `POST /v1/sync/revisions` on raw HTTP: revisions of one story by id, for a
 * workstation that lacks one (a story deleted there for good that came back).
 * It hands out what the pull would, to whom the pull would, and nothing more.
 */

describe(`revisions by id (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  let owner: Signed;
  let colleague: Signed;
  let editor: Signed;

  beforeAll(async () => {
    hub = await startTestHub();
    owner = await hub.signIn('reporter', { name: 'Ana Reporter' });
    colleague = await hub.signIn('reporter', { name: 'Carl Reporter' });
    editor = await hub.signIn('editor', { name: 'Ben Editor' });
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  /** A draft of `owner` with two revisions, the second its head. */
  async function draft() {
    const storyId = ulid();
    const first = revision(storyId, owner.user, [], snapshot('Flood closes schools', ['The river rose overnight.']));
    const second = revision(storyId, owner.user, [first.revision.id], snapshot('Flood closes schools', ['The river rose overnight.', 'Buses replace trains.']));
    const results = await push(hub, owner, [createMutation(storyId), revisionMutation(storyId, null, first), revisionMutation(storyId, first.revision.id, second)]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    return { storyId, first, second };
  }

  const ask = (who: Signed | null, body: unknown) =>
    hub.request<RevisionsResponse & HubErrorBody>('POST', '/v1/sync/revisions', { ...(who ? { token: who.token } : {}), body });

  it('gives the owner their revisions with their text, in the order asked, leaving out unknown ids', async () => {
    const { storyId, first, second } = await draft();
    const unknown = 'f'.repeat(64);
    const response = await ask(owner, { storyId, ids: [second.revision.id, unknown, first.revision.id] });
    expect(response.status).toBe(200);
    expect(response.body.revisions).toEqual([
      { revision: second.revision, snapshot: second.snapshot },
      { revision: first.revision, snapshot: first.snapshot },
    ]);
  });

  it('gives a reporter nothing of a colleague’s draft, and the same once the desk has it', async () => {
    const { storyId, second } = await draft();
    const hidden = await ask(colleague, { storyId, ids: [second.revision.id] });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toEqual({ revisions: [] });
    // The desk reads drafts.
    expect((await ask(editor, { storyId, ids: [second.revision.id] })).body.revisions.map((r) => r.revision.id)).toEqual([second.revision.id]);
    // Submitted, the story is the newsroom's to read, as in the pull.
    expect(await pushOne(hub, owner, transitionMutation(storyId, 'submit', 'draft'))).toMatchObject({ status: 'applied' });
    const shown = await ask(colleague, { storyId, ids: [second.revision.id] });
    expect(shown.body.revisions.map((r) => r.snapshot.body.root.children.length)).toEqual([2]);
  });

  it('answers a story that does not exist, or a revision of another story, with an empty list', async () => {
    const { second } = await draft();
    const other = await draft();
    expect((await ask(owner, { storyId: ulid(), ids: [second.revision.id] })).body).toEqual({ revisions: [] });
    expect((await ask(owner, { storyId: other.storyId, ids: [second.revision.id] })).body).toEqual({ revisions: [] });
  });

  it('asks who is signed in', async () => {
    const { storyId, second } = await draft();
    expect((await ask(null, { storyId, ids: [second.revision.id] })).status).toBe(401);
  });

  const cases: { name: string; body: unknown; says: string }[] = [
    { name: 'no ids', body: { storyId: ulid(), ids: [] }, says: 'Ask for at least one revision' },
    {
      name: `more than ${SYNC_LIMITS.revisionsPerFetch} ids`,
      body: { storyId: ulid(), ids: Array.from({ length: SYNC_LIMITS.revisionsPerFetch + 1 }, (_, i) => i.toString(16).padStart(64, '0')) },
      says: `at most ${SYNC_LIMITS.revisionsPerFetch} revisions`,
    },
    { name: 'a malformed id', body: { storyId: ulid(), ids: ['abc'] }, says: 'Revision id must be 64 lowercase hexadecimal digits' },
    { name: 'no story', body: { ids: ['a'.repeat(64)] }, says: 'storyId' },
    { name: 'an unknown field', body: { storyId: ulid(), ids: ['a'.repeat(64)], cursor: null }, says: 'cursor' },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('answers %s with 400 and a reason', async (_name, c) => {
    const response = await ask(owner, c.body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(c.says);
  });

  it(`gives all ${SYNC_LIMITS.revisionsPerFetch} when that many are asked at once`, async () => {
    const { storyId, first, second } = await draft();
    const ids = [first.revision.id, second.revision.id, ...Array.from({ length: SYNC_LIMITS.revisionsPerFetch - 2 }, (_, i) => i.toString(16).padStart(64, 'e'))];
    const response = await ask(owner, { storyId, ids });
    expect(response.status).toBe(200);
    expect(response.body.revisions.map((r) => r.revision.id)).toEqual([first.revision.id, second.revision.id]);
  });
});
