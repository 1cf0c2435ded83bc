import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubErrorBody } from '../../shared/sync/auth.ts';
import { DATABASE_LABEL, startTestHub, TEST_PASSWORD, type TestHub } from './support/hub.ts';

const MINUTE = 60_000;

describe(`hub sign-in rate limit (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  beforeAll(async () => {
    // The defaults: 5 failures per user name and address within 15 minutes.
    hub = await startTestHub();
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  const attempt = (username: string, password: string) => hub.request<HubErrorBody>('POST', '/v1/auth/login', { body: { username, password } });

  it('refuses a sixth attempt after five failures, even with the right password, until the window passes', async () => {
    const user = await hub.createUser({ role: 'reporter' });
    for (let i = 0; i < 5; i += 1) {
      hub.clock.advance(MINUTE);
      expect((await attempt(user.username, `wrong guess ${i}`)).status).toBe(401);
    }
    // Failures at minutes 1..5; now it is minute 5: the first one leaves the window at minute 16.
    const sixth = await attempt(user.username, 'another wrong guess');
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toMatchObject({ code: 'RATE_LIMITED', message: 'Too many failed sign-ins. Try again in 11 minutes.' });
    expect(sixth.headers.get('retry-after')).toBe(String(11 * 60));

    const right = await attempt(user.username, TEST_PASSWORD);
    expect(right.status).toBe(429);
    // The case of the user name does not open a second window.
    expect((await attempt(user.username.toUpperCase(), TEST_PASSWORD)).status).toBe(429);

    hub.clock.advance(10 * MINUTE + 30_000);
    expect((await attempt(user.username, TEST_PASSWORD)).body.error.message).toBe('Too many failed sign-ins. Try again in 1 minute.');
    hub.clock.advance(30_000);
    // The oldest failure has left the window: four remain, so one attempt is allowed — the right password works.
    expect((await attempt(user.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('counts failures for unknown user names too', async () => {
    for (let i = 0; i < 5; i += 1) expect((await attempt('no-such-person', `guess ${i}`)).status).toBe(401);
    expect((await attempt('no-such-person', 'guess 6')).status).toBe(429);
  });

  it('a successful sign-in clears earlier failures', async () => {
    const user = await hub.createUser({ role: 'editor' });
    for (let i = 0; i < 4; i += 1) expect((await attempt(user.username, `typo ${i}`)).status).toBe(401);
    expect((await attempt(user.username, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i += 1) expect((await attempt(user.username, `typo again ${i}`)).status).toBe(401);
    expect((await attempt(user.username, TEST_PASSWORD)).status).toBe(429);
  });

  it("one person's failures do not lock out another", async () => {
    const unlucky = await hub.createUser({ role: 'reporter' });
    const other = await hub.createUser({ role: 'reporter' });
    for (let i = 0; i < 6; i += 1) await attempt(unlucky.username, `nope ${i}`);
    expect((await attempt(unlucky.username, TEST_PASSWORD)).status).toBe(429);
    expect((await attempt(other.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('keeps the count in the database, so parallel guesses cannot slip past it', async () => {
    const user = await hub.createUser({ role: 'reporter' });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(user.username, `parallel ${i}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
    const rows = await hub.deps.sql.query<{ count: number }>('SELECT count(*) AS count FROM login_failures WHERE username_key = $1', [user.username.toLowerCase()]);
    expect(rows[0]!.count).toBeLessThanOrEqual(5);
  });
});
