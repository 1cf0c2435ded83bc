// Runs out/electron/main.cjs under plain Node with a stand-in for 'electron',
// then drives it (IPC, protocol, navigation, permissions, quit) and prints one
// JSON report. Used by mainProcess.test.ts on machines without the Electron
// binary; it checks our wiring, not Electron itself.
// Usage: node fakeElectron.mjs <main.cjs> <dataDir> <scenario> [hubUrl username password]
// FAKE_KEYRING=basic_text plays Linux without a keyring.
import { EventEmitter } from 'node:events';
import { readdirSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { createFakeSafeStorage } from './fakeSafeStorage.mjs';

const [mainBundle, dataDir, scenario, ...scenarioArgs] = process.argv.slice(2);
const seen = { windows: [], handlers: {}, permissionRequests: [], opened: [], errorBoxes: [], messageBoxes: [], exitCode: null, quit: false };

class FakeApp extends EventEmitter {
  isPackaged = false;
  paths = {};
  setName(name) { seen.name = name; }
  getPath(key) { return this.paths[key] ?? `/nonexistent/${key}`; }
  setPath(key, value) { this.paths[key] = value; }
  enableSandbox() { seen.sandboxEverywhere = true; }
  requestSingleInstanceLock() { return true; }
  whenReady() { return new Promise((resolve) => setTimeout(resolve, 20)); }
  quit() {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) seen.quit = true;
  }
  exit(code) { seen.exitCode = code; }
}
const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  sent = [];
  mainFrame = { url: '', parent: null };
  isDestroyed() { return false; }
  send(...args) { this.sent.push(args); }
  setWindowOpenHandler(handler) { this.openHandler = handler; }
}
class FakeBrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    seen.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) { this.webContents.mainFrame.url = url; return Promise.resolve(); }
  isDestroyed() { return false; }
  show() {}
}

const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  session: {
    defaultSession: {
      setPermissionRequestHandler(handler) { seen.permissionRequest = handler; },
      setPermissionCheckHandler(handler) { seen.permissionCheck = handler; },
      webRequest: { onHeadersReceived(handler) { seen.headersReceived = handler; } },
    },
  },
  protocol: {
    registerSchemesAsPrivileged(schemes) { seen.privileged = schemes; },
    handle(scheme, handler) { seen.protocol = { scheme, handler }; },
  },
  ipcMain: { handle(channel, handler) { seen.handlers[channel] = handler; }, removeHandler() {} },
  Menu: { buildFromTemplate: (template) => template, setApplicationMenu(menu) { seen.menu = menu; } },
  dialog: {
    showErrorBox(title, message) { seen.errorBoxes.push({ title, message }); },
    showMessageBox(...args) {
      const options = args.length > 1 ? args[1] : args[0];
      seen.messageBoxes.push({ withWindow: args.length > 1, type: options.type, message: options.message });
      return Promise.resolve({ response: 0, checkboxChecked: false });
    },
  },
  safeStorage: createFakeSafeStorage({ backend: process.env.FAKE_KEYRING ?? 'gnome_libsecret' }),
  shell: { openExternal(url) { seen.opened.push(url); return Promise.resolve(); } },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};

const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(check) {
  for (let i = 0; i < 200 && !check(); i++) await settle(25);
}
const navigation = () => ({ prevented: false, preventDefault() { this.prevented = true; } });

async function wiring() {
  await waitFor(() => seen.windows.length > 0);
  const window = seen.windows[0];
  const contents = window.webContents;
  const invoke = seen.handlers['copydesk:invoke'];
  const ours = { sender: contents, senderFrame: contents.mainFrame };
  const report = {
    userData: app.paths.userData,
    privileged: seen.privileged,
    sandboxEverywhere: seen.sandboxEverywhere,
    loaded: contents.mainFrame.url,
    webPreferences: window.options.webPreferences,
    info: await invoke(ours, 'app.info', {}),
    // First run: say who is writing, as the "Who is writing?" screen does; the backend refuses edits before that.
    profile: await invoke(ours, 'session.createProfile', { name: 'Test Admin', role: 'admin' }),
    created: await invoke(ours, 'stories.create', { headline: 'Flood warnings lifted' }),
    invalid: await invoke(ours, 'stories.get', { id: 42 }),
    unknown: await invoke(ours, 'fs.readFile', {}),
    fromSubframe: await invoke({ sender: contents, senderFrame: { url: contents.mainFrame.url, parent: contents.mainFrame } }, 'app.info', {}),
    fromOtherContents: await invoke({ sender: new FakeWebContents(), senderFrame: contents.mainFrame }, 'app.info', {}),
    fromGoneFrame: await invoke({ sender: contents, senderFrame: null }, 'app.info', {}),
    eventsSent: contents.sent,
  };
  report.protocol = {};
  for (const url of ['app://copydesk/', 'app://copydesk/index.html', 'app://copydesk/..%2f..%2fpackage.json', 'app://elsewhere/index.html', 'app://copydesk/missing.js']) {
    const response = await seen.protocol.handler(new Request(url));
    report.protocol[url] = { status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy') };
  }
  const web = navigation();
  contents.emit('will-navigate', web, 'https://example.com/story');
  const file = navigation();
  contents.emit('will-navigate', file, 'file:///etc/passwd');
  const inside = navigation();
  contents.emit('will-navigate', inside, 'app://copydesk/index.html');
  report.navigation = { web: web.prevented, file: file.prevented, inside: inside.prevented };
  report.windowOpen = [contents.openHandler({ url: 'https://example.com/a' }), contents.openHandler({ url: 'javascript:alert(1)' })];
  report.opened = seen.opened;
  let granted = null;
  seen.permissionRequest(contents, 'media', (value) => (granted = value));
  report.permissions = { request: granted, check: seen.permissionCheck(contents, 'clipboard-read') };
  report.headers = await new Promise((resolve) =>
    seen.headersReceived({ responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"] } }, resolve),
  );
  report.menu = seen.menu.map((item) => item.label ?? item.role);
  // A save queued just before quitting is still written.
  const lastSave = invoke(ours, 'stories.create', { headline: 'Written while quitting' });
  app.quit();
  report.lastSave = await lastSave;
  await waitFor(() => seen.quit);
  report.quit = seen.quit;
  return report;
}

/** Signs in to a hub through the window's IPC, as the Connect dialog does. */
async function signIn([hubUrl, username, password]) {
  await waitFor(() => seen.windows.length > 0);
  const contents = seen.windows[0].webContents;
  const ours = { sender: contents, senderFrame: contents.mainFrame };
  const invoke = seen.handlers['copydesk:invoke'];
  const connected = await invoke(ours, 'sync.connect', { hubUrl, username, password });
  const report = { connected, messageBoxes: seen.messageBoxes, files: readdirSync(dataDir).filter((name) => name.startsWith('hub-session')) };
  app.quit();
  await waitFor(() => seen.quit);
  return report;
}

async function refusedStore() {
  await waitFor(() => seen.exitCode !== null);
  return { windows: seen.windows.length, errorBoxes: seen.errorBoxes, exitCode: seen.exitCode };
}

process.argv = [process.argv[0], mainBundle, `--data-dir=${dataDir}`];
// main.cjs is CommonJS; loading it through a CJS loader makes the hook above see its require('electron').
createRequire(import.meta.url)(mainBundle);
(scenario === 'wiring' ? wiring() : scenario === 'sign-in' ? signIn(scenarioArgs) : refusedStore())
  .then((report) => {
    process.stdout.write(`\nREPORT ${JSON.stringify(report)}\n`);
    process.exit(0);
  })
  .catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
