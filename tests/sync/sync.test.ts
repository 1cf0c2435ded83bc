import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api/methods/sync.ts';
import type { Result } from '../../shared/api/errors.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import type { MutationOf, PullResponse, PushResponse } from '../../shared/sync/protocol.ts';
import { canonicalJson } from '../../shared/review/canonicalJson.ts';
import { DATABASE_FILE } from '../../main/store/db.ts';
import { TOKEN_FILE } from '../../main/sync/tokenStore.ts';
import { openTestBackend, type TestBackend } from '../support/backend.ts';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../hub/support/hub.ts';
import { B1, B2, B3, block, body, eventually, openTimedWorkstation, save, startRelay, textOf, type Relay } from './support.ts';

/**
 * The workstation sync client against a real hub over HTTP (PGlite), with
 * real workstation backends on their own data folders. The hub is reached
 * through a relay the tests take down to make a workstation offline.
 */

let hub: TestHub;
let relay: Relay;
const open: TestBackend[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  relay = await startRelay(hub.url);
}, 30_000);

afterAll(async () => {
  for (const ws of open) ws.close();
  await relay.close();
  await hub.close();
});

function workstation(name: string, role: 'reporter' | 'editor' = 'reporter'): TestBackend {
  const ws = openTestBackend(Date.parse('2026-03-02T09:00:01Z'), { profile: { name, role } });
  open.push(ws);
  return ws;
}

async function call<T>(ws: TestBackend, name: string, input: unknown): Promise<Result<T>> {
  return (await ws.backend.call(name, input)) as Result<T>;
}

async function connect(ws: TestBackend, user: HubUser, url = relay.url): Promise<SyncStatus> {
  const result = await call<SyncStatus>(ws, 'sync.connect', { hubUrl: url, username: user.username, password: TEST_PASSWORD });
  if (!result.ok) throw new Error(`connect failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function syncNow(ws: TestBackend): Promise<SyncStatus> {
  const result = await call<SyncStatus>(ws, 'sync.now', {});
  if (!result.ok) throw new Error(`sync.now failed: ${result.error.message}`);
  return result.value;
}

/** A reporter's workstation with one story of three paragraphs, connected and synced; and an editor's, connected. */
async function twoDesks(tag: string) {
  const reporter = await hub.createUser({ role: 'reporter', name: `Ana ${tag}` });
  const editor = await hub.createUser({ role: 'editor', name: `Ben ${tag}` });
  const a = workstation(`Ana local ${tag}`);
  const b = workstation(`Ben local ${tag}`, 'editor');
  await connect(a, reporter);
  const story = a.ok('stories.create', { headline: `Flood ${tag}`, language: 'en' });
  save(a, story.id, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')));
  expect((await syncNow(a)).state).toBe('up_to_date');
  await connect(b, editor);
  expect(textOf(b, story.id)).toBe(textOf(a, story.id));
  return { a, b, reporter, editor, storyId: story.id };
}

describe('connecting', () => {
  it('a wrong password is UNAUTHORIZED and changes nothing', async () => {
    const user = await hub.createUser({ role: 'reporter' });
    const ws = workstation('Local writer');
    const before = ws.ok('session.get', {});
    const result = await call(ws, 'sync.connect', { hubUrl: relay.url, username: user.username, password: 'not the password at all' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('UNAUTHORIZED');
      expect(result.error.message).toMatch(/user name or password/);
    }
    expect(ws.ok('session.get', {})).toEqual(before);
    expect(ws.ok('sync.status', {})).toMatchObject({ state: 'signed_out', account: null, pending: 0 });
    expect(() => statSync(join(ws.dataDir, TOKEN_FILE))).toThrow();
  });

  it('an address where no hub answers is OFFLINE', async () => {
    const user = await hub.createUser({ role: 'reporter' });
    const ws = workstation('Local writer');
    const result = await call(ws, 'sync.connect', { hubUrl: 'http://127.0.0.1:9', username: user.username, password: TEST_PASSWORD });
    expect(result.ok ? null : result.error.code).toBe('OFFLINE');
  });

  it('moves local stories to the account and up to the hub; the token file is 0600', async () => {
    const user = await hub.createUser({ role: 'reporter', name: 'Chen Reporter' });
    const ws = workstation('Chen on this laptop');
    const story = ws.ok('stories.create', { headline: 'Written before connecting', language: 'en' });
    save(ws, story.id, body(block(B1, 'Local words travel too.')));

    const status = await connect(ws, user);
    expect(status).toMatchObject({ state: 'up_to_date', pending: 0, account: { id: user.id, name: 'Chen Reporter' } });
    expect(ws.ok('session.get', {}).profile?.id).toBe(user.id);
    expect(ws.ok('workflow.timeline', { storyId: story.id }).state.ownerId).toBe(user.id);
    expect(statSync(join(ws.dataDir, TOKEN_FILE)).mode & 0o777).toBe(0o600);

    const { token } = await hub.login(user.username);
    const pulled = await hub.request<PullResponse>('POST', '/v1/sync/pull', { token, body: { cursor: null } });
    const head = pulled.body.changes.filter((c) => c.kind === 'revision' && c.storyId === story.id).at(-1);
    expect(head && head.kind === 'revision' ? JSON.stringify(head.snapshot.body) : '').toContain('Local words travel too.');
  });
});

describe('offline and back', () => {
  it('queues changes while the hub is away and drains them when it is back; the editor then sees them', async () => {
    const { a, b, storyId } = await twoDesks('offline');
    await relay.down();
    try {
      save(a, storyId, body(block(B1, 'The river rose overnight, says the mayor.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')));
      a.ok('revisions.checkpoint', { storyId, kind: 'save', message: 'Quote added' });
      const offline = await syncNow(a);
      expect(offline.state).toBe('offline');
      expect(offline.pending).toBeGreaterThan(0);
      expect(offline.nextAttemptAt).not.toBeNull();
      const preview = a.ok('sync.preview', {}).items;
      expect(preview.map((item) => item.type)).toContain('article.revision');
      expect(preview[0]!.description).toMatch(/Text of “Flood offline”/);
    } finally {
      await relay.up();
    }
    expect(await syncNow(a)).toMatchObject({ state: 'up_to_date', pending: 0 });
    await syncNow(b);
    expect(textOf(b, storyId)).toContain('says the mayor');
  });
});

describe('found by the sync fuzz', () => {
  it('two sync attempts while offline: the later edit reaches the hub too, not only the earlier one', async () => {
    const { a, b, storyId } = await twoDesks('twice');
    await relay.down();
    try {
      save(a, storyId, body(block(B1, 'The river rose overnight, says the mayor.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')));
      expect((await syncNow(a)).state).toBe('offline');
      save(a, storyId, body(block(B1, 'The river rose overnight, says the mayor.'), block(B2, 'Sandbags were filled at dawn by volunteers.'), block(B3, 'Schools stay closed.')));
      expect((await syncNow(a)).state).toBe('offline');
    } finally {
      await relay.up();
    }
    expect(await syncNow(a)).toMatchObject({ state: 'up_to_date', pending: 0 });
    await syncNow(b);
    expect(textOf(b, storyId)).toContain('by volunteers');
    expect(textOf(b, storyId)).toContain('says the mayor');
    expect(textOf(a, storyId)).toBe(textOf(b, storyId));
  });

  it('an edit the hub refuses (the story was spiked meanwhile) is reported and kept in history; the story shows the hub’s version', async () => {
    const { a, b, reporter, storyId } = await twoDesks('spiked');
    // The reporter's desk reaches the hub through a relay of its own, so it hears nothing while that is down.
    const own = await startRelay(hub.url);
    try {
      await connect(a, reporter, own.url);
      const messages: string[] = [];
      a.backend.subscribe((event, payload) => {
        if (event === 'sync.changed') messages.push((payload as SyncStatus).message ?? '');
      });
      await own.down();
      // Still a draft here, so the edit is saved; meanwhile the editor spikes the story.
      save(a, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed, the council said.')));
      b.ok('workflow.transition', { storyId, action: 'spike', note: '', expectedStatus: 'draft' });
      await syncNow(b);
      await own.up();
      expect((await syncNow(a)).pending).toBe(0);
      expect(messages.some((m) => /was not sent: This story is spiked.*kept in the story’s history/.test(m))).toBe(true);
      expect(a.ok('stories.get', { id: storyId }).status).toBe('spiked');
      expect(textOf(a, storyId)).toBe(textOf(b, storyId));
      expect(textOf(a, storyId)).not.toContain('the council said');
      const history = a.ok('revisions.list', { storyId }).items;
      const texts = history.map((r) => JSON.stringify(a.ok('revisions.get', { id: r.id }).snapshot.body));
      expect(texts.some((t) => t.includes('the council said'))).toBe(true);
    } finally {
      await own.close();
    }
  });
});

describe('found by the sync fuzz: an edit saved during a cycle', () => {
  it('is still sent after that cycle pulls a state in which the person may no longer edit', async () => {
    const { a, b, storyId } = await twoDesks('midcycle');
    b.ok('workflow.transition', { storyId, action: 'spike', note: '', expectedStatus: 'draft' });
    await syncNow(b);
    // A cycle starts (it checkpoints first, then pushes and pulls); the reporter saves while it is out.
    const inFlight = syncNow(a);
    save(a, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay shut, said the head.')));
    await inFlight;
    expect(a.ok('stories.get', { id: storyId }).status).toBe('spiked');
    // The next cycle sends it; the hub refuses it (spiked), and the story shows the hub's version.
    expect((await syncNow(a)).pending).toBe(0);
    expect(textOf(a, storyId)).toBe(textOf(b, storyId));
    const history = a.ok('revisions.list', { storyId }).items;
    const texts = history.map((r) => JSON.stringify(a.ok('revisions.get', { id: r.id }).snapshot.body));
    expect(texts.some((t) => t.includes('said the head'))).toBe(true);
  });
});

describe('both sides edit', () => {
  it('edits to different paragraphs converge with both', async () => {
    const { a, b, storyId } = await twoDesks('apart');
    save(a, storyId, body(block(B1, 'The river rose two metres overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')));
    save(b, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed until Monday.')));
    await syncNow(a);
    await syncNow(b);
    await syncNow(a);
    expect(textOf(a, storyId)).toBe(textOf(b, storyId));
    expect(textOf(a, storyId)).toContain('two metres');
    expect(textOf(a, storyId)).toContain('until Monday');
    expect(b.ok('sync.conflicts', {}).items).toEqual([]);
  });

  it('the same paragraph changed differently leaves a conflict block; once resolved both converge', async () => {
    const { a, b, storyId } = await twoDesks('clash');
    save(a, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled by volunteers.'), block(B3, 'Schools stay closed.')));
    save(b, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled by soldiers.'), block(B3, 'Schools stay closed.')));
    await syncNow(a);
    const after = await syncNow(b);
    expect(after.conflicts).toBe(1);
    const [item] = b.ok('sync.conflicts', {}).items;
    expect(item).toMatchObject({ storyId, blocks: 1 });
    const merged = b.ok('stories.get', { id: storyId }).body;
    const conflict = JSON.stringify(merged.root.children.find((n) => n.type === 'merge-conflict'));
    expect(conflict).toContain('volunteers');
    expect(conflict).toContain('soldiers');

    // B keeps one version: the conflict block is replaced by it.
    save(b, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled by soldiers and volunteers.'), block(B3, 'Schools stay closed.')));
    expect((await syncNow(b)).conflicts).toBe(0);
    await syncNow(a);
    expect(textOf(a, storyId)).toBe(textOf(b, storyId));
    expect(textOf(a, storyId)).toContain('soldiers and volunteers');
  });

  it('a paragraph deleted on one side and edited on the other keeps the edit', async () => {
    const { a, b, storyId } = await twoDesks('delete');
    save(a, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.')));
    save(b, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed all week.')));
    await syncNow(a);
    await syncNow(b);
    await syncNow(a);
    expect(textOf(a, storyId)).toContain('all week');
    expect(textOf(a, storyId)).toBe(textOf(b, storyId));
  });
});

describe('the desk', () => {
  it('a transition and a comment travel both ways', async () => {
    const { a, b, storyId } = await twoDesks('desk');
    a.ok('workflow.transition', { storyId, action: 'submit', note: 'Ready', expectedStatus: 'draft' });
    await syncNow(a);
    await syncNow(b);
    expect(b.ok('workflow.timeline', { storyId }).state.status).toBe('submitted');
    expect(b.ok('workflow.timeline', { storyId }).items.map((e) => e.action)).toContain('submit');

    b.ok('workflow.transition', { storyId, action: 'claim', note: '', expectedStatus: 'submitted' });
    b.ok('comments.create', { storyId, anchor: { blockId: B3, start: 0, end: 7, quote: 'Schools' }, body: 'Which schools?', mentions: [] });
    await syncNow(b);
    await syncNow(a);
    expect(a.ok('workflow.timeline', { storyId }).state.status).toBe('in_review');
    const threads = a.ok('comments.list', { storyId }).threads;
    expect(threads.map((t) => t.body)).toEqual(['Which schools?']);

    a.ok('comments.reply', { threadId: threads[0]!.id, body: 'All in the valley.', mentions: [] });
    await syncNow(a);
    await syncNow(b);
    expect(b.ok('comments.list', { storyId }).threads[0]!.replies.map((r) => r.body)).toEqual(['All in the valley.']);
    // Each event once, though each side also pulled its own back.
    expect(a.ok('workflow.timeline', { storyId }).items.filter((e) => e.action === 'submit')).toHaveLength(1);
  });

  it('a mutation pushed again is answered as a duplicate and changes nothing', async () => {
    const user = await hub.createUser({ role: 'reporter' });
    const ws = workstation('Replayer');
    await connect(ws, user);
    const story = ws.ok('stories.create', { headline: 'Replayed', language: 'en' });
    save(ws, story.id, body(block(B1, 'Once only.')));
    ws.ok('revisions.checkpoint', { storyId: story.id, kind: 'save', message: '' });
    // Read what will be sent, send it ourselves first, then let the workstation send the same ids.
    const pending = ws.ok('sync.preview', {}).items.map((i) => i.id);
    expect(pending.length).toBeGreaterThanOrEqual(2);
    await syncNow(ws);
    const { token } = await hub.login(user.username);
    const { cursor: before } = (await hub.request<PullResponse>('POST', '/v1/sync/pull', { token, body: { cursor: null, limit: 1000 } })).body;
    const replay = await hub.request<PushResponse>('POST', '/v1/sync/push', {
      token,
      body: { workstationId: 'replay', mutations: [{ id: pending[0], type: 'article.create', storyId: story.id, payload: { headline: 'Replayed', language: 'en' } }] },
    });
    expect(replay.body.results[0]).toMatchObject({ status: 'duplicate', first: { status: 'applied' } });
    const { changes } = (await hub.request<PullResponse>('POST', '/v1/sync/pull', { token, body: { cursor: before } })).body;
    expect(changes).toEqual([]);
    expect(await syncNow(ws)).toMatchObject({ state: 'up_to_date', pending: 0 });
    expect(textOf(ws, story.id)).toBe('Once only.');
  });
});

/** The parts of a story both desks must agree on, as canonical JSON. */
function storyText(ws: TestBackend, storyId: string): string {
  const story = ws.ok('stories.get', { id: storyId });
  return canonicalJson({ headline: story.headline, standfirst: story.standfirst, dateline: story.dateline, byline: story.byline, language: story.language, body: story.body });
}

const WORDS = ['council', 'river', 'flood', 'night', 'bridge', 'school', 'mayor', 'street', 'water', 'volunteer'];

/** A paragraph of `n` words, different for each `seed`. */
function words(seed: number, n: number): string {
  return Array.from({ length: n }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(' ');
}

function blockId(n: number): string {
  return `b${String(n).padStart(16, '0')}`;
}

describe('deltas on the wire', () => {
  it('a one-word edit to a 5,000-word story goes as a delta of under 4 KB; the other desk gets the identical text', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Dana Delta' });
    const editor = await hub.createUser({ role: 'editor', name: 'Eli Delta' });
    const own = await startRelay(hub.url);
    try {
      const a = workstation('Dana local');
      const b = workstation('Eli local', 'editor');
      await connect(a, reporter, own.url);
      const story = a.ok('stories.create', { headline: 'The long flood report', language: 'en' });
      const paragraphs = Array.from({ length: 50 }, (_, i) => block(blockId(i + 1), words(i, 100)));
      save(a, story.id, body(...paragraphs));
      expect(a.ok('stories.get', { id: story.id }).wordCount).toBe(5000);
      expect((await syncNow(a)).pending).toBe(0);
      await connect(b, editor);
      expect(storyText(b, story.id)).toBe(storyText(a, story.id));

      const edited = paragraphs.map((p, i) => (i === 24 ? block(blockId(25), words(24, 100).replace(/^\w+/, 'Tuesday')) : p));
      save(a, story.id, body(...edited));
      const before = own.bytesUp();
      expect(await syncNow(a)).toMatchObject({ state: 'up_to_date', pending: 0 });
      const sent = own.bytesUp() - before;
      // The whole story would be over ten times that: the check means something.
      expect(JSON.stringify(body(...edited)).length).toBeGreaterThan(40_000);
      expect(sent).toBeLessThan(4_096);

      await syncNow(b);
      expect(textOf(b, story.id)).toContain('Tuesday');
      expect(storyText(b, story.id)).toBe(storyText(a, story.id));
    } finally {
      await own.close();
    }
  });

  it('a delta the hub cannot rebuild is sent again in full under a new mutation id', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Fay Fallback' });
    const editor = await hub.createUser({ role: 'editor', name: 'Gus Fallback' });
    const own = await startRelay(hub.url);
    try {
      const a = workstation('Fay local');
      const b = workstation('Gus local', 'editor');
      await connect(a, reporter, own.url);
      const other = a.ok('stories.create', { headline: 'Another story', language: 'en' });
      save(a, other.id, body(block(B1, 'Elsewhere.')));
      const story = a.ok('stories.create', { headline: 'Fallback', language: 'en' });
      save(a, story.id, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.')));
      expect((await syncNow(a)).pending).toBe(0);
      await connect(b, editor);

      await own.down();
      save(a, story.id, body(block(B1, 'The river rose two metres overnight.'), block(B2, 'Sandbags were filled at dawn.')));
      expect((await syncNow(a)).state).toBe('offline');
      // Prepared for the wire as a delta; make its base one the hub has only for another story,
      // as a hub that had lost the base would answer.
      const db = new Database(join(a.dataDir, DATABASE_FILE));
      let sent: MutationOf<'article.revision'>;
      try {
        const row = db.prepare(`SELECT id, body FROM outbox WHERE state = 'pending' AND type = 'article.revision' AND story_id = ?`).get(story.id) as { id: string; body: string };
        const mutation = JSON.parse(row.body) as MutationOf<'article.revision'>;
        expect(mutation.payload.delta).toBeDefined();
        expect(mutation.payload.snapshot).toBeUndefined();
        const otherHead = a.ok('revisions.list', { storyId: other.id }).headId!;
        sent = { ...mutation, payload: { ...mutation.payload, deltaBase: otherHead } };
        db.prepare(`UPDATE outbox SET body = ? WHERE id = ?`).run(JSON.stringify(sent), row.id);
      } finally {
        db.close();
      }
      await own.up();
      expect(await syncNow(a)).toMatchObject({ state: 'up_to_date', pending: 0, message: null });
      await syncNow(b);
      expect(textOf(b, story.id)).toContain('two metres');
      expect(storyText(b, story.id)).toBe(storyText(a, story.id));
      // The hub keeps its answer to the first id; the text went under another.
      const { token } = await hub.login(reporter.username);
      const replay = await hub.request<PushResponse>('POST', '/v1/sync/push', { token, body: { workstationId: 'replay', mutations: [sent] } });
      expect(replay.body.results[0]).toMatchObject({ status: 'duplicate', first: { status: 'invalid', reason: expect.stringMatching(/send the revision in full/) } });
    } finally {
      await own.close();
    }
  });
});

describe('autosaved text without Ctrl+S', () => {
  it('offline: counts as pending and is previewed; back online it reaches the hub without any checkpoint being asked for', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Jo Autosave' });
    const editor = await hub.createUser({ role: 'editor', name: 'Kim Autosave' });
    const own = await startRelay(hub.url);
    try {
      const a = openTimedWorkstation('Jo local', { quietMs: 400 });
      open.push(a);
      const b = workstation('Kim local', 'editor');
      await connect(a, reporter, own.url);
      const storyId = a.ok('stories.create', { headline: 'Flood autosave', language: 'en' }).id;
      save(a, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')));
      expect((await syncNow(a)).pending).toBe(0);
      await connect(b, editor);
      await own.down();
      save(a, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed, said the head teacher.')));
      expect(a.ok('sync.status', {}).pending).toBe(1);
      const preview = a.ok('sync.preview', {}).items;
      expect(preview.map((item) => item.description)).toEqual(['Text of “Flood autosave” (not yet checkpointed)']);
      await own.up();
      // Nobody presses anything: the workstation notices the hub is back and sends the text.
      await eventually('the editor’s desk has the text', async () => {
        await syncNow(b);
        return textOf(b, storyId).includes('said the head teacher');
      });
      await eventually('nothing is pending', () => a.ok('sync.status', {}).pending === 0);
      expect(a.ok('revisions.list', { storyId }).items[0]).toMatchObject({ message: 'Synced' });
    } finally {
      await own.close();
    }
  }, 30_000);

  it('online: text is sent after a pause in typing, as one “Synced” checkpoint for the whole pause', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Hal Typist' });
    const editor = await hub.createUser({ role: 'editor', name: 'Ida Reader' });
    const a = openTimedWorkstation('Hal local', { quietMs: 400, quietMaxMs: 5_000 });
    open.push(a);
    const b = workstation('Ida local', 'editor');
    await connect(a, reporter);
    const story = a.ok('stories.create', { headline: 'Typed on', language: 'en' });
    save(a, story.id, body(block(B1, 'First words.')));
    expect((await syncNow(a)).pending).toBe(0);
    await connect(b, editor);
    const synced = () => a.ok('revisions.list', { storyId: story.id }).items.filter((r) => r.message === 'Synced').length;
    const before = synced();

    // Five saves 100 ms apart (an autosaver while someone types), then a pause.
    for (let i = 1; i <= 5; i++) {
      save(a, story.id, body(block(B1, `First words.${' More'.repeat(i)}`)));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(a.ok('sync.status', {}).pending).toBe(1);
    await eventually('the editor’s desk has the text', async () => {
      await syncNow(b);
      return textOf(b, story.id) === 'First words. More More More More More';
    });
    expect(synced() - before).toBe(1);
    expect(a.ok('sync.status', {}).pending).toBe(0);
  }, 30_000);
});

describe('header-field conflicts', () => {
  it('stay listed with both values through a later merge, until the person keeps one; then both desks agree', async () => {
    const { a, b, storyId } = await twoDesks('fields');
    save(a, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')), 'River bursts its banks');
    save(b, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')), 'Town braces for flood');
    await syncNow(a);
    expect((await syncNow(b)).conflicts).toBe(1);
    const expected = { storyId, fields: ['headline'], fieldValues: [{ field: 'headline', mine: 'Town braces for flood', theirs: 'River bursts its banks' }] };
    expect(b.ok('sync.conflicts', {}).items).toMatchObject([expected]);

    // Both desks go on writing in different paragraphs: the next merge must not drop the undecided headline.
    await syncNow(a);
    save(a, storyId, body(block(B1, 'The river rose two metres overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')), a.ok('stories.get', { id: storyId }).headline);
    save(b, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed until Monday.')), 'Town braces for flood');
    await syncNow(a);
    await syncNow(b);
    expect(textOf(b, storyId)).toContain('two metres');
    expect(b.ok('sync.conflicts', {}).items).toMatchObject([expected]);

    expect(b.fails('sync.resolveField', { storyId, field: 'standfirst', choice: 'theirs' }).code).toBe('NOT_FOUND');
    const left = b.ok('sync.resolveField', { storyId, field: 'headline', choice: 'theirs' }).items;
    expect(left).toEqual([]);
    expect(b.ok('stories.get', { id: storyId }).headline).toBe('River bursts its banks');
    expect(b.ok('sync.status', {}).pending).toBeGreaterThan(0);
    expect(await syncNow(b)).toMatchObject({ pending: 0, conflicts: 0 });
    await syncNow(a);
    expect(a.ok('stories.get', { id: storyId }).headline).toBe('River bursts its banks');
    expect(storyText(a, storyId)).toBe(storyText(b, storyId));
    expect(textOf(a, storyId)).toContain('until Monday');
  });

  it('“Keep mine” clears the conflict and leaves the working copy as it is', async () => {
    const { a, b, storyId } = await twoDesks('keepmine');
    save(a, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')), 'Headline from Ana');
    save(b, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')), 'Headline from Ben');
    await syncNow(a);
    await syncNow(b);
    expect(b.ok('sync.resolveField', { storyId, field: 'headline', choice: 'mine' }).items).toEqual([]);
    expect(b.ok('stories.get', { id: storyId }).headline).toBe('Headline from Ben');
    expect(await syncNow(b)).toMatchObject({ pending: 0, conflicts: 0 });
    await syncNow(a);
    expect(storyText(a, storyId)).toBe(storyText(b, storyId));
  });
});

describe('changes the hub refused', () => {
  it('“Sync now” keeps saying what was not sent until the person has read it; nothing is deleted', async () => {
    const { a, b, reporter, storyId } = await twoDesks('refusal');
    const own = await startRelay(hub.url);
    try {
      await connect(a, reporter, own.url);
      await own.down();
      save(a, storyId, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed, the council said.')));
      b.ok('workflow.transition', { storyId, action: 'spike', note: '', expectedStatus: 'draft' });
      await syncNow(b);
      await own.up();
      await syncNow(a);
      const again = await syncNow(a);
      expect(again.state).toBe('error');
      expect(again.message).toMatch(/was not sent: This story is spiked/);
      expect(again.refused).toBe(1);
      const refused = a.ok('sync.refused', {}).items;
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ storyId, type: 'article.revision', lastError: expect.stringMatching(/spiked/) });

      const read = a.ok('sync.dismissRefused', {});
      expect(read).toMatchObject({ state: 'up_to_date', message: null, pending: 0, refused: 0 });
      expect(a.ok('sync.refused', {}).items).toEqual([]);
      expect((await syncNow(a)).message).toBeNull();
      // The refused text is still in the outbox and in the story's history.
      const db = new Database(join(a.dataDir, DATABASE_FILE), { readonly: true });
      try {
        const rows = db.prepare(`SELECT body FROM outbox WHERE state = 'dead' AND story_id = ?`).all(storyId) as { body: string }[];
        expect(rows.some((r) => r.body.includes('the council said'))).toBe(true);
      } finally {
        db.close();
      }
    } finally {
      await own.close();
    }
  });
});
