import { createBrowserApi, takeToken } from './browser.ts';
import { createElectronApi } from './electron.ts';
import type { ClientApi } from './types.ts';

export { ApiCallError, errorMessage, isErrorCode } from './errors.ts';
export type { ClientApi } from './types.ts';

/**
 * The renderer's API, whatever the transport: the Electron preload's bridge
 * when there is one, otherwise HTTP + SSE to the browser-mode server that
 * served this page.
 */
export function createApi(): ClientApi {
  if (window.copydesk) return createElectronApi(window.copydesk);
  return createBrowserApi(takeToken());
}
