import type Database from 'better-sqlite3';
import type { LibraryView, Story, StorySummary } from '../../shared/api/contract.ts';
import { SNIPPET_MARK } from '../../shared/api/contract.ts';
import type { SerializedDocument } from '../../shared/model/document.ts';
import type { StoryStatus } from '../../shared/model/story.ts';
import { fromSearchText } from './searchText.ts';

/** All SQL about stories. Callers pass validated values; nothing here parses user input. */

interface StoryRow {
  id: string;
  headline: string;
  standfirst: string;
  body_json: string;
  language: string;
  status: string;
  word_count: number;
  revision: number;
  created_at: string;
  updated_at: string;
  trashed_at: string | null;
}

interface SummaryRow {
  id: string;
  headline: string;
  status: string;
  word_count: number;
  updated_at: string;
  trashed_at: string | null;
  snippet?: string | null;
}

export interface NewStory {
  id: string;
  headline: string;
  /** The headline as the search index sees it ({@link toSearchText}). */
  searchHeadline: string;
  language: string;
  bodyJson: string;
  now: string;
}

export interface StoryWrite {
  id: string;
  headline: string;
  standfirst: string;
  bodyJson: string;
  /** Headline, standfirst and body text as the search index sees them ({@link toSearchText}). */
  searchHeadline: string;
  searchStandfirst: string;
  searchBody: string;
  language: string;
  wordCount: number;
  now: string;
}

/** A search counts its matches only up to this many, so counting never stalls typing. */
export const SEARCH_COUNT_CAP = 10_000;

const SUMMARY_COLUMNS = 'id, headline, status, word_count, updated_at, trashed_at';

/**
 * Whether a match is in the trash, answered from the small stories_trash index.
 * Reading `trashed_at` from the row instead means following the body's overflow
 * pages for every match (it is the last column), which made counting the
 * matches of a common word cost ~20 ms at 100,000 stories.
 */
const TRASHED_SEQS = '(SELECT seq FROM stories INDEXED BY stories_trash WHERE trashed_at IS NOT NULL)';

export function createStoriesStore(db: Database.Database) {
  const statements = {
    insert: db.prepare<[string, string, string, string, string, string, string]>(
      `INSERT INTO stories (id, headline, search_headline, language, body_json, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    get: db.prepare<[string], StoryRow>(
      `SELECT id, headline, standfirst, body_json, language, status, word_count, revision,
              created_at, updated_at, trashed_at
       FROM stories WHERE id = ?`,
    ),
    update: db.prepare<{
      id: string;
      headline: string;
      standfirst: string;
      body_json: string;
      search_headline: string;
      search_standfirst: string;
      body_text: string;
      language: string;
      word_count: number;
      now: string;
    }>(
      `UPDATE stories
       SET headline = @headline, standfirst = @standfirst, body_json = @body_json,
           search_headline = @search_headline, search_standfirst = @search_standfirst, body_text = @body_text,
           language = @language, word_count = @word_count, revision = revision + 1, updated_at = @now
       WHERE id = @id`,
    ),
    listLibrary: db.prepare<[number, number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM stories INDEXED BY stories_library
       WHERE trashed_at IS NULL ORDER BY updated_at DESC, seq DESC LIMIT ? OFFSET ?`,
    ),
    listTrash: db.prepare<[number, number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM stories INDEXED BY stories_trash
       WHERE trashed_at IS NOT NULL ORDER BY trashed_at DESC, seq DESC LIMIT ? OFFSET ?`,
    ),
    // All stories minus the trash: both counts come from small covering indexes. A plain
    // `count(*) … WHERE trashed_at IS NULL` reads every row's last column through its
    // body's overflow pages, and after ANALYZE the planner picks a full table scan.
    countLibrary: db.prepare<[], { n: number }>(
      `SELECT (SELECT count(*) FROM stories) - (SELECT count(*) FROM stories WHERE trashed_at IS NOT NULL) AS n`,
    ),
    countTrash: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM stories WHERE trashed_at IS NOT NULL`),
    // Matches are walked newest-first by rowid (creation order), which FTS5 does
    // without scoring every match; bm25 ranking over common terms is far slower.
    search: db.prepare<{ match: string; trashed: number; limit: number; offset: number; start: string; end: string }, SummaryRow>(
      `SELECT s.id, s.headline, s.status, s.word_count, s.updated_at, s.trashed_at,
              snippet(stories_fts, -1, @start, @end, '…', 16) AS snippet
       FROM stories_fts JOIN stories AS s ON s.seq = stories_fts.rowid
       WHERE stories_fts MATCH @match AND (stories_fts.rowid IN ${TRASHED_SEQS}) = @trashed
       ORDER BY stories_fts.rowid DESC LIMIT @limit OFFSET @offset`,
    ),
    searchCount: db.prepare<{ match: string; trashed: number; cap: number }, { n: number }>(
      `SELECT count(*) AS n FROM (
         SELECT 1 FROM stories_fts
         WHERE stories_fts MATCH @match AND (stories_fts.rowid IN ${TRASHED_SEQS}) = @trashed
         LIMIT @cap)`,
    ),
    trash: db.prepare<[string, string]>(`UPDATE stories SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL`),
    restore: db.prepare<[string]>(`UPDATE stories SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL`),
    emptyTrash: db.prepare(`DELETE FROM stories WHERE trashed_at IS NOT NULL`),
  };

  return {
    create(story: NewStory): void {
      statements.insert.run(story.id, story.headline, story.searchHeadline, story.language, story.bodyJson, story.now, story.now);
    },

    get(id: string): Story | undefined {
      const row = statements.get.get(id);
      return row ? toStory(row) : undefined;
    },

    /** The raw row, for comparing an incoming save with what is stored. */
    getRaw(id: string): StoryRow | undefined {
      return statements.get.get(id);
    },

    update(write: StoryWrite): void {
      statements.update.run({
        id: write.id,
        headline: write.headline,
        standfirst: write.standfirst,
        body_json: write.bodyJson,
        search_headline: write.searchHeadline,
        search_standfirst: write.searchStandfirst,
        body_text: write.searchBody,
        language: write.language,
        word_count: write.wordCount,
        now: write.now,
      });
    },

    list(view: LibraryView, offset: number, limit: number): { items: StorySummary[]; total: number } {
      const rows = view === 'trash' ? statements.listTrash.all(limit, offset) : statements.listLibrary.all(limit, offset);
      const total = (view === 'trash' ? statements.countTrash.get() : statements.countLibrary.get())?.n ?? 0;
      return { items: rows.map(toSummary), total };
    },

    search(view: LibraryView, match: string, offset: number, limit: number) {
      const trashed = view === 'trash' ? 1 : 0;
      const rows = statements.search.all({
        match,
        trashed,
        limit,
        offset,
        start: SNIPPET_MARK.start,
        end: SNIPPET_MARK.end,
      });
      const counted = statements.searchCount.get({ match, trashed, cap: SEARCH_COUNT_CAP + 1 })?.n ?? 0;
      return {
        items: rows.map(toSummary),
        total: Math.min(counted, SEARCH_COUNT_CAP),
        totalCapped: counted > SEARCH_COUNT_CAP,
      };
    },

    trash(id: string, now: string): boolean {
      return statements.trash.run(now, id).changes === 1;
    },

    restore(id: string): boolean {
      return statements.restore.run(id).changes === 1;
    },

    emptyTrash(): number {
      return statements.emptyTrash.run().changes;
    },
  };
}

export type StoriesStore = ReturnType<typeof createStoriesStore>;

function toStory(row: StoryRow): Story {
  return {
    id: row.id,
    headline: row.headline,
    standfirst: row.standfirst,
    body: JSON.parse(row.body_json) as SerializedDocument,
    language: row.language,
    status: row.status as StoryStatus,
    wordCount: row.word_count,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    trashedAt: row.trashed_at,
  };
}

function toSummary(row: SummaryRow): StorySummary {
  return {
    id: row.id,
    headline: row.headline,
    status: row.status as StoryStatus,
    wordCount: row.word_count,
    updatedAt: row.updated_at,
    trashedAt: row.trashed_at,
    snippet: row.snippet ? fromSearchText(row.snippet) : null,
  };
}
