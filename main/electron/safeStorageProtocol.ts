import type { MessagePort } from 'node:worker_threads';
import { z } from 'zod';

/**
 * Messages between the backend worker and the main process about the hub
 * session token. Electron's safeStorage exists only in the main process, so
 * the worker's token store (safeStorageTokenStore.ts) asks it to encrypt or
 * decrypt — those two operations and nothing else — and keeps only the
 * encrypted bytes on disk.
 *
 * The token store is synchronous (the sync engine reads it in plain function
 * calls), so these messages travel on a port of their own rather than the
 * worker's main channel: the worker waits on `signal` with Atomics.wait and
 * takes the answer with receiveMessageOnPort, which would otherwise swallow
 * backend calls arriving meanwhile. Each side checks what it receives.
 */

/** What the main process hands a worker it starts (a fresh port for each worker). */
export interface SafeStorageLink {
  port: MessagePort;
  /** 4 bytes: the main process sets them to 1 and notifies after posting an answer. */
  signal: SharedArrayBuffer;
}

/** A hub session as JSON is a few hundred characters; anything near these limits is not ours. */
const MAX_TEXT = 16 * 1024;
const MAX_BYTES = 64 * 1024;

const RequestId = z.number().int().positive();
const Bytes = z.instanceof(Uint8Array).refine((bytes) => bytes.length > 0 && bytes.length <= MAX_BYTES, 'size out of range');

export const SafeStorageRequest = z.discriminatedUnion('op', [
  z.strictObject({ id: RequestId, op: z.literal('encrypt'), text: z.string().min(1).max(MAX_TEXT) }),
  z.strictObject({ id: RequestId, op: z.literal('decrypt'), bytes: Bytes }),
]);
export type SafeStorageRequest = z.infer<typeof SafeStorageRequest>;

export const SafeStorageReply = z.discriminatedUnion('outcome', [
  z.strictObject({ id: RequestId, outcome: z.literal('encrypted'), bytes: Bytes }),
  /** `reEncrypt`: the keyring's key changed; write the session again to use the new one. */
  z.strictObject({ id: RequestId, outcome: z.literal('decrypted'), text: z.string().max(MAX_TEXT), reEncrypt: z.boolean() }),
  /** No keyring on this computer (or only Chromium's built-in "basic_text" key). */
  z.strictObject({ id: RequestId, outcome: z.literal('no_keyring') }),
  /** The keyring refused or failed; `id` is null when the request itself could not be read. */
  z.strictObject({ id: RequestId.nullable(), outcome: z.literal('failed'), message: z.string().max(500) }),
]);
export type SafeStorageReply = z.infer<typeof SafeStorageReply>;
