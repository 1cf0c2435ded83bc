import type { HubUser } from '../../shared/sync/auth.ts';
import type { Mutation, PushRequest } from '../../shared/sync/protocol.ts';
import type { Sql } from '../db/sql.ts';
import { applyMutation } from './apply.ts';
import { finishMutation } from './changes.ts';
import type { StoryRow } from './store.ts';

/**
 * `POST /v1/sync/push` (DESIGN.md §7): each mutation in its own
 * transaction, in the order sent, idempotent by the workstation's id for it.
 *
 * The mutation's row is inserted first (ON CONFLICT DO NOTHING): on
 * PostgreSQL a second hub process applying the same id at the same moment
 * waits on that insert until the first commits, then finds the row and
 * answers `duplicate` — the mutation is applied once. The answer is stored
 * as JSON text and a repeat embeds that text unchanged, so a retry sees the
 * first answer byte for byte.
 *
 * Returns the response body as JSON text (built here rather than by
 * JSON.stringify so that stored answers are passed through untouched).
 */
export async function push(sql: Sql, user: HubUser, request: PushRequest, now: () => Date): Promise<string> {
  const results: string[] = [];
  for (const mutation of request.mutations) results.push(await pushOne(sql, user, request.workstationId, mutation, now()));
  return `{"results":[${results.join(',')}]}`;
}

async function pushOne(sql: Sql, user: HubUser, workstationId: string, mutation: Mutation, at: Date): Promise<string> {
  return sql.transaction(async (tx) => {
    const claimed = await claim(tx, user, workstationId, mutation, at);
    if (!claimed) return repeat(tx, user, mutation);
    const { result, changes } = await applyMutation(tx, user, mutation, at, claimed.story);
    const text = JSON.stringify(result);
    await finishMutation(tx, { id: mutation.id, result: text }, changes, at);
    return text;
  });
}

/**
 * Claims the mutation's id (null: it was claimed before, a repeat) and, in
 * the same statement, locks its story for the rest of the transaction
 * (story null: not on the hub; never looked up for article.create). One
 * round trip instead of two on every push.
 */
async function claim(tx: Sql, user: HubUser, workstationId: string, mutation: Mutation, at: Date): Promise<{ story: StoryRow | null } | null> {
  const insert = `INSERT INTO mutations (id, user_id, workstation_id, type, story_id, result, applied_at)
       VALUES ($1, $2, $3, $4, $5, NULL, $6)
       ON CONFLICT (id) DO NOTHING RETURNING id`;
  const params = [mutation.id, user.id, workstationId, mutation.type, mutation.storyId, at];
  if (mutation.type === 'article.create') return (await tx.query(insert, params)).length > 0 ? { story: null } : null;
  // The story row is locked until the transaction ends: every mutation on a story takes turns.
  // FOR UPDATE OF s: lock the story, not the owner's user row.
  const rows = await tx.query<StoryRow & { claimed: number }>(
    `WITH claim AS (${insert})
     SELECT k.claimed, story.*
     FROM (SELECT count(*)::int AS claimed FROM claim) k
     LEFT JOIN LATERAL (
       SELECT s.*, u.role AS owner_role, u.supervisor_id AS owner_supervisor_id
       FROM stories s JOIN users u ON u.id = s.owner_id
       WHERE s.id = $5 FOR UPDATE OF s
     ) story ON true`,
    params,
  );
  const { claimed, ...story } = rows[0]!;
  if (claimed === 0) return null;
  return { story: story.id === null ? null : story };
}

async function repeat(tx: Sql, user: HubUser, mutation: Mutation): Promise<string> {
  const rows = await tx.query<{ user_id: string; type: string; story_id: string; result: string }>(
    'SELECT user_id, type, story_id, result FROM mutations WHERE id = $1',
    [mutation.id],
  );
  const stored = rows[0]!;
  // Someone else's id (or the same id reused for another change) is not a retry: answering it
  // with the stored result would tell them about another person's change.
  if (stored.user_id !== user.id || stored.type !== mutation.type || stored.story_id !== mutation.storyId) {
    return JSON.stringify({ id: mutation.id, status: 'invalid', reason: 'This mutation id was already used for a different change. Make a new id.' });
  }
  return `{"id":${JSON.stringify(mutation.id)},"status":"duplicate","first":${stored.result}}`;
}
