import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api/methods/sync.ts';
import type { Result } from '../../shared/api/errors.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import { openTestBackend, type TestBackend } from '../support/backend.ts';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../hub/support/hub.ts';
import { B1, B2, block, body, save, startRelay, textOf, type Relay } from './support.ts';

/**
 * A story deleted for good on one workstation ("Empty trash": the hub keeps
 * it) that a colleague restores or edits on the hub comes back there with
 * its newest text, though that workstation's pull cursor is past the
 * story's earlier revisions, and an edit made to it then merges and reaches
 * the colleague. Two real workstation backends and a real hub.
 */

let hub: TestHub;
const open: TestBackend[] = [];
const relays: Relay[] = [];

beforeAll(async () => {
  hub = await startTestHub();
}, 30_000);

afterAll(async () => {
  for (const ws of open) ws.close();
  for (const relay of relays) await relay.close();
  await hub.close();
});

async function syncNow(ws: TestBackend): Promise<SyncStatus> {
  const result = (await ws.backend.call('sync.now', {})) as Result<SyncStatus>;
  if (!result.ok) throw new Error(`sync.now failed: ${result.error.message}`);
  return result.value;
}

/** A workstation connected through a relay of its own (taken down for "offline"). */
async function desk(name: string, user: HubUser, role: 'reporter' | 'editor'): Promise<{ ws: TestBackend; relay: Relay }> {
  const relay = await startRelay(hub.url);
  relays.push(relay);
  const ws = openTestBackend(Date.parse('2026-03-02T09:00:01Z'), { profile: { name, role } });
  open.push(ws);
  const result = (await ws.backend.call('sync.connect', { hubUrl: relay.url, username: user.username, password: TEST_PASSWORD })) as Result<SyncStatus>;
  if (!result.ok) throw new Error(`connect failed: ${result.error.message}`);
  return { ws, relay };
}

/**
 * Ana (a reporter, the story's owner) and Ben (an editor) both have the
 * story; Ana moves it to the trash and empties the trash. Ben has seen it go
 * into the trash, or (`benOffline`) is offline and has not.
 */
async function deletedForGoodByAna(tag: string, benOffline = false) {
  const { ws: a } = await desk(`Ana local ${tag}`, await hub.createUser({ role: 'reporter', name: `Ana ${tag}` }), 'reporter');
  const story = a.ok('stories.create', { headline: `Flood ${tag}`, language: 'en' });
  save(a, story.id, body(block(B1, 'The river rose overnight.'), block(B2, 'Schools stay closed.')));
  expect((await syncNow(a)).state).toBe('up_to_date');
  const { ws: b, relay } = await desk(`Ben local ${tag}`, await hub.createUser({ role: 'editor', name: `Ben ${tag}` }), 'editor');
  expect(textOf(b, story.id)).toBe('The river rose overnight.\nSchools stay closed.');
  if (benOffline) await relay.down();
  a.ok('stories.trash', { id: story.id });
  expect(await syncNow(a)).toMatchObject({ state: 'up_to_date', pending: 0 });
  expect(a.ok('stories.emptyTrash', {})).toEqual({ deleted: 1 });
  expect(a.fails('stories.get', { id: story.id }).code).toBe('NOT_FOUND');
  if (!benOffline) {
    await syncNow(b);
    expect(b.ok('stories.get', { id: story.id }).trashedAt).not.toBeNull();
  }
  return { a, b, storyId: story.id, benRelay: relay };
}

/** Ana's edit after the story came back is merged on her side and reaches Ben. */
async function anaEditsAndBenGetsIt(a: TestBackend, b: TestBackend, storyId: string, expected: string) {
  const words = textOf(a, storyId).split('\n');
  save(a, storyId, body(block(B1, `${words[0]} Ana adds: the dam held.`), block(B2, words[1]!)));
  expect(await syncNow(a)).toMatchObject({ state: 'up_to_date', pending: 0, conflicts: 0 });
  await syncNow(b);
  expect(textOf(b, storyId)).toBe(expected);
  expect(textOf(a, storyId)).toBe(expected);
}

describe('a story deleted here for good comes back with its text', () => {
  it('when a colleague restores it from the hub’s trash', async () => {
    const { a, b, storyId } = await deletedForGoodByAna('restored');
    b.ok('stories.restore', { id: storyId });
    expect(await syncNow(b)).toMatchObject({ state: 'up_to_date', pending: 0 });

    expect(await syncNow(a)).toMatchObject({ state: 'up_to_date', pending: 0 });
    const back = a.ok('stories.get', { id: storyId });
    expect(back.trashedAt).toBeNull();
    expect(textOf(a, storyId)).toBe('The river rose overnight.\nSchools stay closed.');
    await anaEditsAndBenGetsIt(a, b, storyId, 'The river rose overnight. Ana adds: the dam held.\nSchools stay closed.');
  });

  it('when a colleague’s edit, made without having seen the trash, takes it out of the hub’s trash', async () => {
    const { a, b, storyId, benRelay } = await deletedForGoodByAna('edited', true);
    save(b, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Schools stay closed until Friday.')));
    expect((await syncNow(b)).state).toBe('offline');
    await benRelay.up();
    expect(await syncNow(b)).toMatchObject({ state: 'up_to_date', pending: 0 });
    expect(b.ok('stories.get', { id: storyId }).trashedAt).toBeNull();

    expect(await syncNow(a)).toMatchObject({ state: 'up_to_date', pending: 0 });
    expect(a.ok('stories.get', { id: storyId }).trashedAt).toBeNull();
    expect(textOf(a, storyId)).toBe('The river rose overnight.\nSchools stay closed until Friday.');
    await anaEditsAndBenGetsIt(a, b, storyId, 'The river rose overnight. Ana adds: the dam held.\nSchools stay closed until Friday.');
  });
});
