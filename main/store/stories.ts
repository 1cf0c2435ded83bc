import type Database from 'better-sqlite3';
import type { LibraryView, Story, StorySummary } from '../../shared/api/contract.ts';
import { SNIPPET_MARK } from '../../shared/api/contract.ts';
import type { BylineEntry, Dateline } from '../../shared/model/anatomy.ts';
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
  seq: number;
  dateline_place: string;
  dateline_date: string | null;
  byline_json: string;
}

interface SummaryRow {
  seq: number;
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
  dateline: Dateline;
  byline: readonly BylineEntry[];
  /** Sector ids of the body's sector headings, in order, each once. */
  sectors: readonly string[];
}

/** The desk's filters on the library (`stories.list`'s desk, status and assignee). */
export interface DeskFilter {
  desk: 'all' | 'mine' | 'review_queue' | 'needs_signoff';
  status?: string;
  assigneeId?: string;
  sector?: string;
  /** The person asking: 'mine' and 'needs_signoff' are theirs (no one: nothing matches). */
  me: string | null;
}

/** Whether a list needs the desk's filtered query rather than the plain library ones. */
export function isDeskFiltered(filter: DeskFilter): boolean {
  return filter.desk !== 'all' || filter.status !== undefined || filter.assigneeId !== undefined;
}

/** A search counts its matches only up to this many, so counting never stalls typing. */
export const SEARCH_COUNT_CAP = 10_000;

const SUMMARY_COLUMNS = 'seq, id, headline, status, word_count, updated_at, trashed_at';

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
      `SELECT seq, id, headline, standfirst, body_json, language, status, word_count, revision,
              created_at, updated_at, trashed_at, dateline_place, dateline_date, byline_json
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
      dateline_place: string;
      dateline_date: string | null;
      byline_json: string;
    }>(
      `UPDATE stories
       SET headline = @headline, standfirst = @standfirst, body_json = @body_json,
           search_headline = @search_headline, search_standfirst = @search_standfirst, body_text = @body_text,
           language = @language, word_count = @word_count, revision = revision + 1, updated_at = @now,
           dateline_place = @dateline_place, dateline_date = @dateline_date, byline_json = @byline_json
       WHERE id = @id`,
    ),
    seqOf: db.prepare<[string], { seq: number }>(`SELECT seq FROM stories WHERE id = ?`),
    sectorsOf: db.prepare<[number], { sector_id: string }>(
      `SELECT sector_id FROM story_sectors WHERE story_seq = ? ORDER BY position`,
    ),
    sectorsOfMany: db.prepare<[string], { story_seq: number; sector_id: string }>(
      `SELECT story_seq, sector_id FROM story_sectors
       WHERE story_seq IN (SELECT value FROM json_each(?)) ORDER BY story_seq, position`,
    ),
    clearSectors: db.prepare<[number]>(`DELETE FROM story_sectors WHERE story_seq = ?`),
    addSector: db.prepare<[number, string, number]>(
      `INSERT OR IGNORE INTO story_sectors (story_seq, sector_id, position) VALUES (?, ?, ?)`,
    ),
    // One sector: walk that sector's stories (a small index) and order them like the library.
    listLibrarySector: db.prepare<[string, number, number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM stories
       WHERE seq IN (SELECT story_seq FROM story_sectors WHERE sector_id = ?) AND trashed_at IS NULL
       ORDER BY updated_at DESC, seq DESC LIMIT ? OFFSET ?`,
    ),
    listTrashSector: db.prepare<[string, number, number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM stories
       WHERE seq IN (SELECT story_seq FROM story_sectors WHERE sector_id = ?) AND trashed_at IS NOT NULL
       ORDER BY trashed_at DESC, seq DESC LIMIT ? OFFSET ?`,
    ),
    countSector: db.prepare<[string, number], { n: number }>(
      `SELECT count(*) AS n FROM story_sectors AS ss JOIN stories AS s ON s.seq = ss.story_seq
       WHERE ss.sector_id = ? AND (s.trashed_at IS NOT NULL) = ?`,
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
      `SELECT s.seq, s.id, s.headline, s.status, s.word_count, s.updated_at, s.trashed_at,
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
    searchSector: db.prepare<
      { match: string; trashed: number; limit: number; offset: number; start: string; end: string; sector: string },
      SummaryRow
    >(
      `SELECT s.seq, s.id, s.headline, s.status, s.word_count, s.updated_at, s.trashed_at,
              snippet(stories_fts, -1, @start, @end, '…', 16) AS snippet
       FROM stories_fts JOIN stories AS s ON s.seq = stories_fts.rowid
       WHERE stories_fts MATCH @match AND (stories_fts.rowid IN ${TRASHED_SEQS}) = @trashed
         AND stories_fts.rowid IN (SELECT story_seq FROM story_sectors WHERE sector_id = @sector)
       ORDER BY stories_fts.rowid DESC LIMIT @limit OFFSET @offset`,
    ),
    searchSectorCount: db.prepare<{ match: string; trashed: number; cap: number; sector: string }, { n: number }>(
      `SELECT count(*) AS n FROM (
         SELECT 1 FROM stories_fts
         WHERE stories_fts MATCH @match AND (stories_fts.rowid IN ${TRASHED_SEQS}) = @trashed
           AND stories_fts.rowid IN (SELECT story_seq FROM story_sectors WHERE sector_id = @sector)
         LIMIT @cap)`,
    ),
    trash: db.prepare<[string, string]>(`UPDATE stories SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL`),
    restore: db.prepare<[string]>(`UPDATE stories SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL`),
    emptyTrash: db.prepare(`DELETE FROM stories WHERE trashed_at IS NOT NULL`),
  };

  // Desk views compose their conditions; each distinct shape is prepared once.
  const prepared = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };

  /** SQL conditions (on `s`, the stories table) and their parameters for a desk filter. */
  const deskConditions = (view: LibraryView, filter: DeskFilter) => {
    const where = [view === 'trash' ? 's.trashed_at IS NOT NULL' : 's.trashed_at IS NULL'];
    const params: Record<string, string> = {};
    if (filter.desk === 'mine') {
      where.push('(s.owner_id = @me OR s.assignee_id = @me)');
      params.me = filter.me ?? '';
    } else if (filter.desk === 'review_queue') {
      where.push("s.status IN ('submitted', 'in_review')");
    } else if (filter.desk === 'needs_signoff') {
      where.push("s.status = 'supervisor_review' AND s.owner_id IN (SELECT id FROM profiles WHERE supervisor_id = @me)");
      params.me = filter.me ?? '';
    }
    if (filter.status !== undefined) {
      where.push('s.status = @status');
      params.status = filter.status;
    }
    if (filter.assigneeId !== undefined) {
      where.push('s.assignee_id = @assignee');
      params.assignee = filter.assigneeId;
    }
    if (filter.sector !== undefined) {
      where.push('s.seq IN (SELECT story_seq FROM story_sectors WHERE sector_id = @sector)');
      params.sector = filter.sector;
    }
    return { where: where.join(' AND '), params };
  };

  /** Open comment threads per story of a page (the library's comment count). */
  const openComments = db.prepare<[string], { story_id: string; n: number }>(
    `SELECT story_id, count(*) AS n FROM comments
     WHERE story_id IN (SELECT value FROM json_each(?)) AND id = thread_id AND resolved_at IS NULL
     GROUP BY story_id`,
  );

  /** Summaries with their sectors and open comment threads, read for the whole page in one query each. */
  const summaries = (rows: SummaryRow[]): StorySummary[] => {
    if (rows.length === 0) return [];
    const sectors = new Map<number, string[]>();
    for (const row of statements.sectorsOfMany.all(JSON.stringify(rows.map((r) => r.seq)))) {
      const list = sectors.get(row.story_seq);
      if (list) list.push(row.sector_id);
      else sectors.set(row.story_seq, [row.sector_id]);
    }
    const comments = new Map<string, number>();
    for (const row of openComments.all(JSON.stringify(rows.map((r) => r.id)))) comments.set(row.story_id, row.n);
    return rows.map((row) => ({ ...toSummary(row, sectors.get(row.seq) ?? []), commentCount: comments.get(row.id) ?? 0 }));
  };

  return {
    create(story: NewStory): void {
      statements.insert.run(story.id, story.headline, story.searchHeadline, story.language, story.bodyJson, story.now, story.now);
    },

    get(id: string): Story | undefined {
      const row = statements.get.get(id);
      return row ? toStory(row, statements.sectorsOf.all(row.seq).map((r) => r.sector_id)) : undefined;
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
        dateline_place: write.dateline.place,
        dateline_date: write.dateline.date,
        byline_json: JSON.stringify(write.byline),
      });
      const seq = statements.seqOf.get(write.id)?.seq;
      if (seq === undefined) return;
      // Autosave runs this every few seconds; the sectors rarely change, so compare first.
      const stored = statements.sectorsOf.all(seq).map((r) => r.sector_id);
      if (stored.length === write.sectors.length && stored.every((id, i) => id === write.sectors[i])) return;
      statements.clearSectors.run(seq);
      write.sectors.forEach((sector, position) => statements.addSector.run(seq, sector, position));
    },

    /** A page of the library or trash, newest first; with `sector`, only stories with a section of it. */
    list(view: LibraryView, offset: number, limit: number, sector?: string): { items: StorySummary[]; total: number } {
      if (sector !== undefined) {
        const rows =
          view === 'trash' ? statements.listTrashSector.all(sector, limit, offset) : statements.listLibrarySector.all(sector, limit, offset);
        const total = statements.countSector.get(sector, view === 'trash' ? 1 : 0)?.n ?? 0;
        return { items: summaries(rows), total };
      }
      const rows = view === 'trash' ? statements.listTrash.all(limit, offset) : statements.listLibrary.all(limit, offset);
      const total = (view === 'trash' ? statements.countTrash.get() : statements.countLibrary.get())?.n ?? 0;
      return { items: summaries(rows), total };
    },

    /** A page of a desk view (My stories, Review queue, Needs my sign-off, status and assignee filters), newest first. */
    listDesk(view: LibraryView, filter: DeskFilter, offset: number, limit: number): { items: StorySummary[]; total: number } {
      const { where, params } = deskConditions(view, filter);
      const order = view === 'trash' ? 's.trashed_at DESC, s.seq DESC' : 's.updated_at DESC, s.seq DESC';
      const rows = prepare(
        `SELECT s.seq, s.id, s.headline, s.status, s.word_count, s.updated_at, s.trashed_at
         FROM stories AS s WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
      ).all({ ...params, limit, offset }) as SummaryRow[];
      const total = (prepare(`SELECT count(*) AS n FROM stories AS s WHERE ${where}`).get(params) as { n: number }).n;
      return { items: summaries(rows), total };
    },

    /** Search within a desk view. */
    searchDesk(view: LibraryView, filter: DeskFilter, match: string, offset: number, limit: number) {
      const { where, params } = deskConditions(view, filter);
      const rows = prepare(
        `SELECT s.seq, s.id, s.headline, s.status, s.word_count, s.updated_at, s.trashed_at,
                snippet(stories_fts, -1, @start, @end, '…', 16) AS snippet
         FROM stories_fts JOIN stories AS s ON s.seq = stories_fts.rowid
         WHERE stories_fts MATCH @match AND ${where}
         ORDER BY stories_fts.rowid DESC LIMIT @limit OFFSET @offset`,
      ).all({ ...params, match, limit, offset, start: SNIPPET_MARK.start, end: SNIPPET_MARK.end }) as SummaryRow[];
      const counted = (
        prepare(
          `SELECT count(*) AS n FROM (
             SELECT 1 FROM stories_fts JOIN stories AS s ON s.seq = stories_fts.rowid
             WHERE stories_fts MATCH @match AND ${where} LIMIT @cap)`,
        ).get({ ...params, match, cap: SEARCH_COUNT_CAP + 1 }) as { n: number }
      ).n;
      return { items: summaries(rows), total: Math.min(counted, SEARCH_COUNT_CAP), totalCapped: counted > SEARCH_COUNT_CAP };
    },

    search(view: LibraryView, match: string, offset: number, limit: number, sector?: string) {
      const trashed = view === 'trash' ? 1 : 0;
      const page = { match, trashed, limit, offset, start: SNIPPET_MARK.start, end: SNIPPET_MARK.end };
      const rows = sector === undefined ? statements.search.all(page) : statements.searchSector.all({ ...page, sector });
      const counted =
        (sector === undefined
          ? statements.searchCount.get({ match, trashed, cap: SEARCH_COUNT_CAP + 1 })
          : statements.searchSectorCount.get({ match, trashed, cap: SEARCH_COUNT_CAP + 1, sector })
        )?.n ?? 0;
      return {
        items: summaries(rows),
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

function toStory(row: StoryRow, sectors: string[]): Story {
  return {
    id: row.id,
    headline: row.headline,
    standfirst: row.standfirst,
    body: JSON.parse(row.body_json) as SerializedDocument,
    dateline: { place: row.dateline_place, date: row.dateline_date },
    byline: parseByline(row.byline_json),
    sectors,
    language: row.language,
    status: row.status as StoryStatus,
    wordCount: row.word_count,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    trashedAt: row.trashed_at,
  };
}

/** The stored byline; the column only ever holds what a validated save wrote. */
function parseByline(json: string): BylineEntry[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as BylineEntry[]) : [];
}

function toSummary(row: SummaryRow, sectors: string[]): Omit<StorySummary, 'commentCount'> {
  return {
    id: row.id,
    headline: row.headline,
    status: row.status as StoryStatus,
    wordCount: row.word_count,
    updatedAt: row.updated_at,
    trashedAt: row.trashed_at,
    sectors,
    snippet: row.snippet ? fromSearchText(row.snippet) : null,
  };
}
