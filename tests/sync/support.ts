import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import type { SerializedDocument, SerializedNode } from '../../shared/model/document.ts';
import { documentText } from '../../shared/model/document.ts';
import { createBackend } from '../../main/backend/backend.ts';
import type { SyncTiming } from '../../main/sync/syncEngine.ts';
import type { Result } from '../../shared/api/errors.ts';
import { paragraph } from '../support/documents.ts';
import { createTestProfile, type TestBackend } from '../support/backend.ts';
import { makeTempDir } from '../support/tempDir.ts';

/**
 * A TCP relay in front of the hub that a test can take down and bring back
 * on the same port: the workstation sees a real network failure (connection
 * refused, streams cut), not a mock.
 */
export interface Relay {
  url: string;
  /** Bytes the workstation has sent through the relay so far (requests: headers and bodies). */
  bytesUp(): number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startRelay(target: string): Promise<Relay> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  let up = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = netConnect(Number(targetPort), hostname);
        sockets.add(client).add(upstream);
        client.on('data', (chunk: Buffer) => (up += chunk.length));
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await listen();
  return { url: `http://127.0.0.1:${port}`, bytesUp: () => up, down, up: listen, close: down };
}

/** A paragraph with a stable block id, as the editor makes them (the merge matches blocks by id). */
export function block(id: string, value: string): SerializedNode {
  return { ...paragraph(value), $: { blockId: id } };
}

export function body(...blocks: SerializedNode[]): SerializedDocument {
  return { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children: blocks } as SerializedDocument['root'] };
}

/** Block ids: b + 16 base-32 characters. */
export const B1 = 'b0000000000000001';
export const B2 = 'b0000000000000002';
export const B3 = 'b0000000000000003';

export function textOf(ws: TestBackend, storyId: string): string {
  return documentText(ws.ok('stories.get', { id: storyId }).body);
}

/** Saves a new text into a story as its editor would. */
export function save(ws: TestBackend, storyId: string, doc: SerializedDocument, headline?: string): void {
  const story = ws.ok('stories.get', { id: storyId });
  ws.ok('stories.save', { id: storyId, headline: headline ?? story.headline, standfirst: story.standfirst, body: doc, baseRevision: story.revision });
}

/**
 * A workstation backend like `openTestBackend`'s, with sync timings of its
 * own (a quiet period of a few hundred milliseconds instead of 20 s), for
 * tests of what happens without anyone pressing anything.
 */
export function openTimedWorkstation(name: string, syncTiming: Partial<SyncTiming>, start = Date.parse('2026-03-02T09:00:01Z')): TestBackend {
  const { dir, remove } = makeTempDir('copydesk-sync-');
  let tick = 0;
  const backend = createBackend({ dataDir: dir, now: () => new Date(start + 1000 * tick++), syncTiming });
  const profile = createTestProfile(backend, name, 'reporter');
  const value = <T>(result: Result<unknown>, method: string): T => {
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return {
    backend,
    dataDir: dir,
    profile,
    ok: (method, input) => value(backend.callSync(method, input), method),
    okAsync: async (method, input) => value(await backend.call(method, input), method),
    fails(method, input) {
      const result = backend.callSync(method, input);
      if (result.ok) throw new Error(`${method} should have failed`);
      return result.error;
    },
    addProfile: (profileName, role, supervisorId) => createTestProfile(backend, profileName, role, supervisorId),
    switchTo(next) {
      value(backend.callSync('session.switch', { profileId: next.id }), 'session.switch');
    },
    close() {
      backend.close();
      remove();
    },
  };
}

/** Waits until `check` holds (polling), or fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
