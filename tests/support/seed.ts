import { monotonicFactory } from 'ulid';
import { openStore } from '../../main/store/db.ts';
import { emptyDocument } from '../../shared/model/document.ts';

/**
 * Fills a data dir with `count` short stories in one transaction, through the
 * real schema (FTS triggers included). Story n is "Seeded story n"; higher n
 * is newer, so the library lists "Seeded story <count>" first.
 */
export function seedStories(dataDir: string, count: number): void {
  const { db } = openStore({ dataDir });
  const newId = monotonicFactory();
  const body = JSON.stringify(emptyDocument());
  const insert = db.prepare(
    `INSERT INTO stories (id, headline, search_headline, body_json, body_text, word_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.UTC(2025, 0, 1);
  db.transaction(() => {
    for (let n = 1; n <= count; n++) {
      const at = new Date(start + n * 60_000).toISOString();
      const headline = `Seeded story ${n}`;
      insert.run(newId(), headline, headline, body, `Body of seeded story number ${n}`, 6, at, at);
    }
  })();
  db.close();
}
