import { parentPort, workerData } from 'node:worker_threads';
import { CopydeskError, ErrorCode, type ApiError } from '../../shared/api/errors.ts';
import { createBackend, toApiError, type Backend } from '../backend/backend.ts';
import { createSafeStorageTokenStore } from './safeStorageTokenStore.ts';
import type { BackendWorkerData, FromWorker, ToWorker } from './workerProtocol.ts';

/**
 * Worker-thread entry (bundled to out/electron/backendWorker.cjs). better-sqlite3
 * is synchronous, so the store lives here and never blocks the window's UI
 * thread. Messages are handled strictly in order; see workerProtocol.ts.
 */

const port = parentPort;
if (!port) throw new Error('backendWorker must run in a worker thread');

const post = (message: FromWorker) => port.postMessage(message);

function openBackend(data: BackendWorkerData): Backend | ApiError {
  try {
    return createBackend({
      dataDir: data.dataDir,
      nativeBinding: data.nativeBinding,
      migrationsDir: data.migrationsDir,
      tokenStore: data.safeStorage ? createSafeStorageTokenStore({ dataDir: data.dataDir, link: data.safeStorage }) : undefined,
    });
  } catch (error) {
    if (error instanceof CopydeskError) return error.toApiError();
    const apiError = toApiError(error);
    // A binary for the wrong runtime is the likeliest cause here; say so plainly.
    const message = error instanceof Error ? error.message : String(error);
    if (/NODE_MODULE_VERSION|was compiled against a different/i.test(message)) {
      return {
        code: ErrorCode.STORAGE,
        message: `The SQLite driver was built for a different runtime than this Copydesk. ${message}`,
      };
    }
    return apiError;
  }
}

const opened = openBackend(workerData as BackendWorkerData);

if ('code' in opened) {
  post({ fatal: opened });
  port.close();
} else {
  const backend = opened;
  const unsubscribe = backend.subscribe((event, payload) => post({ event, payload }));
  // Calls start in order. Most finish synchronously; a few (media.import decodes
  // the image with sharp off this thread's event loop) finish later, and close
  // waits for those so an image being stored is never cut off.
  const pending = new Set<Promise<void>>();
  port.on('message', (message: ToWorker) => {
    if ('close' in message) {
      void Promise.allSettled([...pending]).then(() => {
        unsubscribe();
        backend.close();
        post({ closed: true });
        port.close();
      });
      return;
    }
    // call never rejects: every failure comes back as an error Result.
    const done = backend.call(message.name, message.input).then((result) => {
      post({ id: message.id, result });
      pending.delete(done);
    });
    pending.add(done);
  });
  post({ ready: true });
}
