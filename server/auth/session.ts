import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HubErrorCode, type HubUser } from '../../shared/sync/auth.ts';
import { DEFAULT_SESSION_TTL_MS, type HubDeps } from '../deps.ts';
import { HubError } from '../errors.ts';
import { findSessionWithUser, insertSession, type SessionRow } from '../store/sessions.ts';
import { toHubUser, type UserRow } from '../store/users.ts';

export type { HubUser } from '../../shared/sync/auth.ts';

/**
 * Sessions: an opaque token of 32 random bytes (base64url) goes to the
 * workstation once; the hub stores only its SHA-256, with an expiry and a
 * revocation time. Every request reads the session and the user together, so
 * a role change, a disabled account or a revocation counts from the next request.
 */

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(deps: HubDeps, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const createdAt = deps.now();
  const expiresAt = new Date(createdAt.getTime() + (deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS));
  await insertSession(deps.sql, { tokenHash: hashToken(token), userId, createdAt, expiresAt });
  return { token, expiresAt };
}

const unauthenticated = (message: string) => new HubError(HubErrorCode.UNAUTHENTICATED, message, undefined, { 'WWW-Authenticate': 'Bearer' });

/** The bearer token of a request, or a 401 saying what is wrong with the header. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw unauthenticated('Sign in to the newsroom first: this request has no session token.');
  const match = /^Bearer\s+([A-Za-z0-9_-]{1,256})\s*$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>". Sign in again.');
  return match[1]!;
}

export interface AuthenticatedSession {
  user: HubUser;
  row: UserRow;
  session: SessionRow;
  tokenHash: string;
}

/** The request's session and user as they are now, or a 401 that tells the person why. */
export async function requireSession(request: FastifyRequest, deps: HubDeps): Promise<AuthenticatedSession> {
  const tokenHash = hashToken(bearerToken(request));
  const found = await findSessionWithUser(deps.sql, tokenHash);
  if (!found) throw unauthenticated('This session is not known to the hub. Sign in again.');
  const { session, user } = found;
  if (session.revoked_at !== null) throw unauthenticated('You were signed out of this session. Sign in again.');
  if (session.expires_at.getTime() <= deps.now().getTime()) throw unauthenticated('Your session has expired. Sign in again.');
  if (user.disabled) throw unauthenticated('This account is disabled. Ask an admin of your newsroom.');
  return { user: toHubUser(user), row: user, session, tokenHash };
}

/** The signed-in person (Actor-shaped: the shared policy's `can()` takes it as is), or a 401. */
export async function requireUser(request: FastifyRequest, deps: HubDeps): Promise<HubUser> {
  return (await requireSession(request, deps)).user;
}
