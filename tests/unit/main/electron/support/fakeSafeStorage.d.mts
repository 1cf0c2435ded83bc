import type { SafeStorageApi } from '../../../../../main/electron/safeStorageService.ts';

export interface FakeSafeStorageOptions {
  /** What getSelectedStorageBackend() says ('basic_text' on Linux without a keyring). */
  backend?: string;
  /** What isAsyncEncryptionAvailable() says. */
  available?: boolean;
  /** Another key plays another computer or a reset keyring. */
  key?: Buffer;
  /** What decryptStringAsync() says about re-encrypting. */
  reEncrypt?: boolean;
}

export interface FakeSafeStorage extends SafeStorageApi {
  /** Every call, in order. */
  calls: string[];
  /** What the real keyring would return for these bytes. */
  reveal(encrypted: Uint8Array): string;
}

export function createFakeSafeStorage(options?: FakeSafeStorageOptions): FakeSafeStorage;
