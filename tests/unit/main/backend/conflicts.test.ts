import { afterEach, describe, expect, it } from 'vitest';
import type { SerializedDocument, SerializedNode } from '../../../../shared/model/document.ts';
import { mergeStories, type MergeConflictBlock } from '../../../../shared/review/merge.ts';
import type { StorySnapshot } from '../../../../shared/review/metadataDiff.ts';
import type { TransitionAction } from '../../../../shared/workflow/actions.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';
import { doc, id, para } from '../../shared/review/docs.ts';

/**
 * A story body holding conflict blocks (shared/review/merge.ts) cannot leave
 * the workstation — as a file or down the desk — until someone has chosen.
 */

let t: TestBackend;
afterEach(() => t?.close());

const [LEAD, DEFENCES, SCHOOLS] = [id(), id(), id()];

function snapshot(...blocks: SerializedNode[]): StorySnapshot {
  return { headline: 'Flood defences', standfirst: '', dateline: { place: 'Chongqing', date: '2026-07-01' }, byline: [], language: 'en', body: doc(...blocks) };
}

/** The merge of two edits of the same words: one conflict block, or two when the schools paragraph clashes too. */
function conflictedBody(conflicts: 1 | 2 = 1): SerializedDocument {
  const base = snapshot(para(LEAD, 'The river rose overnight.'), para(DEFENCES, 'Defences held at Ciqikou.'), para(SCHOOLS, 'Schools open on Monday.'));
  const ours = snapshot(para(LEAD, 'The river rose overnight.'), para(DEFENCES, 'Defences gave way at Ciqikou.'), para(SCHOOLS, conflicts === 2 ? 'Schools open on Tuesday.' : 'Schools open on Monday.'));
  const theirs = snapshot(para(LEAD, 'The river rose overnight.'), para(DEFENCES, 'Defences failed at Ciqikou.'), para(SCHOOLS, conflicts === 2 ? 'Schools open on Friday.' : 'Schools open on Monday.'));
  const body = mergeStories(base, ours, theirs).merged.body;
  expect(body.root.children.filter((block) => block.type === 'merge-conflict')).toHaveLength(conflicts);
  return body;
}

/** The body after "Keep theirs" on every conflict block. */
function keepTheirs(body: SerializedDocument): SerializedDocument {
  const children = body.root.children.flatMap((block) => {
    if (block.type !== 'merge-conflict') return [block];
    const { theirs } = block as MergeConflictBlock;
    return theirs === null ? [] : [{ ...theirs, $: block.$ }];
  });
  return { root: { ...body.root, children } };
}

function storyWith(body: SerializedDocument): string {
  const story = t.ok('stories.create', { headline: 'Flood defences' });
  t.ok('stories.save', { id: story.id, headline: 'Flood defences', standfirst: '', body });
  return story.id;
}

const ONE = 'This story has 1 unresolved conflict. Choose a version in each conflict block before exporting.';

describe('stories.export with unresolved conflict blocks', () => {
  it('refuses every format with a message that says what to do, and counts the conflicts', async () => {
    t = openTestBackend();
    const id = storyWith(conflictedBody());
    for (const format of ['ninjs', 'html', 'markdown'] as const) {
      expect(t.fails('stories.export', { id, format })).toMatchObject({ code: 'VALIDATION', message: ONE });
    }
    // DOCX is answered through a promise; the refusal comes before any rendering.
    const docx = await t.backend.call('stories.export', { id, format: 'docx' });
    expect(docx).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: ONE } });

    const two = storyWith(conflictedBody(2));
    expect(t.fails('stories.export', { id: two, format: 'html' }).message).toBe(
      'This story has 2 unresolved conflicts. Choose a version in each conflict block before exporting.',
    );
  });

  it('exports once each conflict has a version chosen', () => {
    t = openTestBackend();
    const body = conflictedBody();
    const id = storyWith(body);
    t.ok('stories.save', { id, headline: 'Flood defences', standfirst: '', body: keepTheirs(body) });
    const file = t.ok('stories.export', { id, format: 'markdown' });
    expect(file.data).toContain('Defences failed at Ciqikou.');
    expect(file.data).not.toContain('gave way');
  });
});

describe('workflow.transition with unresolved conflict blocks', () => {
  it('refuses Submit, and allows it after the conflict is resolved', () => {
    t = openTestBackend(undefined, { profile: { name: 'Vivian Yan', role: 'reporter' } });
    const body = conflictedBody();
    const id = storyWith(body);
    expect(t.fails('workflow.transition', { storyId: id, action: 'submit', note: '' })).toMatchObject({
      code: 'VALIDATION',
      message: 'This story has 1 unresolved conflict. Choose a version in each conflict block before submitting.',
    });
    expect(t.ok('stories.get', { id }).status).toBe('draft');
    expect(t.ok('workflow.timeline', { storyId: id }).items).toEqual([]);

    t.ok('stories.save', { id, headline: 'Flood defences', standfirst: '', body: keepTheirs(body) });
    expect(t.ok('workflow.transition', { storyId: id, action: 'submit', note: '' }).status).toBe('submitted');
  });

  it('refuses Approve, Schedule and Publish while the text holds a conflict; other moves still work', () => {
    t = openTestBackend(undefined, { profile: { name: 'Mei Chen', role: 'editor' } });
    const id = storyWith(conflictedBody());
    const move = (action: TransitionAction, extra: { publishAt?: string } = {}) => ({ storyId: id, action, note: '', ...extra });

    // An editor's own story: submitted with the conflict resolved, claimed, then a conflict arrives (a sync merge).
    const clean = keepTheirs(conflictedBody());
    t.ok('stories.save', { id, headline: 'Flood defences', standfirst: '', body: clean });
    t.ok('workflow.transition', move('submit'));
    t.ok('workflow.transition', move('claim'));
    t.ok('stories.save', { id, headline: 'Flood defences', standfirst: '', body: conflictedBody() });

    expect(t.fails('workflow.transition', move('approve')).message).toBe(
      'This story has 1 unresolved conflict. Choose a version in each conflict block before approving.',
    );
    // Sending it back to the reporter is not publishing anything: allowed.
    expect(t.ok('workflow.transition', move('request_changes')).status).toBe('changes_requested');

    t.ok('stories.save', { id, headline: 'Flood defences', standfirst: '', body: clean });
    t.ok('workflow.transition', move('submit'));
    t.ok('workflow.transition', move('claim'));
    expect(t.ok('workflow.transition', move('approve')).status).toBe('approved');

    t.ok('stories.save', { id, headline: 'Flood defences', standfirst: '', body: conflictedBody() });
    expect(t.fails('workflow.transition', move('publish')).message).toMatch(/before publishing\.$/);
    expect(t.fails('workflow.transition', move('schedule', { publishAt: '2026-07-02T08:00:00.000Z' })).message).toMatch(/before scheduling\.$/);
    expect(t.ok('stories.get', { id }).status).toBe('approved');

    t.ok('stories.save', { id, headline: 'Flood defences', standfirst: '', body: clean });
    expect(t.ok('workflow.transition', move('publish')).status).toBe('published');
  });
});
