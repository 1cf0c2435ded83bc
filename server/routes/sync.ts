import type { FastifyInstance } from 'fastify';
import { PullRequest, PushRequest, RevisionsRequest, SYNC_LIMITS } from '../../shared/sync/protocol.ts';
import { requireUser } from '../auth/session.ts';
import type { HubDeps } from '../deps.ts';
import { parseWith } from '../errors.ts';
import { pull } from '../sync/changes.ts';
import { decompressedBody } from '../sync/compression.ts';
import { push } from '../sync/push.ts';
import { revisionsById } from '../sync/revisions.ts';

/**
 * Sync (DESIGN.md §7; schemas in shared/sync/protocol.ts):
 * - `POST /v1/sync/push { workstationId, mutations[] }` → `{ results[] }`, one per mutation, in order.
 * - `POST /v1/sync/pull { cursor, limit? }` → `{ changes[], cursor, more }`.
 * - `POST /v1/sync/revisions { storyId, ids[] }` → `{ revisions[] }`: those of the story the person may read.
 * Both need a signed-in person; a body that does not parse is a 400 naming the field.
 * A push body may be sent compressed (`Content-Encoding: gzip` or `br`); a body that
 * decompresses past SYNC_LIMITS.pushBytes is refused with 413.
 */
export function syncRoutes(app: FastifyInstance, deps: HubDeps): void {
  app.post(
    '/v1/sync/push',
    {
      bodyLimit: SYNC_LIMITS.pushBytes,
      // Content-Encoding gzip or br: decompressed as it arrives, 413 past pushBytes decompressed.
      preParsing: async (request, _reply, payload) => decompressedBody(request, payload, SYNC_LIMITS.pushBytes),
    },
    async (request, reply) => {
      const user = await requireUser(request, deps);
      const body = parseWith(PushRequest, request.body);
      const text = await push(deps.sql, user, body, deps.now);
      return reply.type('application/json; charset=utf-8').send(text);
    },
  );

  app.post('/v1/sync/pull', async (request) => {
    const user = await requireUser(request, deps);
    const body = parseWith(PullRequest, request.body);
    return pull(deps.sql, user, body.cursor === null ? 0 : Number(body.cursor), body.limit);
  });

  app.post('/v1/sync/revisions', async (request) => {
    const user = await requireUser(request, deps);
    const body = parseWith(RevisionsRequest, request.body);
    return revisionsById(deps.sql, user, body.storyId, body.ids);
  });
}
