import type { Sql } from '../db/sql.ts';
import type { UserRow } from './users.ts';

/** The sessions table: one row per sign-in, keyed by the SHA-256 of its token. */

export interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export async function insertSession(sql: Sql, session: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await sql.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    session.tokenHash,
    session.userId,
    session.createdAt,
    session.expiresAt,
  ]);
}

/** The session and its user in one read, so every request sees the user's current role. */
export async function findSessionWithUser(sql: Sql, tokenHash: string): Promise<{ session: SessionRow; user: UserRow } | null> {
  const rows = await sql.query<SessionRow & { [K in keyof UserRow as `u_${K}`]: UserRow[K] }>(
    `SELECT s.token_hash, s.user_id, s.created_at, s.expires_at, s.revoked_at,
            u.id AS u_id, u.username AS u_username, u.name AS u_name, u.role AS u_role,
            u.supervisor_id AS u_supervisor_id, u.password_hash AS u_password_hash, u.disabled AS u_disabled,
            u.created_at AS u_created_at, u.updated_at AS u_updated_at
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    session: { token_hash: row.token_hash, user_id: row.user_id, created_at: row.created_at, expires_at: row.expires_at, revoked_at: row.revoked_at },
    user: {
      id: row.u_id,
      username: row.u_username,
      name: row.u_name,
      role: row.u_role,
      supervisor_id: row.u_supervisor_id,
      password_hash: row.u_password_hash,
      disabled: row.u_disabled,
      created_at: row.u_created_at,
      updated_at: row.u_updated_at,
    },
  };
}

export async function revokeSession(sql: Sql, tokenHash: string, now: Date): Promise<void> {
  await sql.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash, now]);
}

/** Signs a person out everywhere; returns how many sessions were still live. */
export async function revokeUserSessions(sql: Sql, userId: string, now: Date): Promise<number> {
  const rows = await sql.query<{ token_hash: string }>(
    'UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING token_hash',
    [userId, now],
  );
  return rows.length;
}

/** Sessions that ended long ago say nothing useful; pruned opportunistically at sign-in. */
export async function deleteSessionsEndedBefore(sql: Sql, cutoff: Date): Promise<void> {
  await sql.query('DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1', [cutoff]);
}
