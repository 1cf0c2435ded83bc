import { CHANGES_CHANNEL, SYNC_LIMITS, type Change, type ChangeKind } from '../../shared/sync/protocol.ts';
import { isDeskRole, type Role } from '../../shared/workflow/roles.ts';
import type { StoryStatus } from '../../shared/model/story.ts';
import type { Sql } from '../db/sql.ts';
import { snapshots } from './store.ts';

/**
 * The change log: what workstations pull (DESIGN.md §7), and who may read what.
 *
 * Reading rule. Everyone on the hub reads every story the desk has received
 * (any state but draft and supervisor review), with all its changes. A
 * story still with its writer — `draft` or `supervisor_review` — is read
 * only by its owner, its assignee, the owner's supervisor and the desk
 * (editors and admins): a reporter's draft is not the whole newsroom's
 * business, and an intern's is their supervisor's too. The rule is applied
 * to the story's state when the pull runs; when a story leaves the private
 * states, its head revision and comments are logged again
 * (apply.ts `revealStory`) so people who skipped its earlier changes get
 * its text and its threads. A simplification to know about: the rule reads
 * only the state, so an intern's story that their supervisor sent back
 * (`changes_requested`) is readable by everyone, as if the desk had had it.
 */

/** States in which a story is read only by the people around its writer (and the desk). */
export const PRIVATE_STATES: readonly StoryStatus[] = ['draft', 'supervisor_review'];

/** Any fixed number: the key of the advisory lock that makes change-log appends commit in seq order. */
const CHANGE_LOG_LOCK = 7_420_516;

export interface Reader {
  id: string;
  role: Role;
}

/** The reading rule for one story (the SQL in {@link pull} says the same). */
export function mayRead(
  reader: Reader,
  story: { status: StoryStatus; ownerId: string; assigneeId: string | null; ownerSupervisorId: string | null },
): boolean {
  return (
    isDeskRole(reader.role) ||
    !PRIVATE_STATES.includes(story.status) ||
    story.ownerId === reader.id ||
    story.assigneeId === reader.id ||
    story.ownerSupervisorId === reader.id
  );
}

/**
 * Appends one change and returns its seq. The first append in a transaction
 * takes an advisory lock held until commit, so appends commit in the order
 * of their seqs: a pull that saw seq n never later meets a smaller seq
 * committing (which it would skip for good).
 */
export async function appendChange(tx: Sql, storyId: string, kind: ChangeKind, payload: Record<string, unknown>, at: Date): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
  const rows = await tx.query<{ seq: number }>(
    `INSERT INTO change_log (story_id, kind, payload, created_at) VALUES ($1, $2, $3::jsonb, $4) RETURNING seq`,
    [storyId, kind, JSON.stringify(payload), at],
  );
  return Number(rows[0]!.seq);
}

/** Nudges every hub process's SSE listeners (delivered when the transaction commits). */
export async function nudge(tx: Sql, seq: number): Promise<void> {
  await tx.notify(CHANGES_CHANNEL, String(seq));
}

/** The latest seq in the change log (0 when empty). */
export async function latestSeq(sql: Sql): Promise<number> {
  const rows = await sql.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM change_log');
  return Number(rows[0]?.seq ?? 0);
}

interface ChangeRow {
  seq: number;
  story_id: string;
  kind: ChangeKind;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * One page of changes after `cursor` that `reader` may read. `upto` is
 * fixed first, so when the page is not full the new cursor is `upto` even
 * if every change in between was someone else's draft.
 */
export async function pull(sql: Sql, reader: Reader, cursor: number, limit: number = SYNC_LIMITS.pullDefault): Promise<{ changes: Change[]; cursor: string; more: boolean }> {
  const upto = await latestSeq(sql);
  const rows = await sql.query<ChangeRow>(
    `SELECT c.seq, c.story_id, c.kind, c.payload, c.created_at
     FROM change_log c
     JOIN stories s ON s.id = c.story_id
     JOIN users o ON o.id = s.owner_id
     WHERE c.seq > $1 AND c.seq <= $2
       AND ($3 OR s.status <> ALL($4::text[]) OR s.owner_id = $5 OR s.assignee_id = $5 OR o.supervisor_id = $5)
     ORDER BY c.seq
     LIMIT $6`,
    [cursor, upto, isDeskRole(reader.role), PRIVATE_STATES, reader.id, limit + 1],
  );
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const texts = await snapshots(
    sql,
    page.filter((r) => r.kind === 'revision').map((r) => (r.payload.revision as { id: string }).id),
  );
  const changes = page.map((row) => {
    const base = { seq: Number(row.seq), storyId: row.story_id, at: row.created_at.toISOString(), kind: row.kind };
    if (row.kind === 'revision') {
      const id = (row.payload.revision as { id: string }).id;
      return { ...base, ...row.payload, snapshot: texts.get(id) } as Change;
    }
    return { ...base, ...row.payload } as Change;
  });
  const next = more ? Number(page[page.length - 1]!.seq) : Math.max(upto, cursor);
  return { changes, cursor: String(next), more };
}
