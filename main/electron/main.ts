import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { app, dialog, Menu, safeStorage, session, type BrowserWindow, type WebContents } from 'electron';
import type { ApiError } from '../../shared/api/errors.ts';
import { createBackendClient } from './backendClient.ts';
import { registerIpc, sendEvent } from './ipc.ts';
import { parseLaunchOptions } from './launchOptions.ts';
import { buildApplicationMenu } from './menu.ts';
import { resolveNativeBinding } from './nativeBinding.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { createSafeStorageService, NO_KEYRING_NOTICE } from './safeStorageService.ts';
import { createMainWindow, guardWebContents, hardenSession } from './window.ts';
import type { BackendWorkerData } from './workerProtocol.ts';

/**
 * Electron main process (bundled to out/electron/main.cjs): one window, one
 * backend worker, single instance per data folder. Layout of the bundle:
 * out/electron/{main.cjs, preload.cjs, backendWorker.cjs, migrations/} and
 * the renderer in dist/renderer/, both inside the app folder or app.asar.
 */

const PRODUCT_NAME = 'Copydesk';
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', '..', 'dist', 'renderer');

// The data folder is Electron's per-user folder for "Copydesk" unless
// --data-dir / COPYDESK_DATA_DIR name another. Set explicitly (not left to the
// app name) so launching out/electron/main.cjs directly uses the same folder,
// and so the single-instance lock, which Electron keys on userData, is per folder.
const launch = parseLaunchOptions(process.argv.slice(1), process.env, process.cwd());
app.setName(PRODUCT_NAME);
const dataDir = launch.dataDir ?? join(app.getPath('appData'), PRODUCT_NAME);
app.setPath('userData', dataDir);

app.enableSandbox();
registerAppScheme();

let mainWindow: BrowserWindow | null = null;
const currentContents = (): WebContents | null =>
  mainWindow !== null && !mainWindow.isDestroyed() && !mainWindow.webContents.isDestroyed() ? mainWindow.webContents : null;

const workerData: BackendWorkerData = {
  dataDir,
  nativeBinding: resolveNativeBinding(process.env, app.isPackaged, process.resourcesPath),
  migrationsDir: join(here, 'migrations'),
};

// The hub session token is encrypted here, in the main process, for the worker (safeStorageTokenStore.ts).
const keyring = createSafeStorageService({
  safeStorage,
  whenReady: () => app.whenReady(),
  platform: process.platform,
  onNoKeyring: () => {
    const options = {
      type: 'info' as const,
      title: 'Newsroom sign-in',
      message: NO_KEYRING_NOTICE,
      detail: 'Copydesk found no system keyring (such as GNOME Keyring or KWallet) to encrypt it with. Signing out removes the file.',
    };
    const window = mainWindow;
    void (window !== null && !window.isDestroyed() ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  },
});

const backend = createBackendClient({
  spawn: () => {
    const { link, transferList } = keyring.connect();
    return new Worker(join(here, 'backendWorker.cjs'), { workerData: { ...workerData, safeStorage: link }, transferList, name: 'copydesk-backend' });
  },
  onEvent: (event, payload) => sendEvent(currentContents(), event, payload),
  onGiveUp: (error) => failAndExit('The Copydesk story store stopped working', error),
  log: (message) => console.error(`Copydesk: ${message}`),
});

function failAndExit(title: string, error: ApiError): void {
  dialog.showErrorBox(title, `${error.message}\n\nData folder: ${dataDir}`);
  // Nothing to flush: the store either never opened or its worker is gone.
  app.exit(1);
}

function openWindow(): void {
  mainWindow = createMainWindow({ preloadPath: join(here, 'preload.cjs') });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function startApp(): Promise<void> {
  // Open the store while Electron starts; both take a moment.
  const opening = backend.start();
  await app.whenReady();
  const opened = await opening;
  if (!opened.ok) {
    failAndExit('Copydesk cannot open its story database', opened.error);
    return;
  }
  hardenSession(session.defaultSession);
  serveRenderer(rendererDir, dataDir);
  registerIpc({ getContents: currentContents, backend });
  Menu.setApplicationMenu(
    buildApplicationMenu({
      isPackaged: app.isPackaged,
      isMac: process.platform === 'darwin',
      // The backend announces the new story (library.changed) and the list picks it up.
      newStory: () => void backend.call('stories.create', {}),
    }),
  );
  openWindow();
  app.on('activate', () => {
    if (mainWindow === null) openWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Copydesk already uses this data folder; it was told to come forward.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit waits once for the worker to finish queued writes (including a save
  // the page sent while unloading) and close the database, then quits for real.
  let backendClosed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (backendClosed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    void backend.close().finally(() => {
      backendClosed = true;
      app.quit();
    });
  });

  startApp().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    failAndExit('Copydesk could not start', { code: 'INTERNAL', message });
  });
}
