import { expect } from 'vitest';
import { createBackend, type Backend } from '../../main/backend/backend.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import type { ApiError, Result } from '../../shared/api/errors.ts';
import { makeTempDir } from './tempDir.ts';

export interface TestBackend {
  backend: Backend;
  dataDir: string;
  /** Calls a method and returns its value, failing the test on an error reply. */
  ok<M extends MethodName>(name: M, input: MethodInput<M>): MethodOutput<M>;
  /** Like `ok`, through `Backend.call`: for methods answered asynchronously (media.import, DOCX export). */
  okAsync<M extends MethodName>(name: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Calls a method that must fail and returns the error. */
  fails(name: string, input: unknown): ApiError;
  close(): void;
}

/**
 * A backend on a fresh temp folder, with a clock that moves one second per
 * reading so "newest first" never depends on timing.
 */
export function openTestBackend(start = Date.parse('2025-03-01T09:00:00.000Z')): TestBackend {
  const { dir, remove } = makeTempDir('copydesk-backend-');
  let tick = 0;
  const backend = createBackend({ dataDir: dir, now: () => new Date(start + 1000 * tick++) });
  return {
    backend,
    dataDir: dir,
    ok(name, input) {
      const result = backend.callSync(name, input) as Result<MethodOutput<typeof name>>;
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async okAsync(name, input) {
      const result = (await backend.call(name, input)) as Result<MethodOutput<typeof name>>;
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    fails(name, input) {
      let result: Result<unknown> | undefined;
      expect(() => {
        result = backend.callSync(name, input);
      }).not.toThrow();
      expect(result?.ok, `${name} should have failed`).toBe(false);
      return (result as { ok: false; error: ApiError }).error;
    },
    close() {
      backend.close();
      remove();
    },
  };
}
