// A second better-sqlite3 build, for Electron's ABI, kept under
// .cache/electron-sqlite/ so node_modules/better-sqlite3/build (Node's ABI,
// used by tests and browser mode) is never touched. The Electron worker loads
// it through better-sqlite3's `nativeBinding` option.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCaptured, shortReason } from './electronRuntime.mjs';

/**
 * True when a compiled addon registers itself for the given NODE_MODULE_VERSION.
 * A Node-ABI binary that was merely built "for Electron" in name (node-gyp
 * quietly using Node's headers through `nodedir`) fails this check.
 * @param {Uint8Array} bytes contents of a .node file
 * @param {string} abi e.g. "150"
 */
export function hasAbiMarker(bytes, abi) {
  return Buffer.from(bytes).includes(Buffer.from(`node_register_module_v${abi}\0`));
}

/**
 * @param {string} root
 * @param {{ electronVersion: string, platform?: string, arch?: string }} target
 */
export function electronSqliteDir(root, { electronVersion, platform = process.platform, arch = process.arch }) {
  return join(root, '.cache', 'electron-sqlite', `${electronVersion}-${platform}-${arch}`);
}

const BINARY = ['better-sqlite3', 'build', 'Release', 'better_sqlite3.node'];

/**
 * The cached Electron-ABI binary for this target, or null if it has not been built.
 * @param {string} root
 * @param {{ electronVersion: string, abi: string, platform?: string, arch?: string }} target
 */
export function findElectronSqlite(root, target) {
  const binary = join(electronSqliteDir(root, target), ...BINARY);
  if (!existsSync(binary)) return null;
  return hasAbiMarker(readFileSync(binary), target.abi) ? binary : null;
}

// npm exports its config to scripts as npm_config_*; node-gyp reads them. A
// `nodedir` (this machine's ~/.npmrc has nodedir=/usr) would make it compile
// against Node's headers and produce a Node-ABI binary, so those are dropped.
const GYP_ENV_OVERRIDES = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source|devdir)$/i;

/**
 * Builds better-sqlite3 against Electron's headers in a copy of the package
 * (compilation takes about a minute; the headers are downloaded once).
 * @param {string} root
 * @param {{ electronVersion: string, abi: string, platform?: string, arch?: string, timeoutMs: number, onSlow?: () => void }} target
 * @returns {Promise<{ ok: true, binary: string, built: boolean } | { ok: false, reason: string }>}
 */
export async function ensureElectronSqlite(root, target) {
  const cached = findElectronSqlite(root, target);
  if (cached) return { ok: true, binary: cached, built: false };

  const dir = electronSqliteDir(root, target);
  const staging = `${dir}.partial`;
  const source = join(root, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(source, 'binding.gyp'))) return { ok: false, reason: 'node_modules/better-sqlite3 is missing; run npm install' };
  const nodeGyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!existsSync(nodeGyp)) return { ok: false, reason: 'node-gyp is not installed' };

  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  cpSync(source, join(staging, 'better-sqlite3'), {
    recursive: true,
    filter: (path) => !path.startsWith(join(source, 'build')) && !path.startsWith(join(source, 'node_modules')),
  });

  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !GYP_ENV_OVERRIDES.test(key)));
  const arch = target.arch ?? process.arch;
  const run = await runCaptured(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${target.electronVersion}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers',
      `--devdir=${join(root, '.cache', 'electron-gyp')}`,
    ],
    { cwd: join(staging, 'better-sqlite3'), env, timeoutMs: target.timeoutMs, onSlow: target.onSlow },
  );
  if (!run.ok) {
    rmSync(staging, { recursive: true, force: true });
    if (run.timedOut) return { ok: false, reason: `compiling better-sqlite3 for Electron took over ${Math.round(target.timeoutMs / 1000)} s` };
    return { ok: false, reason: `better-sqlite3 could not be built for Electron: ${shortReason(run.output)}` };
  }
  const built = join(staging, ...BINARY);
  if (!existsSync(built) || !hasAbiMarker(readFileSync(built), target.abi)) {
    rmSync(staging, { recursive: true, force: true });
    return { ok: false, reason: `the better-sqlite3 build is not for Electron's ABI ${target.abi}` };
  }
  // Keep only what loading needs; the object files are large.
  rmSync(join(staging, 'better-sqlite3', 'build', 'Release', 'obj.target'), { recursive: true, force: true });
  rmSync(join(staging, 'better-sqlite3', 'build', 'Release', 'obj'), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return { ok: true, binary: join(dir, ...BINARY), built: true };
}
