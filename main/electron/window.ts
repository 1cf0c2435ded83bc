import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, externalUrlToOpen, isAppUrl, SECURITY_HEADERS } from './policy.ts';

/**
 * Session-wide rules: no permission is ever granted (camera, notifications,
 * clipboard-read, …) and every response carries the CSP, whatever served it.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      // Drop any variant spelling first, so a served header cannot loosen ours.
      for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
      headers[name] = [value];
    }
    callback({ responseHeaders: headers });
  });
}

function openExternally(url: string): void {
  const safe = externalUrlToOpen(url);
  if (safe !== null) void shell.openExternal(safe);
}

/**
 * Applied to every WebContents the app creates: the page never navigates away
 * from app://copydesk, never opens windows and never hosts a <webview>.
 * Ordinary http(s) links open in the user's browser.
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

export interface MainWindowOptions {
  preloadPath: string;
}

/** The one editor window, loaded from app://copydesk/index.html. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Copydesk',
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      safeDialogs: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
