import {
  contract,
  type MethodName,
  type EventName,
  type EventPayload,
} from '../../shared/api/contract.ts';
import { CopydeskError, ErrorCode, type ApiError, type Result } from '../../shared/api/errors.ts';
import { describeIssues, parseCall } from '../../shared/api/validate.ts';
import { openStore, type OpenStoreOptions } from '../store/db.ts';
import { SchemaTooNewError } from '../store/migrate.ts';
import { createStoriesStore } from '../store/stories.ts';
import { createMediaStore } from '../store/media.ts';
import { createPeopleStore } from '../store/people.ts';
import { createSettingsStore } from '../store/settings.ts';
import { createRevisionsStore } from '../store/revisions.ts';
import { createProfilesStore } from '../store/profiles.ts';
import { createCommentsStore } from '../store/comments.ts';
import { createWorkflowStore } from '../store/workflow.ts';
import { createProposalsStore } from '../store/proposals.ts';
import { createWorkflowHandlers } from './handlers/workflow.ts';
import { createProposalHandlers } from './handlers/proposals.ts';
import { createAccess } from './access.ts';
import { APP_VERSION } from './version.ts';
import type { BackendContext, Handlers } from './context.ts';
import { createStoryHandlers } from './handlers/stories.ts';
import { createMediaHandlers } from './handlers/media.ts';
import { createSettingsHandlers } from './handlers/settings.ts';
import { createPeopleHandlers } from './handlers/people.ts';
import { createExportHandlers } from './handlers/export.ts';
import { createTransferHandlers } from './handlers/transfer.ts';
import { createSessionHandlers } from './handlers/session.ts';
import { createCommentHandlers } from './handlers/comments.ts';
import { createRevisionHandlers, createRevisionService, revisionAuthor } from './handlers/revisions.ts';
import { createSyncHandlers } from './handlers/sync.ts';
import { createHubPeopleHandlers } from './handlers/hubPeople.ts';
import { createSyncStore } from '../store/sync.ts';
import { createSyncRecorder } from '../sync/recorder.ts';
import { createSyncEngine, type SyncTiming } from '../sync/syncEngine.ts';
import { createFileTokenStore, type TokenStore } from '../sync/tokenStore.ts';
import { createNewsroomSync } from '../sync/newsroom.ts';

export interface BackendOptions extends OpenStoreOptions {
  /** Clock, replaceable in tests. */
  now?: () => Date;
  /** Where the hub session token is kept; default: a 0600 file in the data folder (main/sync/tokenStore.ts). */
  tokenStore?: TokenStore;
  /** Sync timings other than main/sync/syncEngine.ts SYNC_TIMING (tests: a short quiet period). */
  syncTiming?: Partial<SyncTiming>;
}

export type BackendListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * The transport-free backend: every method of the contract, implemented over
 * the local store. Transports (Electron IPC in a worker thread, browser-mode
 * HTTP) hand it a method name and untrusted input and get a {@link Result}.
 */
export interface Backend {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  /**
   * Synchronous variant for callers already off the UI thread (worker, tests,
   * benchmarks). Methods whose handler is asynchronous (media.import) answer
   * INTERNAL here: use `call` for them.
   */
  callSync(name: string, input: unknown): Result<unknown>;
  subscribe(listener: BackendListener): () => void;
  close(): void;
}

export function createBackend(options: BackendOptions): Backend {
  const { db, schemaVersion } = openStoreOrExplain(options);
  const now = options.now ?? (() => new Date());
  const listeners = new Set<BackendListener>();

  const emit: BackendListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };

  const stores = { stories: createStoriesStore(db), media: createMediaStore(db), people: createPeopleStore(db), settings: createSettingsStore(db), revisions: createRevisionsStore(db), profiles: createProfilesStore(db), comments: createCommentsStore(db), workflow: createWorkflowStore(db), proposals: createProposalsStore(db) };
  const access = createAccess(stores.profiles);
  const syncStore = createSyncStore(db);
  const recorder = createSyncRecorder({ sync: syncStore, profiles: stores.profiles, stories: stores.stories, now });
  const ctx: BackendContext = {
    db,
    dataDir: options.dataDir,
    stores,
    now,
    emit,
    actor: access.actor,
    access,
    sync: recorder,
    revisions: createRevisionService({
      stores,
      now,
      author: () => revisionAuthor(access.currentProfile()),
      onCheckpoint: (storyId, revision, snapshot) => recorder.checkpointed(storyId, revision, snapshot),
    }),
  };
  const tokens = options.tokenStore ?? createFileTokenStore(options.dataDir);
  // The newsroom's settings and people come from the hub: read each sync cycle, changed through it (settings.update).
  const newsroom = createNewsroomSync({ ctx, sync: syncStore, tokens, onSignedOut: () => void syncEngine.syncNow().catch(() => undefined) });
  const syncEngine = createSyncEngine({ ctx, sync: syncStore, recorder, tokens, timing: options.syncTiming, newsroom });
  // A stored working copy (a save, a restore…) may be text the hub has not had yet: sync it after a pause.
  listeners.add((event, payload) => {
    if (event === 'story.changed') syncEngine.storyChanged((payload as EventPayload<'story.changed'>).id);
  });

  const handlers = {
    'app.info': () => ({ name: 'Copydesk' as const, version: APP_VERSION, dataDir: options.dataDir, schemaVersion }),
    ...createStoryHandlers(ctx),
    ...createMediaHandlers(ctx),
    ...createSettingsHandlers(ctx, newsroom),
    ...createPeopleHandlers(ctx),
    ...createExportHandlers(ctx),
    ...createTransferHandlers(ctx),
    ...createSessionHandlers(ctx),
    ...createRevisionHandlers(ctx),
    ...createCommentHandlers(ctx),
    ...createWorkflowHandlers(ctx),
    ...createProposalHandlers(ctx),
    ...createSyncHandlers(syncEngine),
    ...createHubPeopleHandlers(ctx, { tokens, onSignedOut: () => void syncEngine.syncNow().catch(() => undefined) }),
  } satisfies Handlers;

  const checkOutput = (name: MethodName, value: unknown): Result<unknown> => {
    const checked = contract[name].output.safeParse(value);
    if (!checked.success) {
      // Our own output broke the contract: a bug, reported as such rather than sent on.
      const { message, details } = describeIssues(checked.error);
      return fail({ code: ErrorCode.INTERNAL, message: `Copydesk produced an invalid reply: ${message}`, details });
    }
    return { ok: true, value: checked.data };
  };

  /** Validates the input and runs the handler; the value may be a promise. */
  const start = (name: string, input: unknown): { name: MethodName; value: unknown } => {
    const call = parseCall(name, input);
    const handler = handlers[call.name] as (input: unknown) => unknown;
    return { name: call.name, value: handler(call.input) };
  };

  const callSync = (name: string, input: unknown): Result<unknown> => {
    try {
      const started = start(name, input);
      if (started.value instanceof Promise) {
        started.value.catch(() => undefined);
        return fail({ code: ErrorCode.INTERNAL, message: `${started.name} is asynchronous; it must be called with call(), not callSync().` });
      }
      return checkOutput(started.name, started.value);
    } catch (error) {
      return fail(toApiError(error));
    }
  };

  const call = async (name: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const started = start(name, input);
      return checkOutput(started.name, await started.value);
    } catch (error) {
      return fail(toApiError(error));
    }
  };

  // A workstation that was connected when it closed goes on syncing.
  syncEngine.start();

  return {
    callSync,
    call,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      syncEngine.stop();
      listeners.clear();
      if (db.open) db.close();
    },
  };
}

function fail(error: ApiError): Result<never> {
  return { ok: false, error };
}

function openStoreOrExplain(options: OpenStoreOptions) {
  try {
    return openStore(options);
  } catch (error) {
    if (error instanceof SchemaTooNewError) throw new CopydeskError(ErrorCode.STORAGE, error.message, { found: error.found, known: error.known });
    throw error;
  }
}

/** SQLite error codes that mean the disk or file, not the request, is at fault. */
const STORAGE_MESSAGES: Record<string, string> = {
  SQLITE_FULL: 'The disk is full, so the story could not be saved. Free some space; your text is still in the editor.',
  SQLITE_READONLY: 'The story store is read-only, so changes cannot be saved.',
  SQLITE_BUSY: 'The story store is busy in another Copydesk window. Try again in a moment.',
  SQLITE_IOERR: 'The story store could not be written (disk error).',
  SQLITE_CORRUPT: 'The story store is damaged. Copydesk will not write to it.',
  SQLITE_CANTOPEN: 'The story store could not be opened.',
};

export function toApiError(error: unknown): ApiError {
  if (error instanceof CopydeskError) return error.toApiError();
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const base = code.replace(/^(SQLITE_[A-Z]+).*$/, '$1');
    return {
      code: ErrorCode.STORAGE,
      message: STORAGE_MESSAGES[base] ?? `The story store reported an error (${code}).`,
      details: { sqlite: code },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: ErrorCode.INTERNAL, message: `Something went wrong in Copydesk: ${message}` };
}
