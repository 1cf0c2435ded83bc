import { CHANGES_CHANNEL, SYNC_LIMITS, type Change, type ChangeKind } from '../../shared/sync/protocol.ts';
import { isDeskRole, type Role } from '../../shared/workflow/roles.ts';
import type { StoryStatus } from '../../shared/model/story.ts';
import type { Sql } from '../db/sql.ts';

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

/** The reading rule for one story ({@link readRuleSql} says the same in SQL). */
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
 * The reading rule as a SQL condition over `s` (the story's row) and `o`
 * (its owner's `users` row), for every query that hands out story content
 * (the pull here, revisions asked for by id in revisions.ts). Its three
 * parameters are {@link readRuleParams}, numbered from `$first`.
 */
export function readRuleSql(first: number): string {
  const [desk, privateStates, reader] = [`$${first}`, `$${first + 1}`, `$${first + 2}`];
  return `(${desk} OR s.status <> ALL(${privateStates}::text[]) OR s.owner_id = ${reader} OR s.assignee_id = ${reader} OR o.supervisor_id = ${reader})`;
}

/** The parameters of {@link readRuleSql}, in order. */
export function readRuleParams(reader: Reader): [boolean, readonly StoryStatus[], string] {
  return [isDeskRole(reader.role), PRIVATE_STATES, reader.id];
}

/** One change a mutation made, waiting to be appended to the log when the mutation is done. */
export interface NewChange {
  storyId: string;
  kind: ChangeKind;
  payload: Record<string, unknown>;
}

/**
 * The last statement of a mutation's transaction: stores its answer and
 * appends its changes to the log, in order, with one nudge to every hub
 * process's SSE listeners (NOTIFY, delivered when the transaction commits).
 * Returns the last seq appended (0: nothing changed).
 *
 * Why the lock. Seqs come from a sequence, which hands them out in the
 * order transactions ask, not the order they commit. A pull that read seq
 * n+1 while n was still uncommitted would move its cursor past n and skip
 * that change for good. So appends take an advisory lock held until commit:
 * whoever holds it takes its seqs, and the next one gets the lock (and
 * larger seqs) only after that commit is visible. Taken here, in the
 * transaction's last statement, the lock covers only this statement and the
 * COMMIT, not the reads, checks and writes of the mutation itself (which
 * the story's row lock already puts in turn per story), so pushes to
 * different stories overlap everywhere but in this step. The lock sits in a
 * CTE that the rows to insert are joined to, so it is taken before the
 * first `nextval`; the subquery's ORDER BY (which keeps it from being
 * flattened) gives the changes their seqs in the order they were made.
 */
export async function finishMutation(tx: Sql, mutation: { id: string; result: string }, changes: readonly NewChange[], at: Date): Promise<number> {
  if (changes.length === 0) {
    await tx.query('UPDATE mutations SET result = $2 WHERE id = $1', [mutation.id, mutation.result]);
    return 0;
  }
  const rows = await tx.query<{ seq: number }>(
    `WITH answered AS (UPDATE mutations SET result = $2 WHERE id = $1),
          locked AS (SELECT pg_advisory_xact_lock($3::bigint)),
          appended AS (
            INSERT INTO change_log (seq, story_id, kind, payload, created_at)
            SELECT nextval('change_log_seq_seq'), c.story_id, c.kind, c.payload::jsonb, $4
            FROM (SELECT x.story_id, x.kind, x.payload
                  FROM locked, unnest($5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS x(story_id, kind, payload, n)
                  ORDER BY x.n) c
            RETURNING seq)
     SELECT max(seq) AS seq, pg_notify($8, max(seq)::text) FROM appended`,
    [
      mutation.id,
      mutation.result,
      CHANGE_LOG_LOCK,
      at,
      changes.map((c) => c.storyId),
      changes.map((c) => c.kind),
      changes.map((c) => JSON.stringify(c.payload)),
      CHANGES_CHANNEL,
    ],
  );
  return Number(rows[0]!.seq);
}

/** The latest seq in the change log (0 when empty). */
export async function latestSeq(sql: Sql): Promise<number> {
  const rows = await sql.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM change_log');
  return Number(rows[0]?.seq ?? 0);
}

interface ChangeRow {
  upto: number;
  seq: number | null;
  story_id: string;
  kind: ChangeKind;
  payload: Record<string, unknown>;
  created_at: Date;
  /** The snapshot's JSON as text: read as bytea it would cross as hex and be decoded byte by byte (PGlite's parser). */
  snapshot: string | null;
}

/**
 * One page of changes after `cursor` that `reader` may read, in one
 * statement (one snapshot, one round trip). `upto`, the latest seq, is
 * read in the same snapshot, so when the page is not full the new cursor
 * is `upto` even if every change in between was someone else's draft. A
 * revision change comes with its snapshot, joined by the revision's id.
 */
export async function pull(sql: Sql, reader: Reader, cursor: number, limit: number = SYNC_LIMITS.pullDefault): Promise<{ changes: Change[]; cursor: string; more: boolean }> {
  const rows = await sql.query<ChangeRow>(
    `SELECT u.upto, c.seq, c.story_id, c.kind, c.payload, c.created_at, convert_from(r.snapshot, 'UTF8') AS snapshot
     FROM (SELECT coalesce(max(seq), 0) AS upto FROM change_log) u
     LEFT JOIN LATERAL (
       SELECT c.seq, c.story_id, c.kind, c.payload, c.created_at
       FROM change_log c
       JOIN stories s ON s.id = c.story_id
       JOIN users o ON o.id = s.owner_id
       WHERE c.seq > $1 AND c.seq <= u.upto
         AND ${readRuleSql(2)}
       ORDER BY c.seq
       LIMIT $5
     ) c ON true
     LEFT JOIN revisions r ON c.kind = 'revision' AND r.id = c.payload->'revision'->>'id'
     ORDER BY c.seq`,
    [cursor, ...readRuleParams(reader), limit + 1],
  );
  const upto = Number(rows[0]?.upto ?? 0);
  const found = rows.filter((r) => r.seq !== null);
  const more = found.length > limit;
  const page = more ? found.slice(0, limit) : found;
  const changes = page.map((row) => {
    const base = { seq: Number(row.seq), storyId: row.story_id, at: row.created_at.toISOString(), kind: row.kind };
    if (row.kind === 'revision') {
      const snapshot = row.snapshot === null ? undefined : (JSON.parse(row.snapshot) as unknown);
      return { ...base, ...row.payload, snapshot } as Change;
    }
    return { ...base, ...row.payload } as Change;
  });
  const next = more ? Number(page[page.length - 1]!.seq) : Math.max(upto, cursor);
  return { changes, cursor: String(next), more };
}
