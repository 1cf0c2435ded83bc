import { randomBytes } from 'node:crypto';
import { createUser } from '../../../server/auth/people.ts';
import { openSql } from '../../../server/db/sql.ts';
import { startHub, type OpenHubOptions, type RunningHub } from '../../../server/start.ts';
import { toHubUser } from '../../../server/store/users.ts';
import type { HubDeps } from '../../../server/app.ts';
import type { HubUser, LoginResponse } from '../../../shared/sync/auth.ts';
import type { Role } from '../../../shared/workflow/roles.ts';
import { makeTempDir } from '../../support/tempDir.ts';

/**
 * A real hub for one test file: Fastify listening on 127.0.0.1 (any free
 * port), on in-memory PGlite — or, when DATABASE_URL is set, on that
 * PostgreSQL server in a schema of its own, so test files running side by
 * side never see each other's rows. Its clock is the test's to move.
 *
 *   const hub = await startTestHub();   // in beforeAll; hub.close() in afterAll
 *   const { token } = await hub.signIn('editor');
 *   const res = await hub.request('GET', '/v1/me', { token });
 */

export const USING_POSTGRES = Boolean(process.env.DATABASE_URL);
/** Which database the hub suite runs on, for describe names and skip reasons. */
export const DATABASE_LABEL = USING_POSTGRES ? 'PostgreSQL (DATABASE_URL)' : 'PGlite';

/** A password every test account can use: passes the hub's password rules. */
export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestClock {
  now(): Date;
  /** Moves the hub's clock forward (or back, with a negative number). */
  advance(ms: number): void;
}

export interface HubResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** The parsed JSON body (null for an empty body, the text when it is not JSON). */
  body: T;
}

export interface RequestOptions {
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (malformed JSON tests), with Content-Type application/json unless headers say otherwise. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestHub {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  deps: HubDeps;
  clock: TestClock;
  /** The database URL (with its schema) when on PostgreSQL: a second hub process can join it. */
  databaseUrl: string | undefined;
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<HubResponse<T>>;
  /** Adds a person directly (as `admin create` would), with {@link TEST_PASSWORD} unless given. */
  createUser(options: { role: Role; username?: string; name?: string; supervisorId?: string; password?: string }): Promise<HubUser>;
  /** POST /v1/auth/login; fails the test unless it succeeds. */
  login(username: string, password?: string): Promise<LoginResponse>;
  /** A new person of that role, signed in. An intern gets a fresh reporter as supervisor unless given one. */
  signIn(role: Role, options?: { supervisorId?: string; name?: string }): Promise<{ user: HubUser; token: string }>;
  /** Empties every table (not the schema): for files that want a blank hub per test. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

let serial = 0;
/** A user name no other test in this file has used. */
export function uniqueUsername(prefix = 'user'): string {
  serial += 1;
  return `${prefix}${serial}_${randomBytes(3).toString('hex')}`;
}

/** The database URL with `search_path` set to one schema (pg passes `options` to the server). */
export function withSchema(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * On PostgreSQL (DATABASE_URL): a fresh schema and the URL that makes it the
 * search path, and a function that drops it. On PGlite: nothing to do.
 */
export async function isolatedDatabase(): Promise<{ databaseUrl: string | undefined; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { databaseUrl: undefined, drop: async () => {} };
  return freshSchema(serverUrl, 'hubtest');
}

/** A schema of its own on the PostgreSQL server at `serverUrl`, the URL that makes it the search path, and a function that drops it. */
export async function freshSchema(serverUrl: string, prefix: string): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = await openSql({ databaseUrl: serverUrl });
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.close();
  }
  return {
    databaseUrl: withSchema(serverUrl, schema),
    drop: async () => {
      const sql = await openSql({ databaseUrl: serverUrl });
      try {
        await sql.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await sql.close();
      }
    },
  };
}

export async function startTestHub(options: Partial<Pick<OpenHubOptions, 'sessionTtlMs' | 'loginLimit'>> & { start?: Date } = {}): Promise<TestHub> {
  let current = (options.start ?? new Date('2026-03-02T09:00:00Z')).getTime();
  const clock: TestClock = {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
  };
  const temp = makeTempDir('copydesk-hub-test-');

  const database = await isolatedDatabase();
  const databaseUrl = database.databaseUrl;
  const dropSchema = database.drop;

  let hub: RunningHub;
  try {
    hub = await startHub({
      port: 0,
      host: '127.0.0.1',
      dataDir: temp.dir,
      ...(databaseUrl ? { databaseUrl } : { inMemory: true }),
      now: clock.now,
      ...(options.sessionTtlMs !== undefined ? { sessionTtlMs: options.sessionTtlMs } : {}),
      ...(options.loginLimit !== undefined ? { loginLimit: options.loginLimit } : {}),
    });
  } catch (error) {
    await dropSchema();
    temp.remove();
    throw error;
  }

  const request = async <T,>(method: string, path: string, init: RequestOptions = {}): Promise<HubResponse<T>> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.rawBody !== undefined || init.body !== undefined) {
      body = init.rawBody ?? JSON.stringify(init.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    const response = await fetch(new URL(path.replace(/^\//, ''), hub.url), { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text === '' ? null : text;
    try {
      if (text !== '') parsed = JSON.parse(text);
    } catch {
      // not JSON: the text as it is
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };

  const createTestUser: TestHub['createUser'] = async ({ role, username, name, supervisorId, password }) => {
    const login = username ?? uniqueUsername(role);
    const row = await createUser(hub.deps, {
      username: login,
      name: name ?? `Test ${role} ${login}`,
      role,
      supervisorId: supervisorId ?? null,
      password: password ?? TEST_PASSWORD,
    });
    return toHubUser(row);
  };

  const login: TestHub['login'] = async (username, password = TEST_PASSWORD) => {
    const response = await request<LoginResponse>('POST', '/v1/auth/login', { body: { username, password } });
    if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  return {
    url: hub.url,
    deps: hub.deps,
    clock,
    databaseUrl,
    request,
    createUser: createTestUser,
    login,
    signIn: async (role, signInOptions = {}) => {
      let supervisorId = signInOptions.supervisorId;
      if (role === 'intern' && supervisorId === undefined) supervisorId = (await createTestUser({ role: 'reporter' })).id;
      const user = await createTestUser({ role, ...(supervisorId ? { supervisorId } : {}), ...(signInOptions.name ? { name: signInOptions.name } : {}) });
      const { token } = await login(user.username);
      return { user, token };
    },
    reset: async () => {
      const tables = await hub.deps.sql.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
      );
      if (tables.length > 0) await hub.deps.sql.exec(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
    },
    close: async () => {
      await hub.close();
      await dropSchema();
      temp.remove();
    },
  };
}
