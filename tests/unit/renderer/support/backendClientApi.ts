import type { Backend } from '../../../../main/backend/backend.ts';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../../shared/api/contract.ts';
import type { Result } from '../../../../shared/api/errors.ts';
import { ApiCallError, toApiCallError } from '../../../../renderer/api/errors.ts';
import type { ClientApi } from '../../../../renderer/api/types.ts';

/** One call that reached the backend, as a test reads it back. */
export interface RecordedCall {
  name: MethodName;
  input: unknown;
  via: 'invoke' | 'unload';
  /** Fake-clock time the backend received it. */
  at: number;
  /** The backend's answer; set a microtask after the call. */
  result?: Result<unknown>;
}

/** The renderer's {@link ClientApi} over a real in-process backend, with a few handles for tests. */
export interface BackendClientApi extends ClientApi {
  /** Every call the backend answered, in order. */
  readonly calls: RecordedCall[];
  /**
   * From now on the backend still handles each request at once (as IPC or HTTP
   * would deliver it), but the reply reaches the renderer only on {@link releaseReplies}:
   * a save stays "in flight" for as long as a test needs.
   */
  holdReplies(): void;
  releaseReplies(): void;
}

/**
 * Wraps a backend the way the Electron transport does (renderer/api/electron.ts):
 * a Result becomes a value or a thrown {@link ApiCallError}. `current` is read on
 * every call, so a test can close the backend and open a new one on the same
 * data folder, as when the backend worker restarts.
 */
export function createBackendClientApi(current: () => Backend): BackendClientApi {
  const calls: RecordedCall[] = [];
  let holding = false;
  let held: Array<() => void> = [];

  const send = async (name: MethodName, input: unknown, via: RecordedCall['via']): Promise<Result<unknown>> => {
    // backend.call runs the handler synchronously, so the store is written before this returns.
    const call: RecordedCall = { name, input, via, at: Date.now() };
    calls.push(call);
    const pending = current().call(name, input);
    const gate = holding ? new Promise<void>((resolve) => held.push(resolve)) : null;
    const result = await pending;
    call.result = result;
    if (gate) await gate;
    return result;
  };

  const invoke = async <M extends MethodName>(name: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    let result: Result<unknown>;
    try {
      result = await send(name, input, 'invoke');
    } catch (error) {
      throw toApiCallError(error);
    }
    if (result.ok) return result.value as MethodOutput<M>;
    throw new ApiCallError(result.error);
  };

  return {
    calls,
    invoke,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return current().subscribe((name: EventName, payload: unknown) => {
        if (name === event) listener(payload as EventPayload<E>);
      });
    },
    sendOnUnload(name, input) {
      void send(name, input, 'unload').catch(() => undefined);
    },
    mediaUrl: (sha256, variant = null) => `/media/${sha256}${variant ? `?variant=${variant}` : ''}`,
    holdReplies() {
      holding = true;
    },
    releaseReplies() {
      holding = false;
      const release = held;
      held = [];
      for (const resolve of release) resolve();
    },
  };
}
