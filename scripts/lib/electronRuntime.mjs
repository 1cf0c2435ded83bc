// Finding (and, on first start, downloading) the Electron binary. Never
// `require('electron')` from Node here: its index.js downloads synchronously
// and throws when that fails.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} root */
export function electronPackageDir(root) {
  return join(root, 'node_modules', 'electron');
}

/**
 * The Electron executable installed in node_modules, or null.
 * @param {string} root repository root
 */
export function findElectronBinary(root) {
  const dir = electronPackageDir(root);
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(overridden) ? overridden : null;
  }
  try {
    const relativePath = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const binary = join(dir, 'dist', relativePath);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Reads `node_modules/electron/abi_version` (Electron's NODE_MODULE_VERSION). */
export function electronAbi(root) {
  return readFileSync(join(electronPackageDir(root), 'abi_version'), 'utf8').trim();
}

/**
 * Short, single-line reason from a failed command's output: a network error
 * code if one is named, node-gyp's own error line, else the last line.
 * @param {string} output
 */
export function shortReason(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(gyp ERR! stack\s+)?at /.test(line));
  const network = lines.find((line) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|certificate|status code \d+|HTTPError/i.test(line));
  const gypNetwork = lines.some((line) => /related to network connectivity/.test(line));
  const gypError = lines.find((line) => /^gyp ERR! stack Error:/.test(line));
  let chosen = network ?? (gypNetwork ? 'no network connection for downloading headers' : (gypError ?? lines.at(-1) ?? 'no output'));
  chosen = chosen.replace(/^(gyp ERR! stack )?(Error|TypeError|RequestError):\s*/i, '');
  return chosen.length > 120 ? `${chosen.slice(0, 117)}…` : chosen;
}

/**
 * Runs a command with a time limit, capturing its output.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeoutMs: number, onSlow?: () => void, slowAfterMs?: number }} options
 * @returns {Promise<{ ok: boolean, output: string, timedOut: boolean }>}
 */
export function runCaptured(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const slow = options.onSlow ? setTimeout(options.onSlow, options.slowAfterMs ?? 3000) : undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    }, options.timeoutMs);
    child.on('error', (error) => {
      output += String(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(slow);
      resolve({ ok: code === 0 && !timedOut, output, timedOut });
    });
  });
}

/**
 * Makes sure the Electron binary is present, running electron's own install
 * script (a download) if not.
 * @param {string} root
 * @param {{ timeoutMs: number, onSlow?: () => void }} options
 * @returns {Promise<{ ok: true, binary: string } | { ok: false, reason: string }>}
 */
export async function ensureElectronBinary(root, options) {
  const present = findElectronBinary(root);
  if (present) return { ok: true, binary: present };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { ok: false, reason: 'not installed, and ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  }
  const installer = join(electronPackageDir(root), 'install.js');
  if (!existsSync(installer)) return { ok: false, reason: 'node_modules/electron is missing; run npm install' };
  const run = await runCaptured(process.execPath, [installer], {
    cwd: root,
    timeoutMs: options.timeoutMs,
    onSlow: options.onSlow,
  });
  const binary = findElectronBinary(root);
  if (run.ok && binary) return { ok: true, binary };
  if (run.timedOut) return { ok: false, reason: `download did not finish within ${Math.round(options.timeoutMs / 1000)} s` };
  return { ok: false, reason: `download failed: ${shortReason(run.output)}` };
}
