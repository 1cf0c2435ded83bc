#!/usr/bin/env node
// `npm start [-- --data-dir DIR --port N]`: the desktop app when Electron can
// run here, browser mode otherwise, so a fresh clone always gets a working
// Copydesk. First start downloads Electron (electron's own install script)
// and compiles better-sqlite3 for Electron's ABI into .cache/; if either is
// impossible (offline machine, no compiler) it says so in one line and serves
// the same UI at http://127.0.0.1 instead.
import { spawn } from 'node:child_process';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectronBundles, electronVersion } from './lib/bundles.mjs';
import { electronAbi, ensureElectronBinary } from './lib/electronRuntime.mjs';
import { ensureElectronSqlite } from './lib/electronSqlite.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

const INSTALL_TIMEOUT_MS = 180_000; // a ~100 MB download on a slow link
const SQLITE_BUILD_TIMEOUT_MS = 300_000; // ~70 s on two cores, plus headers

const note = (message) => process.stderr.write(`Copydesk: ${message}\n`);

/** `--data-dir DIR` or `--data-dir=DIR`, if given. */
function dataDirArg(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data-dir') return argv[i + 1];
    if (argv[i].startsWith('--data-dir=')) return argv[i].slice('--data-dir='.length);
  }
  return undefined;
}

/**
 * Runs a child with inherited output; resolves with its exit code. SIGINT and
 * SIGTERM sent to this script are passed on, so stopping `npm start` stops it.
 */
function run(command, commandArgs, options = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
    const forward = (signal) => () => child.kill(signal);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    // `npm start` runs this script through `sh -c`; killing npm's pid does not
    // reach us, so notice being orphaned and stop the child rather than linger.
    const parent = process.ppid;
    const orphanWatch = setInterval(() => {
      if (process.ppid !== parent) child.kill('SIGTERM');
    }, 1000);
    orphanWatch.unref();
    child.on('error', (error) => {
      note(`could not run ${command}: ${error.message}`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => {
      clearInterval(orphanWatch);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

const viteBuild = () => run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);

/** Everything the desktop app needs, or the reason it cannot start here. */
async function prepareElectron() {
  const binary = await ensureElectronBinary(root, {
    timeoutMs: INSTALL_TIMEOUT_MS,
    onSlow: () => note('downloading the Electron runtime (first start only)…'),
  });
  if (!binary.ok) return { ok: false, message: `the Electron runtime could not be installed (${binary.reason})` };

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, message: 'no display is available for the desktop window (DISPLAY is not set)' };
  }

  let binding = process.env.COPYDESK_SQLITE_BINDING;
  if (!binding) {
    const sqlite = await ensureElectronSqlite(root, {
      electronVersion: electronVersion(root),
      abi: electronAbi(root),
      timeoutMs: SQLITE_BUILD_TIMEOUT_MS,
      onSlow: () => note('building the SQLite driver for Electron (first start only, about a minute)…'),
    });
    if (!sqlite.ok) return { ok: false, message: `the Electron runtime could not be prepared (${sqlite.reason})` };
    binding = sqlite.binary;
  }
  return { ok: true, binary: binary.binary, binding };
}

async function startElectron({ binary, binding }) {
  if ((await viteBuild()) !== 0) return 1;
  await buildElectronBundles({ root, outDir: join(root, 'out', 'electron') });
  const electronArgs = [root];
  const dataDir = dataDirArg(args);
  if (dataDir) electronArgs.push(`--data-dir=${isAbsolute(dataDir) ? dataDir : resolve(process.cwd(), dataDir)}`);
  const env = { ...process.env, COPYDESK_SQLITE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE;
  return run(binary, electronArgs, { env });
}

async function startBrowserMode() {
  if ((await viteBuild()) !== 0) return 1;
  return run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'main/web/cli.ts'), ...args]);
}

const electron = await prepareElectron();
if (electron.ok) {
  process.exitCode = await startElectron(electron);
} else {
  console.log(`Copydesk: ${electron.message}; starting browser mode instead.`);
  process.exitCode = await startBrowserMode();
}
