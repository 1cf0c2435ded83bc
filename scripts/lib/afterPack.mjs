// electron-builder `afterPack` hook (see electron-builder.yml). Puts the
// better-sqlite3 binary built for Electron's ABI into the packaged app's
// resources folder, where main/electron/nativeBinding.ts looks for it:
//   <resources>/native/better_sqlite3.node
// electron-builder's own rebuild is off (npmRebuild: false) because it
// recompiles node_modules/better-sqlite3 in place, which breaks `npm test`
// (and on a machine with nodedir set, silently produces a Node-ABI binary).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion } from './bundles.mjs';
import { electronAbi } from './electronRuntime.mjs';
import { ensureElectronSqlite } from './electronSqlite.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** builder-util's Arch enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
const HOST_PLATFORM = { darwin: 'darwin', mas: 'darwin', linux: 'linux', win32: 'win32' };

/** @param {import('app-builder-lib').AfterPackContext} context */
export async function afterPack(context) {
  const arch = ARCH_NAMES[context.arch];
  const platform = HOST_PLATFORM[context.electronPlatformName];
  if (platform !== process.platform) {
    throw new Error(
      `Copydesk: better-sqlite3 must be compiled for ${context.electronPlatformName} on ${context.electronPlatformName}; ` +
        `package each platform on its own OS (this is ${process.platform}).`,
    );
  }
  const installed = electronVersion(root);
  const target = context.packager.config.electronVersion ?? installed;
  if (target !== installed) {
    throw new Error(`Copydesk: packaging Electron ${target} but node_modules has ${installed}; the SQLite driver is built for the installed one.`);
  }
  const sqlite = await ensureElectronSqlite(root, {
    electronVersion: installed,
    abi: electronAbi(root),
    platform,
    arch,
    timeoutMs: 600_000,
  });
  if (!sqlite.ok) throw new Error(`Copydesk: ${sqlite.reason}`);
  const destination = join(context.packager.getResourcesDir(context.appOutDir), 'native');
  mkdirSync(destination, { recursive: true });
  copyFileSync(sqlite.binary, join(destination, 'better_sqlite3.node'));
}

export default afterPack;
