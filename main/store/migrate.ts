import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

/** One numbered SQL file: `0010_stories.sql` is version 10. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Thrown when the database was written by a newer Copydesk; the file is left untouched. */
export class SchemaTooNewError extends Error {
  readonly found: number;
  readonly known: number;
  constructor(found: number, known: number) {
    super(
      `This story database was written by a newer version of Copydesk (schema ${found}; ` +
        `this version understands up to ${known}). Update Copydesk to open it — nothing was changed.`,
    );
    this.name = 'SchemaTooNewError';
    this.found = found;
    this.known = known;
  }
}

/** Reads `NNNN_name.sql` files in order and checks the numbering only ever increases. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`Migration file name must look like 0010_name.sql: ${file}`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`Two migrations share version ${migrations[i]!.version}`);
    }
  }
  return migrations;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Applies every migration newer than the database's `user_version`, each in
 * its own transaction together with the version bump, so a crash leaves the
 * database at a whole version.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const known = latestVersion(migrations);
  if (from > known) throw new SchemaTooNewError(from, known);
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      // PRAGMA does not take bound parameters; the version is an integer we parsed.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: Math.max(from, known) };
}
