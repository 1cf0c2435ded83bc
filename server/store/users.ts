import type { HubUser, HubUserRecord } from '../../shared/sync/auth.ts';
import type { Role } from '../../shared/workflow/roles.ts';
import type { Sql } from '../db/sql.ts';

/** The users table (server/migrations/0010_accounts.sql). Queries only; rules live in server/auth. */

export interface UserRow {
  id: string;
  username: string;
  name: string;
  role: Role;
  supervisor_id: string | null;
  password_hash: string;
  disabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export function toHubUser(row: UserRow): HubUser {
  return { id: row.id, username: row.username, name: row.name, role: row.role, supervisorId: row.supervisor_id };
}

export function toUserRecord(row: UserRow): HubUserRecord {
  return {
    ...toHubUser(row),
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findUserByUsername(sql: Sql, username: string): Promise<UserRow | null> {
  const rows = await sql.query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [username.trim()]);
  return rows[0] ?? null;
}

/** With `lock`, the row stays locked until the transaction ends (read-then-write under concurrency). */
export async function findUserById(sql: Sql, id: string, options: { lock?: boolean } = {}): Promise<UserRow | null> {
  const rows = await sql.query<UserRow>(`SELECT * FROM users WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function listUsers(sql: Sql): Promise<UserRow[]> {
  return sql.query<UserRow>('SELECT * FROM users ORDER BY lower(name), lower(username)');
}

export interface NewUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  supervisorId: string | null;
  passwordHash: string;
  now: Date;
}

export async function insertUser(sql: Sql, user: NewUser): Promise<UserRow> {
  const rows = await sql.query<UserRow>(
    `INSERT INTO users (id, username, name, role, supervisor_id, password_hash, disabled, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, false, $7, $7)
     RETURNING *`,
    [user.id, user.username, user.name, user.role, user.supervisorId, user.passwordHash, user.now],
  );
  return rows[0]!;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  supervisorId?: string | null;
  disabled?: boolean;
  passwordHash?: string;
}

export async function updateUser(sql: Sql, id: string, changes: UserChanges, now: Date): Promise<UserRow> {
  const columns: Record<string, unknown> = {};
  if (changes.name !== undefined) columns.name = changes.name;
  if (changes.role !== undefined) columns.role = changes.role;
  if (changes.supervisorId !== undefined) columns.supervisor_id = changes.supervisorId;
  if (changes.disabled !== undefined) columns.disabled = changes.disabled;
  if (changes.passwordHash !== undefined) columns.password_hash = changes.passwordHash;
  const names = Object.keys(columns);
  const assignments = names.map((name, i) => `${name} = $${i + 2}`);
  const rows = await sql.query<UserRow>(
    `UPDATE users SET ${[...assignments, `updated_at = $${names.length + 2}`].join(', ')} WHERE id = $1 RETURNING *`,
    [id, ...names.map((name) => columns[name]), now],
  );
  return rows[0]!;
}

/** Enabled admins other than `exceptId`: the hub never lets the last one go. */
export async function countOtherActiveAdmins(sql: Sql, exceptId: string): Promise<number> {
  const rows = await sql.query<{ count: number }>(`SELECT count(*) AS count FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1`, [exceptId]);
  return rows[0]!.count;
}

/** How many interns name this person as their supervisor. */
export async function countSupervisedInterns(sql: Sql, supervisorId: string): Promise<number> {
  const rows = await sql.query<{ count: number }>('SELECT count(*) AS count FROM users WHERE supervisor_id = $1', [supervisorId]);
  return rows[0]!.count;
}
