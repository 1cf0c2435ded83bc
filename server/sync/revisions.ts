import type { RevisionsResponse } from '../../shared/sync/protocol.ts';
import type { Sql } from '../db/sql.ts';
import { readRuleParams, readRuleSql, type Reader } from './changes.ts';
import { toRevisionHeader, type RevisionRow } from './store.ts';

interface RevisionWithSnapshot extends RevisionRow {
  /** The snapshot's JSON as text (as in the pull: bytea would cross as hex on PGlite). */
  snapshot: string;
}

/**
 * Revisions of `storyId` among `ids`, with their snapshots, in the order
 * asked, only when `reader` may read the story by the pull's rule
 * (changes.ts {@link readRuleSql}). Ids that are unknown, of another story,
 * or of a story the reader may not read are left out, the same way.
 */
export async function revisionsById(sql: Sql, reader: Reader, storyId: string, ids: readonly string[]): Promise<RevisionsResponse> {
  const rows = await sql.query<RevisionWithSnapshot>(
    `SELECT r.id, r.story_id, r.parents, r.author_id, r.author_name, r.kind, r.message, r.created_at, convert_from(r.snapshot, 'UTF8') AS snapshot
     FROM revisions r
     JOIN stories s ON s.id = r.story_id
     JOIN users o ON o.id = s.owner_id
     WHERE r.story_id = $1 AND r.id = ANY($2::text[]) AND ${readRuleSql(3)}`,
    [storyId, [...new Set(ids)], ...readRuleParams(reader)],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const revisions = [...new Set(ids)].flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [{ revision: toRevisionHeader(row), snapshot: JSON.parse(row.snapshot) as RevisionsResponse['revisions'][number]['snapshot'] }];
  });
  return { revisions };
}
