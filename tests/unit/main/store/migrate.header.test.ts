import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../../main/backend/backend.ts';
import { createTestProfile } from '../../../support/backend.ts';
import { defaultMigrationsDir, openStore } from '../../../../main/store/db.ts';
import type { Story } from '../../../../shared/api/contract.ts';
import { DEFAULT_SECTORS } from '../../../../shared/model/anatomy.ts';
import type { Result } from '../../../../shared/api/errors.ts';
import { makeTempDir } from '../../../support/tempDir.ts';
import { docOf } from '../../../support/documents.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempDir(): string {
  const { dir, remove } = makeTempDir('copydesk-migrate-header-');
  cleanups.push(remove);
  return dir;
}

/** A store as Copydesk at schema 20 left it, with two stories in it (one trashed). */
function version20Store(): string {
  const dataDir = tempDir();
  const old = join(tempDir(), 'migrations');
  mkdirSync(old);
  for (const file of ['0010_stories.sql', '0020_settings.sql']) copyFileSync(join(defaultMigrationsDir(), file), join(old, file));
  const store = openStore({ dataDir, migrationsDir: old });
  expect(store.schemaVersion).toBe(20);
  const insert = store.db.prepare(
    `INSERT INTO stories (id, headline, standfirst, body_json, language, word_count, revision, created_at, updated_at, trashed_at, body_text)
     VALUES (?, ?, ?, ?, 'en', ?, ?, ?, ?, ?, ?)`,
  );
  insert.run('01JAAAAAAAAAAAAAAAAAAAAAAA', 'Old story', 'Its standfirst', JSON.stringify(docOf('Four words of text')), 4, 7,
    '2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z', null, 'Four words of text');
  insert.run('01JBBBBBBBBBBBBBBBBBBBBBBB', 'Trashed story', '', JSON.stringify(docOf('gone')), 1, 2,
    '2024-01-01T00:00:00.000Z', '2024-01-03T00:00:00.000Z', '2024-01-04T00:00:00.000Z', 'gone');
  store.db.close();
  return dataDir;
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('upgrading a version-20 store to the story header schema', () => {
  it('keeps every story with its data and gives it an empty dateline, byline and sectors', () => {
    const dataDir = version20Store();
    const backend = createBackend({ dataDir });
    try {
      const story = value<Story>(backend.callSync('stories.get', { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }));
      expect(story).toMatchObject({
        headline: 'Old story',
        standfirst: 'Its standfirst',
        revision: 7,
        wordCount: 4,
        updatedAt: '2024-01-02T00:00:00.000Z',
        dateline: { place: '', date: null },
        byline: [],
        sectors: [],
      });
      expect(story.body).toEqual(docOf('Four words of text'));
      const trashed = value<Story>(backend.callSync('stories.get', { id: '01JBBBBBBBBBBBBBBBBBBBBBBB' }));
      expect(trashed.trashedAt).toBe('2024-01-04T00:00:00.000Z');

      const list = value<{ items: Array<{ headline: string; sectors: string[] }> }>(backend.callSync('stories.list', {}));
      expect(list.items).toEqual([expect.objectContaining({ headline: 'Old story', sectors: [] })]);
      // Search still finds the old text.
      const found = value<{ total: number }>(backend.callSync('stories.list', { query: 'words' }));
      expect(found.total).toBe(1);
    } finally {
      backend.close();
    }
  });

  it('seeds the default publication settings once, and the upgraded story can take a header', () => {
    const dataDir = version20Store();
    const backend = createBackend({ dataDir });
    try {
      const settings = value<{ sectors: Array<{ id: string }> }>(backend.callSync('settings.get', {}));
      expect(settings.sectors.map((s) => s.id)).toEqual(DEFAULT_SECTORS.map((s) => s.id));
      // The first profile on the workstation owns the stories written before profiles existed,
      // so a reporter (who edits only their own stories) can go on with this one.
      createTestProfile(backend, 'First Writer', 'reporter');
      const saved = backend.callSync('stories.save', {
        id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
        headline: 'Old story',
        standfirst: 'Its standfirst',
        body: docOf('Four words of text'),
        dateline: { place: 'Chongqing', date: '2021-09-06' },
        byline: [{ personId: null, name: 'Vivian Yan', role: 'author' }],
        baseRevision: 7,
      });
      expect(value<{ revision: number }>(saved).revision).toBe(8);
    } finally {
      backend.close();
    }
    const reopened = createBackend({ dataDir });
    try {
      const story = value<Story>(reopened.callSync('stories.get', { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }));
      expect(story.dateline).toEqual({ place: 'Chongqing', date: '2021-09-06' });
      expect(story.byline).toEqual([{ personId: null, name: 'Vivian Yan', role: 'author' }]);
    } finally {
      reopened.close();
    }
  });
});
