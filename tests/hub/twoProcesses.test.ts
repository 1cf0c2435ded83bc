import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/people.ts';
import { openSql, type Sql } from '../../server/db/sql.ts';
import type { HubErrorBody, LoginResponse, MeResponse } from '../../shared/sync/auth.ts';
import { makeTempDir } from '../support/tempDir.ts';
import { isolatedDatabase, TEST_PASSWORD, USING_POSTGRES } from './support/hub.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Starts `tsx server/cli.ts --port 0` and resolves with its URL once it prints the ready line. */
function spawnHub(databaseUrl: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(TSX, ['server/cli.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^Copydesk hub ready: (\S+)$/m.exec(stdout);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`hub exited with ${code}: ${stdout} ${stderr}`)));
  });
}

// Embedded PGlite is one process's database, so this runs only against a PostgreSQL server (CI sets DATABASE_URL).
const SKIP_REASON = 'skipped without DATABASE_URL: embedded PGlite serves one process; .ci/run runs it on PostgreSQL';
// Vitest lists a skipped file without its tests' names: say why here, so the skip is never silent.
if (!USING_POSTGRES) console.info(`two hub processes on one database: ${SKIP_REASON}`);

describe.skipIf(!USING_POSTGRES)(`two hub processes on one PostgreSQL database (${SKIP_REASON})`, () => {
  const temp = makeTempDir('copydesk-two-hubs-');
  let drop = async () => {};
  let sql: Sql;
  const hubs: Array<{ child: ChildProcess; url: string }> = [];

  beforeAll(async () => {
    const database = await isolatedDatabase();
    drop = database.drop;
    // Started together: the second waits for the first's migrations (advisory lock) instead of colliding.
    hubs.push(...(await Promise.all([spawnHub(database.databaseUrl!, join(temp.dir, 'a')), spawnHub(database.databaseUrl!, join(temp.dir, 'b'))])));
    sql = await openSql({ databaseUrl: database.databaseUrl! });
  }, 90_000);

  afterAll(async () => {
    for (const hub of hubs) {
      const exited = new Promise((resolve) => hub.child.on('exit', resolve));
      hub.child.kill('SIGTERM');
      await exited;
    }
    await sql?.close();
    await drop();
    temp.remove();
  });

  const call = async <T,>(hubIndex: number, method: string, path: string, init: { token?: string; body?: unknown } = {}) => {
    const response = await fetch(new URL(path, hubs[hubIndex]!.url), {
      method,
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T };
  };

  const deps = () => ({ sql, now: () => new Date(), dataDir: temp.dir });

  it('migrated the database once', async () => {
    const rows = await sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toContain(10);
    expect(new Set(rows.map((r) => r.version)).size).toBe(rows.length);
  });

  it('a session made on one hub works on the other, and signing out on one ends it on both', async () => {
    const user = await createUser(deps(), { username: 'shared_reporter', name: 'Shared Reporter', role: 'reporter', password: TEST_PASSWORD });
    const login = await call<LoginResponse>(0, 'POST', 'v1/auth/login', { body: { username: 'shared_reporter', password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    const me = await call<MeResponse>(1, 'GET', 'v1/me', { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);

    expect((await call(1, 'POST', 'v1/auth/logout', { token: login.body.token })).status).toBe(204);
    const after = await call<HubErrorBody>(0, 'GET', 'v1/me', { token: login.body.token });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toBe('You were signed out of this session. Sign in again.');
  });

  it('a role changed through one hub counts on the other at once', async () => {
    await createUser(deps(), { username: 'shared_admin', name: 'Shared Admin', role: 'admin', password: TEST_PASSWORD });
    const person = await createUser(deps(), { username: 'shared_editor', name: 'Shared Editor', role: 'editor', password: TEST_PASSWORD });
    const admin = await call<LoginResponse>(0, 'POST', 'v1/auth/login', { body: { username: 'shared_admin', password: TEST_PASSWORD } });
    const editor = await call<LoginResponse>(1, 'POST', 'v1/auth/login', { body: { username: 'shared_editor', password: TEST_PASSWORD } });
    expect((await call(1, 'GET', 'v1/admin/users', { token: editor.body.token })).status).toBe(403);
    expect((await call(0, 'PATCH', `v1/admin/users/${person.id}`, { token: admin.body.token, body: { role: 'admin' } })).status).toBe(200);
    expect((await call(1, 'GET', 'v1/admin/users', { token: editor.body.token })).status).toBe(200);
  });

  it('counts failed sign-ins across both hubs', async () => {
    await createUser(deps(), { username: 'shared_target', name: 'Target', role: 'reporter', password: TEST_PASSWORD });
    for (let i = 0; i < 5; i += 1) {
      const response = await call(i % 2, 'POST', 'v1/auth/login', { body: { username: 'shared_target', password: `wrong ${i}` } });
      expect(response.status).toBe(401);
    }
    const sixth = await call<HubErrorBody>(1, 'POST', 'v1/auth/login', { body: { username: 'shared_target', password: TEST_PASSWORD } });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.message).toBe('Too many failed sign-ins. Try again in 15 minutes.');
  });
});
