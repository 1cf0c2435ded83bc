import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../../shared/model/document.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';

let t: TestBackend;
afterEach(() => t?.close());

const save = (id: string, headline: string) => ({ id, headline, standfirst: '', body: emptyDocument() });

/** A reporter (Vivian), an editor (Mei) and an intern (Peng) supervised by Vivian; Vivian is current. */
function newsroom() {
  t = openTestBackend(undefined, { profile: { name: 'Vivian Yan', role: 'reporter' } });
  const vivian = t.profile!;
  const mei = t.addProfile('Mei Chen', 'editor');
  const peng = t.addProfile('Peng Qin', 'intern', vivian.id);
  t.switchTo(vivian);
  return { vivian, mei, peng };
}

const status = (id: string) => t.ok('stories.get', { id }).status;
const move = (storyId: string, action: string, note = '') =>
  t.ok('workflow.transition', { storyId, action: action as 'submit', note });

describe('workflow.transition through the desk', () => {
  it('reporter submits, editor claims, requests changes, reporter resubmits, editor approves, publishes and unpublishes with a correction', () => {
    const { vivian, mei } = newsroom();
    const story = t.ok('stories.create', { headline: 'Flood defences hold' });
    t.ok('stories.save', save(story.id, 'Flood defences hold in Chongqing'));

    expect(move(story.id, 'submit', 'Ready for the desk')).toMatchObject({
      status: 'submitted',
      event: { action: 'submit', fromStatus: 'draft', toStatus: 'submitted', note: 'Ready for the desk', actorId: vivian.id, actorName: 'Vivian Yan' },
    });
    // Submitted: the reporter's edits are refused with the policy's reason.
    expect(t.fails('stories.save', save(story.id, 'Sneaky edit'))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'This story is with the desk. Withdraw it to keep editing.',
    });

    t.switchTo(mei);
    const claimed = move(story.id, 'claim');
    expect(claimed.status).toBe('in_review');
    expect(claimed.state.assigneeId).toBe(mei.id);
    expect(move(story.id, 'request_changes', 'Name the engineer in the second paragraph').status).toBe('changes_requested');

    t.switchTo(vivian);
    t.ok('stories.save', save(story.id, 'Flood defences hold in Chongqing, engineer says'));
    expect(move(story.id, 'submit', 'Named him').status).toBe('submitted');

    t.switchTo(mei);
    expect(move(story.id, 'approve').status).toBe('approved');
    expect(move(story.id, 'publish').status).toBe('published');
    expect(status(story.id)).toBe('published');

    // Unpublishing needs a correction note, which becomes part of the story.
    expect(t.fails('workflow.transition', { storyId: story.id, action: 'unpublish' })).toMatchObject({
      code: 'VALIDATION',
      message: 'A correction note is required',
    });
    expect(status(story.id)).toBe('published');
    const down = move(story.id, 'unpublish', 'An earlier version misspelled the engineer’s name.');
    expect(down.status).toBe('approved');
    expect(down.state.correction).toMatchObject({ note: 'An earlier version misspelled the engineer’s name.' });

    const { items, state } = t.ok('workflow.timeline', { storyId: story.id });
    expect(state.correction?.note).toBe('An earlier version misspelled the engineer’s name.');
    // Newest first: every move, with who, from → to and the note.
    expect(items.map((e) => `${e.actorName}: ${e.action} ${e.fromStatus}→${e.toStatus}${e.note ? ` (${e.note})` : ''}`)).toEqual([
      'Mei Chen: unpublish published→approved (An earlier version misspelled the engineer’s name.)',
      'Mei Chen: publish approved→published',
      'Mei Chen: approve submitted→approved',
      'Vivian Yan: submit changes_requested→submitted (Named him)',
      'Mei Chen: request_changes in_review→changes_requested (Name the engineer in the second paragraph)',
      'Mei Chen: claim submitted→in_review',
      'Vivian Yan: submit draft→submitted (Ready for the desk)',
    ]);

    // Each transition is tied to a checkpoint in History. Checkpoints are deduplicated by content,
    // so a move of unchanged text keeps the checkpoint before it; a move after edits makes a new one.
    const history = t.ok('revisions.list', { storyId: story.id }).items;
    const ids = new Set(history.map((r) => r.id));
    for (const event of items) expect(ids.has(event.revisionId!), event.action).toBe(true);
    const submits = history.filter((r) => r.kind === 'submit');
    expect(submits.map((r) => r.message)).toEqual(['Changes requested → Submitted: Named him', 'Draft → Submitted: Ready for the desk']);
    expect(submits.map((r) => r.authorName)).toEqual(['Vivian Yan', 'Vivian Yan']);
    // The resubmission checkpointed the rewritten text: the timeline's submit points at it.
    const resubmit = items.find((e) => e.note === 'Named him')!;
    expect(t.ok('revisions.get', { id: resubmit.revisionId! }).snapshot.headline).toBe('Flood defences hold in Chongqing, engineer says');
    const firstSubmit = items.find((e) => e.note === 'Ready for the desk')!;
    expect(t.ok('revisions.get', { id: firstSubmit.revisionId! }).snapshot.headline).toBe('Flood defences hold in Chongqing');
  });

  it("routes an intern's story through their supervisor before the desk", () => {
    const { vivian, mei, peng } = newsroom();
    t.switchTo(peng);
    const story = t.ok('stories.create', { headline: 'Night market reopens' });
    expect(move(story.id, 'submit').status).toBe('supervisor_review');

    // The intern can't sign off their own work, nor publish.
    expect(t.fails('workflow.transition', { storyId: story.id, action: 'submit' })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Your supervisor signs this story off to the desk.',
    });
    expect(t.fails('workflow.transition', { storyId: story.id, action: 'publish' })).toMatchObject({
      code: 'FORBIDDEN',
      message: "Interns can't publish — your supervisor signs off first.",
    });

    // Vivian's sign-off queue has it; Mei's (she supervises no one) does not.
    t.switchTo(vivian);
    expect(t.ok('stories.list', { desk: 'needs_signoff' }).items.map((s) => s.id)).toEqual([story.id]);
    expect(move(story.id, 'submit', 'Good first piece').event).toMatchObject({ fromStatus: 'supervisor_review', toStatus: 'submitted' });
    t.switchTo(mei);
    expect(t.ok('stories.list', { desk: 'review_queue' }).items.map((s) => s.id)).toEqual([story.id]);
    expect(status(story.id)).toBe('submitted');
  });

  it('refuses with the policy’s reason and leaves the story, its timeline and its history unchanged', () => {
    const { mei, peng } = newsroom();
    const story = t.ok('stories.create', { headline: 'Refusals' });
    const historyBefore = t.ok('revisions.list', { storyId: story.id }).items.length;

    const refusals: [string, string][] = [
      ['claim', 'Only editors can claim a story for review.'],
      ['approve', 'Only editors can approve a story.'],
      ['publish', 'Only editors can publish a story.'],
      ['spike', 'Only editors can spike a story.'],
      ['withdraw', 'This story is draft; only a story waiting for review can be withdrawn.'],
    ];
    for (const [action, reason] of refusals) {
      expect(t.fails('workflow.transition', { storyId: story.id, action }), action).toMatchObject({ code: 'FORBIDDEN', message: reason });
    }
    expect(t.fails('workflow.assign', { storyId: story.id, assigneeId: mei.id })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only editors assign stories.',
    });
    t.switchTo(peng);
    expect(t.fails('workflow.transition', { storyId: story.id, action: 'submit' })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only the writer of a story submits it.',
    });
    t.switchTo(mei);
    expect(t.fails('workflow.transition', { storyId: story.id, action: 'publish' })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'This story is draft; it must be approved before it is published.',
    });

    expect(status(story.id)).toBe('draft');
    expect(t.ok('workflow.timeline', { storyId: story.id }).items).toEqual([]);
    expect(t.ok('revisions.list', { storyId: story.id }).items).toHaveLength(historyBefore);
  });

  it('answers CONFLICT when the story has moved on since the person looked', () => {
    const { vivian, mei } = newsroom();
    const story = t.ok('stories.create', { headline: 'Stale' });
    move(story.id, 'submit');
    t.switchTo(mei);
    move(story.id, 'claim');
    // Vivian's window still shows "Submitted"; her withdraw is stale.
    t.switchTo(vivian);
    expect(t.fails('workflow.transition', { storyId: story.id, action: 'withdraw', expectedStatus: 'submitted' })).toMatchObject({
      code: 'CONFLICT',
      message: 'This story is already in review.',
    });
    // Two editors approving the same story: the second one is told it's done.
    t.switchTo(mei);
    move(story.id, 'approve');
    expect(t.fails('workflow.transition', { storyId: story.id, action: 'approve', expectedStatus: 'in_review' })).toMatchObject({
      code: 'CONFLICT',
      message: 'This story is already approved.',
    });
    expect(status(story.id)).toBe('approved');
  });

  it('schedules with a time, spikes and unspikes, assigns', () => {
    const { vivian, mei } = newsroom();
    const story = t.ok('stories.create', { headline: 'Later' });
    move(story.id, 'submit');
    t.switchTo(mei);
    move(story.id, 'approve');
    expect(t.fails('workflow.transition', { storyId: story.id, action: 'schedule' })).toMatchObject({ code: 'VALIDATION' });
    const scheduled = t.ok('workflow.transition', { storyId: story.id, action: 'schedule', publishAt: '2025-03-02T06:00:00.000Z' });
    expect(scheduled.state).toMatchObject({ status: 'scheduled', publishAt: '2025-03-02T06:00:00.000Z' });
    expect(move(story.id, 'spike', 'Overtaken by events').status).toBe('spiked');
    expect(move(story.id, 'unspike').status).toBe('draft');

    const assigned = t.ok('workflow.assign', { storyId: story.id, assigneeId: vivian.id });
    expect(assigned.state.assigneeId).toBe(vivian.id);
    expect(assigned.event.note).toBe('Assigned to Vivian Yan');
    expect(t.ok('stories.list', { assigneeId: vivian.id }).items.map((s) => s.id)).toEqual([story.id]);
    expect(t.fails('workflow.assign', { storyId: story.id, assigneeId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }).code).toBe('VALIDATION');
    expect(t.fails('workflow.transition', { storyId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', action: 'submit' }).code).toBe('NOT_FOUND');
  });
});
