import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/api/errors.ts';
import type { SyncStatus } from '../../shared/api/methods/sync.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import type { PullResponse } from '../../shared/sync/protocol.ts';
import { blockText } from '../../shared/review/blockContent.ts';
import { openTestBackend, type TestBackend } from '../support/backend.ts';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../hub/support/hub.ts';
import { B1, B2, B3, block, body, save, textOf } from './support.ts';

/**
 * Proposals travel through the newsroom hub: an intern proposes on one
 * workstation, the story's owner or the intern's supervisor decides on
 * another, and each side sees the other's doing after a sync. Real
 * workstation backends, a real hub over HTTP.
 */

let hub: TestHub;
const open: TestBackend[] = [];

beforeAll(async () => {
  hub = await startTestHub();
}, 30_000);

afterAll(async () => {
  for (const ws of open) ws.close();
  await hub.close();
});

function workstation(name: string): TestBackend {
  const ws = openTestBackend(Date.parse('2026-03-02T09:00:01Z'), { profile: { name, role: 'reporter' } });
  open.push(ws);
  return ws;
}

async function call<T>(ws: TestBackend, name: string, input: unknown): Promise<Result<T>> {
  return (await ws.backend.call(name, input)) as Result<T>;
}

async function connect(ws: TestBackend, user: HubUser): Promise<void> {
  const result = await call<SyncStatus>(ws, 'sync.connect', { hubUrl: hub.url, username: user.username, password: TEST_PASSWORD });
  if (!result.ok) throw new Error(`connect failed: ${result.error.code} ${result.error.message}`);
}

async function syncNow(ws: TestBackend): Promise<SyncStatus> {
  const result = await call<SyncStatus>(ws, 'sync.now', {});
  if (!result.ok) throw new Error(`sync.now failed: ${result.error.message}`);
  return result.value;
}

const ORIGINAL = [block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')];

/** A reporter's story of three paragraphs, written on her workstation and submitted to the desk (so the newsroom reads it). */
async function submittedStory(ws: TestBackend, tag: string): Promise<string> {
  const story = ws.ok('stories.create', { headline: `Flood ${tag}`, language: 'en' });
  save(ws, story.id, body(...ORIGINAL));
  ws.ok('workflow.transition', { storyId: story.id, action: 'submit', expectedStatus: 'draft', note: '' });
  expect((await syncNow(ws)).state).toBe('up_to_date');
  return story.id;
}

/** The intern rewrites the first paragraph and the second, and sends the proposal. */
function propose(ws: TestBackend, storyId: string) {
  const story = ws.ok('stories.get', { id: storyId });
  const saved = ws.ok('proposals.save', {
    id: storyId,
    headline: story.headline,
    standfirst: story.standfirst,
    body: body(block(B1, 'The river rose two metres overnight.'), block(B2, 'Volunteers filled sandbags at dawn.'), ORIGINAL[2]!),
    baseRevision: story.revision,
  });
  return ws.ok('proposals.send', { id: saved.proposalId, message: 'Figures from the water board' }).proposal;
}

/** The story's blocks as a reader sees them, the contributor note's sentence included. */
const blocksOf = (ws: TestBackend, storyId: string) => ws.ok('stories.get', { id: storyId }).body.root.children.map((b) => blockText(b));

const openCount = (ws: TestBackend, storyId: string) => ws.ok('proposals.list', { storyId }).items.filter((p) => p.status === 'open').length;

describe('proposals between workstations', () => {
  it("an intern's proposal reaches the story's owner, who accepts one change and rejects the other; the intern sees both and the credit", async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Vivian Yan' });
    const intern = await hub.createUser({ role: 'intern', name: 'Peng Qin', supervisorId: reporter.id });
    const b = workstation('Vivian here');
    const a = workstation('Peng here');
    await connect(b, reporter);
    const storyId = await submittedStory(b, 'owner');
    await connect(a, intern);
    expect(textOf(a, storyId)).toBe(textOf(b, storyId));

    const sent = propose(a, storyId);
    expect((await syncNow(a)).state).toBe('up_to_date');
    expect(a.ok('sync.status', {})).toMatchObject({ pending: 0, refused: 0 });

    // Vivian's workstation: "Proposals 1 open", with Peng's note, and both changes to decide.
    await syncNow(b);
    expect(openCount(b, storyId)).toBe(1);
    const got = b.ok('proposals.get', { id: sent.id });
    expect(got.proposal).toMatchObject({ authorName: 'Peng Qin', authorRole: 'intern', message: 'Figures from the water board', items: 2, youMay: { accept: { ok: true }, reject: { ok: true } } });
    expect(got.proposal.sentAt).not.toBeNull();

    b.ok('proposals.decide', { id: sent.id, key: `block:${B1}`, decision: 'accept' });
    b.ok('proposals.decide', { id: sent.id, key: `block:${B2}`, decision: 'reject' });
    const credit = '(Peng Qin, as an intern, also contributed to this report.)';
    expect(blocksOf(b, storyId)).toEqual(['The river rose two metres overnight.', 'Sandbags were filled at dawn.', 'Schools stay closed.', credit]);
    // The story is with the desk, so Vivian may not edit it; the hub takes her merge because she accepted the change.
    expect((await syncNow(b)).state).toBe('up_to_date');
    expect(b.ok('sync.status', {})).toMatchObject({ pending: 0, refused: 0 });
    expect(b.ok('sync.refused', {}).items).toEqual([]);

    // Peng's workstation: the decisions, and the story with the accepted change and the credit.
    await syncNow(a);
    const seen = a.ok('proposals.get', { id: sent.id });
    expect(seen.proposal).toMatchObject({ status: 'decided', accepted: 1, rejected: 1 });
    expect(seen.decisions.map((d) => [d.key, d.decision, d.deciderName])).toEqual([
      [`block:${B1}`, 'accepted', 'Vivian Yan'],
      [`block:${B2}`, 'rejected', 'Vivian Yan'],
    ]);
    expect(openCount(a, storyId)).toBe(0);
    expect(blocksOf(a, storyId)).toEqual(['The river rose two metres overnight.', 'Sandbags were filled at dawn.', 'Schools stay closed.', credit]);
  });

  it("the intern's supervisor accepts on another reporter's story, and the hub takes the merge", async () => {
    const supervisor = await hub.createUser({ role: 'reporter', name: 'Vivian Yan' });
    const owner = await hub.createUser({ role: 'reporter', name: 'Omar Haddad' });
    const intern = await hub.createUser({ role: 'intern', name: 'Peng Qin', supervisorId: supervisor.id });
    const c = workstation('Omar here');
    const a = workstation('Peng here');
    const b = workstation('Vivian here');
    await connect(c, owner);
    const storyId = await submittedStory(c, 'colleague');
    await connect(a, intern);
    const sent = propose(a, storyId);
    await syncNow(a);

    await connect(b, supervisor);
    // Not her story, not her writer: she decides because the proposer is her intern.
    expect(b.ok('proposals.get', { id: sent.id }).proposal.youMay.accept).toEqual({ ok: true });
    b.ok('proposals.decide', { id: sent.id, key: `block:${B2}`, decision: 'accept' });
    expect((await syncNow(b)).state).toBe('up_to_date');
    expect(b.ok('sync.status', {})).toMatchObject({ pending: 0, refused: 0 });

    // The story's own writer gets the accepted change in her story.
    await syncNow(c);
    expect(blocksOf(c, storyId)).toEqual([
      'The river rose overnight.',
      'Volunteers filled sandbags at dawn.',
      'Schools stay closed.',
      '(Peng Qin, as an intern, also contributed to this report.)',
    ]);
    expect(c.ok('proposals.get', { id: sent.id }).proposal).toMatchObject({ status: 'open', accepted: 1 });
  });

  it('a proposal withdrawn by its author is withdrawn on the other workstation too, and takes no decisions there', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Vivian Yan' });
    const intern = await hub.createUser({ role: 'intern', name: 'Peng Qin', supervisorId: reporter.id });
    const b = workstation('Vivian here');
    const a = workstation('Peng here');
    await connect(b, reporter);
    const storyId = await submittedStory(b, 'withdrawn');
    await connect(a, intern);
    const sent = propose(a, storyId);
    await syncNow(a);
    await syncNow(b);
    expect(openCount(b, storyId)).toBe(1);

    a.ok('proposals.withdraw', { id: sent.id });
    expect((await syncNow(a)).state).toBe('up_to_date');
    await syncNow(b);
    expect(openCount(b, storyId)).toBe(0);
    const seen = b.ok('proposals.get', { id: sent.id }).proposal;
    expect(seen.status).toBe('withdrawn');
    expect(seen.youMay.accept).toEqual({ ok: false, reason: 'Peng Qin withdrew this proposal.' });
  });

  it('a withdrawal that arrives after a decision is refused by the hub, and the proposal stays open with its decision', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Vivian Yan' });
    const intern = await hub.createUser({ role: 'intern', name: 'Peng Qin', supervisorId: reporter.id });
    const b = workstation('Vivian here');
    const a = workstation('Peng here');
    await connect(b, reporter);
    const storyId = await submittedStory(b, 'late');
    await connect(a, intern);
    const sent = propose(a, storyId);
    await syncNow(a);
    await syncNow(b);
    b.ok('proposals.decide', { id: sent.id, key: `block:${B2}`, decision: 'reject' });
    await syncNow(b);

    // Peng withdraws before his workstation has heard of the decision.
    a.ok('proposals.withdraw', { id: sent.id });
    await syncNow(a);
    expect(a.ok('sync.refused', {}).items.map((r) => r.lastError)).toEqual(['Someone has already decided on a change in this proposal, so it can no longer be withdrawn.']);
    expect(a.ok('proposals.get', { id: sent.id }).proposal).toMatchObject({ status: 'open', rejected: 1 });

    const { token } = await hub.login(reporter.username);
    const pulled = await hub.request<PullResponse>('POST', '/v1/sync/pull', { token, body: { cursor: null, limit: 1000 } });
    const last = pulled.body.changes.filter((c) => c.kind === 'proposal' && c.storyId === storyId).at(-1);
    expect(last && last.kind === 'proposal' ? last.proposal.withdrawnAt ?? null : 'missing').toBeNull();
  });

  it('a proposal started from a checkpoint the hub never got is rebased onto the one that carries its text, and both sides name its items alike', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Omar Haddad' });
    const editor = await hub.createUser({ role: 'editor', name: 'Ben Editor' });
    const a = workstation('Omar here');
    const b = workstation('Ben here');
    await connect(a, reporter);
    const story = a.ok('stories.create', { headline: 'Flood rebase', language: 'en' });
    save(a, story.id, body(...ORIGINAL));
    await syncNow(a);

    // Offline in all but name (nothing is pushed in between): a checkpoint, more text, the submit's checkpoint.
    save(a, story.id, body(block(B1, 'The river rose overnight, again.'), ORIGINAL[1]!, ORIGINAL[2]!));
    a.ok('revisions.checkpoint', { storyId: story.id, message: 'First pass' });
    save(a, story.id, body(block(B1, 'The river rose overnight, again.'), ORIGINAL[1]!, block(B3, 'Schools stay closed on Monday.')));
    a.ok('workflow.transition', { storyId: story.id, action: 'submit', expectedStatus: 'draft', note: '' });
    // With the desk, Omar proposes one more change to his own story.
    const current = a.ok('stories.get', { id: story.id });
    const draft = a.ok('proposals.save', {
      id: story.id,
      headline: current.headline,
      standfirst: current.standfirst,
      body: body(block(B1, 'The river rose overnight, again.'), block(B2, 'Volunteers filled sandbags at dawn.'), block(B3, 'Schools stay closed on Monday.')),
      baseRevision: current.revision,
    });
    const sent = a.ok('proposals.send', { id: draft.proposalId, message: '' }).proposal;
    const localBase = sent.baseRevisionId;
    expect((await syncNow(a)).state).toBe('up_to_date');
    expect(a.ok('sync.status', {})).toMatchObject({ pending: 0, refused: 0 });

    const mine = a.ok('proposals.get', { id: sent.id }).proposal;
    expect(mine.baseRevisionId).not.toBe(localBase);
    expect(mine.items).toBe(1);

    await connect(b, editor);
    const theirs = b.ok('proposals.get', { id: sent.id });
    expect(theirs.proposal).toMatchObject({ revisionId: mine.revisionId, baseRevisionId: mine.baseRevisionId, items: 1, status: 'open' });
    // What the editor compares against is the story as Omar sent it, his last words included.
    expect(theirs.base.body.root.children.map((n) => blockText(n))).toEqual(['The river rose overnight, again.', 'Sandbags were filled at dawn.', 'Schools stay closed on Monday.']);
  });
});
