import { HubErrorCode } from '../../shared/sync/auth.ts';
import { DEFAULT_LOGIN_LIMIT, type HubDeps } from '../deps.ts';
import { HubError } from '../errors.ts';
import type { Sql } from '../db/sql.ts';

/**
 * The sign-in rate limit: at most `maxFailures` failed sign-ins per user name
 * (as typed, known or not) and address within a sliding window; past that
 * every attempt, even with the right password, gets 429 until enough
 * failures leave the window. A correct sign-in clears that pair's failures.
 * Kept in the database so every hub process on it counts the same failures.
 *
 * A failure is recorded *before* the password is checked and removed when it
 * turns out right, so a burst of parallel guesses cannot all slip in while
 * the slow argon2 checks run.
 */

export interface LoginAttempt {
  /** The row recorded for this attempt: removed on success, kept as a failure otherwise. */
  failureId: number;
  usernameKey: string;
  address: string;
}

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

export async function beginLoginAttempt(deps: HubDeps, username: string, address: string): Promise<LoginAttempt> {
  const limit = deps.loginLimit ?? DEFAULT_LOGIN_LIMIT;
  const now = deps.now();
  const windowStart = new Date(now.getTime() - limit.windowMs);
  const key = usernameKey(username);

  // Old failures count for nothing: dropped here rather than by a timer no process owns.
  await deps.sql.query('DELETE FROM login_failures WHERE failed_at <= $1', [windowStart]);

  const inserted = await deps.sql.transaction(async (tx) => {
    // Count and insert as one step per user name and address, across hub processes.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`login:${key}\n${address}`]);
    return tx.query<{ id: number }>(
      `INSERT INTO login_failures (username_key, address, failed_at)
       SELECT $1, $2, $3
        WHERE (SELECT count(*) FROM login_failures
                WHERE username_key = $1 AND address = $2 AND failed_at > $4) < $5
       RETURNING id`,
      [key, address, now, windowStart, limit.maxFailures],
    );
  });
  if (inserted[0]) return { failureId: inserted[0].id, usernameKey: key, address };

  // Blocked: the attempt is allowed again once the maxFailures-th most recent failure leaves the window.
  const rows = await deps.sql.query<{ failed_at: Date }>(
    `SELECT failed_at FROM login_failures
      WHERE username_key = $1 AND address = $2 AND failed_at > $3
      ORDER BY failed_at DESC OFFSET $4 LIMIT 1`,
    [key, address, windowStart, limit.maxFailures - 1],
  );
  const freedAt = (rows[0]?.failed_at.getTime() ?? now.getTime()) + limit.windowMs;
  const minutes = Math.max(1, Math.ceil((freedAt - now.getTime()) / 60_000));
  throw new HubError(
    HubErrorCode.RATE_LIMITED,
    `Too many failed sign-ins. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    { retryAfterSeconds: Math.ceil((freedAt - now.getTime()) / 1000) },
    { 'Retry-After': String(Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000))) },
  );
}

/** The password was right: this attempt and the pair's earlier failures are forgotten. */
export async function loginSucceeded(sql: Sql, attempt: LoginAttempt): Promise<void> {
  await sql.query('DELETE FROM login_failures WHERE username_key = $1 AND address = $2', [attempt.usernameKey, attempt.address]);
}
