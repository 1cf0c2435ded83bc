import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/api/methods/sync.ts';
import { createBackendClient } from '../../../../main/electron/backendClient.ts';
import type { SafeStorageLink } from '../../../../main/electron/safeStorageProtocol.ts';
import { createSafeStorageService, NO_KEYRING_NOTICE, type SafeStorageService } from '../../../../main/electron/safeStorageService.ts';
import { ENCRYPTED_TOKEN_FILE } from '../../../../main/electron/safeStorageTokenStore.ts';
import type { BackendWorkerData } from '../../../../main/electron/workerProtocol.ts';
import { TOKEN_FILE } from '../../../../main/sync/tokenStore.ts';
import { buildElectronBundles } from '../../../../scripts/lib/bundles.mjs';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../../../hub/support/hub.ts';
import { createFakeSafeStorage, type FakeSafeStorage } from './support/fakeSafeStorage.mjs';

// The real worker bundle signs in to a real hub; this thread plays Electron's
// main process with a stand-in safeStorage that really transforms the bytes.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
let outDir: string;
let scratch: string;
let hub: TestHub;

beforeAll(async () => {
  mkdirSync(join(root, '.cache', 'tests'), { recursive: true });
  // Inside the repository, so the worker's require('better-sqlite3') finds node_modules.
  scratch = mkdtempSync(join(root, '.cache', 'tests', 'keyring-'));
  outDir = join(scratch, 'out');
  const [, started] = await Promise.all([buildElectronBundles({ root, outDir, only: ['backendWorker'] }), startTestHub()]);
  hub = started;
}, 60_000);

afterAll(async () => {
  await hub?.close();
  rmSync(scratch, { recursive: true, force: true });
});

type Connect = () => { link: SafeStorageLink; transferList: MessageChannel['port2'][] };

/** A desk whose worker gets its token store linked through `connect` (a keyring service, or a rogue one). */
async function desk(dataDir: string, connect: Connect) {
  const backend = createBackendClient({
    spawn: () => {
      const { link, transferList } = connect();
      const workerData: BackendWorkerData = { dataDir, nativeBinding: undefined, migrationsDir: join(outDir, 'migrations'), safeStorage: link };
      return new Worker(join(outDir, 'backendWorker.cjs'), { workerData, transferList });
    },
    onEvent: () => undefined,
  });
  expect(await backend.start()).toEqual({ ok: true, value: null });
  return backend;
}

function keyring(safeStorage: FakeSafeStorage, platform: NodeJS.Platform = 'linux') {
  const notices: string[] = [];
  const service: SafeStorageService = createSafeStorageService({
    safeStorage,
    whenReady: () => Promise.resolve(),
    platform,
    onNoKeyring: () => notices.push(NO_KEYRING_NOTICE),
  });
  return { connect: () => service.connect(), service, notices };
}

async function signIn(backend: Awaited<ReturnType<typeof desk>>) {
  const user = await hub.createUser({ role: 'reporter' });
  const result = await backend.call('sync.connect', { hubUrl: hub.url, username: user.username, password: TEST_PASSWORD });
  return { user, result };
}

const status = async (backend: Awaited<ReturnType<typeof desk>>) => {
  const result = await backend.call('sync.status', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as SyncStatus;
};

/** Every file under the data folder, for "the token is nowhere in clear". */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? allFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('the hub sign-in on the desktop (safeStorage)', () => {
  it('is kept only as encrypted bytes, owner-only, and read back by the next run', async () => {
    const dataDir = join(scratch, 'desk');
    const fake = createFakeSafeStorage();
    const main = keyring(fake);
    let backend = await desk(dataDir, main.connect);
    const { user, result } = await signIn(backend);
    expect(result.ok, JSON.stringify(result)).toBe(true);

    const file = join(dataDir, ENCRYPTED_TOKEN_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dataDir, TOKEN_FILE))).toBe(false);
    const encrypted = readFileSync(file);
    const session = JSON.parse(fake.reveal(encrypted)) as { hubUrl: string; token: string };
    expect(session.hubUrl).toBe(hub.url.replace(/\/$/, ''));
    expect(session.token.length).toBeGreaterThan(10);
    await backend.close();
    // Not in the token file, nor the database, its WAL or anything else in the data folder.
    for (const path of allFiles(dataDir)) {
      const bytes = readFileSync(path);
      expect(bytes.includes(session.token), path).toBe(false);
      expect(bytes.includes(Buffer.from(session.token).toString('base64')), path).toBe(false);
    }

    // A restarted worker asks the main process to decrypt, and is still signed in.
    backend = await desk(dataDir, main.connect);
    const after = await status(backend);
    expect(after.state).not.toBe('signed_out');
    expect(after.account?.username).toBe(user.username);
    expect(fake.calls).toContain('decryptStringAsync');
    expect(main.notices).toEqual([]);

    const signedOut = await backend.call('sync.disconnect', {});
    expect(signedOut.ok && (signedOut.value as SyncStatus).state).toBe('signed_out');
    expect(existsSync(file)).toBe(false);
    await backend.close();
  });

  it('reads as signed out when the keyring cannot decrypt the file, and signing in again replaces it', async () => {
    const dataDir = join(scratch, 'desk-other-keyring');
    const first = keyring(createFakeSafeStorage());
    let backend = await desk(dataDir, first.connect);
    expect((await signIn(backend)).result.ok).toBe(true);
    await backend.close();

    // The data folder copied to another computer (or the keyring was reset).
    const elsewhere = createFakeSafeStorage({ key: Buffer.from('a different keyring') });
    backend = await desk(dataDir, keyring(elsewhere).connect);
    expect((await status(backend)).state).toBe('signed_out');
    expect((await signIn(backend)).result.ok).toBe(true);
    const session = JSON.parse(elsewhere.reveal(readFileSync(join(dataDir, ENCRYPTED_TOKEN_FILE)))) as { token: string };
    expect(session.token.length).toBeGreaterThan(10);
    await backend.close();
  });

  for (const [label, fake, platform] of [
    ['Linux with only the "basic_text" store', createFakeSafeStorage({ backend: 'basic_text' }), 'linux'],
    ['a computer whose keyring is unavailable', createFakeSafeStorage({ available: false }), 'darwin'],
  ] as const) {
    it(`falls back to the owner-only file on ${label}, and says so once`, async () => {
      const dataDir = join(scratch, `desk-no-keyring-${platform}`);
      const main = keyring(fake, platform);
      const backend = await desk(dataDir, main.connect);
      expect((await signIn(backend)).result.ok).toBe(true);

      const file = join(dataDir, TOKEN_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(existsSync(join(dataDir, ENCRYPTED_TOKEN_FILE))).toBe(false);
      expect(fake.calls).not.toContain('encryptStringAsync');
      expect(main.notices).toEqual(['This computer has no keyring; your newsroom sign-in is kept in a file only you can read.']);

      // Signing out and in again in the same run is not told twice.
      await backend.call('sync.disconnect', {});
      expect(existsSync(file)).toBe(false);
      expect((await signIn(backend)).result.ok).toBe(true);
      expect(existsSync(file)).toBe(true);
      expect(main.notices).toHaveLength(1);
      await backend.close();
    });
  }

  it('refuses, in the main process, any request that is not encrypt or decrypt as Copydesk sends them', async () => {
    const fake = createFakeSafeStorage();
    const { link } = keyring(fake).service.connect();
    const replies: unknown[] = [];
    link.port.on('message', (reply: unknown) => replies.push(reply));
    const malformed: unknown[] = [
      { id: 1, op: 'getSelectedStorageBackend' },
      { id: 2, op: 'encrypt', text: 42 },
      { id: 3, op: 'encrypt', text: 'x', andAlso: 'this' },
      { id: 4, op: 'decrypt', bytes: 'djEwIGZha2U=' },
      { id: 5, op: 'decrypt', bytes: new Uint8Array(0) },
      { id: -6, op: 'encrypt', text: 'x' },
      'encrypt',
      null,
    ];
    for (const message of malformed) link.port.postMessage(message);
    link.port.postMessage({ id: 7, op: 'encrypt', text: '{"token":"t"}' });
    for (let i = 0; i < 100 && replies.length < malformed.length + 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    link.port.close();

    expect(replies.slice(0, malformed.length)).toEqual(
      malformed.map(() => ({ id: null, outcome: 'failed', message: 'The request was refused: it is not one Copydesk sends.' })),
    );
    // None of them reached the keyring; the well-formed one did.
    expect(fake.calls).toEqual(['getSelectedStorageBackend', 'isAsyncEncryptionAvailable', 'encryptStringAsync']);
    expect(replies[malformed.length]).toMatchObject({ id: 7, outcome: 'encrypted' });
    expect(new Int32Array(link.signal)[0]).toBe(1);
  });

  it('refuses, in the worker, an answer that is not well-formed, and keeps nothing', async () => {
    const dataDir = join(scratch, 'desk-rogue');
    // A main process that "encrypts" by handing the text back as a string.
    const rogue: Connect = () => {
      const { port1, port2 } = new MessageChannel();
      const signal = new SharedArrayBuffer(4);
      port1.on('message', (request: { id: number; text?: string }) => {
        port1.postMessage({ id: request.id, outcome: 'encrypted', bytes: request.text ?? '' });
        Atomics.store(new Int32Array(signal), 0, 1);
        Atomics.notify(new Int32Array(signal), 0);
      });
      port1.unref();
      return { link: { port: port2, signal }, transferList: [port2] };
    };
    const backend = await desk(dataDir, rogue);
    const { result } = await signIn(backend);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/could not keep your newsroom sign-in: the answer from the keyring was not one Copydesk expects/);
    expect(existsSync(join(dataDir, ENCRYPTED_TOKEN_FILE))).toBe(false);
    expect(existsSync(join(dataDir, TOKEN_FILE))).toBe(false);
    expect((await status(backend)).state).toBe('signed_out');
    await backend.close();
  });

  it('reads a sign-in kept in the owner-only file before the keyring was used', async () => {
    const dataDir = join(scratch, 'desk-earlier-file');
    mkdirSync(dataDir, { recursive: true });
    const earlier = keyring(createFakeSafeStorage({ available: false }));
    let backend = await desk(dataDir, earlier.connect);
    const { user } = await signIn(backend);
    await backend.close();

    // Now with a keyring: the file still signs in, and the next sign-in moves it into the keyring.
    const fake = createFakeSafeStorage();
    backend = await desk(dataDir, keyring(fake).connect);
    expect((await status(backend)).account?.username).toBe(user.username);
    expect((await signIn(backend)).result.ok).toBe(true);
    expect(existsSync(join(dataDir, TOKEN_FILE))).toBe(false);
    expect(existsSync(join(dataDir, ENCRYPTED_TOKEN_FILE))).toBe(true);
    await backend.close();
  });
});
