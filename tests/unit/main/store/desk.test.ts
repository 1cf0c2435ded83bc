import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../../shared/model/document.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';

let t: TestBackend;
afterEach(() => t?.close());

/**
 * The library's desk views (main/store/stories.ts listDesk / searchDesk):
 * My stories, Review queue, Needs my sign-off, and the status and assignee
 * filters, alone and with the sector filter and search.
 */
function desk() {
  t = openTestBackend(undefined, { profile: { name: 'Vivian Yan', role: 'reporter' } });
  const vivian = t.profile!;
  const mei = t.addProfile('Mei Chen', 'editor');
  const omar = t.addProfile('Omar Haddad', 'reporter');
  const peng = t.addProfile('Peng Qin', 'intern', vivian.id);
  const li = t.addProfile('Li Wei', 'intern', omar.id);
  const write = (who: typeof vivian, headline: string, text = headline) => {
    t.switchTo(who);
    const story = t.ok('stories.create', { headline });
    t.ok('stories.save', {
      id: story.id,
      headline,
      standfirst: '',
      body: {
        ...emptyDocument(),
        root: {
          ...emptyDocument().root,
          children: [
            {
              type: 'paragraph',
              version: 1,
              direction: null,
              format: '',
              indent: 0,
              textFormat: 0,
              textStyle: '',
              children: [{ type: 'text', version: 1, text, format: 0, style: '', mode: 'normal', detail: 0 }],
            },
          ],
        },
      } as ReturnType<typeof emptyDocument>,
    });
    return story.id;
  };
  const move = (who: typeof vivian, storyId: string, action: string) => {
    t.switchTo(who);
    t.ok('workflow.transition', { storyId, action: action as 'submit' });
  };

  const vDraft = write(vivian, 'Vivian draft', 'harbour cranes');
  const vSubmitted = write(vivian, 'Vivian submitted', 'harbour ferries');
  move(vivian, vSubmitted, 'submit');
  const oInReview = write(omar, 'Omar in review', 'harbour tolls');
  move(omar, oInReview, 'submit');
  move(mei, oInReview, 'claim');
  const pSignoff = write(peng, 'Peng needs sign-off', 'harbour night market');
  move(peng, pSignoff, 'submit');
  const lSignoff = write(li, 'Li needs sign-off');
  move(li, lSignoff, 'submit');
  const oAssignedToVivian = write(omar, 'Omar assigned to Vivian');
  t.switchTo(mei);
  t.ok('workflow.assign', { storyId: oAssignedToVivian, assigneeId: vivian.id });
  const trashed = write(vivian, 'Vivian trashed');
  t.ok('stories.trash', { id: trashed });
  return { vivian, mei, omar, peng, li, ids: { vDraft, vSubmitted, oInReview, pSignoff, lSignoff, oAssignedToVivian, trashed } };
}

const headlines = (input: Parameters<TestBackend['ok']>[1]) => {
  const reply = t.ok('stories.list', input as { desk: 'all' });
  return { headlines: reply.items.map((s) => s.headline).sort(), total: reply.total };
};

describe('desk views', () => {
  it("'mine' is what I own or was assigned, never the trash", () => {
    const { vivian } = desk();
    t.switchTo(vivian);
    expect(headlines({ desk: 'mine' })).toEqual({
      headlines: ['Omar assigned to Vivian', 'Vivian draft', 'Vivian submitted'],
      total: 3,
    });
    expect(headlines({ desk: 'mine', view: 'trash' }).headlines).toEqual(['Vivian trashed']);
  });

  it("'review_queue' is every submitted story and every one in review, whoever wrote it", () => {
    const { peng } = desk();
    t.switchTo(peng);
    expect(headlines({ desk: 'review_queue' })).toEqual({ headlines: ['Omar in review', 'Vivian submitted'], total: 2 });
  });

  it("'needs_signoff' is only my interns' stories waiting for me", () => {
    const { vivian, omar, mei } = desk();
    t.switchTo(vivian);
    expect(headlines({ desk: 'needs_signoff' }).headlines).toEqual(['Peng needs sign-off']);
    t.switchTo(omar);
    expect(headlines({ desk: 'needs_signoff' }).headlines).toEqual(['Li needs sign-off']);
    t.switchTo(mei);
    expect(headlines({ desk: 'needs_signoff' })).toEqual({ headlines: [], total: 0 });
  });

  it('filters by status and by assignee, alone and within a view', () => {
    const { vivian, mei } = desk();
    expect(headlines({ status: 'supervisor_review' }).headlines).toEqual(['Li needs sign-off', 'Peng needs sign-off']);
    expect(headlines({ status: 'draft' }).headlines).toEqual(['Omar assigned to Vivian', 'Vivian draft']);
    expect(headlines({ assigneeId: mei.id }).headlines).toEqual(['Omar in review']);
    expect(headlines({ assigneeId: vivian.id }).headlines).toEqual(['Omar assigned to Vivian']);
    t.switchTo(vivian);
    expect(headlines({ desk: 'mine', status: 'submitted' }).headlines).toEqual(['Vivian submitted']);
    expect(headlines({ desk: 'review_queue', status: 'in_review' }).headlines).toEqual(['Omar in review']);
  });

  it('searches within a view, and pages newest first', () => {
    const { vivian } = desk();
    t.switchTo(vivian);
    expect(headlines({ desk: 'review_queue', query: 'harbour' }).headlines).toEqual(['Omar in review', 'Vivian submitted']);
    expect(headlines({ desk: 'mine', query: 'harbour' }).headlines).toEqual(['Vivian draft', 'Vivian submitted']);
    expect(headlines({ desk: 'needs_signoff', query: 'night market' }).headlines).toEqual(['Peng needs sign-off']);
    const first = t.ok('stories.list', { desk: 'mine', limit: 2 });
    const second = t.ok('stories.list', { desk: 'mine', limit: 2, offset: 2 });
    expect(first.total).toBe(3);
    expect([...first.items, ...second.items].map((s) => s.headline)).toEqual([
      'Omar assigned to Vivian',
      'Vivian submitted',
      'Vivian draft',
    ]);
  });
});
