import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { latestVersion, loadMigrations, migrate, SchemaTooNewError, type Migration } from './migrate.ts';

export interface OpenStoreOptions {
  /** Folder holding the store; created if missing. */
  dataDir: string;
  /**
   * Path to a better-sqlite3 native binary built for a different runtime
   * (Electron's ABI). Unset under Node, where the package's own build is used.
   */
  nativeBinding?: string | undefined;
  /** Folder of numbered `.sql` migrations; defaults to the one beside this module. */
  migrationsDir?: string | undefined;
}

export interface OpenedStore {
  db: Database.Database;
  schemaVersion: number;
  path: string;
}

export const DATABASE_FILE = 'copydesk.sqlite';

export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

/**
 * Opens (or creates) the story database: WAL, foreign keys, synchronous=FULL
 * so an acknowledged save survives power loss, then applies migrations.
 * A database from a newer Copydesk is refused before anything is written to it.
 */
export function openStore(options: OpenStoreOptions): OpenedStore {
  mkdirSync(options.dataDir, { recursive: true });
  const path = join(options.dataDir, DATABASE_FILE);
  const migrations: Migration[] = loadMigrations(options.migrationsDir ?? defaultMigrationsDir());
  const driverOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};

  if (existsSync(path)) refuseNewerSchema(path, latestVersion(migrations), driverOptions);

  const db = new Database(path, driverOptions);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const { to } = migrate(db, migrations);
    return { db, schemaVersion: to, path };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Reads user_version through a read-only connection, so a too-new file is never touched. */
function refuseNewerSchema(path: string, known: number, driverOptions: Database.Options): void {
  const probe = new Database(path, { ...driverOptions, readonly: true, fileMustExist: true });
  try {
    const found = probe.pragma('user_version', { simple: true }) as number;
    if (found > known) throw new SchemaTooNewError(found, known);
  } finally {
    probe.close();
  }
}
