import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../../shared/model/document.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';

let t: TestBackend;
afterEach(() => t?.close());

const save = (id: string, headline: string) => ({ id, headline, standfirst: '', body: emptyDocument() });

describe('first run: who is writing', () => {
  it('refuses to write anything before someone says who is writing', () => {
    t = openTestBackend(undefined, { profile: null });
    expect(t.ok('session.get', {})).toEqual({ profile: null, profiles: [] });
    const refused = t.fails('stories.create', { headline: 'Too early' });
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: 'Choose who is writing first.' });
    expect(t.fails('settings.update', { bylineFormat: { prefix: 'By', uppercaseNames: true } })).toMatchObject({ code: 'FORBIDDEN' });
    // Reading and the contributor directory stay open.
    expect(t.ok('stories.list', {}).total).toBe(0);
    expect(t.ok('people.create', { name: 'Vivian Yan' }).created).toBe(true);
  });

  it('makes the first profile the current one, and new stories theirs', () => {
    t = openTestBackend(undefined, { profile: null });
    const { profile, profiles } = t.ok('session.createProfile', { name: '  Vivian   Yan ', role: 'reporter' });
    expect(profile).toMatchObject({ name: 'Vivian Yan', role: 'reporter', supervisorId: null });
    expect(profiles).toEqual([profile]);
    expect(t.ok('session.get', {}).profile).toEqual(profile);
    const story = t.ok('stories.create', { headline: 'Mine' });
    expect(t.ok('stories.save', save(story.id, 'Still mine')).revision).toBe(2);
  });

  it('needs a supervisor for an intern, and only a reporter, editor or admin can be one', () => {
    t = openTestBackend(undefined, { profile: null });
    expect(t.fails('session.createProfile', { name: 'Peng Qin', role: 'intern' })).toMatchObject({
      code: 'VALIDATION',
      message: 'An intern works under a supervisor. Add the supervising reporter or editor first, then the intern.',
    });
    const vivian = t.addProfile('Vivian Yan', 'reporter');
    const peng = t.addProfile('Peng Qin', 'intern', vivian.id);
    expect(peng.supervisorId).toBe(vivian.id);
    expect(t.fails('session.createProfile', { name: 'Li Wei', role: 'intern', supervisorId: peng.id }).message).toBe(
      'Peng Qin is an intern and cannot supervise.',
    );
    expect(t.fails('session.createProfile', { name: 'Li Wei', role: 'editor', supervisorId: vivian.id }).message).toBe(
      'Only interns have a supervisor.',
    );
    expect(t.fails('session.switch', { profileId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }).code).toBe('NOT_FOUND');
  });
});

describe('the backend enforces the permission policy', () => {
  it("refuses an intern's save to a reporter's story with the reason, and keeps the story as it was", () => {
    t = openTestBackend(undefined, { profile: { name: 'Vivian Yan', role: 'reporter' } });
    const vivian = t.profile!;
    const story = t.ok('stories.create', { headline: "Vivian's story" });
    const peng = t.addProfile('Peng Qin', 'intern', vivian.id);
    expect(t.ok('session.get', {}).profile?.id).toBe(peng.id);

    expect(t.fails('stories.save', save(story.id, 'Rewritten by the intern'))).toMatchObject({
      code: 'FORBIDDEN',
      message: "Interns edit other people's stories only as proposals.",
    });
    expect(t.fails('stories.trash', { id: story.id })).toMatchObject({ code: 'FORBIDDEN', message: "Interns can't delete other people's work." });
    expect(t.ok('stories.get', { id: story.id })).toMatchObject({ headline: "Vivian's story", revision: 1, trashedAt: null });

    // The intern's own story is theirs to write and to trash.
    const own = t.ok('stories.create', { headline: 'Intern draft' });
    expect(t.ok('stories.save', save(own.id, 'Intern draft, better')).revision).toBe(2);
    t.ok('stories.trash', { id: own.id });
    t.ok('stories.restore', { id: own.id });
  });

  it("lets an editor edit anyone's story, and a reporter only their own", () => {
    t = openTestBackend(undefined, { profile: { name: 'Vivian Yan', role: 'reporter' } });
    const vivian = t.profile!;
    const story = t.ok('stories.create', { headline: 'Original' });
    const li = t.addProfile('Li Wei', 'reporter');
    expect(t.fails('stories.save', save(story.id, 'By Li'))).toMatchObject({
      code: 'FORBIDDEN',
      message: "This is someone else's story. Propose your changes instead.",
    });
    t.addProfile('Desk Editor', 'editor');
    expect(t.ok('stories.save', save(story.id, 'Edited by the desk')).revision).toBe(2);
    t.switchTo(vivian);
    expect(t.ok('stories.save', save(story.id, 'Back with Vivian')).revision).toBe(3);
    expect(li.role).toBe('reporter');
  });

  it('keeps publication settings to admins', () => {
    t = openTestBackend(undefined, { profile: { name: 'Desk Editor', role: 'editor' } });
    expect(t.fails('settings.update', { bylineFormat: { prefix: 'Text:', uppercaseNames: false } })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only admins change publication settings.',
    });
    t.addProfile('Site Admin', 'admin');
    expect(t.ok('settings.update', { bylineFormat: { prefix: 'Text:', uppercaseNames: false } }).bylineFormat.prefix).toBe('Text:');
  });

  it('empties only your own stories from the trash unless you are on the desk', () => {
    t = openTestBackend(undefined, { profile: { name: 'Vivian Yan', role: 'reporter' } });
    const vivian = t.profile!;
    const hers = t.ok('stories.create', { headline: 'Hers' });
    t.ok('stories.trash', { id: hers.id });
    t.addProfile('Li Wei', 'reporter');
    const his = t.ok('stories.create', { headline: 'His' });
    t.ok('stories.trash', { id: his.id });
    expect(t.ok('stories.emptyTrash', {}).deleted).toBe(1);
    expect(t.ok('stories.list', { view: 'trash' }).items.map((s) => s.headline)).toEqual(['Hers']);
    t.switchTo(vivian);
    t.addProfile('Desk Editor', 'editor');
    expect(t.ok('stories.emptyTrash', {}).deleted).toBe(1);
  });

  it("answers what the current person may do, with the policy's reasons", () => {
    t = openTestBackend(undefined, { profile: { name: 'Vivian Yan', role: 'reporter' } });
    const story = t.ok('stories.create', { headline: 'Hers' });
    const mine = t.ok('session.permissions', { storyIds: [story.id] });
    expect(mine.workstation.manage_settings).toEqual({ ok: false, reason: 'Only admins change publication settings.' });
    expect(mine.stories[story.id]?.edit).toEqual({ ok: true });
    expect(mine.stories[story.id]?.publish).toEqual({ ok: false, reason: 'Only editors can publish a story.' });
    t.addProfile('Peng Qin', 'intern', t.profile!.id);
    const interns = t.ok('session.permissions', { storyIds: [story.id] });
    expect(interns.stories[story.id]?.edit.ok).toBe(false);
    expect(interns.stories[story.id]?.propose).toEqual({ ok: true });
    expect(interns.stories[story.id]?.publish).toEqual({ ok: false, reason: "Interns can't publish — your supervisor signs off first." });
  });
});
