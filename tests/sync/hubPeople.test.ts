import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import type { ApiError, Result } from '../../shared/api/errors.ts';
import type { SyncStatus } from '../../shared/api/methods/sync.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import { openTestBackend, type TestBackend } from '../support/backend.ts';
import { startTestHub, TEST_PASSWORD, uniqueUsername, type TestHub } from '../hub/support/hub.ts';
import { startRelay, type Relay } from './support.ts';

/**
 * Settings → People through the workstation contract (`hubPeople.*`) against
 * a real hub over HTTP: the workstation's backend signs in as a hub account
 * and every change lands in the hub's own tables, where a sign-in shows it.
 * Refusals come from the shared policy on both sides and from the hub's rules,
 * in their own words.
 */

let hub: TestHub;
let relay: Relay;
const open: TestBackend[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  relay = await startRelay(hub.url);
}, 30_000);

afterAll(async () => {
  for (const ws of open) ws.close();
  await relay.close();
  await hub.close();
});

function workstation(name = 'Local admin'): TestBackend {
  const ws = openTestBackend(Date.parse('2026-03-02T09:00:01Z'), { profile: { name, role: 'admin' } });
  open.push(ws);
  return ws;
}

async function call<M extends MethodName>(ws: TestBackend, name: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
  return (await ws.backend.call(name, input)) as Result<MethodOutput<M>>;
}

async function ok<M extends MethodName>(ws: TestBackend, name: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await call(ws, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function fails<M extends MethodName>(ws: TestBackend, name: M, input: MethodInput<M>): Promise<ApiError> {
  const result = await call(ws, name, input);
  expect(result.ok, `${name} should have failed`).toBe(false);
  return (result as { ok: false; error: ApiError }).error;
}

async function connected(user: HubUser, url = relay.url): Promise<TestBackend> {
  const ws = workstation();
  const status = await ok(ws, 'sync.connect', { hubUrl: url, username: user.username, password: TEST_PASSWORD });
  expect(status.account?.id).toBe(user.id);
  return ws;
}

/** The HTTP status of signing in to the hub (200 yes, 401 wrong password, 403 account disabled). */
async function canSignIn(username: string, password = TEST_PASSWORD): Promise<number> {
  return (await hub.request('POST', '/v1/auth/login', { body: { username, password } })).status;
}

const NEW_PASSWORD = 'a long walk by the harbour';

describe('an admin on a connected workstation', () => {
  it('lists, adds, changes, disables and enables people; the hub has every change', async () => {
    const admin = await hub.createUser({ role: 'admin', name: 'Desk Admin' });
    const reporter = await hub.createUser({ role: 'reporter', name: 'Ana Reporter' });
    const ws = await connected(admin);

    const listed = (await ok(ws, 'hubPeople.list', {})).people;
    expect(listed.find((p) => p.id === reporter.id)).toEqual({
      id: reporter.id,
      username: reporter.username,
      name: 'Ana Reporter',
      role: 'reporter',
      supervisorId: null,
      disabled: false,
      createdAt: expect.any(String),
    });
    expect(listed.map((p) => p.id)).toContain(admin.id);

    // An intern under the reporter, who can sign in at once with the password the admin chose.
    const username = uniqueUsername('intern');
    const { person: intern } = await ok(ws, 'hubPeople.create', { username, name: 'Ivy Intern', role: 'intern', supervisorId: reporter.id, password: NEW_PASSWORD });
    expect(intern).toMatchObject({ username, name: 'Ivy Intern', role: 'intern', supervisorId: reporter.id, disabled: false });
    expect(await canSignIn(username, NEW_PASSWORD)).toBe(200);
    expect((await ok(ws, 'hubPeople.list', {})).people.map((p) => p.name)).toContain('Ivy Intern');

    // Promoted to reporter: the supervisor goes with the intern role.
    const { person: promoted } = await ok(ws, 'hubPeople.update', { id: intern.id, role: 'reporter' });
    expect(promoted).toMatchObject({ role: 'reporter', supervisorId: null });
    const { token } = await hub.login(username, NEW_PASSWORD);
    expect((await hub.request<{ user: HubUser }>('GET', '/v1/me', { token })).body.user).toMatchObject({ role: 'reporter', supervisorId: null });

    // Disabled: signed out everywhere and cannot sign in; enabled again: can.
    expect((await ok(ws, 'hubPeople.update', { id: intern.id, disabled: true })).person.disabled).toBe(true);
    expect((await hub.request('GET', '/v1/me', { token })).status).toBe(401);
    expect(await canSignIn(username, NEW_PASSWORD)).toBe(403);
    expect((await ok(ws, 'hubPeople.list', {})).people.find((p) => p.id === intern.id)?.disabled).toBe(true);
    expect((await ok(ws, 'hubPeople.update', { id: intern.id, disabled: false })).person.disabled).toBe(false);
    expect(await canSignIn(username, NEW_PASSWORD)).toBe(200);
  });

  it('resets a password and signs someone out everywhere', async () => {
    const admin = await hub.createUser({ role: 'admin' });
    const editor = await hub.createUser({ role: 'editor' });
    const ws = await connected(admin);

    const first = await hub.login(editor.username);
    const second = await hub.login(editor.username);
    expect(await ok(ws, 'hubPeople.revokeSessions', { id: editor.id })).toEqual({ revoked: 2 });
    for (const { token } of [first, second]) expect((await hub.request('GET', '/v1/me', { token })).status).toBe(401);

    await ok(ws, 'hubPeople.update', { id: editor.id, password: NEW_PASSWORD });
    expect(await canSignIn(editor.username)).toBe(401);
    expect(await canSignIn(editor.username, NEW_PASSWORD)).toBe(200);
  });

  it("passes the hub's refusals on in the hub's words", async () => {
    const admin = await hub.createUser({ role: 'admin' });
    const reporter = await hub.createUser({ role: 'reporter' });
    const ws = await connected(admin);
    const username = uniqueUsername('newcomer');

    const weak = await fails(ws, 'hubPeople.create', { username, name: 'Weak Password', role: 'reporter', password: 'short' });
    expect(weak).toMatchObject({ code: 'VALIDATION', message: 'The password must be at least 10 characters long.' });
    const common = await fails(ws, 'hubPeople.create', { username, name: 'Common Password', role: 'reporter', password: 'password123' });
    expect(common).toMatchObject({ code: 'VALIDATION', message: 'This password is among the first ones anyone would try. Choose another.' });

    const unsupervised = await fails(ws, 'hubPeople.create', { username, name: 'Lone Intern', role: 'intern', password: NEW_PASSWORD });
    expect(unsupervised).toMatchObject({ code: 'VALIDATION', message: 'An intern needs a supervisor: choose a reporter, editor or admin.' });
    const demoted = await fails(ws, 'hubPeople.update', { id: reporter.id, role: 'intern' });
    expect(demoted).toMatchObject({ code: 'VALIDATION', message: 'An intern needs a supervisor: choose a reporter, editor or admin.' });

    const taken = await fails(ws, 'hubPeople.create', { username: reporter.username, name: 'Same Name', role: 'reporter', password: NEW_PASSWORD });
    expect(taken).toMatchObject({ code: 'CONFLICT', message: `The user name "${reporter.username}" is taken. Choose another.` });

    // Nothing refused reached the hub's list.
    const names = (await ok(ws, 'hubPeople.list', {})).people.map((p) => p.name);
    expect(names).not.toContain('Weak Password');
    expect(names).not.toContain('Lone Intern');
    expect(names).not.toContain('Same Name');
  });
});

describe('who may, and when', () => {
  it('a reporter is refused with the policy’s reason, and nothing changes on the hub', async () => {
    const reporter = await hub.createUser({ role: 'reporter' });
    const other = await hub.createUser({ role: 'editor' });
    const ws = await connected(reporter);
    const reason = 'Only admins manage people, roles and supervisors.';
    expect(await fails(ws, 'hubPeople.list', {})).toMatchObject({ code: 'FORBIDDEN', message: reason });
    expect(await fails(ws, 'hubPeople.update', { id: other.id, disabled: true })).toMatchObject({ code: 'FORBIDDEN', message: reason });
    expect(await fails(ws, 'hubPeople.revokeSessions', { id: other.id })).toMatchObject({ code: 'FORBIDDEN', message: reason });
    expect(await canSignIn(other.username)).toBe(200);
  });

  it('the hub decides too: an admin demoted on the hub is refused in the hub’s words', async () => {
    const admin = await hub.createUser({ role: 'admin' });
    const ws = await connected(admin);
    // Another admin makes them an editor; this workstation still knows them as an admin.
    const other = await connected(await hub.createUser({ role: 'admin' }));
    await ok(other, 'hubPeople.update', { id: admin.id, role: 'editor' });
    expect(ws.ok('session.get', {}).profile?.role).toBe('admin');
    expect(await fails(ws, 'hubPeople.list', {})).toMatchObject({ code: 'FORBIDDEN', message: 'Only admins manage people, roles and supervisors.' });
  });

  it('not connected: "Connect to the newsroom first."', async () => {
    const ws = workstation();
    expect(await fails(ws, 'hubPeople.list', {})).toMatchObject({ code: 'UNAUTHORIZED', message: 'Connect to the newsroom first.' });
  });

  it('the hub out of reach is OFFLINE, and nothing changes', async () => {
    const admin = await hub.createUser({ role: 'admin' });
    const ws = await connected(admin);
    await relay.down();
    try {
      const error = await fails(ws, 'hubPeople.create', { username: uniqueUsername('away'), name: 'Never Added', role: 'reporter', password: NEW_PASSWORD });
      expect(error.code).toBe('OFFLINE');
      expect(error.message).toMatch(/cannot be reached/);
    } finally {
      await relay.up();
    }
    expect((await ok(ws, 'hubPeople.list', {})).people.map((p) => p.name)).not.toContain('Never Added');
  });

  it('a session the hub ended is UNAUTHORIZED, and the workstation shows it signed out', async () => {
    const admin = await hub.createUser({ role: 'admin' });
    const ws = await connected(admin);
    const other = await connected(await hub.createUser({ role: 'admin' }));
    await ok(other, 'hubPeople.revokeSessions', { id: admin.id });

    const error = await fails(ws, 'hubPeople.list', {});
    expect(error.code).toBe('UNAUTHORIZED');
    await expect.poll(() => (ws.ok('sync.status', {}) as SyncStatus).state, { timeout: 5_000 }).toBe('signed_out');
    expect(await fails(ws, 'hubPeople.list', {})).toMatchObject({ code: 'UNAUTHORIZED', message: 'Connect to the newsroom first.' });
  });
});
