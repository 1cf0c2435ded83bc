import Database from 'better-sqlite3';
import { createServer, request, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api/methods/sync.ts';
import type { Result } from '../../shared/api/errors.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import { DATABASE_FILE } from '../../main/store/db.ts';
import { openTestBackend, type TestBackend } from '../support/backend.ts';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../hub/support/hub.ts';
import { B1, B2, B3, block, body, save, startRelay, textOf } from './support.ts';

/**
 * Losses the sync fuzz found (tests/sync/fuzz.ts), each replayed here with
 * real workstation backends and a real hub over HTTP.
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

function workstation(name: string, role: 'reporter' | 'editor'): TestBackend {
  const ws = openTestBackend(Date.parse('2026-03-02T09:00:01Z'), { profile: { name, role } });
  open.push(ws);
  return ws;
}

async function connect(ws: TestBackend, user: HubUser, url: string): Promise<void> {
  const result = (await ws.backend.call('sync.connect', { hubUrl: url, username: user.username, password: TEST_PASSWORD })) as Result<SyncStatus>;
  if (!result.ok) throw new Error(`connect failed: ${result.error.code} ${result.error.message}`);
}

async function syncNow(ws: TestBackend): Promise<SyncStatus> {
  const result = (await ws.backend.call('sync.now', {})) as Result<SyncStatus>;
  if (!result.ok) throw new Error(`sync.now failed: ${result.error.message}`);
  return result.value;
}

/** Every version of the story in its local history, as text. */
function historyTexts(ws: TestBackend, storyId: string): string[] {
  return ws.ok('revisions.list', { storyId }).items.map((r) => {
    const { snapshot } = ws.ok('revisions.get', { id: r.id });
    return `${snapshot.headline}\n${JSON.stringify(snapshot.body)}`;
  });
}

/** The bodies of the changes the hub refused, still in the workstation's outbox with their reason. */
function refusedBodies(ws: TestBackend): { body: string; reason: string | null }[] {
  const db = new Database(join(ws.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { body: string; reason: string | null }>(`SELECT body, last_error AS reason FROM outbox WHERE state = 'dead'`).all();
  } finally {
    db.close();
  }
}

/**
 * A reporter, Ana, whose workstation reaches the hub at `reporterUrl` (a relay or proxy the test
 * controls), and an editor, Ben, connected directly; Ana's story "Flood" with `paragraphs` is on the hub.
 */
async function reporterAndEditor(label: string, reporterUrl: string, paragraphs: [string, string][]) {
  const reporter = await hub.createUser({ role: 'reporter', name: `Ana ${label}` });
  const editor = await hub.createUser({ role: 'editor', name: `Ben ${label}` });
  const a = workstation('Ana local', 'reporter');
  const b = workstation('Ben local', 'editor');
  await connect(a, reporter, reporterUrl);
  const story = a.ok('stories.create', { headline: 'Flood', language: 'en' });
  save(a, story.id, body(...paragraphs.map(([id, text]) => block(id, text))));
  expect((await syncNow(a)).state).toBe('up_to_date');
  await connect(b, editor, hub.url);
  return { a, b, story };
}

describe('found by the sync fuzz (seed 2013): text saved while the hub is refusing the text before it', () => {
  it('is kept in the story’s history and reported as not sent, not overwritten by the newsroom’s version', async () => {
    // The reporter's desk reaches the hub through a relay of its own, so it hears nothing while that is down.
    const own = await startRelay(hub.url);
    try {
      const { a, b, story } = await reporterAndEditor('refused', own.url, [[B1, 'The river rose overnight.'], [B2, 'Sandbags were filled at dawn.'], [B3, 'Schools stay closed.']]);

      await own.down();
      // Still a draft here: the headline is saved; meanwhile the editor spikes the story.
      save(a, story.id, a.ok('stories.get', { id: story.id }).body, 'Flood: river at record height');
      b.ok('workflow.transition', { storyId: story.id, action: 'spike', note: '', expectedStatus: 'draft' });
      await syncNow(b);
      await own.up();

      // A cycle starts (it checkpoints the headline, then pushes it); the reporter changes the headline again while it is out.
      const inFlight = syncNow(a);
      save(a, story.id, a.ok('stories.get', { id: story.id }).body, 'Flood: schools shut as river peaks');
      await inFlight;
      expect((await syncNow(a)).pending).toBe(0);

      // The story shows the newsroom's version…
      expect(a.ok('stories.get', { id: story.id }).status).toBe('spiked');
      expect(a.ok('stories.get', { id: story.id }).headline).toBe(b.ok('stories.get', { id: story.id }).headline);
      expect(textOf(a, story.id)).toBe(textOf(b, story.id));
      // …and neither headline the reporter wrote is gone: both are in the history, and both are listed as not sent, with the hub's reason.
      const history = historyTexts(a, story.id);
      expect(history.some((t) => t.includes('river at record height'))).toBe(true);
      expect(history.some((t) => t.includes('schools shut as river peaks'))).toBe(true);
      const refused = refusedBodies(a);
      expect(refused.find((r) => r.body.includes('schools shut as river peaks'))?.reason).toMatch(/spiked/);
      expect(refused.find((r) => r.body.includes('river at record height'))?.reason).toMatch(/spiked/);
      expect((await syncNow(a)).refused).toBeGreaterThanOrEqual(2);
    } finally {
      await own.close();
    }
  });
});

/**
 * An HTTP proxy in front of the hub that can hold the next pull until the
 * test lets it through (so the person acts while their cycle waits for the
 * hub), and passes no event stream (so no nudge starts a cycle unasked).
 */
async function startHoldingProxy(target: string) {
  const { hostname, port: targetPort } = new URL(target);
  let hold: { arrived: () => void; release: Promise<void> } | null = null;
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/v1/events')) {
      streams.add(res);
      return;
    }
    const forward = () => {
      const upstream = request({ host: hostname, port: Number(targetPort), path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (hold && req.url === '/v1/sync/pull') {
      const held = hold;
      hold = null;
      held.arrived();
      void held.release.then(forward);
    } else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    /** Holds the next pull: resolves once it has arrived; `release` lets it through. */
    holdNextPull(): { arrived: Promise<void>; release: () => void } {
      let release!: () => void;
      let arrived!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      hold = { arrived, release: released };
      return { arrived: arrival, release };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('found by the sync fuzz (seed 3276): a story trashed while the hub keeps the person’s last edit beside its main line', () => {
  it('keeps that edit, merged with the colleague’s, and the story out of the trash', async () => {
    const proxy = await startHoldingProxy(hub.url);
    try {
      const { a, b, story } = await reporterAndEditor('trashed', proxy.url, [[B1, 'The river rose overnight.'], [B2, 'Sandbags were filled at dawn.'], [B3, 'Schools stay closed.']]);
      await syncNow(b);

      // The editor changes the second paragraph; the reporter, not having pulled that, the first.
      save(b, story.id, body(block(B1, 'The river rose overnight.'), block(B2, 'Sandbags were filled at dawn by volunteers.'), block(B3, 'Schools stay closed.')));
      await syncNow(b);
      save(a, story.id, body(block(B1, 'The river rose a metre overnight.'), block(B2, 'Sandbags were filled at dawn.'), block(B3, 'Schools stay closed.')));

      // Her cycle sends the edit (the hub keeps it beside its newer head); while it waits for the pull, she moves the story to the trash.
      const pull = proxy.holdNextPull();
      const inFlight = syncNow(a);
      await pull.arrived;
      a.ok('stories.trash', { id: story.id });
      pull.release();
      await inFlight;
      await syncNow(a);
      await syncNow(b);

      // The trash was not made (the editor's edit came after what she saw); her edit is merged with his, everywhere.
      expect(a.ok('stories.get', { id: story.id }).trashedAt).toBeNull();
      expect(textOf(a, story.id)).toContain('a metre overnight');
      expect(textOf(a, story.id)).toContain('by volunteers');
      expect(b.ok('stories.get', { id: story.id }).trashedAt).toBeNull();
      expect(textOf(b, story.id)).toBe(textOf(a, story.id));
      expect((await syncNow(a)).pending).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});

describe('found by the sync fuzz (seed 5235): text typed while a colleague spikes the story and moves it to the trash', () => {
  it('is refused by the hub and kept in the history, and the story goes into the trash as the newsroom has it', async () => {
    const proxy = await startHoldingProxy(hub.url);
    try {
      const { a, b, story } = await reporterAndEditor('spiked', proxy.url, [[B1, 'The river rose overnight.'], [B2, 'Sandbags were filled at dawn.']]);

      // The editor spikes the story and moves it to the trash.
      b.ok('workflow.transition', { storyId: story.id, action: 'spike', note: '', expectedStatus: 'draft' });
      b.ok('stories.trash', { id: story.id });
      await syncNow(b);

      // The reporter's cycle waits for the pull that brings both; meanwhile she types (saved, not yet sent).
      const pull = proxy.holdNextPull();
      const inFlight = syncNow(a);
      await pull.arrived;
      save(a, story.id, body(block(B1, 'The river rose a metre overnight.'), block(B2, 'Sandbags were filled at dawn.')));
      pull.release();
      await inFlight;
      // Her text kept the story out of the trash until it was sent; the hub refuses it (spiked).
      await syncNow(a);

      expect(a.ok('stories.get', { id: story.id }).trashedAt).not.toBeNull();
      expect(a.ok('stories.get', { id: story.id }).status).toBe('spiked');
      expect(textOf(a, story.id)).toBe(textOf(b, story.id));
      expect(historyTexts(a, story.id).some((t) => t.includes('a metre overnight'))).toBe(true);
      expect(refusedBodies(a).find((r) => r.body.includes('a metre overnight'))?.reason).toMatch(/spiked/);
    } finally {
      await proxy.close();
    }
  });
});
