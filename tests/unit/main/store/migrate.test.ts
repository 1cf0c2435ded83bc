import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, defaultMigrationsDir, openStore } from '../../../../main/store/db.ts';
import { latestVersion, loadMigrations, SchemaTooNewError } from '../../../../main/store/migrate.ts';
import { createBackend } from '../../../../main/backend/backend.ts';
import { createTestProfile } from '../../../support/backend.ts';
import { makeTempDir } from '../../../support/tempDir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempDir(): string {
  const { dir, remove } = makeTempDir('copydesk-migrate-');
  cleanups.push(remove);
  return dir;
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/** A migrations folder with the given files. */
function migrationsDir(files: Record<string, string>): string {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('opening a fresh store', () => {
  it('applies every migration and records the latest version', () => {
    const known = latestVersion(loadMigrations(defaultMigrationsDir()));
    expect(known).toBeGreaterThanOrEqual(20);
    const store = openStore({ dataDir: join(tempDir(), 'nested', 'data') });
    try {
      expect(store.schemaVersion).toBe(known);
      expect(store.db.pragma('user_version', { simple: true })).toBe(known);
      expect(tableNames(store.db)).toEqual(expect.arrayContaining(['stories', 'stories_fts', 'settings']));
      expect(existsSync(store.path)).toBe(true);
    } finally {
      store.db.close();
    }
  });

  it('uses WAL, synchronous=FULL and enforced foreign keys, so acknowledged saves survive power loss', () => {
    const store = openStore({ dataDir: tempDir() });
    try {
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      store.db.close();
    }
  });

  it('reopening an up-to-date store changes nothing and keeps the stories', () => {
    const dataDir = tempDir();
    const first = createBackend({ dataDir });
    createTestProfile(first);
    const created = first.callSync('stories.create', { headline: 'Kept across restarts' });
    first.close();
    expect(created.ok).toBe(true);

    const second = openStore({ dataDir });
    try {
      expect(second.db.prepare('SELECT headline FROM stories').all()).toEqual([{ headline: 'Kept across restarts' }]);
    } finally {
      second.db.close();
    }
  });
});

describe('applying migrations', () => {
  it('applies numbered files in numeric order, only the ones newer than the database', () => {
    const dataDir = tempDir();
    // Written out of order on purpose: 0002 creates what 0003 alters.
    const dir = migrationsDir({
      '0003_add_colour.sql': `ALTER TABLE things ADD COLUMN colour TEXT NOT NULL DEFAULT 'red';`,
      '0001_first.sql': `CREATE TABLE log (step INTEGER NOT NULL);  INSERT INTO log VALUES (1);`,
      '0002_things.sql': `CREATE TABLE things (id INTEGER PRIMARY KEY); INSERT INTO log VALUES (2);`,
    });
    const store = openStore({ dataDir, migrationsDir: dir });
    expect(store.schemaVersion).toBe(3);
    expect(store.db.prepare('SELECT step FROM log ORDER BY rowid').pluck().all()).toEqual([1, 2]);
    store.db.prepare('INSERT INTO things (id) VALUES (1)').run();
    store.db.close();

    // A later release adds 0004: only it runs on the next open.
    writeFileSync(join(dir, '0004_more.sql'), `INSERT INTO log VALUES (4);`);
    const reopened = openStore({ dataDir, migrationsDir: dir });
    try {
      expect(reopened.schemaVersion).toBe(4);
      expect(reopened.db.prepare('SELECT step FROM log ORDER BY rowid').pluck().all()).toEqual([1, 2, 4]);
      expect(reopened.db.prepare('SELECT colour FROM things').pluck().all()).toEqual(['red']);
    } finally {
      reopened.db.close();
    }
  });

  it('rolls back a migration that fails halfway: the version stays at the last good one and no partial table is left', () => {
    const dataDir = tempDir();
    const dir = migrationsDir({
      '0001_base.sql': `CREATE TABLE base (id INTEGER PRIMARY KEY);`,
      // The first statement succeeds, the second is a syntax error.
      '0002_broken.sql': `CREATE TABLE half_done (id INTEGER PRIMARY KEY);\nINSERT INTO base VALUES (7);\nCREATE TABLE oops (;`,
    });
    expect(() => openStore({ dataDir, migrationsDir: dir })).toThrow(/syntax error/);

    const db = new Database(join(dataDir, DATABASE_FILE));
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(tableNames(db)).toContain('base');
      expect(tableNames(db)).not.toContain('half_done');
      expect(db.prepare('SELECT count(*) FROM base').pluck().get()).toBe(0);
    } finally {
      db.close();
    }

    // Once the migration is fixed, the next start applies it.
    writeFileSync(join(dir, '0002_broken.sql'), `CREATE TABLE half_done (id INTEGER PRIMARY KEY);`);
    const fixed = openStore({ dataDir, migrationsDir: dir });
    try {
      expect(fixed.schemaVersion).toBe(2);
      expect(tableNames(fixed.db)).toContain('half_done');
    } finally {
      fixed.db.close();
    }
  });

  it.each([
    ['10_short.sql'],
    ['0010-dash.sql'],
    ['0010_Upper.sql'],
    ['abcd_letters.sql'],
    ['0010_spaces here.sql'],
  ])('refuses a migration file named %s', (badName) => {
    const dir = migrationsDir({ '0001_ok.sql': 'SELECT 1;', [badName]: 'SELECT 1;' });
    expect(() => loadMigrations(dir)).toThrow(/must look like 0010_name\.sql/);
    expect(() => openStore({ dataDir: tempDir(), migrationsDir: dir })).toThrow(/must look like 0010_name\.sql/);
  });

  it('refuses two migrations with the same number', () => {
    const dir = migrationsDir({ '0005_a.sql': 'SELECT 1;', '0005_b.sql': 'SELECT 1;' });
    expect(() => loadMigrations(dir)).toThrow(/share version 5/);
  });

  it('ignores files that are not .sql (notes, editor backups)', () => {
    const dir = migrationsDir({ '0001_ok.sql': 'SELECT 1;', 'README.md': '# notes', '0002_x.sql~': 'garbage' });
    expect(loadMigrations(dir).map((m) => m.version)).toEqual([1]);
  });
});

describe('a database written by a newer Copydesk', () => {
  /**
   * Builds a store whose schema is newer than this build knows, as a newer
   * Copydesk that crashed would leave it: the last change still in the -wal file.
   */
  function newerStoreWithLiveWal(): string {
    const source = tempDir();
    const store = openStore({ dataDir: source });
    store.db.prepare(`INSERT INTO settings (key, value) VALUES ('theme', '"dark"')`).run();
    store.db.pragma('user_version = 9000');
    // Copy while the connection is open: the -wal holds the last commits (a crash image).
    const target = tempDir();
    for (const file of readdirSync(source)) {
      if (file.endsWith('-shm')) continue;
      copyFileSync(join(source, file), join(target, file));
    }
    store.db.close();
    return target;
  }

  it('is refused with a message saying to update, and neither the database nor its WAL change by a byte', () => {
    const dataDir = newerStoreWithLiveWal();
    const dbPath = join(dataDir, DATABASE_FILE);
    const walPath = `${dbPath}-wal`;
    expect(existsSync(walPath)).toBe(true);
    expect(readFileSync(walPath).length).toBeGreaterThan(0);
    const before = { db: hashFile(dbPath), wal: hashFile(walPath) };

    let thrown: unknown;
    try {
      openStore({ dataDir }).db.close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SchemaTooNewError);
    expect((thrown as SchemaTooNewError).found).toBe(9000);
    expect((thrown as Error).message).toMatch(/newer version of Copydesk/);
    expect((thrown as Error).message).toMatch(/Update Copydesk/);
    expect((thrown as Error).message).toMatch(/nothing was changed/);

    expect(hashFile(dbPath)).toBe(before.db);
    expect(hashFile(walPath)).toBe(before.wal);
  });

  it('is refused the same way with a checkpointed file (no WAL), leaving it byte-for-byte unchanged', () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir });
    // One past the newest migration this build knows.
    store.db.pragma(`user_version = ${latestVersion(loadMigrations(defaultMigrationsDir())) + 1}`);
    store.db.close();
    const dbPath = join(dataDir, DATABASE_FILE);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const before = hashFile(dbPath);

    expect(() => openStore({ dataDir })).toThrow(SchemaTooNewError);
    expect(hashFile(dbPath)).toBe(before);
    // Whatever the probe leaves beside it, it must not hold any change.
    if (existsSync(`${dbPath}-wal`)) expect(readFileSync(`${dbPath}-wal`).length).toBe(0);
  });

  it('reaches the backend caller as a STORAGE error with the same message', () => {
    const dataDir = newerStoreWithLiveWal();
    expect(() => createBackend({ dataDir })).toThrow(
      expect.objectContaining({ code: 'STORAGE', message: expect.stringMatching(/newer version of Copydesk/) }),
    );
  });
});
