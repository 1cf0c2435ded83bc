import type { Sql } from './db/sql.ts';

/**
 * What a hub runs on. Everything that lasts is in `sql`; a hub process keeps
 * nothing of its own in memory, so several processes can serve one database.
 * `now` is the hub's only clock (session expiry, rate-limit windows,
 * timestamps): tests move it forward instead of waiting.
 */
export interface HubDeps {
  sql: Sql;
  now: () => Date;
  /** The hub's folder: PGlite's files (unless DATABASE_URL) and files such as media. */
  dataDir: string;
  /** How long a sign-in lasts. Default {@link DEFAULT_SESSION_TTL_MS}. */
  sessionTtlMs?: number;
  /** Failed sign-ins allowed per user name and address within the window. Default {@link DEFAULT_LOGIN_LIMIT}. */
  loginLimit?: LoginLimit;
}

export interface LoginLimit {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const DEFAULT_LOGIN_LIMIT: LoginLimit = { maxFailures: 5, windowMs: 15 * 60 * 1000 };
