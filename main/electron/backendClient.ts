import { ErrorCode, type ApiError, type Result } from '../../shared/api/errors.ts';
import type { FromWorker, ToWorker } from './workerProtocol.ts';

/** The part of `worker_threads.Worker` the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  on(event: 'message', listener: (message: FromWorker) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

export interface BackendClientOptions {
  /** Starts a fresh backend worker. Called again after a crash. */
  spawn: () => WorkerLike;
  /** Backend events, forwarded to the window. */
  onEvent: (event: string, payload: unknown) => void;
  /** Called when the worker crashed and could not be brought back. */
  onGiveUp?: (error: ApiError) => void;
  log?: (message: string) => void;
  /** A call without an answer after this long resolves with an error. */
  callTimeoutMs?: number;
  /** How long `close()` waits for queued writes before stopping the worker. */
  closeTimeoutMs?: number;
  /** Crashes tolerated within `restartWindowMs` before giving up. */
  maxRestarts?: number;
  restartWindowMs?: number;
}

export interface BackendClient {
  /** Starts the worker; resolves once the store is open, or with why it could not open. */
  start(): Promise<Result<null>>;
  /** Sends a call; never rejects. */
  call(name: string, input: unknown): Promise<Result<unknown>>;
  /** Lets queued calls finish, closes the database and stops the worker. */
  close(): Promise<void>;
  readonly pending: number;
}

type State = 'idle' | 'starting' | 'ready' | 'closing' | 'closed' | 'failed';

interface Pending {
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

const failure = (code: ApiError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * Main-process side of the backend worker: numbers requests, matches replies,
 * times out calls that never return and restarts the worker if it crashes.
 */
export function createBackendClient(options: BackendClientOptions): BackendClient {
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  const maxRestarts = options.maxRestarts ?? 3;
  const restartWindowMs = options.restartWindowMs ?? 60_000;
  const log = options.log ?? (() => undefined);

  let state: State = 'idle';
  let worker: WorkerLike | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const crashTimes: number[] = [];
  let startWaiter: ((result: Result<null>) => void) | null = null;
  let closedWaiter: (() => void) | null = null;
  let fatalError: ApiError | null = null;

  const settle = (id: number, result: Result<unknown>) => {
    const entry = pending.get(id);
    if (!entry) return; // Timed out earlier; the late reply has nowhere to go.
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  };

  const failAllPending = (error: Result<never>) => {
    for (const id of [...pending.keys()]) settle(id, error);
  };

  const launch = () => {
    const current = options.spawn();
    worker = current;
    fatalError = null;
    current.on('message', (message: FromWorker) => {
      if (worker !== current) return;
      if ('id' in message) settle(message.id, message.result);
      else if ('event' in message) options.onEvent(message.event, message.payload);
      else if ('ready' in message) {
        state = 'ready';
        startWaiter?.({ ok: true, value: null });
        startWaiter = null;
      } else if ('fatal' in message) {
        fatalError = message.fatal;
      } else if ('closed' in message) {
        closedWaiter?.();
      }
    });
    current.on('error', (error: Error) => log(`Backend worker error: ${error.stack ?? error.message}`));
    current.on('exit', (code: number) => {
      if (worker !== current) return;
      worker = null;
      onExit(code);
    });
  };

  const onExit = (code: number) => {
    if (state === 'closing' || state === 'closed') {
      state = 'closed';
      failAllPending(failure(ErrorCode.STORAGE, 'Copydesk is closing; this change was not saved.'));
      closedWaiter?.();
      return;
    }
    if (fatalError !== null || state === 'starting') {
      // The store refused to open (newer schema, wrong driver, unreadable file):
      // restarting would fail the same way, so report it once.
      const error = fatalError ?? { code: ErrorCode.INTERNAL, message: `The story store stopped while opening (exit code ${code}).` };
      state = 'failed';
      failAllPending({ ok: false, error });
      if (startWaiter) {
        startWaiter({ ok: false, error });
        startWaiter = null;
      } else {
        options.onGiveUp?.(error);
      }
      return;
    }
    failAllPending(failure(ErrorCode.INTERNAL, 'The story store stopped unexpectedly and is restarting. Try again; your text is still in the editor.'));
    const now = Date.now();
    crashTimes.push(now);
    while (crashTimes.length > 0 && now - crashTimes[0]! > restartWindowMs) crashTimes.shift();
    if (crashTimes.length > maxRestarts) {
      state = 'failed';
      options.onGiveUp?.({ code: ErrorCode.STORAGE, message: `The story store stopped ${crashTimes.length} times in a row (last exit code ${code}).` });
      return;
    }
    log(`Backend worker exited with code ${code}; restarting.`);
    state = 'starting';
    launch();
  };

  return {
    get pending() {
      return pending.size;
    },

    start() {
      if (state !== 'idle') return Promise.resolve(failure(ErrorCode.INTERNAL, 'The backend was already started.'));
      state = 'starting';
      return new Promise((resolve) => {
        startWaiter = resolve;
        launch();
      });
    },

    call(name, input) {
      if (state === 'closing' || state === 'closed') return Promise.resolve(failure(ErrorCode.STORAGE, 'Copydesk is closing; this change was not saved.'));
      if (state === 'failed' || state === 'idle' || worker === null) {
        return Promise.resolve(failure(ErrorCode.STORAGE, 'The story store is not available.'));
      }
      const id = nextId++;
      const target = worker;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          settle(id, failure(ErrorCode.INTERNAL, `The story store did not answer within ${Math.round(callTimeoutMs / 1000)} s (${name}).`));
        }, callTimeoutMs);
        pending.set(id, { resolve, timer });
        target.postMessage({ id, name, input });
      });
    },

    async close() {
      if (state === 'closed') return;
      const current = worker;
      state = 'closing';
      if (current === null) {
        state = 'closed';
        return;
      }
      // The worker answers `close` after every call queued before it, so
      // waiting for `closed` is waiting for pending writes to reach the disk.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const closed = new Promise<boolean>((resolve) => {
        closedWaiter = () => resolve(true);
        timer = setTimeout(() => resolve(false), closeTimeoutMs);
      });
      current.postMessage({ close: true });
      const clean = await closed;
      clearTimeout(timer);
      if (!clean) log(`Backend worker did not close within ${closeTimeoutMs} ms; stopping it.`);
      await current.terminate().catch(() => 0);
      state = 'closed';
    },
  };
}
