import type Database from 'better-sqlite3';
import type { MediaInfo } from '../../shared/api/methods/media.ts';
import type { MediaRef } from '../../shared/model/anatomy.ts';

/** All SQL about media. Callers pass validated values; nothing here parses user input. */

interface MediaRow {
  sha256: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  original_name: string;
  caption: string;
  credit: string;
  creator: string;
  alt: string;
  created_at: string;
}

export interface NewMedia extends MediaInfo {
  createdAt: string;
}

function toInfo(row: MediaRow): MediaInfo {
  return {
    media: { sha256: row.sha256, mime: row.mime as MediaRef['mime'], width: row.width, height: row.height },
    size: row.size,
    fileName: row.original_name,
    metadata: { caption: row.caption, credit: row.credit, creator: row.creator, alt: row.alt },
  };
}

export function createMediaStore(db: Database.Database) {
  const getStmt = db.prepare<[string], MediaRow>('SELECT * FROM media WHERE sha256 = ?');
  const insertStmt = db.prepare(
    `INSERT INTO media (sha256, mime, size, width, height, original_name, caption, credit, creator, alt, created_at)
     VALUES (@sha256, @mime, @size, @width, @height, @originalName, @caption, @credit, @creator, @alt, @createdAt)
     ON CONFLICT (sha256) DO NOTHING`,
  );
  const countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM media');

  return {
    get(sha256: string): MediaInfo | null {
      const row = getStmt.get(sha256);
      return row ? toInfo(row) : null;
    },
    /** Records an image whose bytes are already on disk; a second insert of the same hash keeps the first row. */
    insert(media: NewMedia): void {
      insertStmt.run({
        sha256: media.media.sha256,
        mime: media.media.mime,
        size: media.size,
        width: media.media.width,
        height: media.media.height,
        originalName: media.fileName,
        caption: media.metadata.caption,
        credit: media.metadata.credit,
        creator: media.metadata.creator,
        alt: media.metadata.alt,
        createdAt: media.createdAt,
      });
    },
    count(): number {
      return countStmt.get()!.n;
    },
  };
}

export type MediaStore = ReturnType<typeof createMediaStore>;
