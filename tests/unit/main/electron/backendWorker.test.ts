import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../../../main/electron/backendClient.ts';
import type { BackendWorkerData } from '../../../../main/electron/workerProtocol.ts';
import { buildElectronBundles } from '../../../../scripts/lib/bundles.mjs';

// The real worker bundle (as Electron loads it), run here under Node with
// Node's better-sqlite3 build.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
let outDir: string;
let scratch: string;

beforeAll(async () => {
  // The bundle must sit inside the repository so `require('better-sqlite3')` finds node_modules.
  mkdirSync(join(root, '.cache', 'tests'), { recursive: true });
  scratch = mkdtempSync(join(root, '.cache', 'tests', 'worker-'));
  outDir = join(scratch, 'out');
  await buildElectronBundles({ root, outDir, only: ['backendWorker'] });
}, 30_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function client(dataDir: string, withMigrationsDir = true) {
  const events: [string, unknown][] = [];
  const workerData: BackendWorkerData = {
    dataDir,
    nativeBinding: undefined,
    migrationsDir: withMigrationsDir ? join(outDir, 'migrations') : undefined,
  };
  const backend = createBackendClient({
    spawn: () => new Worker(join(outDir, 'backendWorker.cjs'), { workerData }),
    onEvent: (event, payload) => events.push([event, payload]),
  });
  return { backend, events };
}

describe('backend worker bundle', () => {
  it('creates and reads a story, pushing the library event', async () => {
    const { backend, events } = client(join(scratch, 'desk'));
    expect(await backend.start()).toEqual({ ok: true, value: null });
    expect((await backend.call('session.createProfile', { name: 'Test Admin', role: 'admin' })).ok).toBe(true);
    const created = await backend.call('stories.create', { headline: 'Chongqing pilots service reforms' });
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.value as { id: string }).id : '';
    const read = await backend.call('stories.get', { id });
    expect(read.ok && (read.value as { headline: string }).headline).toBe('Chongqing pilots service reforms');
    expect(events).toContainEqual(['library.changed', {}]);
    await backend.close();
  });

  it('finds its migrations beside the bundle without being told where', async () => {
    const { backend } = client(join(scratch, 'desk-default'), false);
    expect((await backend.start()).ok).toBe(true);
    const info = await backend.call('app.info', {});
    expect(info.ok && (info.value as { schemaVersion: number }).schemaVersion).toBeGreaterThan(0);
    await backend.close();
  });

  it('stores an image with sharp and exifr inside the bundle, and finishes it before closing', async () => {
    const dataDir = join(scratch, 'desk-media');
    const { backend } = client(dataDir);
    await backend.start();
    const bytes = readFileSync(join(root, '..', 'shared', 'fixtures', 'images', 'chongqing-night-iptc.jpg'));
    const importing = backend.call('media.import', { fileName: 'night.jpg', dataBase64: bytes.toString('base64') });
    // A story call sent after the image is answered too; close waits for the image.
    const info = backend.call('app.info', {});
    await backend.close();
    const [imported, answered] = await Promise.all([importing, info]);
    expect(answered.ok).toBe(true);
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    const value = imported.ok ? (imported.value as { media: { sha256: string }; metadata: { credit: string } }) : null;
    expect(value?.metadata.credit).toBe('iChongqing');
    const sha = value?.media.sha256 ?? '';
    expect(statSync(join(dataDir, 'media', sha.slice(0, 2), sha)).size).toBe(bytes.length);
    const db = new Database(join(dataDir, 'copydesk.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM media').get()).toEqual({ n: 1 });
    db.close();
  });

  it('writes every queued save before closing the database', async () => {
    const dataDir = join(scratch, 'desk-drain');
    const { backend } = client(dataDir);
    await backend.start();
    await backend.call('session.createProfile', { name: 'Test Admin', role: 'admin' });
    const created = await backend.call('stories.create', {});
    const id = created.ok ? (created.value as { id: string }).id : '';
    const saves = Array.from({ length: 20 }, (_, i) =>
      backend.call('stories.save', {
        id,
        headline: `Draft ${i}`,
        standfirst: '',
        body: { root: { type: 'root', version: 1, children: [] } },
      }),
    );
    await backend.close();
    const results = await Promise.all(saves);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.message)).toEqual([]);
    const db = new Database(join(dataDir, 'copydesk.sqlite'), { readonly: true });
    const row = db.prepare('SELECT headline FROM stories WHERE id = ?').get(id) as { headline: string } | undefined;
    db.close();
    expect(row?.headline).toBe('Draft 19');
  });

  it('refuses a database from a newer Copydesk with a STORAGE error and leaves it untouched', async () => {
    const dataDir = join(scratch, 'desk-newer');
    const first = client(dataDir);
    await first.backend.start();
    await first.backend.close();
    const file = join(dataDir, 'copydesk.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 9999');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs };

    const { backend } = client(dataDir);
    const started = await backend.start();
    expect(started.ok).toBe(false);
    expect(!started.ok && started.error.code).toBe('STORAGE');
    expect(!started.ok && started.error.message).toMatch(/newer version of Copydesk/);
    expect(readFileSync(file).equals(before.bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(before.mtime);
  });
});
