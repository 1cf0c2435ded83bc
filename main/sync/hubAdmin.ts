import type { z } from 'zod';
import { CopydeskError, ErrorCode } from '../../shared/api/errors.ts';
import {
  RevokeSessionsResponse,
  UserListResponse,
  UserResponse,
  type CreateUserRequest,
  type HubUserRecord,
  type UpdateUserRequest,
} from '../../shared/sync/auth.ts';
import { createHubClient, HubFailure, type HubClient } from './hubClient.ts';
import type { HubSession, TokenStore } from './tokenStore.ts';

/**
 * The hub's admin API (`/v1/admin/users…`, DESIGN.md §8) as the signed-in
 * account, for managing people from the workstation. Requests go through the
 * sync client's machinery (hubClient.ts: timeouts, reply parsing), with the
 * session token the sync engine keeps; every failure becomes a
 * {@link CopydeskError} whose message is the hub's own sentence, so the
 * Settings view shows exactly what the hub said.
 */
export interface HubAdmin {
  list(): Promise<HubUserRecord[]>;
  create(input: CreateUserRequest): Promise<HubUserRecord>;
  update(id: string, changes: UpdateUserRequest): Promise<HubUserRecord>;
  revokeSessions(id: string): Promise<number>;
}

export interface HubAdminDeps {
  tokens: TokenStore;
  clientFor?: (hubUrl: string) => HubClient;
  /**
   * The hub ended the session (401). The sync engine owns the token, so it is
   * told to find out for itself (one cycle): it drops the token and the
   * status bar says "signed out", as it would after any other 401.
   */
  onSignedOut?: () => void;
}

export const NOT_CONNECTED_MESSAGE = 'Connect to the newsroom first.';

/** The hub's status → the contract's code; the message stays the hub's. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.VALIDATION,
};

export function createHubAdmin(deps: HubAdminDeps): HubAdmin {
  const clientFor = deps.clientFor ?? createHubClient;

  const session = (): HubSession => {
    const current = deps.tokens.read();
    if (!current) throw new CopydeskError(ErrorCode.UNAUTHORIZED, NOT_CONNECTED_MESSAGE, { reason: 'not-connected' });
    return current;
  };

  const call = async <T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> => {
    const { hubUrl, token } = session();
    try {
      return await clientFor(hubUrl).request(method, path, schema, { token, ...(body !== undefined ? { body } : {}) });
    } catch (error) {
      throw toCopydeskError(error, deps.onSignedOut);
    }
  };

  const userPath = (id: string) => `v1/admin/users/${encodeURIComponent(id)}`;

  return {
    list: async () => (await call('GET', 'v1/admin/users', UserListResponse)).users,
    create: async (input) => (await call('POST', 'v1/admin/users', UserResponse, input)).user,
    update: async (id, changes) => (await call('PATCH', userPath(id), UserResponse, changes)).user,
    revokeSessions: async (id) => (await call('POST', `${userPath(id)}/revoke-sessions`, RevokeSessionsResponse)).revoked,
  };
}

function toCopydeskError(error: unknown, onSignedOut: (() => void) | undefined): unknown {
  if (!(error instanceof HubFailure)) return error;
  switch (error.kind) {
    case 'offline':
      return new CopydeskError(ErrorCode.OFFLINE, 'The newsroom hub cannot be reached, so nothing was changed there. Try again when the connection is back.');
    case 'signed_out':
      onSignedOut?.();
      return new CopydeskError(ErrorCode.UNAUTHORIZED, error.message, { reason: 'signed-out' });
    case 'error':
      return new CopydeskError(error.status !== null ? (CODE_BY_STATUS[error.status] ?? ErrorCode.INTERNAL) : ErrorCode.INTERNAL, error.message, {
        hubStatus: error.status,
      });
  }
}
