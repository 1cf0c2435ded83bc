import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/api/errors.ts';
import type { SyncStatus } from '../../shared/api/methods/sync.ts';
import type { SerializedNode } from '../../shared/model/document.ts';
import type { MediaRef } from '../../shared/model/anatomy.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import { mediaFilePath } from '../../main/backend/media/files.ts';
import { openTestBackend, type TestBackend } from '../support/backend.ts';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../hub/support/hub.ts';
import { B1, B2, block, body, save, startRelay, textOf, type Relay } from './support.ts';

/**
 * Pictures travel with the stories: a figure added on one workstation shows
 * its picture on another after sync. Real workstation backends on their own
 * data folders, the real hub over HTTP; the network trouble is real too (a
 * TCP relay taken down, an HTTP relay that damages or refuses pictures).
 */

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/images');
const PHOTO = readFileSync(join(FIXTURES, 'chongqing-night-iptc.jpg'));
const PNG = readFileSync(join(FIXTURES, 'no-metadata.png'));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A JPEG of its own for a test (the hub is shared by the file's tests and keeps every picture it was sent). */
const madePhoto = (red: number) => sharp({ create: { width: 320, height: 200, channels: 3, background: { r: red, g: 90, b: 140 } } }).jpeg().toBuffer();

/**
 * An HTTP relay in front of the hub that passes everything through, except
 * that, while told to, it flips one byte of every picture the hub serves
 * (`damage`) or answers every picture upload with the hub's 400 (`refuseUploads`).
 */
interface PictureRelay {
  url: string;
  damage: boolean;
  refuseUploads: boolean;
  /** Picture uploads that reached the hub through this relay. */
  uploads: string[];
  close(): Promise<void>;
}

async function startPictureRelay(target: string): Promise<PictureRelay> {
  const hubUrl = new URL(target);
  const relay: PictureRelay = { url: '', damage: false, refuseUploads: false, uploads: [], close: async () => undefined };
  const server: Server = createServer((incoming, outgoing) => {
    const picture = /^\/v1\/media\/[0-9a-f]{64}$/.test(incoming.url ?? '');
    if (picture && incoming.method === 'PUT' && relay.refuseUploads) {
      incoming.resume();
      outgoing.writeHead(400, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ error: { code: 'VALIDATION', message: 'This picture is not accepted here.' } }));
      return;
    }
    if (picture && incoming.method === 'PUT') relay.uploads.push(incoming.url!.slice('/v1/media/'.length));
    const upstream = httpRequest(
      { host: hubUrl.hostname, port: hubUrl.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        if (!(picture && incoming.method === 'GET' && relay.damage && answer.statusCode === 200)) {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const middle = Math.floor(bytes.length / 2);
          bytes[middle] = bytes[middle]! ^ 0xff;
          outgoing.writeHead(200, answer.headers);
          outgoing.end(bytes);
        });
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  relay.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return relay;
}

let hub: TestHub;
let relay: Relay;
let pictureRelay: PictureRelay;
const open: TestBackend[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  relay = await startRelay(hub.url);
  pictureRelay = await startPictureRelay(hub.url);
}, 30_000);

afterAll(async () => {
  for (const ws of open) ws.close();
  await pictureRelay.close();
  await relay.close();
  await hub.close();
});

function workstation(name: string, role: 'reporter' | 'editor' = 'reporter'): TestBackend {
  const ws = openTestBackend(Date.parse('2026-03-02T09:00:01Z'), { profile: { name, role } });
  open.push(ws);
  return ws;
}

async function connect(ws: TestBackend, user: HubUser, url: string): Promise<SyncStatus> {
  const result = (await ws.backend.call('sync.connect', { hubUrl: url, username: user.username, password: TEST_PASSWORD })) as Result<SyncStatus>;
  if (!result.ok) throw new Error(`connect failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function syncNow(ws: TestBackend): Promise<SyncStatus> {
  const result = (await ws.backend.call('sync.now', {})) as Result<SyncStatus>;
  if (!result.ok) throw new Error(`sync.now failed: ${result.error.message}`);
  return result.value;
}

function figure(blockId: string, media: MediaRef): SerializedNode {
  return {
    type: 'figure',
    version: 1,
    media,
    alt: 'Chongqing skyline at night',
    caption: [{ text: 'The city lights up the river.', format: 0 }],
    credit: 'iChongqing',
    creator: 'Vivian Yan',
    $: { blockId },
  } as SerializedNode;
}

/** A reporter's story with a picture inserted as the editor inserts one (media.import, then a figure block). */
async function storyWithPicture(ws: TestBackend, tag: string, bytes: Buffer = PHOTO, fileName = 'chongqing-night.jpg') {
  const story = ws.ok('stories.create', { headline: `Night skyline ${tag}`, language: 'en' });
  const imported = await ws.okAsync('media.import', { fileName, dataBase64: bytes.toString('base64') });
  save(ws, story.id, body(block(B1, 'The skyline glowed over the river.'), figure(B2, imported.media)));
  return { storyId: story.id, media: imported.media };
}

/** What the hub serves under a name, hashed (null: it has nothing by that name). */
async function onHub(sha: string): Promise<string | null> {
  const { token } = await hub.signIn('editor');
  const response = await fetch(new URL(`v1/media/${sha}`, hub.url), { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 404) return null;
  expect(response.status).toBe(200);
  return sha256(new Uint8Array(await response.arrayBuffer()));
}

/** The picture in this workstation's media store: its record, and the hash of the file beside it (null when absent). */
function pictureOn(ws: TestBackend, sha: string) {
  const result = ws.backend.callSync('media.get', { sha256: sha });
  const path = mediaFilePath(ws.dataDir, sha);
  return { found: result.ok, fileHash: existsSync(path) ? sha256(readFileSync(path)) : null };
}

describe('pictures travel with the stories', () => {
  it('a figure added on one workstation shows the same picture on another after sync', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Ana Photo' });
    const editor = await hub.createUser({ role: 'editor', name: 'Ben Photo' });
    const a = workstation('Ana here');
    await connect(a, reporter, hub.url);
    const { storyId, media } = await storyWithPicture(a, 'travels');
    expect(media.sha256).toBe(sha256(PHOTO));
    expect((await syncNow(a)).state).toBe('up_to_date');
    expect(await onHub(media.sha256)).toBe(media.sha256);

    const b = workstation('Ben here', 'editor');
    expect(pictureOn(b, media.sha256)).toEqual({ found: false, fileHash: null });
    expect(await connect(b, editor, hub.url)).toMatchObject({ state: 'up_to_date', message: null });

    expect(textOf(b, storyId)).toContain('The skyline glowed over the river.');
    const shown = b.ok('stories.get', { id: storyId }).body.root.children.find((node) => node.type === 'figure') as { media: MediaRef } | undefined;
    expect(shown?.media).toEqual(media);
    expect(pictureOn(b, media.sha256)).toEqual({ found: true, fileHash: media.sha256 });
    const info = b.ok('media.get', { sha256: media.sha256 });
    expect(info.media).toEqual(media);
    expect(info.size).toBe(PHOTO.length);
    // The importer's rendition is made too: the editor shows that.
    expect(existsSync(mediaFilePath(b.dataDir, media.sha256, 'r1600'))).toBe(true);
  });

  it('a picture is uploaded once: later edits to its story do not send it again', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Ana Once' });
    const a = workstation('Ana once');
    await connect(a, reporter, pictureRelay.url);
    const { storyId, media } = await storyWithPicture(a, 'once', PNG, 'map.png');
    expect((await syncNow(a)).state).toBe('up_to_date');
    expect(pictureRelay.uploads.filter((sha) => sha === media.sha256)).toHaveLength(1);

    save(a, storyId, body(block(B1, 'The skyline glowed over the river, then the fog came.'), figure(B2, media)));
    expect((await syncNow(a)).state).toBe('up_to_date');
    expect(pictureRelay.uploads.filter((sha) => sha === media.sha256)).toHaveLength(1);
    expect(await onHub(media.sha256)).toBe(media.sha256);
  });

  it('a picture added offline is uploaded when the hub is back, with its text', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Ana Offline' });
    const editor = await hub.createUser({ role: 'editor', name: 'Ben Offline' });
    const a = workstation('Ana offline');
    await connect(a, reporter, relay.url);
    await relay.down();
    let storyId: string;
    let media: MediaRef;
    try {
      ({ storyId, media } = await storyWithPicture(a, 'offline', await madePhoto(10)));
      const away = await syncNow(a);
      expect(away.state).toBe('offline');
      expect(away.pending).toBeGreaterThan(0);
      expect(await onHub(media.sha256)).toBeNull();
    } finally {
      await relay.up();
    }
    expect(await syncNow(a)).toMatchObject({ state: 'up_to_date', pending: 0 });
    expect(await onHub(media.sha256)).toBe(media.sha256);

    const b = workstation('Ben offline', 'editor');
    await connect(b, editor, hub.url);
    expect(textOf(b, storyId)).toContain('The skyline glowed');
    expect(pictureOn(b, media.sha256)).toEqual({ found: true, fileHash: media.sha256 });
  });

  it('a picture damaged on the way down is refused and not stored; it is fetched again next cycle', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Ana Damage' });
    const editor = await hub.createUser({ role: 'editor', name: 'Ben Damage' });
    const a = workstation('Ana damage');
    await connect(a, reporter, hub.url);
    const { storyId, media } = await storyWithPicture(a, 'damaged');
    expect((await syncNow(a)).state).toBe('up_to_date');

    const b = workstation('Ben damage', 'editor');
    pictureRelay.damage = true;
    let status: SyncStatus;
    try {
      status = await connect(b, editor, pictureRelay.url);
      // The story's text came through; the picture did not, and nothing was stored under its name.
      expect(textOf(b, storyId)).toContain('The skyline glowed');
      expect(pictureOn(b, media.sha256)).toEqual({ found: false, fileHash: null });
      expect(status.message).toMatch(/damaged/);
      expect(status.message).toContain('Night skyline damaged');
    } finally {
      pictureRelay.damage = false;
    }
    status = await syncNow(b);
    expect(pictureOn(b, media.sha256)).toEqual({ found: true, fileHash: media.sha256 });
    expect(status).toMatchObject({ state: 'up_to_date', message: null });
  });

  it('a picture the hub refuses does not hold back the text; the status says which picture', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Ana Refused' });
    const editor = await hub.createUser({ role: 'editor', name: 'Ben Refused' });
    const a = workstation('Ana refused');
    await connect(a, reporter, pictureRelay.url);
    pictureRelay.refuseUploads = true;
    let storyId: string;
    let media: MediaRef;
    try {
      ({ storyId, media } = await storyWithPicture(a, 'refused', await madePhoto(20)));
      const status = await syncNow(a);
      expect(status.pending).toBe(0);
      expect(status.message).toContain('“chongqing-night.jpg” in “Night skyline refused” was not sent to the hub: This picture is not accepted here.');
    } finally {
      pictureRelay.refuseUploads = false;
    }
    expect(await onHub(media.sha256)).toBeNull();

    // The colleague gets the text, and the figure waits for its picture.
    const b = workstation('Ben refused', 'editor');
    expect((await connect(b, editor, hub.url)).message).toBeNull();
    expect(textOf(b, storyId)).toContain('The skyline glowed');
    expect(pictureOn(b, media.sha256).found).toBe(false);

    // The next text pushed with the picture in it sends the picture too; the colleague's next cycle fetches it.
    save(a, storyId, body(block(B1, 'The skyline glowed over the river all night.'), figure(B2, media)));
    await syncNow(a);
    expect(await onHub(media.sha256)).toBe(media.sha256);
    await syncNow(b);
    expect(pictureOn(b, media.sha256)).toEqual({ found: true, fileHash: media.sha256 });
  });
});
