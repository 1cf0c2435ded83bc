import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CreateUserRequest,
  HubErrorCode,
  UpdateUserRequest,
  UserId,
  type RevokeSessionsResponse,
  type UserListResponse,
  type UserResponse,
} from '../../shared/sync/auth.ts';
import { can, NO_STORY } from '../../shared/workflow/policy.ts';
import { changeUser, createUser, personNotFound } from '../auth/people.ts';
import { requireUser } from '../auth/session.ts';
import type { HubDeps } from '../deps.ts';
import { HubError, parseWith } from '../errors.ts';
import { revokeUserSessions } from '../store/sessions.ts';
import { findUserById, listUsers, toUserRecord } from '../store/users.ts';
import { z } from 'zod';

const UserParams = z.object({ id: UserId });

/**
 * People management for admins: list, add, change (name, role, supervisor,
 * disabled, password) and sign someone out everywhere. Who may is the shared
 * policy's 'manage_people' answer, read from the database on every request.
 */
export function adminRoutes(app: FastifyInstance, deps: HubDeps): void {
  async function requirePeopleManager(request: FastifyRequest): Promise<void> {
    const actor = await requireUser(request, deps);
    const decision = can(actor, 'manage_people', NO_STORY);
    if (!decision.ok) throw new HubError(HubErrorCode.FORBIDDEN, decision.reason);
  }

  app.get('/v1/admin/users', async (request): Promise<UserListResponse> => {
    await requirePeopleManager(request);
    return { users: (await listUsers(deps.sql)).map(toUserRecord) };
  });

  app.post('/v1/admin/users', async (request, reply) => {
    await requirePeopleManager(request);
    const body = parseWith(CreateUserRequest, request.body);
    const user = await createUser(deps, body);
    return reply.code(201).send({ user: toUserRecord(user) } satisfies UserResponse);
  });

  app.patch('/v1/admin/users/:id', async (request): Promise<UserResponse> => {
    await requirePeopleManager(request);
    const { id } = parseWith(UserParams, request.params, 'address');
    const body = parseWith(UpdateUserRequest, request.body);
    return { user: toUserRecord(await changeUser(deps, id, body)) };
  });

  app.post('/v1/admin/users/:id/revoke-sessions', async (request): Promise<RevokeSessionsResponse> => {
    await requirePeopleManager(request);
    const { id } = parseWith(UserParams, request.params, 'address');
    if (!(await findUserById(deps.sql, id))) throw personNotFound();
    return { revoked: await revokeUserSessions(deps.sql, id, deps.now()) };
  });
}
