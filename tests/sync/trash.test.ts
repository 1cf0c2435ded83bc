import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api/methods/sync.ts';
import type { Result } from '../../shared/api/errors.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import { DATABASE_FILE } from '../../main/store/db.ts';
import { openTestBackend, type TestBackend } from '../support/backend.ts';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../hub/support/hub.ts';
import { B1, B2, block, body, eventually, save, startRelay, textOf, type Relay } from './support.ts';

/**
 * Whole-story trash and restore between two real workstation backends and a
 * real hub, each workstation behind its own relay so one can be offline
 * while the other works. The rule under test: a story deleted on one side
 * and edited on the other keeps the edit, on both.
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

async function call<T>(ws: TestBackend, name: string, input: unknown): Promise<Result<T>> {
  return (await ws.backend.call(name, input)) as Result<T>;
}

async function syncNow(ws: TestBackend): Promise<SyncStatus> {
  const result = await call<SyncStatus>(ws, 'sync.now', {});
  if (!result.ok) throw new Error(`sync.now failed: ${result.error.message}`);
  return result.value;
}

async function desk(name: string, user: HubUser, role: 'reporter' | 'editor'): Promise<{ ws: TestBackend; relay: Relay }> {
  const relay = await startRelay(hub.url);
  relays.push(relay);
  const ws = openTestBackend(Date.parse('2026-03-02T09:00:01Z'), { profile: { name, role } });
  open.push(ws);
  const result = await call<SyncStatus>(ws, 'sync.connect', { hubUrl: relay.url, username: user.username, password: TEST_PASSWORD });
  if (!result.ok) throw new Error(`connect failed: ${result.error.message}`);
  return { ws, relay };
}

/** Ana (a reporter, the story's owner) and Ben (an editor), each with the story and its text. */
async function twoDesks(tag: string) {
  const reporter = await hub.createUser({ role: 'reporter', name: `Ana ${tag}` });
  const editor = await hub.createUser({ role: 'editor', name: `Ben ${tag}` });
  const a = await desk(`Ana local ${tag}`, reporter, 'reporter');
  const story = a.ws.ok('stories.create', { headline: `Flood ${tag}`, language: 'en' });
  save(a.ws, story.id, body(block(B1, 'The river rose overnight.'), block(B2, 'Schools stay closed.')));
  expect((await syncNow(a.ws)).state).toBe('up_to_date');
  const b = await desk(`Ben local ${tag}`, editor, 'editor');
  expect(textOf(b.ws, story.id)).toBe(textOf(a.ws, story.id));
  return { a, b, storyId: story.id };
}

/** Whether the workstation has pulled the hub's word that the story is in the trash (read from its store, as the engine keeps it). */
function hubSaysTrashed(ws: TestBackend, storyId: string): boolean {
  const db = new Database(join(ws.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = db.prepare<[string], { hub_story: string | null }>('SELECT hub_story FROM story_sync WHERE story_id = ?').get(storyId);
    return Boolean(row?.hub_story && (JSON.parse(row.hub_story) as { trashedAt?: string | null }).trashedAt);
  } finally {
    db.close();
  }
}

const inTrash = (ws: TestBackend, storyId: string) => ws.ok('stories.get', { id: storyId }).trashedAt !== null;
const trashList = (ws: TestBackend) => ws.ok('stories.list', { view: 'trash' }).items.map((item) => item.id);

describe('trash and restore sync', () => {
  it('a story trashed on one workstation is in the trash on the other', async () => {
    const { a, b, storyId } = await twoDesks('trashed');
    // Ana's last words, autosaved but not yet sent, go with the story into the trash.
    save(a.ws, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Schools reopen on Monday.')));
    a.ws.ok('stories.trash', { id: storyId });
    expect(await syncNow(a.ws)).toMatchObject({ state: 'up_to_date', pending: 0 });
    await syncNow(b.ws);
    expect(inTrash(b.ws, storyId)).toBe(true);
    expect(trashList(b.ws)).toContain(storyId);
    expect(textOf(b.ws, storyId)).toContain('Schools reopen on Monday.');
  });

  it('a restore reaches the other workstation too', async () => {
    const { a, b, storyId } = await twoDesks('restored');
    a.ws.ok('stories.trash', { id: storyId });
    await syncNow(a.ws);
    await syncNow(b.ws);
    expect(inTrash(b.ws, storyId)).toBe(true);
    b.ws.ok('stories.restore', { id: storyId });
    expect(await syncNow(b.ws)).toMatchObject({ state: 'up_to_date', pending: 0 });
    await syncNow(a.ws);
    expect(inTrash(a.ws, storyId)).toBe(false);
    expect(trashList(a.ws)).not.toContain(storyId);
  });

  it('trashed offline on one side, edited on the other: the story stays out of the trash on both, with the edit', async () => {
    const { a, b, storyId } = await twoDesks('offline-trash');
    await a.relay.down();
    try {
      a.ws.ok('stories.trash', { id: storyId });
      expect((await syncNow(a.ws)).state).toBe('offline');
      expect(a.ws.ok('sync.preview', {}).items.map((item) => item.description)).toContain('Move “Flood offline-trash” to the trash');
      save(b.ws, storyId, body(block(B1, 'The river rose overnight, the mayor said.'), block(B2, 'Schools stay closed.')));
      expect(await syncNow(b.ws)).toMatchObject({ state: 'up_to_date', pending: 0 });
    } finally {
      await a.relay.up();
    }
    const status = await syncNow(a.ws);
    await syncNow(b.ws);
    for (const ws of [a.ws, b.ws]) {
      expect(inTrash(ws, storyId)).toBe(false);
      expect(textOf(ws, storyId)).toContain('the mayor said');
    }
    // Ana is told why her trash was not made.
    expect(status.message).toMatch(/Move “Flood offline-trash” to the trash was not sent: Ben offline-trash edited this story/);
  });

  it('edited offline on one side, trashed on the other: the edit reaches both and the story is back out of the trash', async () => {
    const { a, b, storyId } = await twoDesks('offline-edit');
    await a.relay.down();
    try {
      save(a.ws, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Schools stay closed until Friday.')));
      expect((await syncNow(a.ws)).state).toBe('offline');
      b.ws.ok('stories.trash', { id: storyId });
      expect(await syncNow(b.ws)).toMatchObject({ state: 'up_to_date', pending: 0 });
    } finally {
      await a.relay.up();
    }
    expect(await syncNow(a.ws)).toMatchObject({ state: 'up_to_date', pending: 0 });
    await syncNow(b.ws);
    for (const ws of [a.ws, b.ws]) {
      expect(inTrash(ws, storyId)).toBe(false);
      expect(textOf(ws, storyId)).toContain('until Friday');
    }
  });

  it('text typed but not yet sent keeps the story out of the trash until it is sent', async () => {
    const { a, b, storyId } = await twoDesks('typing');
    // Ana is typing: her autosaved text waits for its quiet period (20 s) before it is checkpointed and sent.
    save(a.ws, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Buses replace the trains.')));
    b.ws.ok('stories.trash', { id: storyId });
    await syncNow(b.ws);
    // The hub's nudge makes Ana's workstation pull Ben's trash, leaving the text she is typing alone.
    await eventually('Ana’s workstation has heard of the trash', () => hubSaysTrashed(a.ws, storyId));
    expect(inTrash(a.ws, storyId)).toBe(false);
    expect(a.ws.ok('sync.status', {}).pending).toBe(1);
    // Her text goes (here at once, as with "Sync now") and brings the story back for everyone.
    expect(await syncNow(a.ws)).toMatchObject({ state: 'up_to_date', pending: 0 });
    await syncNow(b.ws);
    for (const ws of [a.ws, b.ws]) {
      expect(inTrash(ws, storyId)).toBe(false);
      expect(textOf(ws, storyId)).toContain('Buses replace the trains.');
    }
  });

  it('an edit the hub refuses on a story trashed meanwhile is set aside with its reason; the trash holds the newsroom’s text', async () => {
    const { a, b, storyId } = await twoDesks('refused');
    await a.relay.down();
    try {
      save(a.ws, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'A late paragraph nobody will run.')));
      a.ws.ok('stories.trash', { id: storyId });
      b.ws.ok('workflow.transition', { storyId, action: 'spike', note: '', expectedStatus: 'draft' });
      expect(await syncNow(b.ws)).toMatchObject({ state: 'up_to_date', pending: 0 });
    } finally {
      await a.relay.up();
    }
    const status = await syncNow(a.ws);
    expect(status.message).toMatch(/was not sent: This story is spiked/);
    expect(status.refused).toBe(1);
    expect(inTrash(a.ws, storyId)).toBe(true);
    expect(textOf(a.ws, storyId)).not.toContain('A late paragraph');
    await syncNow(b.ws);
    expect(inTrash(b.ws, storyId)).toBe(true);
  });

  it('trashed on both sides, one of them after a last edit: both trashes hold that edit', async () => {
    const { a, b, storyId } = await twoDesks('both');
    await b.relay.down();
    try {
      b.ws.ok('stories.trash', { id: storyId });
      save(a.ws, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'The dam held.')));
      a.ws.ok('stories.trash', { id: storyId });
      expect(await syncNow(a.ws)).toMatchObject({ state: 'up_to_date', pending: 0 });
    } finally {
      await b.relay.up();
    }
    expect(await syncNow(b.ws)).toMatchObject({ state: 'up_to_date', pending: 0 });
    for (const ws of [a.ws, b.ws]) {
      expect(inTrash(ws, storyId)).toBe(true);
      expect(textOf(ws, storyId)).toContain('The dam held.');
    }
  });
});
