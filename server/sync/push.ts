import type { HubUser } from '../../shared/sync/auth.ts';
import type { Mutation, PushRequest } from '../../shared/sync/protocol.ts';
import type { Sql } from '../db/sql.ts';
import { applyMutation } from './apply.ts';
import { nudge } from './changes.ts';

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
    const inserted = await tx.query(
      `INSERT INTO mutations (id, user_id, workstation_id, type, story_id, result, applied_at)
       VALUES ($1, $2, $3, $4, $5, NULL, $6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [mutation.id, user.id, workstationId, mutation.type, mutation.storyId, at],
    );
    if (inserted.length === 0) return repeat(tx, user, mutation);
    const { result, seq } = await applyMutation(tx, user, mutation, at);
    const text = JSON.stringify(result);
    await tx.query('UPDATE mutations SET result = $2 WHERE id = $1', [mutation.id, text]);
    if (seq > 0) await nudge(tx, seq);
    return text;
  });
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
