import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { receiveMessageOnPort } from 'node:worker_threads';
import { createFileTokenStore, HubSession, TOKEN_FILE, type TokenStore } from '../sync/tokenStore.ts';
import { SafeStorageReply, type SafeStorageLink } from './safeStorageProtocol.ts';

/** The encrypted session, as safeStorage returns it: nothing in it is readable without the keyring. */
export const ENCRYPTED_TOKEN_FILE = 'hub-session.bin';

const OWNER_ONLY = 0o600;

type Ask = { op: 'encrypt'; text: string } | { op: 'decrypt'; bytes: Uint8Array };

export interface SafeStorageTokenStoreOptions {
  dataDir: string;
  link: SafeStorageLink;
  /** How long to wait for the main process (a keychain prompt may be on screen); below the backend client's call timeout. */
  timeoutMs?: number;
}

const REFUSED = 'Copydesk could not keep your newsroom sign-in: the answer from the keyring was not one Copydesk expects.';

/**
 * The desktop app's {@link TokenStore}, used in the backend worker. The
 * session is encrypted by the main process (safeStorage: Keychain, DPAPI,
 * libsecret or KWallet) and only the encrypted bytes are written, to
 * hub-session.bin (0600).
 *
 * Without a keyring (Linux with no Secret Service, or Chromium's "basic_text"
 * store, whose key is public) the session goes to the same owner-only file
 * as in browser mode, hub-session.json, and the main process tells the person
 * once. A newsroom expects sign-in to survive a restart on every workstation;
 * refusing would only send people to sticky notes. An unreadable
 * hub-session.bin (another account's, or the keyring was reset) reads as
 * signed out: signing in again replaces it.
 */
export function createSafeStorageTokenStore(options: SafeStorageTokenStoreOptions): TokenStore {
  const { dataDir, link } = options;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const plain = createFileTokenStore(dataDir);
  const encryptedPath = join(dataDir, ENCRYPTED_TOKEN_FILE);
  const plainPath = join(dataDir, TOKEN_FILE);
  const signal = new Int32Array(link.signal);
  let nextId = 1;
  // The worker is the only writer, so the session is decrypted once per run (status() reads it often).
  let cached: HubSession | null | undefined;

  /** Asks the main process and waits for its answer; throws if none comes or it is not well-formed. */
  const ask = (request: Ask): SafeStorageReply => {
    const id = nextId++;
    Atomics.store(signal, 0, 0);
    link.port.postMessage({ id, ...request });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const received = receiveMessageOnPort(link.port);
      if (received) {
        const reply = SafeStorageReply.safeParse(received.message);
        if (!reply.success) throw new Error(REFUSED);
        // A different id answers an earlier request that timed out; null means ours could not be read.
        if (reply.data.id === id || reply.data.id === null) return reply.data;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`The keyring did not answer within ${Math.round(timeoutMs / 1000)} s, so your newsroom sign-in was not kept. Try again.`);
      }
      Atomics.wait(signal, 0, 0, left);
      Atomics.store(signal, 0, 0);
    }
  };

  const parse = (text: string): HubSession | null => {
    try {
      const parsed = HubSession.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };

  const write = (session: HubSession): void => {
    const reply = ask({ op: 'encrypt', text: JSON.stringify(session) });
    if (reply.outcome === 'encrypted') {
      // mode applies only when the file is created, and the umask may narrow it: chmod says it exactly.
      writeFileSync(encryptedPath, reply.bytes, { mode: OWNER_ONLY });
      chmodSync(encryptedPath, OWNER_ONLY);
      rmSync(plainPath, { force: true });
    } else if (reply.outcome === 'no_keyring') {
      plain.write(session);
      rmSync(encryptedPath, { force: true });
    } else if (reply.outcome === 'failed') {
      throw new Error(`Copydesk could not keep your newsroom sign-in: ${reply.message}`);
    } else {
      throw new Error(REFUSED);
    }
    cached = session;
  };

  const load = (): HubSession | null => {
    // The fallback file (or one left by a Copydesk that had no keyring support) is read as browser mode reads it.
    if (!existsSync(encryptedPath)) return plain.read();
    let reply: SafeStorageReply;
    try {
      reply = ask({ op: 'decrypt', bytes: new Uint8Array(readFileSync(encryptedPath)) });
    } catch {
      return null;
    }
    if (reply.outcome !== 'decrypted') return null;
    const session = parse(reply.text);
    if (session && reply.reEncrypt) {
      try {
        write(session);
      } catch {
        // The old encryption still reads; trying again next run is enough.
      }
    }
    return session;
  };

  return {
    read() {
      if (cached === undefined) cached = load();
      return cached;
    },
    write,
    clear() {
      rmSync(encryptedPath, { force: true });
      plain.clear();
      cached = null;
    },
  };
}
