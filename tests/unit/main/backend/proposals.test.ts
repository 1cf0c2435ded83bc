import { afterEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../../../shared/api/methods/session.ts';
import type { SerializedDocument } from '../../../../shared/model/document.ts';
import { blockText, isContributorNote } from '../../../../shared/review/blockContent.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';
import { doc, id, para } from '../../shared/review/docs.ts';

let t: TestBackend;
afterEach(() => t?.close());

const A = id('a');
const B = id('b');
const C = id('c');

const ORIGINAL = ['The river rose overnight.', 'Walls held along the bank.', 'Residents stayed home.'];
const body = (texts: readonly string[]): SerializedDocument => doc(...texts.map((text, i) => para([A, B, C][i]!, text)));
const texts = (snapshot: { body: SerializedDocument }) => snapshot.body.root.children.map((block) => blockText(block));

/**
 * Vivian (reporter) supervises Peng (intern); Sam and Tom are reporters with
 * no interns; Mei is an editor. Vivian writes a story; the test starts as her.
 */
function newsroom() {
  t = openTestBackend(undefined, { profile: { name: 'Vivian Yan', role: 'reporter' } });
  const vivian = t.profile!;
  const people = {
    vivian,
    mei: t.addProfile('Mei Chen', 'editor'),
    sam: t.addProfile('Sam Li', 'reporter'),
    tom: t.addProfile('Tom Wu', 'reporter'),
    peng: t.addProfile('Peng Qin', 'intern', vivian.id),
  };
  return people;
}

/** A story `owner` wrote, with three paragraphs. */
function storyBy(owner: Profile): string {
  t.switchTo(owner);
  const story = t.ok('stories.create', { headline: 'Flood defences hold' });
  t.ok('stories.save', { id: story.id, headline: 'Flood defences hold', standfirst: '', body: body(ORIGINAL) });
  return story.id;
}

/** `who` proposes `changed` paragraphs on the story and sends it. */
function propose(who: Profile, storyId: string, changed: readonly string[]) {
  t.switchTo(who);
  const saved = t.ok('proposals.save', { id: storyId, headline: 'Flood defences hold', standfirst: '', body: body(changed) });
  return t.ok('proposals.send', { id: saved.proposalId, message: 'Tightened the copy' });
}

describe('an intern proposes on a reporter’s story', () => {
  it('keeps the intern’s edits in a draft of their own; the story does not change', () => {
    const { vivian, peng } = newsroom();
    const storyId = storyBy(vivian);
    const before = t.ok('stories.get', { id: storyId });

    t.switchTo(peng);
    const edit = { id: storyId, headline: 'Flood defences hold', standfirst: '', body: body(['The river rose sharply overnight.', ...ORIGINAL.slice(1)]) };
    expect(t.fails('stories.save', edit)).toMatchObject({ code: 'FORBIDDEN', message: "Interns edit other people's stories only as proposals." });
    const first = t.ok('proposals.save', { ...edit, baseRevision: before.revision });
    expect(first).toMatchObject({ id: storyId, revision: 1, wordCount: 13 });
    // Autosaves count the draft's own revisions, like a story's.
    const second = t.ok('proposals.save', { ...edit, standfirst: 'Engineers say the walls worked.', baseRevision: 1 });
    expect(second).toMatchObject({ revision: 2, proposalId: first.proposalId });
    expect(t.fails('proposals.save', { ...edit, standfirst: 'A stale window', baseRevision: 1 })).toMatchObject({ code: 'CONFLICT' });

    const mine = t.ok('proposals.mine', { storyId }).proposal!;
    expect(mine).toMatchObject({ id: first.proposalId, status: 'draft', authorName: 'Peng Qin', authorRole: 'intern', draftRevision: 2, items: 2 });
    expect(texts(mine.snapshot)[0]).toBe('The river rose sharply overnight.');
    expect(mine.snapshot.standfirst).toBe('Engineers say the walls worked.');

    const after = t.ok('stories.get', { id: storyId });
    expect(after.revision).toBe(before.revision);
    expect(texts(after)).toEqual(ORIGINAL);
    expect(after.standfirst).toBe('');

    // The draft is Peng's alone until he sends it.
    expect(t.ok('proposals.list', { storyId }).items.map((p) => p.status)).toEqual(['draft']);
    t.switchTo(vivian);
    expect(t.ok('proposals.list', { storyId }).items).toEqual([]);
    expect(t.ok('proposals.mine', { storyId }).proposal).toBeNull();
    expect(t.fails('proposals.get', { id: first.proposalId })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('starts the draft from the story as the intern opened it', () => {
    const { vivian, peng } = newsroom();
    const storyId = storyBy(vivian);
    const opened = t.ok('stories.get', { id: storyId }).revision;
    t.ok('stories.save', { id: storyId, headline: 'Flood defences hold', standfirst: 'Vivian kept writing.', body: body(ORIGINAL) });
    t.switchTo(peng);
    expect(t.fails('proposals.save', { id: storyId, headline: 'Flood defences hold', standfirst: '', body: body(ORIGINAL), baseRevision: opened })).toMatchObject({
      code: 'CONFLICT',
      message: 'This story was changed since you opened it. Open it again to propose changes to the latest version.',
    });
    // The base is the story's checkpoint of that moment, made for the proposal.
    const saved = t.ok('proposals.save', { id: storyId, headline: 'Flood defences hold', standfirst: 'Vivian kept writing.', body: body(ORIGINAL) });
    const base = t.ok('proposals.mine', { storyId }).proposal!.baseRevisionId;
    expect(t.ok('revisions.list', { storyId }).headId).toBe(base);
    expect(t.ok('revisions.get', { id: base })).toMatchObject({ kind: 'save', authorName: 'Peng Qin', message: "Base of Peng Qin's proposal", snapshot: { standfirst: 'Vivian kept writing.' } });
    // Nothing changed yet: nothing to send.
    expect(t.fails('proposals.send', { id: saved.proposalId })).toMatchObject({ code: 'VALIDATION', message: 'Your version is the same as the story — there is nothing to propose.' });
  });

  it('lets the owner accept one change and reject another, merging the accepted text and crediting the intern once', () => {
    const { vivian, peng } = newsroom();
    const directory = t.ok('people.create', { name: 'Peng Qin' }).person;
    const storyId = storyBy(vivian);

    const events: Array<[string, unknown]> = [];
    t.backend.subscribe((event, payload) => events.push([event, payload]));
    const sent = propose(peng, storyId, ['The river rose sharply overnight.', 'Walls held firm along the bank.', 'Residents mostly stayed home.']);
    expect(sent.proposal).toMatchObject({ status: 'open', items: 3, accepted: 0, rejected: 0, message: 'Tightened the copy' });
    expect(sent.revision).toMatchObject({ kind: 'proposal', parents: [sent.proposal.baseRevisionId], authorName: 'Peng Qin', message: 'Proposed by Peng Qin: Tightened the copy' });
    expect(events).toContainEqual(['proposals.changed', { storyId }]);
    // The proposal is a side branch: the story's head stays the checkpoint the proposal started from.
    expect(t.ok('revisions.list', { storyId }).headId).toBe(sent.proposal.baseRevisionId);
    expect(sent.proposal.youMay.withdraw).toEqual({ ok: true });
    expect(sent.proposal.youMay.accept).toMatchObject({ ok: false });

    t.switchTo(vivian);
    const [listed] = t.ok('proposals.list', { storyId }).items;
    expect(listed).toMatchObject({ id: sent.proposal.id, youMay: { accept: { ok: true }, reject: { ok: true } } });
    const review = t.ok('proposals.get', { id: sent.proposal.id });
    expect(texts(review.base)).toEqual(ORIGINAL);
    expect(texts(review.proposed)[1]).toBe('Walls held firm along the bank.');

    events.length = 0;
    const first = t.ok('proposals.decide', { id: sent.proposal.id, key: `block:${A}`, decision: 'accept' });
    expect(first).toMatchObject({ credited: true, decision: { key: `block:${A}`, decision: 'accepted', deciderName: 'Vivian Yan' }, proposal: { status: 'open', accepted: 1 } });
    expect(events).toContainEqual(['story.changed', { id: storyId, revision: first.storyRevision }]);
    expect(events).toContainEqual(['proposals.changed', { storyId }]);

    const rejected = t.ok('proposals.decide', { id: sent.proposal.id, key: `block:${B}`, decision: 'reject' });
    expect(rejected).toMatchObject({ storyRevision: null, credited: false, decision: { decision: 'rejected', mergeRevisionId: null } });
    const last = t.ok('proposals.decide', { id: sent.proposal.id, key: `block:${C}`, decision: 'accept' });
    expect(last).toMatchObject({ credited: false, proposal: { status: 'decided', accepted: 2, rejected: 1 } });
    expect(last.proposal.decidedAt).not.toBeNull();

    const story = t.ok('stories.get', { id: storyId });
    expect(story.revision).toBe(last.storyRevision);
    expect(texts(story)).toEqual([
      'The river rose sharply overnight.',
      'Walls held along the bank.',
      'Residents mostly stayed home.',
      '(Peng Qin, as an intern, also contributed to this report.)',
    ]);
    // Credited exactly once, with the people directory's id for him.
    const notes = story.body.root.children.filter(isContributorNote);
    expect(notes.map((n) => n.contributors)).toEqual([[{ personId: directory.id, name: 'Peng Qin', role: 'intern' }]]);

    // History: each accepted item is a merge of the story's head and the proposal's revision.
    const history = t.ok('revisions.list', { storyId });
    const merges = history.items.filter((r) => r.kind === 'merge');
    expect(merges.map((r) => r.message)).toEqual([
      'Accepted from Peng Qin\'s proposal: changed paragraph “Residents mostly stayed home.”',
      'Accepted from Peng Qin\'s proposal: changed paragraph “The river rose sharply overnight.”',
    ]);
    for (const merge of merges) {
      expect(merge.parents).toHaveLength(2);
      expect(merge.parents[1]).toBe(sent.revision.id);
    }
    expect(history.headId).toBe(merges[0]!.id);
    expect(last.decision.mergeRevisionId).toBe(merges[0]!.id);
    // The rejected text is still in history, in the proposal's revision.
    expect(texts(t.ok('revisions.get', { id: sent.revision.id }).snapshot)[1]).toBe('Walls held firm along the bank.');

    // An item is decided once.
    expect(t.fails('proposals.decide', { id: sent.proposal.id, key: `block:${B}`, decision: 'accept' })).toMatchObject({ code: 'CONFLICT' });
    expect(t.ok('proposals.get', { id: sent.proposal.id }).decisions.map((d) => [d.key, d.decision])).toEqual([
      [`block:${A}`, 'accepted'],
      [`block:${B}`, 'rejected'],
      [`block:${C}`, 'accepted'],
    ]);
  });

  it('merges onto the story as it is now when the owner kept writing', () => {
    const { vivian, peng } = newsroom();
    const storyId = storyBy(vivian);
    const sent = propose(peng, storyId, ['The river rose sharply overnight.', ...ORIGINAL.slice(1)]);
    t.switchTo(vivian);
    t.ok('stories.save', { id: storyId, headline: 'Flood defences hold, engineers say', standfirst: '', body: body([ORIGINAL[0]!, ORIGINAL[1]!, 'Residents were told to stay home.']) });
    const decided = t.ok('proposals.decide', { id: sent.proposal.id, key: `block:${A}`, decision: 'accept' });
    const story = t.ok('stories.get', { id: storyId });
    expect(story.headline).toBe('Flood defences hold, engineers say');
    expect(texts(story).slice(0, 3)).toEqual(['The river rose sharply overnight.', 'Walls held along the bank.', 'Residents were told to stay home.']);
    // Vivian's last edit was checkpointed before the merge, and the merge follows it.
    const history = t.ok('revisions.list', { storyId }).items;
    const merge = history.find((r) => r.id === decided.decision.mergeRevisionId)!;
    const before = t.ok('revisions.get', { id: merge.parents[0]! });
    expect(before.snapshot.headline).toBe('Flood defences hold, engineers say');
    expect(texts(before.snapshot)).not.toContain('The river rose sharply overnight.');
  });
});

describe('who decides on a proposal', () => {
  it('refuses an unrelated reporter and the intern, and lets the proposer’s supervisor and an editor decide', () => {
    const { vivian, mei, sam, tom, peng } = newsroom();
    // Peng proposes on Sam's story; Vivian is not its owner, but she supervises Peng.
    const storyId = storyBy(sam);
    const sent = propose(peng, storyId, ['The river rose sharply overnight.', 'Walls held firm along the bank.', ORIGINAL[2]!]);

    expect(t.fails('proposals.decide', { id: sent.proposal.id, key: `block:${A}`, decision: 'accept' })).toMatchObject({
      code: 'FORBIDDEN',
      message: "Interns can't accept proposals — the story's owner, a supervisor or an editor decides.",
    });
    t.switchTo(tom);
    const refusal = "Only the story's owner, an editor or the supervisor of its writer or of the proposing intern can accept proposals on it.";
    expect(t.fails('proposals.decide', { id: sent.proposal.id, key: `block:${A}`, decision: 'accept' })).toMatchObject({ code: 'FORBIDDEN', message: refusal });
    expect(t.ok('proposals.get', { id: sent.proposal.id }).proposal.youMay.accept).toEqual({ ok: false, reason: refusal });

    t.switchTo(vivian);
    expect(t.ok('proposals.decide', { id: sent.proposal.id, key: `block:${A}`, decision: 'accept' }).decision.deciderName).toBe('Vivian Yan');
    t.switchTo(mei);
    expect(t.ok('proposals.decide', { id: sent.proposal.id, key: `block:${B}`, decision: 'reject' }).proposal.status).toBe('decided');
    expect(texts(t.ok('stories.get', { id: storyId })).slice(0, 2)).toEqual(['The river rose sharply overnight.', 'Walls held along the bank.']);
  });

  it('credits nobody when a reporter’s proposal is accepted', () => {
    const { vivian, sam } = newsroom();
    const storyId = storyBy(vivian);
    const sent = propose(sam, storyId, ['The river rose sharply overnight.', ...ORIGINAL.slice(1)]);
    t.switchTo(vivian);
    expect(t.ok('proposals.decide', { id: sent.proposal.id, key: `block:${A}`, decision: 'accept' }).credited).toBe(false);
    expect(t.ok('stories.get', { id: storyId }).body.root.children.some(isContributorNote)).toBe(false);
  });

  it('refuses proposals on a published story and keys that are not in the proposal', () => {
    const { vivian, mei, peng } = newsroom();
    const storyId = storyBy(vivian);
    const sent = propose(peng, storyId, ['The river rose sharply overnight.', ...ORIGINAL.slice(1)]);

    t.switchTo(vivian);
    expect(t.fails('proposals.decide', { id: sent.proposal.id, key: `block:${B}`, decision: 'accept' })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'That change is not in this proposal. Open the proposal again to see its changes.',
    });
    expect(t.fails('proposals.decide', { id: sent.proposal.id, key: 'block:nonsense', decision: 'accept' })).toMatchObject({ code: 'VALIDATION' });

    t.ok('workflow.transition', { storyId, action: 'submit', note: '' });
    t.switchTo(mei);
    t.ok('workflow.transition', { storyId, action: 'approve', note: '' });
    t.ok('workflow.transition', { storyId, action: 'publish', note: '' });
    t.switchTo(peng);
    expect(t.fails('proposals.save', { id: storyId, headline: 'Late fix', standfirst: '', body: body(ORIGINAL) })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'A published story takes no proposals. An editor can unpublish it with a correction note.',
    });
    // Workflow moves leave the proposal as it was; accepting waits for a correction, rejecting does not.
    t.switchTo(vivian);
    expect(t.ok('proposals.list', { storyId }).items[0]).toMatchObject({ status: 'open', youMay: { reject: { ok: true }, accept: { ok: false } } });
  });
});

describe('the proposer’s own controls', () => {
  it('lets only the proposer withdraw, after which nothing more is decided; emptying the trash deletes it', () => {
    const { vivian, peng } = newsroom();
    const storyId = storyBy(vivian);
    const sent = propose(peng, storyId, ['The river rose sharply overnight.', ...ORIGINAL.slice(1)]);

    t.switchTo(vivian);
    expect(t.fails('proposals.withdraw', { id: sent.proposal.id })).toMatchObject({ code: 'FORBIDDEN', message: 'Only Peng Qin can withdraw this proposal.' });
    t.switchTo(peng);
    expect(t.ok('proposals.withdraw', { id: sent.proposal.id }).status).toBe('withdrawn');
    expect(t.fails('proposals.withdraw', { id: sent.proposal.id })).toMatchObject({ code: 'CONFLICT' });

    t.switchTo(vivian);
    expect(t.ok('proposals.list', { storyId }).items.map((p) => p.status)).toEqual(['withdrawn']);
    expect(t.fails('proposals.decide', { id: sent.proposal.id, key: `block:${A}`, decision: 'accept' })).toMatchObject({
      code: 'CONFLICT',
      message: 'Peng Qin withdrew this proposal.',
    });

    t.ok('stories.trash', { id: storyId });
    expect(t.ok('stories.emptyTrash', {}).deleted).toBe(1);
    expect(t.fails('proposals.get', { id: sent.proposal.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps one draft per person and story, and a new one after sending', () => {
    const { vivian, peng } = newsroom();
    const storyId = storyBy(vivian);
    const sent = propose(peng, storyId, ['The river rose sharply overnight.', ...ORIGINAL.slice(1)]);
    expect(t.fails('proposals.send', { id: sent.proposal.id })).toMatchObject({ code: 'CONFLICT', message: 'This proposal was already sent.' });
    const next = t.ok('proposals.save', { id: storyId, headline: 'Flood defences hold', standfirst: 'Another idea.', body: body(ORIGINAL) });
    expect(next.proposalId).not.toBe(sent.proposal.id);
    expect(t.ok('proposals.list', { storyId }).items.map((p) => p.status)).toEqual(['draft', 'open']);
  });
});

describe('comments while proposing', () => {
  it('refuses a comment on words only the proposal has, saying so, and takes one on the story’s own words', () => {
    const { vivian, peng } = newsroom();
    const storyId = storyBy(vivian);
    t.switchTo(peng);
    const proposed = ['The river rose sharply overnight.', ...ORIGINAL.slice(1)];
    t.ok('proposals.save', { id: storyId, headline: 'Flood defences hold', standfirst: '', body: body(proposed) });
    const only = { blockId: A, quote: 'sharply', start: 15, end: 22 };
    expect(t.fails('comments.create', { storyId, anchor: only, body: 'Is this right?' })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^Those words are only in your proposal, not in the story/),
    });
    const shared = { blockId: B, quote: 'Walls', start: 0, end: 5 };
    expect(t.ok('comments.create', { storyId, anchor: shared, body: 'Which walls?' })).toMatchObject({ quote: 'Walls', orphaned: false });
  });
});
