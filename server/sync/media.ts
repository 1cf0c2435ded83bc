import type { HubMediaType } from '../../shared/sync/media.ts';
import type { Sql } from '../db/sql.ts';

/** All SQL about media (server/migrations/0110_media.sql). Callers pass verified bytes. */

/** Stores the image unless the hub has it already; true when stored now. */
export async function insertMedia(
  sql: Sql,
  media: { sha256: string; mime: HubMediaType; bytes: Uint8Array; uploadedBy: string; at: Date },
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO media (sha256, mime, size, bytes, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
    [media.sha256, media.mime, media.bytes.length, media.bytes, media.uploadedBy, media.at],
  );
  return rows.length > 0;
}

export async function getMedia(sql: Sql, sha256: string): Promise<{ mime: string; bytes: Uint8Array } | null> {
  const rows = await sql.query<{ mime: string; bytes: Uint8Array }>('SELECT mime, bytes FROM media WHERE sha256 = $1', [sha256]);
  return rows[0] ?? null;
}
