import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { Result } from '../../shared/api/errors.ts';
import { electronVersion } from '../../scripts/lib/bundles.mjs';
import { electronAbi, findElectronBinary } from '../../scripts/lib/electronRuntime.mjs';
import { findElectronSqlite } from '../../scripts/lib/electronSqlite.mjs';

/**
 * Smoke test of the desktop shell: the real Electron binary, the bundled main
 * process, preload and backend worker, and the built renderer. Skipped, with
 * the reason, on machines where Electron cannot run (no binary, no
 * Electron-ABI SQLite build, no display).
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const mainBundle = join(root, 'out', 'electron', 'main.cjs');

/** What the preload exposes, seen from the page (typed here: tests have no DOM lib). */
interface Bridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

function unavailableBecause(): { binary: string; binding: string } | string {
  const binary = findElectronBinary(root);
  if (!binary) {
    return (
      'Electron binary not installed on this machine (node_modules/electron/dist is missing; ' +
      'with network access run `node node_modules/electron/install.js`, or `npm start`, which tries it)'
    );
  }
  const binding =
    process.env.COPYDESK_SQLITE_BINDING ?? findElectronSqlite(root, { electronVersion: electronVersion(root), abi: electronAbi(root) });
  if (!binding) {
    return 'better-sqlite3 is not built for Electron yet (run `npm start` once with network access; it builds .cache/electron-sqlite/)';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for an Electron window (run the tests under `xvfb-run -a`)';
  }
  return { binary, binding };
}

const runtime = unavailableBecause();

test.describe('Electron shell', () => {
  test.skip(typeof runtime === 'string', typeof runtime === 'string' ? runtime : '');

  let dataDir: string;

  test.beforeAll(() => {
    // `npm run test:e2e` builds the renderer; the shell bundles take a second.
    if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
      execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root });
    }
    execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { cwd: root });
    dataDir = mkdtempSync(join(tmpdir(), 'copydesk-electron-'));
  });

  test.afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens a locked-down Copydesk window and creates a story', async () => {
    if (typeof runtime === 'string') return;
    const env = { ...process.env, COPYDESK_SQLITE_BINDING: runtime.binding } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    const app = await electron.launch({
      executablePath: runtime.binary,
      args: [mainBundle, `--data-dir=${dataDir}`],
      cwd: root,
      env,
    });
    try {
      const window = await app.firstWindow();
      await expect(window).toHaveTitle('Copydesk');
      expect(window.url()).toBe('app://copydesk/index.html');
      const newStory = window.getByRole('button', { name: 'New story' });
      await expect(newStory).toBeVisible();

      // The page sees exactly the two bridge functions and nothing of Node.
      const surface = await window.evaluate(() => {
        const g = globalThis as unknown as Record<string, unknown>;
        const bridge = g.copydesk as Record<string, unknown>;
        return {
          keys: Object.keys(bridge).sort(),
          types: [typeof bridge.invoke, typeof bridge.on],
          require: typeof g.require,
          process: typeof g.process,
          module: typeof g.module,
        };
      });
      expect(surface).toEqual({ keys: ['invoke', 'on'], types: ['function', 'function'], require: 'undefined', process: 'undefined', module: 'undefined' });

      // Creating a story through the UI reaches the backend worker and the disk.
      await newStory.click();
      await expect
        .poll(() =>
          window.evaluate(async () => {
            const bridge = (globalThis as unknown as { copydesk: Bridge }).copydesk;
            const listed = await bridge.invoke('stories.list', {});
            return listed.ok ? (listed.value as { total: number }).total : -1;
          }),
        )
        .toBe(1);
      expect(existsSync(join(dataDir, 'copydesk.sqlite'))).toBe(true);

      // Malformed input is refused with a VALIDATION result, not an exception.
      const refused = await window.evaluate(() =>
        (globalThis as unknown as { copydesk: Bridge }).copydesk.invoke('stories.get', { id: 42 }),
      );
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

      // Navigation away from app://copydesk is refused (file: is never handed to the OS either).
      await window.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'file:///etc/hosts';
      });
      await window.waitForTimeout(300);
      expect(window.url()).toBe('app://copydesk/index.html');
    } finally {
      await app.close();
    }
  });
});
