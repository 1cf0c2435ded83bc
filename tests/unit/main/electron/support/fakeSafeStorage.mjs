// A stand-in for Electron's safeStorage. What is missing on these machines is
// the operating system's keyring, not our code, so this one really transforms
// the bytes: a "v10" prefix (as Chromium writes) and the text XORed with a key
// that stays in memory. Another key plays another computer or a reset keyring.
// Used by fakeElectron.mjs and the token store tests.

const PREFIX = Buffer.from('v10');
const DEFAULT_KEY = Buffer.from('a keyring key that never reaches the disk');

/**
 * @param {{ backend?: string, available?: boolean, key?: Buffer, reEncrypt?: boolean }} [options]
 *   backend: what getSelectedStorageBackend() says ('basic_text' on Linux without a keyring);
 *   available: what isAsyncEncryptionAvailable() says.
 */
export function createFakeSafeStorage(options = {}) {
  const backend = options.backend ?? 'gnome_libsecret';
  const available = options.available ?? true;
  const key = options.key ?? DEFAULT_KEY;
  /** Every call, in order: the tests check that a refused request reaches none. */
  const calls = [];
  const xor = (bytes) => Buffer.from(bytes.map((byte, i) => byte ^ key[i % key.length]));
  const encrypt = (text) => {
    if (!available) throw new Error('Encryption is not available.');
    return Buffer.concat([PREFIX, xor(Buffer.from(text, 'utf8'))]);
  };
  const decrypt = (encrypted) => {
    if (!available) throw new Error('Decryption is not available.');
    const bytes = Buffer.from(encrypted);
    if (!bytes.subarray(0, PREFIX.length).equals(PREFIX)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const text = xor(bytes.subarray(PREFIX.length)).toString('utf8');
    // A wrong key gives noise; Chromium's AES-GCM would fail its tag check instead.
    if (!text.startsWith('{')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text;
  };
  return {
    calls,
    getSelectedStorageBackend() {
      calls.push('getSelectedStorageBackend');
      return backend;
    },
    isEncryptionAvailable() {
      calls.push('isEncryptionAvailable');
      return available;
    },
    async isAsyncEncryptionAvailable() {
      calls.push('isAsyncEncryptionAvailable');
      return available;
    },
    encryptString(text) {
      calls.push('encryptString');
      return encrypt(text);
    },
    async encryptStringAsync(text) {
      calls.push('encryptStringAsync');
      return encrypt(text);
    },
    decryptString(encrypted) {
      calls.push('decryptString');
      return decrypt(encrypted);
    },
    async decryptStringAsync(encrypted) {
      calls.push('decryptStringAsync');
      return { result: decrypt(encrypted), shouldReEncrypt: options.reEncrypt ?? false };
    },
    /** For tests: what the real keyring would return for these bytes. */
    reveal: decrypt,
  };
}
