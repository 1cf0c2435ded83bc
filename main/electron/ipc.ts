import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CopydeskError, ErrorCode, type Result } from '../../shared/api/errors.ts';
import { parseCall } from '../../shared/api/validate.ts';
import type { BackendClient } from './backendClient.ts';
import { CHANNELS } from './channels.ts';
import { isTrustedSender } from './policy.ts';

export interface IpcOptions {
  /** The window's WebContents, or null while no window is open. */
  getContents: () => WebContents | null;
  backend: BackendClient;
}

function senderIsTrusted(event: IpcMainInvokeEvent, contents: WebContents | null): boolean {
  const frame = event.senderFrame;
  return isTrustedSender({
    frameUrl: frame?.url ?? null,
    isOurMainFrame: contents !== null && event.sender === contents && frame !== null && frame.parent === null,
  });
}

/**
 * Wires `copydesk:invoke`: only our window's top frame on app://copydesk may
 * call; the call is checked against the contract here (so malformed input
 * never reaches the worker) and always answered with a Result, never a throw.
 */
export function registerIpc(options: IpcOptions): () => void {
  ipcMain.handle(CHANNELS.invoke, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!senderIsTrusted(event, options.getContents())) {
      return { ok: false, error: { code: ErrorCode.FORBIDDEN, message: 'This page may not use the Copydesk backend.' } };
    }
    let call: ReturnType<typeof parseCall>;
    try {
      call = parseCall(name, input);
    } catch (error) {
      if (error instanceof CopydeskError) return { ok: false, error: error.toApiError() };
      return { ok: false, error: { code: ErrorCode.VALIDATION, message: 'The request could not be read.' } };
    }
    return options.backend.call(call.name, call.input);
  });
  return () => ipcMain.removeHandler(CHANNELS.invoke);
}

/** Sends a backend event to the window, if one is open. */
export function sendEvent(contents: WebContents | null, event: string, payload: unknown): void {
  if (contents === null || contents.isDestroyed()) return;
  contents.send(CHANNELS.event, event, payload);
}
