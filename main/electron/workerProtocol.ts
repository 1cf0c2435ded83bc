import type { ApiError, Result } from '../../shared/api/errors.ts';
import type { SafeStorageLink } from './safeStorageProtocol.ts';

/**
 * Messages between the main process and the backend worker thread. The
 * worker handles messages one at a time in arrival order, so a `close`
 * request is answered only after every call sent before it has finished.
 */

/** What the main process hands the worker at start. */
export interface BackendWorkerData {
  dataDir: string;
  /** Path of a better-sqlite3 binary built for Electron's ABI; unset to use the package's own. */
  nativeBinding: string | undefined;
  migrationsDir: string | undefined;
  /** The main process's safeStorage, for the hub session token; unset keeps it in the owner-only file. */
  safeStorage?: SafeStorageLink;
}

export type ToWorker = { id: number; name: string; input: unknown } | { close: true };

export type FromWorker =
  | { ready: true }
  /** The backend could not open; the worker exits after sending this. */
  | { fatal: ApiError }
  | { id: number; result: Result<unknown> }
  | { event: string; payload: unknown }
  | { closed: true };
