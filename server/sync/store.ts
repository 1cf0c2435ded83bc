import type { StoryAccess } from '../../shared/workflow/policy.ts';
import type { Role } from '../../shared/workflow/roles.ts';
import type { StoryStatus } from '../../shared/model/story.ts';
import type { HubComment, HubProposal, HubStory, HubWorkflowEvent, RevisionHeader } from '../../shared/sync/protocol.ts';
import type { Sql } from '../db/sql.ts';

/**
 * All SQL about the hub's stories, revisions, comments, timeline and
 * proposals (tables in server/migrations/0100_sync.sql). Callers pass
 * validated values and a transaction; nothing here decides who may do what.
 */

export interface StoryRow {
  id: string;
  owner_id: string;
  status: StoryStatus;
  assignee_id: string | null;
  head_revision_id: string | null;
  headline: string;
  language: string;
  correction_note: string | null;
  correction_at: Date | null;
  publish_at: Date | null;
  created_at: Date;
  updated_at: Date;
  /** When and by whom the story was moved to the trash (server/migrations/0120_story_trash.sql); null: not in the trash. */
  trashed_at: Date | null;
  trashed_by: string | null;
  /** From the owner's row: what the policy needs to know about them. */
  owner_role: Role;
  owner_supervisor_id: string | null;
}

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** What the shared policy needs to know about the story (shared/workflow/policy.ts). */
export function storyAccess(row: StoryRow): StoryAccess {
  return {
    ownerId: row.owner_id,
    status: row.status,
    assigneeId: row.assignee_id,
    ownerSupervisorId: row.owner_role === 'intern' ? row.owner_supervisor_id : null,
  };
}

export function toHubStory(row: StoryRow): HubStory {
  return {
    id: row.id,
    ownerId: row.owner_id,
    assigneeId: row.assignee_id,
    status: row.status,
    headline: row.headline,
    language: row.language,
    headRevisionId: row.head_revision_id,
    correction: row.correction_note === null ? null : { note: row.correction_note, at: iso(row.correction_at)! },
    publishAt: iso(row.publish_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    trashedAt: iso(row.trashed_at),
  };
}

/**
 * Inserts a new draft and returns its row, or null when a story with this
 * id is already there (ON CONFLICT: also when another transaction is
 * creating it at this moment, which this one waits for).
 */
export async function insertStory(
  tx: Sql,
  story: { id: string; owner: { id: string; role: Role; supervisorId: string | null }; headline: string; language: string; at: Date },
): Promise<StoryRow | null> {
  const rows = await tx.query<Omit<StoryRow, 'owner_role' | 'owner_supervisor_id'>>(
    `INSERT INTO stories (id, owner_id, status, assignee_id, head_revision_id, headline, language, created_at, updated_at)
     VALUES ($1, $2, 'draft', NULL, NULL, $3, $4, $5, $5)
     ON CONFLICT (id) DO NOTHING RETURNING *`,
    [story.id, story.owner.id, story.headline, story.language, story.at],
  );
  const row = rows[0];
  return row ? { ...row, owner_role: story.owner.role, owner_supervisor_id: story.owner.supervisorId } : null;
}

/** The row after an UPDATE … RETURNING *, with the owner's fields (which a story update never changes) carried over. */
function updated(before: StoryRow, rows: Omit<StoryRow, 'owner_role' | 'owner_supervisor_id'>[]): StoryRow {
  return { ...rows[0]!, owner_role: before.owner_role, owner_supervisor_id: before.owner_supervisor_id };
}

/** Moves the head and copies the header fields the story list shows from the snapshot; returns the story as it now is. */
export async function setHead(tx: Sql, story: StoryRow, head: { id: string; headline: string; language: string }, at: Date): Promise<StoryRow> {
  const rows = await tx.query<Omit<StoryRow, 'owner_role' | 'owner_supervisor_id'>>(
    `UPDATE stories SET head_revision_id = $2, headline = $3, language = $4, updated_at = $5 WHERE id = $1 RETURNING *`,
    [story.id, head.id, head.headline, head.language, at],
  );
  return updated(story, rows);
}

/** Moves the story to the trash (`trashed`: who and when) or out of it (null); returns the story as it now is. */
export async function setTrashed(tx: Sql, story: StoryRow, trashed: { by: string; at: Date } | null, at: Date): Promise<StoryRow> {
  const rows = await tx.query<Omit<StoryRow, 'owner_role' | 'owner_supervisor_id'>>(
    `UPDATE stories SET trashed_at = $2, trashed_by = $3, updated_at = $4 WHERE id = $1 RETURNING *`,
    [story.id, trashed?.at ?? null, trashed?.by ?? null, at],
  );
  return updated(story, rows);
}

/** Sets the workflow fields; returns the story as it now is. */
export async function setWorkflowState(
  tx: Sql,
  story: StoryRow,
  state: { status: StoryStatus; assigneeId: string | null; correction: { note: string; at: Date } | null; publishAt: Date | null },
  at: Date,
): Promise<StoryRow> {
  const rows = await tx.query<Omit<StoryRow, 'owner_role' | 'owner_supervisor_id'>>(
    `UPDATE stories SET status = $2, assignee_id = $3, correction_note = $4, correction_at = $5, publish_at = $6, updated_at = $7
     WHERE id = $1 RETURNING *`,
    [story.id, state.status, state.assigneeId, state.correction?.note ?? null, state.correction?.at ?? null, state.publishAt, at],
  );
  return updated(story, rows);
}

// ---------------------------------------------------------------------------
// Revisions

export interface RevisionRow {
  id: string;
  story_id: string;
  parents: string[];
  author_id: string;
  author_name: string;
  kind: RevisionHeader['kind'];
  message: string;
  created_at: string;
}

export async function getRevision(tx: Sql, id: string): Promise<RevisionRow | null> {
  const rows = await tx.query<RevisionRow>(
    `SELECT id, story_id, parents, author_id, author_name, kind, message, created_at FROM revisions WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** What a revision push needs to know about the revisions it names: which story each is on, and one's snapshot. */
export interface KnownRevision {
  storyId: string;
  /** Only for the revision asked for `withSnapshot`. */
  snapshot: unknown;
}

/**
 * The revisions among `ids` that are on the hub, in one read: which story
 * each belongs to, and the parsed snapshot of `withSnapshot` (a delta's base).
 */
export async function knownRevisions(tx: Sql, ids: readonly string[], withSnapshot: string | null): Promise<Map<string, KnownRevision>> {
  if (ids.length === 0) return new Map();
  // The snapshot as text (it is UTF-8 JSON): as bytea it would cross as hex, decoded byte by byte on PGlite.
  const rows = await tx.query<{ id: string; story_id: string; snapshot: string | null }>(
    `SELECT id, story_id, CASE WHEN id = $2 THEN convert_from(snapshot, 'UTF8') END AS snapshot FROM revisions WHERE id = ANY($1::text[])`,
    [[...new Set(ids)], withSnapshot],
  );
  return new Map(rows.map((r) => [r.id, { storyId: r.story_id, snapshot: r.snapshot === null ? undefined : (JSON.parse(r.snapshot) as unknown) }]));
}

export async function insertRevision(
  tx: Sql,
  storyId: string,
  header: RevisionHeader,
  canonicalSnapshot: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO revisions (id, story_id, parents, author_id, author_name, kind, message, created_at, snapshot, received_at)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, convert_to($9::text, 'UTF8'), $10)`,
    [
      header.id,
      storyId,
      JSON.stringify(header.parents),
      header.authorId,
      header.authorName,
      header.kind,
      header.message,
      header.createdAt,
      // Sent as text and stored as its UTF-8 bytes: a bytea parameter would be hex-encoded byte by byte on PGlite.
      canonicalSnapshot,
      at,
    ],
  );
}

export function toRevisionHeader(row: RevisionRow): RevisionHeader {
  return {
    id: row.id,
    parents: row.parents,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
    kind: row.kind,
    message: row.message,
  };
}

/** Snapshots by revision id, parsed (for a pull page). */
export async function snapshots(sql: Sql, ids: readonly string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; snapshot: Uint8Array }>(`SELECT id, snapshot FROM revisions WHERE id = ANY($1::text[])`, [[...ids]]);
  const decoder = new TextDecoder();
  return new Map(rows.map((r) => [r.id, JSON.parse(decoder.decode(r.snapshot)) as unknown]));
}

// ---------------------------------------------------------------------------
// Comments

interface CommentRow {
  id: string;
  story_id: string;
  thread_id: string | null;
  author_id: string;
  author_name: string;
  body: string;
  mentions: string[];
  anchor: HubComment['anchor'];
  resolved_at: Date | null;
  resolved_by: string | null;
  created_at: Date;
}

export async function getComment(tx: Sql, id: string): Promise<(HubComment & { storyId: string }) | null> {
  const rows = await tx.query<CommentRow>(`SELECT * FROM comments WHERE id = $1`, [id]);
  const row = rows[0];
  return row ? { ...toHubComment(row), storyId: row.story_id } : null;
}

export async function storyComments(tx: Sql, storyId: string): Promise<HubComment[]> {
  const rows = await tx.query<CommentRow>(`SELECT * FROM comments WHERE story_id = $1 ORDER BY created_at, id`, [storyId]);
  return rows.map(toHubComment);
}

function toHubComment(row: CommentRow): HubComment {
  return {
    id: row.id,
    threadId: row.thread_id,
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    mentions: row.mentions,
    anchor: row.anchor,
    resolvedAt: iso(row.resolved_at),
    resolvedBy: row.resolved_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** Inserts the comment; false when a comment with its id is already on the hub (nothing is written then). */
export async function insertComment(tx: Sql, storyId: string, comment: HubComment): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO comments (id, story_id, thread_id, author_id, author_name, body, mentions, anchor, resolved_at, resolved_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, NULL, NULL, $9)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      comment.id,
      storyId,
      comment.threadId,
      comment.authorId,
      comment.authorName,
      comment.body,
      JSON.stringify(comment.mentions),
      comment.anchor === null ? null : JSON.stringify(comment.anchor),
      comment.createdAt,
    ],
  );
  return rows.length > 0;
}

/** Resolves or reopens a thread; returns the thread as it now is. */
export async function setResolved(tx: Sql, threadId: string, resolved: { at: Date; by: string } | null): Promise<HubComment> {
  const rows = await tx.query<CommentRow>(`UPDATE comments SET resolved_at = $2, resolved_by = $3 WHERE id = $1 RETURNING *`, [
    threadId,
    resolved?.at ?? null,
    resolved?.by ?? null,
  ]);
  return toHubComment(rows[0]!);
}

// ---------------------------------------------------------------------------
// Timeline

export async function insertWorkflowEvent(tx: Sql, storyId: string, event: HubWorkflowEvent): Promise<void> {
  await tx.query(
    `INSERT INTO workflow_events (id, story_id, actor_id, actor_name, action, from_status, to_status, note, revision_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [event.id, storyId, event.actorId, event.actorName, event.action, event.fromStatus, event.toStatus, event.note, event.revisionId, event.createdAt],
  );
}

// ---------------------------------------------------------------------------
// Proposals

export async function insertProposal(tx: Sql, storyId: string, proposal: Omit<HubProposal, 'decisions'>): Promise<void> {
  await tx.query(
    `INSERT INTO proposals (id, story_id, author_id, author_name, base_revision_id, revision_id, message, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [proposal.id, storyId, proposal.authorId, proposal.authorName, proposal.baseRevisionId, proposal.revisionId, proposal.message, proposal.sentAt],
  );
}

/** The proposal with its decisions and, for the policy, its author's role and supervisor. */
export async function getProposal(
  tx: Sql,
  id: string,
): Promise<{ storyId: string; proposal: HubProposal; authorRole: Role; authorSupervisorId: string | null } | null> {
  const rows = await tx.query<{
    id: string;
    story_id: string;
    author_id: string;
    author_name: string;
    base_revision_id: string;
    revision_id: string;
    message: string;
    sent_at: Date;
    withdrawn_at: Date | null;
    author_role: Role;
    author_supervisor_id: string | null;
  }>(
    `SELECT p.*, u.role AS author_role, u.supervisor_id AS author_supervisor_id
     FROM proposals p JOIN users u ON u.id = p.author_id WHERE p.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const decisions = await tx.query<{ item_key: string; decision: 'accepted' | 'rejected'; decider_id: string; decided_at: Date }>(
    `SELECT item_key, decision, decider_id, decided_at FROM proposal_decisions WHERE proposal_id = $1 ORDER BY decided_at, item_key`,
    [id],
  );
  return {
    storyId: row.story_id,
    authorRole: row.author_role,
    authorSupervisorId: row.author_supervisor_id,
    proposal: {
      id: row.id,
      authorId: row.author_id,
      authorName: row.author_name,
      baseRevisionId: row.base_revision_id,
      revisionId: row.revision_id,
      message: row.message,
      sentAt: row.sent_at.toISOString(),
      authorRole: row.author_role,
      authorSupervisorId: row.author_supervisor_id,
      decisions: decisions.map((d) => ({ key: d.item_key, decision: d.decision, deciderId: d.decider_id, decidedAt: d.decided_at.toISOString() })),
      withdrawnAt: row.withdrawn_at === null ? null : row.withdrawn_at.toISOString(),
    },
  };
}

/** Marks a sent proposal withdrawn by its author (server/migrations/0140_proposal_withdraw.sql). */
export async function setProposalWithdrawn(tx: Sql, proposalId: string, at: Date): Promise<void> {
  await tx.query('UPDATE proposals SET withdrawn_at = $2 WHERE id = $1', [proposalId, at]);
}

/**
 * Whether `userId` accepted an item of a proposal on the story whose revision
 * is one of `revisionIds` (a merge naming that proposal as a parent).
 */
export async function acceptedProposalAmong(tx: Sql, storyId: string, revisionIds: readonly string[], userId: string): Promise<{ authorRole: Role; authorSupervisorId: string | null } | null> {
  if (revisionIds.length === 0) return null;
  const rows = await tx.query<{ author_role: Role; author_supervisor_id: string | null }>(
    `SELECT u.role AS author_role, u.supervisor_id AS author_supervisor_id
     FROM proposals p
     JOIN users u ON u.id = p.author_id
     JOIN proposal_decisions d ON d.proposal_id = p.id AND d.decision = 'accepted' AND d.decider_id = $3
     WHERE p.story_id = $1 AND p.revision_id = ANY($2::text[])
     LIMIT 1`,
    [storyId, [...revisionIds], userId],
  );
  const row = rows[0];
  return row ? { authorRole: row.author_role, authorSupervisorId: row.author_supervisor_id } : null;
}

export async function insertDecision(
  tx: Sql,
  decision: { proposalId: string; key: string; decision: 'accepted' | 'rejected'; deciderId: string; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO proposal_decisions (proposal_id, item_key, decision, decider_id, decided_at) VALUES ($1, $2, $3, $4, $5)`,
    [decision.proposalId, decision.key, decision.decision, decision.deciderId, decision.at],
  );
}
