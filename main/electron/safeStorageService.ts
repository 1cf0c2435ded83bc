import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { SafeStorage } from 'electron';
import { SafeStorageRequest, type SafeStorageLink, type SafeStorageReply } from './safeStorageProtocol.ts';

/** Told once when a sign-in is kept without a keyring (see safeStorageTokenStore.ts). */
export const NO_KEYRING_NOTICE = 'This computer has no keyring; your newsroom sign-in is kept in a file only you can read.';

/** The part of Electron's safeStorage used here (a stand-in in tests). The async calls never block the window. */
export type SafeStorageApi = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

export interface SafeStorageServiceOptions {
  safeStorage: SafeStorageApi;
  /** safeStorage answers reliably only after the app is ready (on Linux it knows no backend before). */
  whenReady: () => Promise<unknown>;
  platform: NodeJS.Platform;
  /** Called the first time a sign-in has to be kept without a keyring. */
  onNoKeyring: () => void;
}

export interface SafeStorageService {
  /** A fresh link for a worker about to start: hand `link` in workerData and `transferList` to the Worker. */
  connect(): { link: SafeStorageLink; transferList: MessagePort[] };
}

/**
 * Main-process side of the token store: encrypts and decrypts for the
 * backend worker with safeStorage. Every request is checked against the
 * protocol first; anything else is refused without touching the keyring.
 */
export function createSafeStorageService(options: SafeStorageServiceOptions): SafeStorageService {
  const { safeStorage } = options;
  let told = false;

  const hasKeyring = async (): Promise<boolean> => {
    await options.whenReady();
    // "basic_text" encrypts with a key written in Chromium's source: no safer than the owner-only file, and it would claim to be.
    if (options.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
    return safeStorage.isAsyncEncryptionAvailable();
  };

  const answer = async (raw: unknown): Promise<SafeStorageReply> => {
    const parsed = SafeStorageRequest.safeParse(raw);
    if (!parsed.success) return { id: null, outcome: 'failed', message: 'The request was refused: it is not one Copydesk sends.' };
    const request = parsed.data;
    try {
      if (!(await hasKeyring())) {
        if (request.op === 'encrypt' && !told) {
          told = true;
          options.onNoKeyring();
        }
        return { id: request.id, outcome: 'no_keyring' };
      }
      if (request.op === 'encrypt') {
        // A copy, so the message carries these bytes and not a whole pooled buffer.
        return { id: request.id, outcome: 'encrypted', bytes: new Uint8Array(await safeStorage.encryptStringAsync(request.text)) };
      }
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(request.bytes));
      return { id: request.id, outcome: 'decrypted', text: result, reEncrypt: shouldReEncrypt };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { id: request.id, outcome: 'failed', message: `the keyring refused (${reason})`.slice(0, 500) };
    }
  };

  return {
    connect() {
      const { port1, port2 } = new MessageChannel();
      const signal = new SharedArrayBuffer(4);
      const flag = new Int32Array(signal);
      port1.on('message', (raw: unknown) => {
        void answer(raw).then((reply) => {
          port1.postMessage(reply);
          Atomics.store(flag, 0, 1);
          Atomics.notify(flag, 0);
        });
      });
      // The port closes with the worker; it must not keep the app running on its own.
      port1.unref();
      return { link: { port: port2, signal }, transferList: [port2] };
    },
  };
}
