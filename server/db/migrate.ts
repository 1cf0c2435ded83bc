import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from './sql.ts';

/**
 * The hub's schema, one migration per file in server/migrations
 * (`NNNN_name.sql`, append-only, applied in number order). The pending ones
 * run in one transaction together with their rows in schema_migrations, so a
 * failed migration leaves nothing half-done. Two hub processes starting at once on
 * one database take turns behind an advisory lock, and a database migrated by
 * a newer hub (a version this code does not know) is refused by name.
 */

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Any fixed number: the key of the advisory lock that serializes migrations across processes. */
const MIGRATION_LOCK = 7_420_515;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file "${file}" is not named NNNN_name.sql`);
    migrations.push({ version: Number(match[1]), name: match[2]!, sql: readFileSync(`${dir}/${file}`, 'utf8') });
  }
  for (let i = 1; i < migrations.length; i += 1) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`Two migrations share number ${migrations[i]!.version}: ${migrations[i - 1]!.name} and ${migrations[i]!.name}`);
    }
  }
  return migrations;
}

export class DatabaseTooNewError extends Error {
  constructor(readonly unknownVersions: number[]) {
    super(
      `This database was set up by a newer Copydesk hub (migration ${unknownVersions.join(', ')} is unknown here). ` +
        'Update the hub before starting it on this database.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** Applies the migrations the database lacks; returns the versions applied now. */
export async function migrate(sql: Sql, migrations: Migration[] = listMigrations()): Promise<number[]> {
  const known = new Set(migrations.map((m) => m.version));
  const applied: number[] = [];
  await sql.transaction(async (tx) => {
    // Lock first: two processes creating schema_migrations at once would otherwise collide.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    const done = new Set(rows.map((r) => r.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length > 0) throw new DatabaseTooNewError(unknown);
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
  });
  return applied;
}
