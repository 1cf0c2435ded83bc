import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backoffDelay, SYNC_TIMING } from '../../main/sync/syncEngine.ts';
import { createFileTokenStore, TOKEN_FILE } from '../../main/sync/tokenStore.ts';
import { makeTempDir } from '../support/tempDir.ts';

describe('the hub session token file', () => {
  it('is written for its owner only, put right when loosened, and removed on sign-out', () => {
    const temp = makeTempDir('copydesk-token-');
    try {
      const store = createFileTokenStore(temp.dir);
      const path = join(temp.dir, TOKEN_FILE);
      expect(store.read()).toBeNull();
      store.write({ hubUrl: 'http://127.0.0.1:1', token: 'secret-token', expiresAt: '2026-04-01T00:00:00.000Z' });
      expect(statSync(path).mode & 0o777).toBe(0o600);
      chmodSync(path, 0o644);
      expect(store.read()?.token).toBe('secret-token');
      expect(statSync(path).mode & 0o777).toBe(0o600);
      store.clear();
      expect(store.read()).toBeNull();
    } finally {
      temp.remove();
    }
  });
});

describe('backoff', () => {
  it('doubles from 1 s, stops at 5 minutes, and stays within ±20 %', () => {
    expect(backoffDelay(1, () => 0.5)).toBe(1_000);
    expect(backoffDelay(4, () => 0.5)).toBe(8_000);
    expect(backoffDelay(30, () => 0.5)).toBe(SYNC_TIMING.backoffMaxMs);
    expect(backoffDelay(3, () => 0)).toBe(3_200);
    expect(backoffDelay(3, () => 1)).toBe(4_800);
  });
});
