import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { RevisionKind, RevisionSnapshot, RevisionSummary } from '../../shared/api/methods/revisions.ts';
import { canonicalJson } from '../../shared/review/canonicalJson.ts';

/**
 * All SQL about revisions: immutable, content-addressed, brotli-compressed
 * checkpoints of a story, and each story's head. Callers pass validated values.
 */

/**
 * Brotli quality for snapshots. Measured on a 5,000-word English story
 * (50 KB of canonical JSON), best of five on this machine:
 *
 * | quality | stored  | of raw | time    |
 * |---------|---------|--------|---------|
 * | 4       | 12.2 KB | 24.2 % | 1.1 ms  |
 * | 5       | 11.6 KB | 23.1 % | 1.4 ms  |
 * | 6       | 11.6 KB | 23.0 % | 1.8 ms  |
 * | 7       | 11.5 KB | 22.9 % | 3.5 ms  |
 * | 9       | 11.5 KB | 22.8 % | 13 ms   |
 * | 10      | 10.8 KB | 21.4 % | 17 ms   |
 * | 11      | 10.4 KB | 20.7 % | 86 ms   |
 *
 * 5 is the knee: 11 saves another tenth of the bytes at sixty times the time,
 * and an idle checkpoint runs inside a save's transaction, so it must stay short.
 */
export const SNAPSHOT_BROTLI_QUALITY = 5;

export interface RevisionAuthor {
  /** The person's (or profile's) id; null when no one is signed in. */
  id: string | null;
  /** The name as it was when the checkpoint was made. */
  name: string;
}

export interface NewCheckpoint {
  storyId: string;
  snapshot: RevisionSnapshot;
  kind: RevisionKind;
  message: string;
  author: RevisionAuthor;
  /** ISO timestamp of the checkpoint. */
  at: string;
  /** Parents; left out: the story's head, or none for its first checkpoint. */
  parents?: readonly string[];
  /**
   * False for a revision on a side branch (a sent proposal): it is stored
   * with its parents, but the story's head, and the editing time counted
   * since it, stay as they are. Default true.
   */
  moveHead?: boolean;
}

export interface CheckpointResult {
  revision: RevisionSummary;
  /** False when the content equalled the head's and the head was returned instead. */
  created: boolean;
}

interface RevisionRow {
  id: string;
  story_id: string;
  parents: string;
  author_id: string | null;
  author_name: string;
  created_at: string;
  kind: RevisionKind;
  message: string;
  content_hash: string;
  size_raw: number;
  size_stored: number;
}

interface HeadRow {
  head_id: string | null;
  editing_ms: number;
  last_edit_at: string | null;
  content_hash: string | null;
}

const SUMMARY_COLUMNS = 'id, story_id, parents, author_id, author_name, created_at, kind, message, content_hash, size_raw, size_stored';

function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The metadata that, with the snapshot and parents, makes a revision's id. */
export interface RevisionMetadata {
  storyId: string;
  authorId: string | null;
  authorName: string;
  createdAt: string;
  kind: RevisionKind;
  message: string;
}

/** A revision's id: sha256 (hex) of the canonical JSON of { metadata, parents, snapshot }. */
export function revisionId(snapshot: RevisionSnapshot, parents: readonly string[], metadata: RevisionMetadata): string {
  return sha256Hex(canonicalJson({ metadata, parents, snapshot }));
}

export function compressSnapshot(canonical: string): Buffer {
  const bytes = Buffer.from(canonical, 'utf8');
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: SNAPSHOT_BROTLI_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

export function decompressSnapshot(stored: Buffer): string {
  return brotliDecompressSync(stored).toString('utf8');
}

function toSummary(row: RevisionRow): RevisionSummary {
  return {
    id: row.id,
    storyId: row.story_id,
    parents: JSON.parse(row.parents) as string[],
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
    kind: row.kind,
    message: row.message,
    sizeRaw: row.size_raw,
    sizeStored: row.size_stored,
  };
}

export function createRevisionsStore(db: Database.Database) {
  const statements = {
    insert: db.prepare<{
      id: string;
      story_id: string;
      parents: string;
      author_id: string | null;
      author_name: string;
      created_at: string;
      kind: string;
      message: string;
      content_hash: string;
      size_raw: number;
      size_stored: number;
      snapshot: Buffer;
    }>(
      // A revision with this id already exists only if every byte of it is the same: keep the first.
      `INSERT OR IGNORE INTO revisions (id, story_id, parents, author_id, author_name, created_at, kind, message,
                                        content_hash, size_raw, size_stored, snapshot)
       VALUES (@id, @story_id, @parents, @author_id, @author_name, @created_at, @kind, @message,
               @content_hash, @size_raw, @size_stored, @snapshot)`,
    ),
    get: db.prepare<[string], RevisionRow>(`SELECT ${SUMMARY_COLUMNS} FROM revisions WHERE id = ?`),
    snapshot: db.prepare<[string], { snapshot: Buffer }>(`SELECT snapshot FROM revisions WHERE id = ?`),
    list: db.prepare<[string], RevisionRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM revisions WHERE story_id = ? ORDER BY created_at DESC, rowid DESC`,
    ),
    head: db.prepare<[string], HeadRow>(
      `SELECT h.head_id, h.editing_ms, h.last_edit_at, r.content_hash
       FROM story_heads AS h LEFT JOIN revisions AS r ON r.id = h.head_id
       WHERE h.story_id = ?`,
    ),
    setHead: db.prepare<{ story_id: string; head_id: string }>(
      `INSERT INTO story_heads (story_id, head_id, editing_ms) VALUES (@story_id, @head_id, 0)
       ON CONFLICT (story_id) DO UPDATE SET head_id = @head_id, editing_ms = 0`,
    ),
    resetEditing: db.prepare<[string]>(`UPDATE story_heads SET editing_ms = 0 WHERE story_id = ?`),
    noteEdit: db.prepare<{ story_id: string; add_ms: number; at: string }, { editing_ms: number }>(
      `INSERT INTO story_heads (story_id, head_id, editing_ms, last_edit_at) VALUES (@story_id, NULL, @add_ms, @at)
       ON CONFLICT (story_id) DO UPDATE SET editing_ms = editing_ms + @add_ms, last_edit_at = @at
       RETURNING editing_ms`,
    ),
    count: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM revisions WHERE story_id = ?`),
  };

  const store = {
    /** The story's head revision and the editing time since it, if anything was recorded. */
    head(storyId: string): { headId: string | null; editingMs: number; lastEditAt: string | null } | undefined {
      const row = statements.head.get(storyId);
      return row && { headId: row.head_id, editingMs: row.editing_ms, lastEditAt: row.last_edit_at };
    },

    /**
     * Stores a checkpoint of `snapshot` as the story's new head. A snapshot
     * equal to the head's is not stored again: the head is returned. With
     * `moveHead: false` the revision is stored beside the main line (always,
     * even when its content equals the head's) and the head stays. Run it
     * inside the caller's transaction when it goes with other writes.
     */
    checkpoint(input: NewCheckpoint): CheckpointResult {
      const canonical = canonicalJson(input.snapshot);
      const contentHash = sha256Hex(canonical);
      const head = statements.head.get(input.storyId);
      const moveHead = input.moveHead ?? true;
      if (moveHead && head?.head_id && head.content_hash === contentHash) {
        statements.resetEditing.run(input.storyId);
        return { revision: toSummary(statements.get.get(head.head_id)!), created: false };
      }
      const parents = input.parents ? [...input.parents] : head?.head_id ? [head.head_id] : [];
      const metadata: RevisionMetadata = {
        storyId: input.storyId,
        authorId: input.author.id,
        authorName: input.author.name,
        createdAt: input.at,
        kind: input.kind,
        message: input.message,
      };
      const id = revisionId(input.snapshot, parents, metadata);
      const compressed = compressSnapshot(canonical);
      statements.insert.run({
        id,
        story_id: input.storyId,
        parents: JSON.stringify(parents),
        author_id: input.author.id,
        author_name: input.author.name,
        created_at: input.at,
        kind: input.kind,
        message: input.message,
        content_hash: contentHash,
        size_raw: Buffer.byteLength(canonical, 'utf8'),
        size_stored: compressed.length,
        snapshot: compressed,
      });
      if (moveHead) statements.setHead.run({ story_id: input.storyId, head_id: id });
      return { revision: toSummary(statements.get.get(id)!), created: true };
    },

    /**
     * Adds the time since the story's previous edit (at most `pauseCapMs`, so a
     * lunch break is not "editing") to its editing time and returns the total.
     */
    noteEdit(storyId: string, at: Date, pauseCapMs: number): number {
      const last = statements.head.get(storyId)?.last_edit_at;
      const gap = last ? at.getTime() - Date.parse(last) : 0;
      const add = Math.max(0, Math.min(gap, pauseCapMs));
      return statements.noteEdit.get({ story_id: storyId, add_ms: add, at: at.toISOString() })!.editing_ms;
    },

    /** The story's checkpoints, newest first. */
    list(storyId: string): RevisionSummary[] {
      return statements.list.all(storyId).map(toSummary);
    },

    count(storyId: string): number {
      return statements.count.get(storyId)?.n ?? 0;
    },

    get(id: string): RevisionSummary | undefined {
      const row = statements.get.get(id);
      return row && toSummary(row);
    },

    /** The revision's snapshot, decompressed and parsed, exactly as it was checkpointed. */
    snapshot(id: string): RevisionSnapshot | undefined {
      const row = statements.snapshot.get(id);
      return row && (JSON.parse(decompressSnapshot(row.snapshot)) as RevisionSnapshot);
    },

    /** The stored (compressed) bytes of a snapshot, for tests and diagnostics. */
    storedSnapshot(id: string): Buffer | undefined {
      return statements.snapshot.get(id)?.snapshot;
    },
  };
  return store;
}

export type RevisionsStore = ReturnType<typeof createRevisionsStore>;
