import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../../main/electron/policy.ts';
import { NO_KEYRING_NOTICE } from '../../../../main/electron/safeStorageService.ts';
import { buildElectronBundles } from '../../../../scripts/lib/bundles.mjs';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../../../hub/support/hub.ts';
import { createFakeSafeStorage } from './support/fakeSafeStorage.mjs';

// The bundled main process, run under Node with a stand-in for 'electron'
// (support/fakeElectron.mjs) and the real backend worker. This covers the
// wiring — IPC checks, protocol, navigation, permissions, quit — on machines
// where the Electron binary cannot be installed; tests/e2e/electron.spec.ts
// covers the real thing where it can.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const driver = fileURLToPath(new URL('./support/fakeElectron.mjs', import.meta.url));
let scratch: string;
let mainBundle: string;

beforeAll(async () => {
  mkdirSync(join(root, '.cache', 'tests'), { recursive: true });
  // Inside the repository, so the worker's require('better-sqlite3') finds node_modules.
  scratch = mkdtempSync(join(root, '.cache', 'tests', 'main-'));
  // main.cjs finds the renderer at ../../dist/renderer: mirror that layout.
  const outDir = join(scratch, 'out', 'electron');
  await buildElectronBundles({ root, outDir });
  mkdirSync(join(scratch, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(scratch, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Copydesk</title>');
  mainBundle = join(outDir, 'main.cjs');
}, 30_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON report from another process, checked field by field
type Report = Record<string, any>;

function drive(dataDir: string, scenario: 'wiring' | 'refused-store'): Report {
  const output = execFileSync(process.execPath, [driver, mainBundle, dataDir, scenario], { cwd: root, encoding: 'utf8', timeout: 20_000 });
  const line = output.split('\n').find((l) => l.startsWith('REPORT '));
  if (!line) throw new Error(`no report from the driver:\n${output}`);
  return JSON.parse(line.slice('REPORT '.length)) as Report;
}

describe('Electron main process (under a stand-in for electron)', () => {
  it('wires a locked-down window to the backend worker', () => {
    const dataDir = join(scratch, 'data');
    const report = drive(dataDir, 'wiring');

    expect(report.userData).toBe(dataDir);
    expect(report.sandboxEverywhere).toBe(true);
    expect(report.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(report.loaded).toBe('app://copydesk/index.html');
    expect(report.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
    });
    expect(report.webPreferences.preload).toBe(join(scratch, 'out', 'electron', 'preload.cjs'));

    expect(report.info).toMatchObject({ ok: true, value: { name: 'Copydesk', dataDir } });
    expect(report.created).toMatchObject({ ok: true, value: { headline: 'Flood warnings lifted' } });
    expect(report.eventsSent).toContainEqual(['copydesk:event', 'library.changed', {}]);
    expect(report.invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(report.unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Unknown method: fs.readFile' } });
    for (const refused of [report.fromSubframe, report.fromOtherContents, report.fromGoneFrame]) {
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('serves only the renderer folder over app:// with the CSP', () => {
    const report = drive(join(scratch, 'data-protocol'), 'wiring');
    expect(report.protocol['app://copydesk/']).toEqual({ status: 200, type: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY });
    expect(report.protocol['app://copydesk/..%2f..%2fpackage.json'].status).toBe(403);
    expect(report.protocol['app://elsewhere/index.html'].status).toBe(404);
    expect(report.protocol['app://copydesk/missing.js'].status).toBe(404);
  });

  it('keeps the window on app://copydesk and grants no permission', () => {
    const report = drive(join(scratch, 'data-guards'), 'wiring');
    expect(report.navigation).toEqual({ web: true, file: true, inside: false });
    expect(report.windowOpen).toEqual([{ action: 'deny' }, { action: 'deny' }]);
    // Web links go to the user's browser; file: and javascript: go nowhere.
    expect(report.opened).toEqual(['https://example.com/story', 'https://example.com/a']);
    expect(report.permissions).toEqual({ request: false, check: false });
    expect(report.headers.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(Object.keys(report.headers.responseHeaders).filter((k) => k.toLowerCase() === 'content-security-policy')).toHaveLength(1);
    expect(report.menu).toEqual(['File', 'editMenu', 'View', 'windowMenu']);
  });

  it('finishes a save sent just before quitting, then quits', () => {
    const dataDir = join(scratch, 'data-quit');
    const report = drive(dataDir, 'wiring');
    expect(report.lastSave).toMatchObject({ ok: true });
    expect(report.quit).toBe(true);
    const db = new Database(join(dataDir, 'copydesk.sqlite'), { readonly: true });
    const headlines = db.prepare('SELECT headline FROM stories ORDER BY headline').pluck().all();
    db.close();
    expect(headlines).toEqual(['Flood warnings lifted', 'Written while quitting']);
  });

  it('explains a database from a newer Copydesk in a dialog and quits without opening a window', () => {
    const dataDir = join(scratch, 'data-newer');
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, 'copydesk.sqlite'));
    db.pragma('user_version = 9999');
    db.close();
    const report = drive(dataDir, 'refused-store');
    expect(report.windows).toBe(0);
    expect(report.exitCode).toBe(1);
    expect(report.errorBoxes).toHaveLength(1);
    expect(report.errorBoxes[0].title).toBe('Copydesk cannot open its story database');
    expect(report.errorBoxes[0].message).toMatch(/newer version of Copydesk/);
    const probe = new Database(join(dataDir, 'copydesk.sqlite'), { readonly: true });
    expect(probe.pragma('user_version', { simple: true })).toBe(9999);
    probe.close();
  });
});

describe('Electron main process and the hub sign-in (stand-in safeStorage)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  }, 30_000);
  afterAll(() => hub?.close());

  // The hub answers from this process, so the driver runs without blocking it.
  async function signIn(dataDir: string, env: Record<string, string> = {}): Promise<Report> {
    const user = await hub.createUser({ role: 'reporter' });
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [driver, mainBundle, dataDir, 'sign-in', hub.url, user.username, TEST_PASSWORD],
        { cwd: root, encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...env } },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    const line = output.split('\n').find((l) => l.startsWith('REPORT '));
    if (!line) throw new Error(`no report from the driver:\n${output}`);
    return JSON.parse(line.slice('REPORT '.length)) as Report;
  }

  it('hands the worker safeStorage: the sign-in is written encrypted', async () => {
    const dataDir = join(scratch, 'data-keyring');
    const report = await signIn(dataDir);
    expect(report.connected).toMatchObject({ ok: true, value: { state: expect.not.stringMatching(/signed_out/) } });
    expect(report.files).toEqual(['hub-session.bin']);
    expect(report.messageBoxes).toEqual([]);
    const encrypted = readFileSync(join(dataDir, 'hub-session.bin'));
    const { token } = JSON.parse(createFakeSafeStorage().reveal(encrypted)) as { token: string };
    expect(encrypted.includes(token)).toBe(false);
  });

  it('without a keyring keeps the sign-in in an owner-only file and tells the person in a message box', async () => {
    const dataDir = join(scratch, 'data-no-keyring');
    const report = await signIn(dataDir, { FAKE_KEYRING: 'basic_text' });
    expect(report.connected).toMatchObject({ ok: true });
    expect(report.files).toEqual(['hub-session.json']);
    expect(statSync(join(dataDir, 'hub-session.json')).mode & 0o777).toBe(0o600);
    expect(report.messageBoxes).toEqual([{ withWindow: true, type: 'info', message: NO_KEYRING_NOTICE }]);
  });
});
