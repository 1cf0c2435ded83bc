import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Where the hub session token is kept (DESIGN.md §7). Never in the story
 * database: a copied or backed-up database must not sign anyone in.
 *
 * - Browser mode and tests: {@link createFileTokenStore}, a file readable by
 *   its owner only (mode 0600) in the data folder.
 * - Electron: the token must go through `safeStorage` (the OS keychain,
 *   DPAPI or libsecret). safeStorage exists only in Electron's main process
 *   while the backend runs in a worker thread, so the Electron implementation
 *   (main/electron/safeStorageTokenStore.ts) encrypts and decrypts in the main
 *   process for the worker, which keeps only the encrypted bytes; this
 *   interface is what the worker's sync engine sees either way. Without a
 *   keyring it falls back to the file store below.
 */
export interface TokenStore {
  read(): HubSession | null;
  write(session: HubSession): void;
  clear(): void;
}

export const HubSession = z.object({ hubUrl: z.string(), token: z.string().min(1), expiresAt: z.string() });
export type HubSession = z.infer<typeof HubSession>;

export const TOKEN_FILE = 'hub-session.json';

/** Only the owner may read or write the token file. */
const OWNER_ONLY = 0o600;

export function createFileTokenStore(dataDir: string): TokenStore {
  const path = join(dataDir, TOKEN_FILE);
  return {
    read() {
      if (!existsSync(path)) return null;
      // A file others could read (copied around, unpacked from an archive) is put right before use.
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY);
      try {
        const parsed = HubSession.safeParse(JSON.parse(readFileSync(path, 'utf8')));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    write(session) {
      // mode applies only when the file is created, and the umask may narrow it: chmod says it exactly.
      writeFileSync(path, JSON.stringify(session), { mode: OWNER_ONLY });
      chmodSync(path, OWNER_ONLY);
    },
    clear() {
      rmSync(path, { force: true });
    },
  };
}
