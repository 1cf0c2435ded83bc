import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubErrorBody, HubUserRecord, UserListResponse, UserResponse } from '../../shared/sync/auth.ts';
import { can, NO_STORY } from '../../shared/workflow/policy.ts';
import type { Role } from '../../shared/workflow/roles.ts';
import { DATABASE_LABEL, startTestHub, TEST_PASSWORD, uniqueUsername, type TestHub } from './support/hub.ts';

describe(`hub people management (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  let admin: { token: string; user: { id: string } };
  beforeAll(async () => {
    hub = await startTestHub();
    admin = await hub.signIn('admin');
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  const create = (body: unknown, token = admin.token) => hub.request<UserResponse & HubErrorBody>('POST', '/v1/admin/users', { token, body });
  const update = (id: string, body: unknown, token = admin.token) => hub.request<UserResponse & HubErrorBody>('PATCH', `/v1/admin/users/${id}`, { token, body });

  describe('is for admins only: every other role is refused with the policy’s reason', () => {
    const reason = (role: Role) => {
      const decision = can({ id: 'x', role, supervisorId: role === 'intern' ? 'y' : null }, 'manage_people', NO_STORY);
      if (decision.ok) throw new Error(`the policy lets ${role} manage people`);
      return decision.reason;
    };
    for (const role of ['intern', 'reporter', 'editor'] as const) {
      it(role, async () => {
        const { token } = await hub.signIn(role);
        const target = await hub.createUser({ role: 'reporter' });
        const attempts = [
          hub.request<HubErrorBody>('GET', '/v1/admin/users', { token }),
          hub.request<HubErrorBody>('POST', '/v1/admin/users', { token, body: { username: uniqueUsername(), name: 'X', role: 'admin', password: TEST_PASSWORD } }),
          hub.request<HubErrorBody>('PATCH', `/v1/admin/users/${target.id}`, { token, body: { role: 'admin' } }),
          hub.request<HubErrorBody>('POST', `/v1/admin/users/${target.id}/revoke-sessions`, { token }),
        ];
        for (const response of await Promise.all(attempts)) {
          expect(response.status).toBe(403);
          expect(response.body.error).toEqual({ code: 'FORBIDDEN', message: reason(role) });
        }
        const users = await hub.deps.sql.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [target.id]);
        expect(users[0]!.role).toBe('reporter');
      });
    }
    it('nobody signed in', async () => {
      expect((await hub.request('GET', '/v1/admin/users')).status).toBe(401);
    });
  });

  it('adds people, who can then sign in, and lists them', async () => {
    const username = uniqueUsername('Ana');
    const created = await create({ username, name: '  Ana Lopes ', role: 'reporter', password: 'a long enough pass' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ username, name: 'Ana Lopes', role: 'reporter', supervisorId: null, disabled: false });
    expect(created.body.user.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(created.body.user).not.toHaveProperty('passwordHash');

    expect((await hub.login(username, 'a long enough pass')).user.id).toBe(created.body.user.id);
    const list = await hub.request<UserListResponse>('GET', '/v1/admin/users', { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.users.map((u) => u.id)).toContain(created.body.user.id);
    expect(JSON.stringify(list.body)).not.toContain('argon2');
  });

  it('keeps user names unique without regard to case', async () => {
    const username = uniqueUsername('Sam');
    expect((await create({ username, name: 'Sam', role: 'reporter', password: TEST_PASSWORD })).status).toBe(201);
    const again = await create({ username: username.toUpperCase(), name: 'Other Sam', role: 'editor', password: TEST_PASSWORD });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`The user name "${username.toUpperCase()}" is taken. Choose another.`);
  });

  it('refuses weak passwords with the reason', async () => {
    const username = uniqueUsername('weak');
    const cases: Array<[string, RegExp]> = [
      ['short', /at least 10 characters/],
      ['aaaaaaaaaaaaaa', /too few different characters/],
      [`${username}-2026!`, /must not contain the user name/],
      ['password123', /among the first ones anyone would try/],
    ];
    for (const [password, reason] of cases) {
      const response = await create({ username, name: 'Weak', role: 'reporter', password });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(reason);
    }
  });

  describe('an intern needs a valid supervisor', () => {
    it('no supervisor', async () => {
      const response = await create({ username: uniqueUsername(), name: 'I', role: 'intern', password: TEST_PASSWORD });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/An intern needs a supervisor: choose a reporter, editor or admin\./);
    });
    it('a supervisor who is an intern', async () => {
      const reporter = await hub.createUser({ role: 'reporter' });
      const intern = await hub.createUser({ role: 'intern', supervisorId: reporter.id, name: 'Ivo Intern' });
      const response = await create({ username: uniqueUsername(), name: 'I', role: 'intern', supervisorId: intern.id, password: TEST_PASSWORD });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/Ivo Intern is an intern; a supervisor must be a reporter, editor or admin\./);
    });
    it('a supervisor who does not exist', async () => {
      const response = await create({ username: uniqueUsername(), name: 'I', role: 'intern', supervisorId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', password: TEST_PASSWORD });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/not a person on this hub/);
    });
    it('a disabled supervisor', async () => {
      const reporter = await hub.createUser({ role: 'reporter', name: 'Gone Reporter' });
      expect((await update(reporter.id, { disabled: true })).status).toBe(200);
      const response = await create({ username: uniqueUsername(), name: 'I', role: 'intern', supervisorId: reporter.id, password: TEST_PASSWORD });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/Gone Reporter's account is disabled/);
    });
    it('a supervisor for someone who is not an intern', async () => {
      const editor = await hub.createUser({ role: 'editor' });
      const response = await create({ username: uniqueUsername(), name: 'R', role: 'reporter', supervisorId: editor.id, password: TEST_PASSWORD });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/Only interns have a supervisor; a reporter does not\./);
    });
    it('a valid one, then a change of supervisor and a promotion that drops it', async () => {
      const editor = await hub.createUser({ role: 'editor' });
      const reporter = await hub.createUser({ role: 'reporter' });
      const created = await create({ username: uniqueUsername(), name: 'Ines', role: 'intern', supervisorId: editor.id, password: TEST_PASSWORD });
      expect(created.status).toBe(201);
      expect(created.body.user.supervisorId).toBe(editor.id);
      const moved = await update(created.body.user.id, { supervisorId: reporter.id });
      expect(moved.body.user.supervisorId).toBe(reporter.id);
      expect((await update(created.body.user.id, { supervisorId: null })).status).toBe(400);
      const promoted = await update(created.body.user.id, { role: 'reporter' });
      expect(promoted.status).toBe(200);
      expect(promoted.body.user).toMatchObject({ role: 'reporter', supervisorId: null });
      const demoted = await update(created.body.user.id, { role: 'intern' });
      expect(demoted.status).toBe(400);
      expect(demoted.body.error.message).toMatch(/An intern needs a supervisor/);
    });
  });

  it('will not demote or disable someone who still supervises interns', async () => {
    const reporter = await hub.createUser({ role: 'reporter', name: 'Rita Reporter' });
    await hub.createUser({ role: 'intern', supervisorId: reporter.id });
    for (const body of [{ role: 'intern', supervisorId: admin.user.id }, { disabled: true }]) {
      const response = await update(reporter.id, body);
      expect(response.status).toBe(409);
      expect(response.body.error.message).toBe('Rita Reporter supervises 1 intern. Give them another supervisor first.');
    }
  });

  it('always keeps one enabled admin', async () => {
    const fresh = await startTestHub();
    try {
      const only = await fresh.signIn('admin', { name: 'Only Admin' });
      for (const body of [{ role: 'editor' }, { disabled: true }]) {
        const response = await fresh.request<HubErrorBody>('PATCH', `/v1/admin/users/${only.user.id}`, { token: only.token, body });
        expect(response.status).toBe(409);
        expect(response.body.error.message).toBe('Only Admin is the only admin. Make someone else an admin first.');
      }
      const second = await fresh.createUser({ role: 'admin' });
      const step = await fresh.request('PATCH', `/v1/admin/users/${only.user.id}`, { token: only.token, body: { role: 'editor' } });
      expect(step.status).toBe(200);
      expect(second.role).toBe('admin');
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it('resets a password: the old one stops working and every session ends', async () => {
    const { user, token } = await hub.signIn('reporter');
    const reset = await update(user.id, { password: 'brand new secret words' });
    expect(reset.status).toBe(200);
    expect((await hub.request('GET', '/v1/me', { token })).status).toBe(401);
    expect((await hub.request('POST', '/v1/auth/login', { body: { username: user.username, password: TEST_PASSWORD } })).status).toBe(401);
    expect((await hub.login(user.username, 'brand new secret words')).user.id).toBe(user.id);
  });

  it('renames and re-enables people', async () => {
    const person = await hub.createUser({ role: 'reporter' });
    const renamed = await update(person.id, { name: 'Renamed Person', disabled: true });
    expect(renamed.body.user).toMatchObject({ name: 'Renamed Person', disabled: true });
    expect(new Date(renamed.body.user.updatedAt).getTime()).toBe(hub.clock.now().getTime());
    const back = await update(person.id, { disabled: false });
    expect(back.body.user.disabled).toBe(false);
    expect((await hub.login(person.username)).user.name).toBe('Renamed Person');
  });

  it('answers 404 for someone who does not exist and 400 for an id that is not one', async () => {
    const missing = await update('01ARZ3NDEKTSV4RRFFQ69G5FAV', { name: 'X' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('There is no such person on this hub.');
    expect((await hub.request('POST', '/v1/admin/users/01ARZ3NDEKTSV4RRFFQ69G5FAV/revoke-sessions', { token: admin.token })).status).toBe(404);
    const bad = await update('not-an-id', { name: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^The address is not valid: id: must be a user id/);
  });

  describe('refuses malformed bodies with a 400 and a reason', () => {
    const createCases: Array<[string, unknown, RegExp]> = [
      ['no fields', {}, /username: is missing; name: is missing; role: is missing; password: is missing/],
      ['an unknown role', { username: 'x1', name: 'X', role: 'chief', password: TEST_PASSWORD }, /role: must be one of: intern, reporter, editor, admin/],
      ['a user name with spaces', { username: 'two words', name: 'X', role: 'reporter', password: TEST_PASSWORD }, /username: may contain only letters/],
      ['a one-letter user name', { username: 'x', name: 'X', role: 'reporter', password: TEST_PASSWORD }, /username: must be at least 2 characters/],
      ['an empty name', { username: 'xy', name: ' ', role: 'reporter', password: TEST_PASSWORD }, /name: must not be empty/],
      ['a numeric name', { username: 'xy', name: 7, role: 'reporter', password: TEST_PASSWORD }, /name: expected string, received number/],
      ['a supervisor that is not an id', { username: 'xy', name: 'X', role: 'intern', supervisorId: 12, password: TEST_PASSWORD }, /supervisorId: expected string/],
    ];
    for (const [name, body, reason] of createCases) {
      it(`create: ${name}`, async () => {
        const response = await create(body);
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION');
        expect(response.body.error.message).toMatch(reason);
      });
    }
    const updateCases: Array<[string, unknown, RegExp]> = [
      ['nothing to change', {}, /Nothing to change: send at least one field\./],
      ['disabled as a string', { disabled: 'yes' }, /disabled: expected boolean, received string/],
      ['an array', [], /must be a JSON object, not an array/],
    ];
    for (const [name, body, reason] of updateCases) {
      it(`update: ${name}`, async () => {
        const target = await hub.createUser({ role: 'reporter' });
        const response = await update(target.id, body);
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(reason);
      });
    }
    it('update: broken JSON', async () => {
      const target = await hub.createUser({ role: 'reporter' });
      const response = await hub.request<HubErrorBody>('PATCH', `/v1/admin/users/${target.id}`, { token: admin.token, rawBody: '{"name": ' });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe('The request body is not valid JSON.');
    });
  });

  it('lists people with what an admin needs and nothing secret', async () => {
    const list = await hub.request<UserListResponse>('GET', '/v1/admin/users', { token: admin.token });
    const me = list.body.users.find((u: HubUserRecord) => u.id === admin.user.id);
    expect(me).toMatchObject({ role: 'admin', disabled: false, supervisorId: null });
    expect(Object.keys(me!).sort()).toEqual(['createdAt', 'disabled', 'id', 'name', 'role', 'supervisorId', 'updatedAt', 'username']);
  });
});
