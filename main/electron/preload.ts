import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../../shared/api/errors.ts';
import { CHANNELS, isEventName } from './channels.ts';

/**
 * Runs sandboxed before the page: exposes exactly `window.copydesk.invoke` and
 * `window.copydesk.on`, and nothing of ipcRenderer or Node. Bundled to
 * out/electron/preload.cjs; it may import only 'electron' and pure modules.
 */

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(CHANNELS.event, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) {
    try {
      listener(payload);
    } catch (error) {
      // One faulty subscriber must not keep the others from hearing the event.
      console.error(`Copydesk: a listener for "${name}" failed`, error);
    }
  }
});

async function invoke(name: unknown, input: unknown): Promise<Result<unknown>> {
  if (typeof name !== 'string') {
    return { ok: false, error: { code: 'VALIDATION', message: 'The method name must be a string.' } };
  }
  try {
    return (await ipcRenderer.invoke(CHANNELS.invoke, name, input)) as Result<unknown>;
  } catch (error) {
    // Reached only when the input cannot be copied to the main process
    // (functions, DOM nodes) or the main process is gone.
    const message = error instanceof Error ? error.message : String(error);
    const code = /clone|serializ/i.test(message) ? 'VALIDATION' : 'INTERNAL';
    return { ok: false, error: { code, message: `Copydesk could not send this request: ${message}` } };
  }
}

function on(event: unknown, listener: unknown): () => void {
  if (!isEventName(event)) throw new TypeError(`Unknown Copydesk event: ${String(event).slice(0, 80)}`);
  if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
  const fn = listener as Listener;
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(fn);
  return () => {
    listeners.get(event)?.delete(fn);
  };
}

contextBridge.exposeInMainWorld('copydesk', { invoke, on });
