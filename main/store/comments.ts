import type Database from 'better-sqlite3';
import type { Anchor } from '../../shared/review/anchor.ts';

/** All SQL about comments (the library's open-thread counts are read with the story list, in stories.ts). Callers pass validated values. */

export interface CommentRow {
  id: string;
  storyId: string;
  threadId: string;
  authorId: string | null;
  authorName: string;
  body: string;
  mentions: string[];
  /** Root only. */
  anchor: Anchor | null;
  quote: string | null;
  orphaned: boolean;
  resolvedAt: string | null;
  createdAt: string;
  editedAt: string | null;
}

interface RawRow {
  id: string;
  story_id: string;
  thread_id: string;
  author_id: string | null;
  author_name: string;
  body: string;
  mentions: string;
  anchor: string | null;
  quote: string | null;
  orphaned: number;
  resolved_at: string | null;
  created_at: string;
  edited_at: string | null;
}

export interface NewComment {
  id: string;
  storyId: string;
  /** The root's id; equal to `id` for a new thread. */
  threadId: string;
  author: { id: string | null; name: string };
  body: string;
  mentions: readonly string[];
  /** Root only. */
  anchor?: Anchor;
  now: string;
}

const COLUMNS = 'id, story_id, thread_id, author_id, author_name, body, mentions, anchor, quote, orphaned, resolved_at, created_at, edited_at';

export function createCommentsStore(db: Database.Database) {
  const statements = {
    insert: db.prepare<{
      id: string;
      story_id: string;
      thread_id: string;
      author_id: string | null;
      author_name: string;
      body: string;
      mentions: string;
      anchor: string | null;
      quote: string | null;
      created_at: string;
    }>(
      `INSERT INTO comments (id, story_id, thread_id, author_id, author_name, body, mentions, anchor, quote, created_at)
       VALUES (@id, @story_id, @thread_id, @author_id, @author_name, @body, @mentions, @anchor, @quote, @created_at)`,
    ),
    byId: db.prepare<[string], RawRow>(`SELECT ${COLUMNS} FROM comments WHERE id = ?`),
    ofStory: db.prepare<[string], RawRow>(`SELECT ${COLUMNS} FROM comments WHERE story_id = ? ORDER BY thread_id, created_at, id`),
    ofThread: db.prepare<[string], RawRow>(`SELECT ${COLUMNS} FROM comments WHERE thread_id = ? ORDER BY created_at, id`),
    setAnchor: db.prepare<[string, number, string]>(`UPDATE comments SET anchor = ?, orphaned = ? WHERE id = ? AND id = thread_id`),
    setResolved: db.prepare<[string | null, string]>(`UPDATE comments SET resolved_at = ? WHERE id = ? AND id = thread_id`),
  };

  return {
    insert(comment: NewComment): void {
      statements.insert.run({
        id: comment.id,
        story_id: comment.storyId,
        thread_id: comment.threadId,
        author_id: comment.author.id,
        author_name: comment.author.name,
        body: comment.body,
        mentions: JSON.stringify(comment.mentions),
        anchor: comment.anchor ? JSON.stringify(comment.anchor) : null,
        quote: comment.anchor ? comment.anchor.quote : null,
        created_at: comment.now,
      });
    },

    get(id: string): CommentRow | undefined {
      const row = statements.byId.get(id);
      return row && toRow(row);
    },

    /** Every comment of a story, grouped by thread (root first, then replies in order). */
    ofStory(storyId: string): CommentRow[] {
      return statements.ofStory.all(storyId).map(toRow);
    },

    ofThread(threadId: string): CommentRow[] {
      return statements.ofThread.all(threadId).map(toRow);
    },

    /** Stores where a thread's text is now (or that it was not found: the last known anchor stays). */
    setAnchor(threadId: string, anchor: Anchor, orphaned: boolean): void {
      statements.setAnchor.run(JSON.stringify(anchor), orphaned ? 1 : 0, threadId);
    },

    setResolved(threadId: string, at: string | null): void {
      statements.setResolved.run(at, threadId);
    },
  };
}

export type CommentsStore = ReturnType<typeof createCommentsStore>;

function toRow(row: RawRow): CommentRow {
  return {
    id: row.id,
    storyId: row.story_id,
    threadId: row.thread_id,
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    mentions: JSON.parse(row.mentions) as string[],
    anchor: row.anchor === null ? null : (JSON.parse(row.anchor) as Anchor),
    quote: row.quote,
    orphaned: row.orphaned === 1,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}
