import type { FastifyInstance } from 'fastify';
import { buildHub, type HubDeps } from './app.ts';
import { lockDataDir } from './db/lock.ts';
import { migrate } from './db/migrate.ts';
import { openSql, type Sql } from './db/sql.ts';

export interface OpenHubOptions {
  dataDir: string;
  /** PostgreSQL instead of embedded PGlite (PGlite's files then stay out of dataDir). */
  databaseUrl?: string;
  /** PGlite in memory rather than in dataDir (tests): nothing is kept. */
  inMemory?: boolean;
  now?: () => Date;
  sessionTtlMs?: number;
  loginLimit?: HubDeps['loginLimit'];
}

export interface OpenDatabase {
  sql: Sql;
  close(): Promise<void>;
}

/** Opens the hub's database (locking a PGlite folder) and brings its schema up to date. */
export async function openHubDatabase(options: { dataDir: string; databaseUrl?: string; inMemory?: boolean }): Promise<OpenDatabase> {
  const unlock = options.databaseUrl || options.inMemory ? () => {} : lockDataDir(options.dataDir);
  let sql: Sql;
  try {
    sql = await openSql(options.databaseUrl ? { databaseUrl: options.databaseUrl } : options.inMemory ? {} : { dataDir: options.dataDir });
  } catch (error) {
    unlock();
    throw error;
  }
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    unlock();
    throw error;
  }
  return {
    sql,
    close: async () => {
      await sql.close();
      unlock();
    },
  };
}

export interface RunningHub {
  app: FastifyInstance;
  deps: HubDeps;
  /** `http://host:port/` */
  url: string;
  port: number;
  /** Stops taking requests, lets the ones in flight finish, closes the database. */
  close(): Promise<void>;
}

/** A hub listening on host:port (port 0: any free port), on a migrated database. */
export async function startHub(options: OpenHubOptions & { port: number; host?: string }): Promise<RunningHub> {
  const database = await openHubDatabase(options);
  const deps: HubDeps = {
    sql: database.sql,
    now: options.now ?? (() => new Date()),
    dataDir: options.dataDir,
    ...(options.sessionTtlMs !== undefined ? { sessionTtlMs: options.sessionTtlMs } : {}),
    ...(options.loginLimit !== undefined ? { loginLimit: options.loginLimit } : {}),
  };
  let app: FastifyInstance;
  try {
    app = await buildHub(deps);
    await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await database.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host ?? '127.0.0.1';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    app,
    deps,
    url: `http://${urlHost}:${port}/`,
    port,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await database.close();
      })()),
  };
}
