import { monotonicFactory } from 'ulid';
import {
  contract,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
} from '../../shared/api/contract.ts';
import { CopydeskError, ErrorCode, type ApiError, type Result } from '../../shared/api/errors.ts';
import { describeIssues, parseCall } from '../../shared/api/validate.ts';
import { documentText, emptyDocument } from '../../shared/model/document.ts';
import { countText } from '../../shared/model/wordcount.ts';
import { LIMITS } from '../../shared/model/story.ts';
import { openStore, type OpenStoreOptions } from '../store/db.ts';
import { SchemaTooNewError } from '../store/migrate.ts';
import { createStoriesStore } from '../store/stories.ts';
import { toFtsQuery } from '../store/ftsQuery.ts';
import { toSearchText } from '../store/searchText.ts';
import { APP_VERSION } from './version.ts';

export interface BackendOptions extends OpenStoreOptions {
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

export type BackendListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * The transport-free backend: every method of the contract, implemented over
 * the local store. Transports (Electron IPC in a worker thread, browser-mode
 * HTTP) hand it a method name and untrusted input and get a {@link Result}.
 */
export interface Backend {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  /** Synchronous variant for callers already off the UI thread (worker, tests, benchmarks). */
  callSync(name: string, input: unknown): Result<unknown>;
  subscribe(listener: BackendListener): () => void;
  close(): void;
}

type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> };

export function createBackend(options: BackendOptions): Backend {
  const { db, schemaVersion } = openStoreOrExplain(options);
  const stories = createStoriesStore(db);
  const now = options.now ?? (() => new Date());
  const newId = monotonicFactory();
  const listeners = new Set<BackendListener>();

  const emit: BackendListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };

  const mustExist = (id: string) => {
    const story = stories.get(id);
    if (!story) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That story no longer exists. It may have been deleted from the trash.', { id });
    return story;
  };

  const handlers = {
    'app.info': () => ({ name: 'Copydesk' as const, version: APP_VERSION, dataDir: options.dataDir, schemaVersion }),

    'stories.list': ({ view, query, offset, limit }) => {
      const match = toFtsQuery(query);
      if (match === null) return { ...stories.list(view, offset, limit), totalCapped: false };
      return stories.search(view, match, offset, limit);
    },

    'stories.create': ({ headline, language }) => {
      const id = newId();
      stories.create({
        id,
        headline,
        searchHeadline: toSearchText(headline),
        language,
        bodyJson: JSON.stringify(emptyDocument()),
        now: now().toISOString(),
      });
      emit('library.changed', {});
      return mustExist(id);
    },

    'stories.get': ({ id }) => mustExist(id),

    'stories.save': ({ id, headline, standfirst, body, language, baseRevision }) => {
      return db.transaction(() => {
        const stored = stories.getRaw(id);
        if (!stored) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That story no longer exists, so this change could not be saved. Your text is still in the editor.', { id });
        if (stored.trashed_at !== null) {
          throw new CopydeskError(ErrorCode.CONFLICT, 'This story is in the trash. Restore it to keep editing.', { id });
        }
        const bodyJson = JSON.stringify(body);
        if (bodyJson.length > LIMITS.bodyJson) {
          throw new CopydeskError(
            ErrorCode.VALIDATION,
            `This story is too long to save (${bodyJson.length.toLocaleString('en')} characters of document data; the limit is ${LIMITS.bodyJson.toLocaleString('en')}). Split it into shorter stories.`,
            [{ path: 'body', message: 'Story body is too large' }],
          );
        }
        const nextLanguage = language ?? stored.language;
        const unchanged =
          stored.headline === headline &&
          stored.standfirst === standfirst &&
          stored.body_json === bodyJson &&
          stored.language === nextLanguage;
        if (unchanged) {
          return { id, revision: stored.revision, updatedAt: stored.updated_at, wordCount: stored.word_count };
        }
        if (baseRevision !== undefined && baseRevision !== stored.revision) {
          throw new CopydeskError(
            ErrorCode.CONFLICT,
            'This story was changed in another window since you opened it.',
            { id, baseRevision, storedRevision: stored.revision },
          );
        }
        const bodyText = documentText(body);
        const wordCount = countText(bodyText, nextLanguage).words;
        const updatedAt = now().toISOString();
        stories.update({
          id,
          headline,
          standfirst,
          bodyJson,
          searchHeadline: toSearchText(headline),
          searchStandfirst: toSearchText(standfirst),
          searchBody: toSearchText(bodyText),
          language: nextLanguage,
          wordCount,
          now: updatedAt,
        });
        const revision = stored.revision + 1;
        emit('story.changed', { id, revision });
        return { id, revision, updatedAt, wordCount };
      }).immediate();
    },

    'stories.trash': ({ id }) => {
      const story = mustExist(id);
      if (story.trashedAt) return { id, trashedAt: story.trashedAt };
      const trashedAt = now().toISOString();
      stories.trash(id, trashedAt);
      emit('library.changed', {});
      return { id, trashedAt };
    },

    'stories.restore': ({ id }) => {
      mustExist(id);
      stories.restore(id);
      emit('library.changed', {});
      return { id };
    },

    'stories.emptyTrash': () => {
      const deleted = stories.emptyTrash();
      if (deleted > 0) emit('library.changed', {});
      return { deleted };
    },
  } satisfies Handlers;

  const callSync = (name: string, input: unknown): Result<unknown> => {
    try {
      const call = parseCall(name, input);
      const handler = handlers[call.name] as (input: unknown) => unknown;
      const value = handler(call.input);
      const checked = contract[call.name].output.safeParse(value);
      if (!checked.success) {
        // Our own output broke the contract: a bug, reported as such rather than sent on.
        const { message, details } = describeIssues(checked.error);
        return fail({ code: ErrorCode.INTERNAL, message: `Copydesk produced an invalid reply: ${message}`, details });
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      return fail(toApiError(error));
    }
  };

  return {
    callSync,
    call: (name, input) => Promise.resolve(callSync(name, input)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
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
