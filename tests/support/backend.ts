import { expect } from 'vitest';
import { createBackend, type Backend } from '../../main/backend/backend.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import type { ApiError, Result } from '../../shared/api/errors.ts';
import type { Profile } from '../../shared/api/methods/session.ts';
import type { Role } from '../../shared/workflow/roles.ts';
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
  /** The profile the backend was opened as (null when opened with `profile: null`). */
  profile: Profile | null;
  /** Adds a profile and makes it the one in use (as "Switch user" → "Add a person…" does). */
  addProfile(name: string, role: Role, supervisorId?: string): Profile;
  /** Makes an existing profile the one in use. */
  switchTo(profile: Profile): void;
  close(): void;
}

/** Who a test backend writes as, unless a test says otherwise: an admin has every power of the desk. */
export const TEST_PROFILE = { name: 'Test Admin', role: 'admin' } as const;

/**
 * Makes `backend` write as a new profile (the first-run "Who is writing?"
 * step): with no profile, the backend refuses every edit.
 */
export function createTestProfile(backend: Backend, name: string = TEST_PROFILE.name, role: Role = TEST_PROFILE.role, supervisorId?: string): Profile {
  const result = backend.callSync('session.createProfile', { name, role, ...(supervisorId ? { supervisorId } : {}) }) as Result<{ profile: Profile }>;
  if (!result.ok) throw new Error(`session.createProfile failed: ${result.error.code} ${result.error.message}`);
  return result.value.profile;
}

/**
 * A backend on a fresh temp folder, with a clock that moves one second per
 * reading so "newest first" never depends on timing.
 */
export function openTestBackend(
  start = Date.parse('2025-03-01T09:00:00.000Z'),
  options: { profile?: { name: string; role: Role } | null } = {},
): TestBackend {
  const { dir, remove } = makeTempDir('copydesk-backend-');
  let tick = 0;
  const backend = createBackend({ dataDir: dir, now: () => new Date(start + 1000 * tick++) });
  const wanted = options.profile === undefined ? TEST_PROFILE : options.profile;
  const profile = wanted ? createTestProfile(backend, wanted.name, wanted.role) : null;
  return {
    backend,
    dataDir: dir,
    profile,
    addProfile: (name, role, supervisorId) => createTestProfile(backend, name, role, supervisorId),
    switchTo(next) {
      const result = backend.callSync('session.switch', { profileId: next.id });
      if (!result.ok) throw new Error(`session.switch failed: ${result.error.code} ${result.error.message}`);
    },
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
