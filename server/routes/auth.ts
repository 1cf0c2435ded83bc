import type { FastifyInstance } from 'fastify';
import { HubErrorCode, LoginRequest, type LoginResponse, type MeResponse } from '../../shared/sync/auth.ts';
import { verifyDummy, verifyPassword } from '../auth/password.ts';
import { beginLoginAttempt, loginSucceeded } from '../auth/rateLimit.ts';
import { createSession, requireSession } from '../auth/session.ts';
import type { HubDeps } from '../deps.ts';
import { HubError, parseWith } from '../errors.ts';
import { deleteSessionsEndedBefore, revokeSession } from '../store/sessions.ts';
import { findUserByUsername, toHubUser } from '../store/users.ts';

/** One message for a wrong password and an unknown user name, so the hub does not say which names exist. */
export const BAD_CREDENTIALS = 'The user name or password is not right.';

/** Ended sessions are kept this long (for an admin's questions), then pruned. */
const ENDED_SESSION_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

/** `POST /v1/auth/login`, `POST /v1/auth/logout`, `GET /v1/me` (DESIGN.md §7). */
export function authRoutes(app: FastifyInstance, deps: HubDeps): void {
  app.post('/v1/auth/login', async (request): Promise<LoginResponse> => {
    const body = parseWith(LoginRequest, request.body);
    const attempt = await beginLoginAttempt(deps, body.username, request.ip);
    const user = await findUserByUsername(deps.sql, body.username);
    const passwordOk = user ? await verifyPassword(user.password_hash, body.password) : await verifyDummy(body.password);
    if (!user || !passwordOk) throw new HubError(HubErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS);

    await loginSucceeded(deps.sql, attempt);
    // Only someone who knows the password learns that the account is disabled.
    if (user.disabled) throw new HubError(HubErrorCode.FORBIDDEN, 'This account is disabled. Ask an admin of your newsroom.');
    const { token, expiresAt } = await createSession(deps, user.id);
    await deleteSessionsEndedBefore(deps.sql, new Date(deps.now().getTime() - ENDED_SESSION_RETENTION_MS));
    return { token, expiresAt: expiresAt.toISOString(), user: toHubUser(user) };
  });

  app.post('/v1/auth/logout', async (request, reply) => {
    const { tokenHash } = await requireSession(request, deps);
    await revokeSession(deps.sql, tokenHash, deps.now());
    return reply.code(204).send();
  });

  app.get('/v1/me', async (request): Promise<MeResponse> => {
    const { user, session } = await requireSession(request, deps);
    return { user, sessionExpiresAt: session.expires_at.toISOString() };
  });
}
