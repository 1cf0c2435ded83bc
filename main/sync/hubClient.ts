import type { z } from 'zod';
import { HubErrorBody, LoginResponse } from '../../shared/sync/auth.ts';
import { createHash } from 'node:crypto';
import { HUB_MEDIA_MAX_BYTES, imageTypeOf, type HubMediaType } from '../../shared/sync/media.ts';
import { NewsroomResponse } from '../../shared/sync/newsroom.ts';
import { HUB_EVENTS, MediaPutResponse, PullResponse, PushResponse, RevisionsResponse, type Cursor, type Mutation } from '../../shared/sync/protocol.ts';

/**
 * The workstation's HTTP client for the hub (DESIGN.md §7), on the global
 * fetch. Every reply is parsed with the shared zod schemas; every failure
 * becomes a {@link HubFailure} of one of three kinds the sync state shows:
 * `offline` (no answer: network, timeout, a 5xx from a proxy), `signed_out`
 * (401: the session ended; the token is dropped, nothing pending is lost) and
 * `error` (any other 4xx, with the hub's own sentence).
 */

export type FailureKind = 'offline' | 'signed_out' | 'error';

export class HubFailure extends Error {
  readonly kind: FailureKind;
  readonly status: number | null;
  constructor(kind: FailureKind, message: string, status: number | null = null) {
    super(message);
    this.name = 'HubFailure';
    this.kind = kind;
    this.status = status;
  }
}

/** A request that has not answered in this long counts as offline. Pushes carry up to 32 MB, so they get longer. */
export const REQUEST_TIMEOUT_MS = 15_000;
export const PUSH_TIMEOUT_MS = 120_000;

const OFFLINE = 'The newsroom hub cannot be reached. Your work is kept here and will be sent when the connection is back.';

export interface HubClient {
  login(username: string, password: string): Promise<LoginResponse>;
  logout(token: string): Promise<void>;
  push(token: string, workstationId: string, mutations: readonly Mutation[]): Promise<PushResponse>;
  pull(token: string, cursor: Cursor | null, limit?: number): Promise<PullResponse>;
  /** Revisions of one story by id (`POST /v1/sync/revisions`, at most SYNC_LIMITS.revisionsPerFetch): those the person may read. */
  revisions(token: string, storyId: string, ids: readonly string[]): Promise<RevisionsResponse>;
  /**
   * Holds `GET /v1/events` open and calls `onChanged` once it is open and
   * for every nudge, until `signal` aborts or the stream ends (resolves) or
   * fails (rejects).
   */
  events(token: string, onChanged: () => void, signal: AbortSignal): Promise<void>;
  /** Uploads an image's original bytes (`PUT /v1/media/<sha256>`); the hub answers 200 when it had it already. */
  putMedia(token: string, sha256: string, mime: HubMediaType, bytes: Uint8Array<ArrayBuffer>): Promise<MediaPutResponse>;
  /**
   * Downloads an image (`GET /v1/media/<sha256>`), at most the hub's size
   * limit. Bytes whose sha256 is not the one asked for, or that are not an
   * image, are refused (a `HubFailure` of kind `error`): nothing is returned.
   */
  getMedia(token: string, sha256: string): Promise<{ mime: HubMediaType; bytes: Buffer }>;
  /**
   * The newsroom's settings and people (`GET /v1/newsroom`, main/sync/newsroom.ts), asked with
   * If-None-Match: null when `etag` is still the hub's (304), else the reply with its new ETag.
   */
  newsroom(token: string, etag: string | null): Promise<{ etag: string | null; newsroom: NewsroomResponse } | null>;
  /** Any other call to the hub (the admin API: main/sync/hubAdmin.ts), with the same parsing and failures. */
  request<T>(method: string, path: string, schema: z.ZodType<T> | null, init?: { token?: string; body?: unknown; timeoutMs?: number }): Promise<T>;
}

export function createHubClient(hubUrl: string): HubClient {
  const base = hubUrl.endsWith('/') ? hubUrl : `${hubUrl}/`;

  const send = async <T>(
    method: string,
    path: string,
    schema: z.ZodType<T> | null,
    init: { token?: string; body?: unknown; timeoutMs?: number } = {},
  ): Promise<T> => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(new URL(path, base), {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(init.timeoutMs ?? REQUEST_TIMEOUT_MS),
      });
    } catch {
      throw new HubFailure('offline', OFFLINE);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw failureOf(response.status, text);
    if (schema === null) return undefined as T;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HubFailure('error', `The hub at ${hubUrl} sent a reply Copydesk does not understand. Is this the newsroom hub’s address?`, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HubFailure('error', `The hub sent a reply Copydesk does not understand (${parsed.error.issues[0]?.message ?? 'bad reply'}). Copydesk or the hub may need updating.`);
    return parsed.data;
  };

  return {
    request: send,
    login: (username, password) => send('POST', 'v1/auth/login', LoginResponse, { body: { username, password } }),
    logout: (token) => send('POST', 'v1/auth/logout', null, { token }),
    push: (token, workstationId, mutations) =>
      send('POST', 'v1/sync/push', PushResponse, { token, body: { workstationId, mutations }, timeoutMs: PUSH_TIMEOUT_MS }),
    pull: (token, cursor, limit) => send('POST', 'v1/sync/pull', PullResponse, { token, body: { cursor, ...(limit ? { limit } : {}) } }),
    revisions: (token, storyId, ids) => send('POST', 'v1/sync/revisions', RevisionsResponse, { token, body: { storyId, ids } }),

    async putMedia(token, sha256, mime, bytes) {
      let response: Response;
      try {
        response = await fetch(new URL(`v1/media/${sha256}`, base), {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': mime },
          body: bytes,
          signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
        });
      } catch {
        throw new HubFailure('offline', OFFLINE);
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) throw failureOf(response.status, text);
      let parsed;
      try {
        parsed = MediaPutResponse.safeParse(JSON.parse(text));
      } catch {
        parsed = null;
      }
      if (!parsed?.success || parsed.data.sha256 !== sha256) throw new HubFailure('error', 'The hub sent a reply to a picture upload that Copydesk does not understand. Copydesk or the hub may need updating.');
      return parsed.data;
    },

    async getMedia(token, sha256) {
      let response: Response;
      try {
        response = await fetch(new URL(`v1/media/${sha256}`, base), {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
        });
      } catch {
        throw new HubFailure('offline', OFFLINE);
      }
      if (!response.ok || !response.body) throw failureOf(response.status, await response.text().catch(() => ''));
      const tooLarge = () => new HubFailure('error', `The hub sent a picture larger than its own limit of ${HUB_MEDIA_MAX_BYTES / 1024 / 1024} MB; it was not stored.`);
      if (Number(response.headers.get('content-length') ?? 0) > HUB_MEDIA_MAX_BYTES) {
        await response.body.cancel().catch(() => undefined);
        throw tooLarge();
      }
      // Read with a running total: a missing or false Content-Length cannot make this hold more than the limit.
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > HUB_MEDIA_MAX_BYTES) {
            await reader.cancel().catch(() => undefined);
            throw tooLarge();
          }
          chunks.push(value);
        }
      } catch (error) {
        throw error instanceof HubFailure ? error : new HubFailure('offline', OFFLINE);
      } finally {
        reader.releaseLock();
      }
      const bytes = Buffer.concat(chunks, size);
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
        throw new HubFailure('error', 'A picture arrived from the hub damaged (its bytes do not match its sha256); it was not stored and will be fetched again.');
      }
      const mime = imageTypeOf(bytes);
      if (mime === null) throw new HubFailure('error', 'The hub sent something that is not a JPEG, PNG, WebP or GIF picture; it was not stored.');
      return { mime, bytes };
    },

    async newsroom(token, etag) {
      let response: Response;
      try {
        response = await fetch(new URL('v1/newsroom', base), {
          headers: { authorization: `Bearer ${token}`, ...(etag ? { 'if-none-match': etag } : {}) },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch {
        throw new HubFailure('offline', OFFLINE);
      }
      const text = await response.text().catch(() => '');
      if (response.status === 304) return null;
      if (!response.ok) throw failureOf(response.status, text);
      let parsed;
      try {
        parsed = NewsroomResponse.safeParse(JSON.parse(text));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) throw new HubFailure('error', 'The hub sent newsroom settings Copydesk does not understand. Copydesk or the hub may need updating.', response.status);
      return { etag: response.headers.get('etag'), newsroom: parsed.data };
    },

    async events(token, onChanged, signal) {
      let response: Response;
      try {
        response = await fetch(new URL('v1/events', base), { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal });
      } catch {
        throw new HubFailure('offline', OFFLINE);
      }
      if (!response.ok || !response.body) throw failureOf(response.status, await response.text().catch(() => ''));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          // Events end with a blank line; only the event name matters (the data is "pull now").
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            // `ready` opens every stream: nudges sent while it was down were never heard, so it asks for a pull too.
            if (block.split('\n').some((line) => line === `event: ${HUB_EVENTS.changed}` || line === `event: ${HUB_EVENTS.ready}`)) onChanged();
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        throw error instanceof HubFailure ? error : new HubFailure('offline', OFFLINE);
      } finally {
        reader.releaseLock();
      }
    },
  };
}

function failureOf(status: number, text: string): HubFailure {
  let message: string | null = null;
  try {
    const parsed = HubErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) message = parsed.data.error.message;
  } catch {
    // not the hub's JSON (a proxy's page): described by status below
  }
  if (status === 401) return new HubFailure('signed_out', message ?? 'The hub ended your session. Sign in again; nothing you wrote is lost.', status);
  if (status >= 500 || status === 0) return new HubFailure('offline', OFFLINE, status);
  return new HubFailure('error', message ?? `The hub refused the request (HTTP ${status}).`, status);
}
