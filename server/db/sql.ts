import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { preparedQueries } from './pglitePrepared.ts';

/**
 * The hub's one way to reach its database (DESIGN.md §8): embedded PGlite by
 * default, a PostgreSQL server when DATABASE_URL is set. Both are real
 * Postgres, so the migrations and every query are written once.
 *
 * Values come back the same from both:
 * - int2/int4/int8 (count(*), bigserial cursors) → number (an int8 beyond
 *   2^53 comes back as a bigint rather than losing digits);
 * - timestamptz → Date; json/jsonb → parsed; boolean → boolean;
 * - text/numeric → string; bytea → Uint8Array (a Buffer from `pg`, which is one).
 * Parameters: `$1, $2, …`; a Date binds as a timestamptz.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs several `;`-separated statements without parameters (migrations, test resets). */
  exec(text: string): Promise<void>;
  /**
   * Runs fn in one transaction (BEGIN … COMMIT, ROLLBACK when fn throws) at
   * READ COMMITTED: code that reads then writes takes explicit row locks
   * (`SELECT … FOR UPDATE`, `pg_advisory_xact_lock`). Calling `transaction`
   * on a `tx` runs fn inside the same transaction (no savepoint).
   * `tx.notify` is delivered when the transaction commits, and not at all if it rolls back.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** LISTEN/NOTIFY: notify(channel, payload) and listen(channel, cb) → unlisten. */
  notify(channel: string, payload: string): Promise<void>;
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenSqlOptions {
  /** A PostgreSQL connection string (postgres://user:password@host:port/db). Wins over dataDir. */
  databaseUrl?: string;
  /** The folder for embedded PGlite's files (created when missing). Without either: an in-memory PGlite. */
  dataDir?: string;
}

export async function openSql(options: OpenSqlOptions): Promise<Sql> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir);
}

/** Where PGlite keeps its files inside the hub's data folder (media and other files sit beside it). */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pgdata');
}

/** Channel names are identifiers in LISTEN/NOTIFY; only plain ones are accepted, so quoting is never needed. */
function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Invalid notification channel name "${channel}"`);
  return channel;
}

// ---------------------------------------------------------------------------
// PGlite

async function openPglite(dataDir: string | undefined): Promise<Sql> {
  let directory: string | undefined;
  if (dataDir !== undefined) {
    directory = pgliteDir(dataDir);
    mkdirSync(directory, { recursive: true });
  }
  const db = await PGlite.create(directory);
  const prepared = preparedQueries(db);

  const notify = async (channel: string, payload: string) => {
    await db.query('SELECT pg_notify($1, $2)', [checkChannel(channel), payload]);
  };
  const listen = async (channel: string, onMessage: (payload: string) => void) => {
    const unlisten = await db.listen(checkChannel(channel), onMessage);
    return () => unlisten();
  };

  const inTransaction = (tx: Transaction): Sql => {
    const self: Sql = {
      // The transaction holds PGlite's transaction lock; each statement takes the query lock, as tx.query does.
      query: <T,>(text: string, params?: unknown[]) => db._runExclusiveQuery(() => prepared.query<T>(text, params ?? [])),
      exec: async (text) => {
        await tx.exec(text);
      },
      transaction: (fn) => fn(self),
      notify: async (channel, payload) => {
        await tx.query('SELECT pg_notify($1, $2)', [checkChannel(channel), payload]);
      },
      listen,
      close: () => Promise.reject(new Error('close() inside a transaction')),
    };
    return self;
  };

  return {
    // Both of PGlite's locks, as db.query takes them; a statement outside a transaction is flushed to disk as db.query does.
    query: <T,>(text: string, params?: unknown[]) =>
      db._runExclusiveTransaction(() =>
        db._runExclusiveQuery(async () => {
          const rows = await prepared.query<T>(text, params ?? []);
          await db.syncToFs();
          return rows;
        }),
      ),
    exec: async (text) => {
      await db.exec(text);
    },
    transaction: (fn) => db.transaction((tx) => fn(inTransaction(tx))),
    notify,
    listen,
    close: async () => {
      if (!db.closed) await db.close();
    },
  };
}

// ---------------------------------------------------------------------------
// PostgreSQL through `pg`

/** int8 as PGlite returns it: a number when it fits, a bigint when it does not. */
function parseInt8(value: string): number | bigint {
  const big = BigInt(value);
  return big < BigInt(Number.MIN_SAFE_INTEGER) || big > BigInt(Number.MAX_SAFE_INTEGER) ? big : Number(big);
}

const INT8_OID = 20;

/** Named statements per process; texts beyond this (generated SQL) run unnamed. */
const MAX_NAMED_STATEMENTS = 500;

async function openPostgres(databaseUrl: string): Promise<Sql> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: databaseUrl, types, max: 10 });
  // An idle client losing its connection (server restart) must not crash the hub: the pool replaces it.
  pool.on('error', () => {});
  // Fail at start, with the server's message, rather than on the first request.
  await pool.query('SELECT 1');

  /**
   * Every query runs as a named prepared statement: each connection parses
   * and plans a text once and then only binds and executes it, as PGlite
   * does (pglitePrepared.ts). The name is derived from the text, so the same
   * text has the same name on every connection of the pool.
   */
  const names = new Map<string, string>();
  const statementName = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
      name = `cd_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      names.set(text, name);
    }
    return name;
  };

  const withClient = (client: pg.PoolClient | pg.Pool): Pick<Sql, 'query' | 'exec' | 'notify'> => ({
    query: async <T,>(text: string, params?: unknown[]) => {
      const name = statementName(text);
      const values = params ?? [];
      if (name === undefined) return (await client.query({ text, values })).rows as T[];
      try {
        return (await client.query({ name, text, values })).rows as T[];
      } catch (error) {
        // A migration by another hub process changed a table under a kept plan ("cached plan must
        // not change result type"): this connection's statement is stale, the text unnamed still runs.
        if ((error as { code?: string }).code !== '0A000') throw error;
        return (await client.query({ text, values })).rows as T[];
      }
    },
    // Without parameters `pg` uses the simple query protocol, which accepts several statements.
    exec: async (text) => {
      await client.query(text);
    },
    notify: async (channel, payload) => {
      await client.query('SELECT pg_notify($1, $2)', [checkChannel(channel), payload]);
    },
  });

  // One dedicated connection carries every LISTEN of this process.
  let listener: pg.Client | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const listenerClient = async (): Promise<pg.Client> => {
    if (listener) return listener;
    const client = new pg.Client({ connectionString: databaseUrl, types });
    client.on('error', () => {});
    client.on('notification', (message) => {
      for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    await client.connect();
    listener = client;
    return client;
  };

  const listen = async (channel: string, onMessage: (payload: string) => void) => {
    checkChannel(channel);
    const client = await listenerClient();
    let set = handlers.get(channel);
    if (!set) {
      set = new Set();
      handlers.set(channel, set);
      await client.query(`LISTEN ${channel}`);
    }
    set.add(onMessage);
    return async () => {
      const current = handlers.get(channel);
      if (!current?.delete(onMessage) || current.size > 0) return;
      handlers.delete(channel);
      await client.query(`UNLISTEN ${channel}`).catch(() => {});
    };
  };

  const self: Sql = {
    ...withClient(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      const tx: Sql = {
        ...withClient(client),
        transaction: (inner) => inner(tx),
        listen,
        close: () => Promise.reject(new Error('close() inside a transaction')),
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    listen,
    close: async () => {
      const current = listener;
      listener = null;
      handlers.clear();
      await current?.end().catch(() => {});
      await pool.end();
    },
  };
  return self;
}
