import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubErrorBody, LoginResponse, MeResponse } from '../../shared/sync/auth.ts';
import { DATABASE_LABEL, startTestHub, TEST_PASSWORD, uniqueUsername, type TestHub } from './support/hub.ts';

const DAY = 24 * 60 * 60 * 1000;

describe(`hub sign-in and sessions (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ sessionTtlMs: 7 * DAY });
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('signs in with the right password and knows who is signed in', async () => {
    const user = await hub.createUser({ role: 'reporter', username: uniqueUsername('Maria'), name: 'Maria Rossi' });
    const login = await hub.request<LoginResponse>('POST', '/v1/auth/login', { body: { username: user.username.toUpperCase(), password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({ id: user.id, username: user.username, name: 'Maria Rossi', role: 'reporter', supervisorId: null });
    expect(login.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(login.body.expiresAt).getTime()).toBe(hub.clock.now().getTime() + 7 * DAY);

    const me = await hub.request<MeResponse>('GET', '/v1/me', { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
    expect(me.body.sessionExpiresAt).toBe(login.body.expiresAt);
  });

  it('stores only a hash of the token', async () => {
    const user = await hub.createUser({ role: 'editor' });
    const { token } = await hub.login(user.username);
    const rows = await hub.deps.sql.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = $1', [user.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('gives a wrong password and an unknown user name the same answer', async () => {
    const user = await hub.createUser({ role: 'reporter' });
    const wrong = await hub.request<HubErrorBody>('POST', '/v1/auth/login', { body: { username: user.username, password: 'not the password at all' } });
    const unknown = await hub.request<HubErrorBody>('POST', '/v1/auth/login', { body: { username: uniqueUsername('nobody'), password: TEST_PASSWORD } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'The user name or password is not right.' } });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses requests without a session, with a malformed header, or with an unknown token', async () => {
    const none = await hub.request<HubErrorBody>('GET', '/v1/me');
    expect(none.status).toBe(401);
    expect(none.body.error.message).toBe('Sign in to the newsroom first: this request has no session token.');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');

    const basic = await hub.request<HubErrorBody>('GET', '/v1/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    expect(basic.body.error.message).toMatch(/Bearer <token>/);

    const made = await hub.request<HubErrorBody>('GET', '/v1/me', { token: 'A'.repeat(43) });
    expect(made.status).toBe(401);
    expect(made.body.error.message).toBe('This session is not known to the hub. Sign in again.');
  });

  it('ends a session when it expires', async () => {
    const user = await hub.createUser({ role: 'reporter' });
    const { token } = await hub.login(user.username);
    hub.clock.advance(7 * DAY - 1000);
    expect((await hub.request('GET', '/v1/me', { token })).status).toBe(200);
    hub.clock.advance(1000);
    const expired = await hub.request<HubErrorBody>('GET', '/v1/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Your session has expired. Sign in again.' });
    // Signing in again gives a new session.
    const again = await hub.login(user.username);
    expect((await hub.request('GET', '/v1/me', { token: again.token })).status).toBe(200);
  });

  it('signs out: the token stops working and other sessions go on', async () => {
    const user = await hub.createUser({ role: 'reporter' });
    const laptop = await hub.login(user.username);
    const desktop = await hub.login(user.username);
    const logout = await hub.request('POST', '/v1/auth/logout', { token: laptop.token });
    expect(logout.status).toBe(204);
    const after = await hub.request<HubErrorBody>('GET', '/v1/me', { token: laptop.token });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toBe('You were signed out of this session. Sign in again.');
    expect((await hub.request('POST', '/v1/auth/logout', { token: laptop.token })).status).toBe(401);
    expect((await hub.request('GET', '/v1/me', { token: desktop.token })).status).toBe(200);
  });

  it("an admin signs someone out everywhere", async () => {
    const admin = await hub.signIn('admin');
    const user = await hub.createUser({ role: 'intern', supervisorId: (await hub.createUser({ role: 'editor' })).id });
    const one = await hub.login(user.username);
    const two = await hub.login(user.username);
    const revoke = await hub.request<{ revoked: number }>('POST', `/v1/admin/users/${user.id}/revoke-sessions`, { token: admin.token });
    expect(revoke.status).toBe(200);
    expect(revoke.body).toEqual({ revoked: 2 });
    for (const token of [one.token, two.token]) {
      const me = await hub.request<HubErrorBody>('GET', '/v1/me', { token });
      expect(me.status).toBe(401);
      expect(me.body.error.message).toBe('You were signed out of this session. Sign in again.');
    }
    expect((await hub.request('GET', '/v1/me', { token: admin.token })).status).toBe(200);
  });

  it('applies a role change to the very next request', async () => {
    const admin = await hub.signIn('admin');
    const { user, token } = await hub.signIn('reporter');
    expect((await hub.request<HubErrorBody>('GET', '/v1/admin/users', { token })).status).toBe(403);
    const promote = await hub.request('PATCH', `/v1/admin/users/${user.id}`, { token: admin.token, body: { role: 'admin' } });
    expect(promote.status).toBe(200);
    expect((await hub.request<MeResponse>('GET', '/v1/me', { token })).body.user.role).toBe('admin');
    expect((await hub.request('GET', '/v1/admin/users', { token })).status).toBe(200);
  });

  it('a disabled account is signed out and cannot sign in', async () => {
    const admin = await hub.signIn('admin');
    const { user, token } = await hub.signIn('reporter');
    expect((await hub.request('PATCH', `/v1/admin/users/${user.id}`, { token: admin.token, body: { disabled: true } })).status).toBe(200);
    expect((await hub.request<HubErrorBody>('GET', '/v1/me', { token })).status).toBe(401);
    const login = await hub.request<HubErrorBody>('POST', '/v1/auth/login', { body: { username: user.username, password: TEST_PASSWORD } });
    expect(login.status).toBe(403);
    expect(login.body.error.message).toBe('This account is disabled. Ask an admin of your newsroom.');
    // …but a wrong password says no more than for anyone else.
    const wrong = await hub.request<HubErrorBody>('POST', '/v1/auth/login', { body: { username: user.username, password: 'wrong password here' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('The user name or password is not right.');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await hub.request<HubErrorBody>('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  describe('refuses malformed sign-in requests with a 400 and a reason', () => {
    const cases: Array<{ name: string; rawBody?: string; body?: unknown; headers?: Record<string, string>; reason: RegExp }> = [
      { name: 'broken JSON', rawBody: '{"username": "maria",', reason: /not valid JSON/ },
      { name: 'an empty body', rawBody: '', reason: /empty/ },
      { name: 'a JSON array', body: [1, 2], reason: /must be a JSON object, not an array/ },
      { name: 'JSON null', rawBody: 'null', reason: /must be a JSON object, not null/ },
      { name: 'a JSON string', body: 'maria', reason: /must be a JSON object, not string/ },
      { name: 'no fields', body: {}, reason: /username: is missing; password: is missing/ },
      { name: 'no password', body: { username: 'maria' }, reason: /password: is missing/ },
      { name: 'a number as user name', body: { username: 42, password: 'x' }, reason: /username: expected string, received number/ },
      { name: 'a password object', body: { username: 'maria', password: { $ne: '' } }, reason: /password: expected string/ },
      { name: 'an empty user name', body: { username: '   ', password: 'x' }, reason: /username: must not be empty/ },
      { name: 'a huge password', body: { username: 'maria', password: 'x'.repeat(5000) }, reason: /password: must be at most 1024 characters/ },
      { name: 'form encoding', rawBody: 'username=maria&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, reason: /Content-Type: application\/json/ },
      { name: 'text/plain', rawBody: '{"username":"maria","password":"x"}', headers: { 'content-type': 'text/plain' }, reason: /Content-Type: application\/json/ },
    ];
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const response = await hub.request<HubErrorBody>('POST', '/v1/auth/login', {
          ...(testCase.rawBody !== undefined ? { rawBody: testCase.rawBody } : { body: testCase.body }),
          ...(testCase.headers ? { headers: testCase.headers } : {}),
        });
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION');
        expect(response.body.error.message).toMatch(testCase.reason);
      });
    }
  });
});
