import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import type { SerializedDocument, SerializedNode } from '../../shared/model/document.ts';
import { documentText } from '../../shared/model/document.ts';
import { paragraph } from '../support/documents.ts';
import type { TestBackend } from '../support/backend.ts';

/**
 * A TCP relay in front of the hub that a test can take down and bring back
 * on the same port: the workstation sees a real network failure (connection
 * refused, streams cut), not a mock.
 */
export interface Relay {
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startRelay(target: string): Promise<Relay> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = netConnect(Number(targetPort), hostname);
        sockets.add(client).add(upstream);
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
  return { url: `http://127.0.0.1:${port}`, down, up: listen, close: down };
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
