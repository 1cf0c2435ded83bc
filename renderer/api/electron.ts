import type { CopydeskApi, EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import type { Result } from '../../shared/api/errors.ts';
import { ApiCallError, toApiCallError } from './errors.ts';
import { buildMediaUrl } from './mediaUrl.ts';
import type { ClientApi } from './types.ts';

/** What the Electron preload exposes through contextBridge, and nothing more. */
export interface PreloadBridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    copydesk?: PreloadBridge;
  }
}

export function createElectronApi(bridge: PreloadBridge): ClientApi {
  const invoke = async <M extends MethodName>(name: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    let result: Result<unknown>;
    try {
      result = await bridge.invoke(name, input);
    } catch (error) {
      throw toApiCallError(error);
    }
    if (result.ok) return result.value as MethodOutput<M>;
    throw new ApiCallError(result.error);
  };
  const api: CopydeskApi = {
    invoke,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return bridge.on(event, (payload) => listener(payload as EventPayload<E>));
    },
  };
  return {
    ...api,
    // Served by the app:// protocol from the media folder (main/electron/protocol.ts).
    mediaUrl: (sha256, variant = null) => buildMediaUrl(sha256, variant, null),
    // IPC messages leave the renderer synchronously, so an ordinary call survives unload.
    sendOnUnload: (name, input) => {
      void invoke(name, input).catch(() => undefined);
    },
  };
}
