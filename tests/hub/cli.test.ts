import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../shared/sync/auth.ts';
import { makeTempDir } from '../support/tempDir.ts';
import { DATABASE_LABEL, isolatedDatabase, USING_POSTGRES } from './support/hub.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const PASSWORD = 'ink and paper every day';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx server/cli.ts …` to the end, with stdin a pipe (no TTY) unless told otherwise. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['server/cli.ts', ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process ends first. */
function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in ${timeoutMs} ms; stdout: ${buffer} stderr: ${stderr}`)), timeoutMs);
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing ${pattern}; stdout: ${buffer} stderr: ${stderr}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

describe(`hub command line (${DATABASE_LABEL})`, () => {
  const temp = makeTempDir('copydesk-hub-cli-');
  const dataDir = join(temp.dir, 'hub');
  let env: NodeJS.ProcessEnv;
  let dropDatabase = async () => {};

  beforeAll(async () => {
    const database = await isolatedDatabase();
    dropDatabase = database.drop;
    env = { ...process.env, COPYDESK_HUB_PASSWORD: undefined, DATABASE_URL: database.databaseUrl };
    // An env value of undefined would be passed as the string "undefined".
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  });
  afterAll(async () => {
    await dropDatabase();
    temp.remove();
  });

  it('refuses to create an admin without a password source', async () => {
    const result = await runCli(['admin', 'create', '--username', 'chief', '--name', 'Chief Editor', '--data-dir', dataDir], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no password: set COPYDESK_HUB_PASSWORD, or run this in a terminal to type it at a hidden prompt.');
  }, 120_000);

  it('refuses a weak password and creates nobody', async () => {
    const weak = await runCli(['admin', 'create', '--username', 'chief', '--name', 'Chief Editor', '--data-dir', dataDir], { ...env, COPYDESK_HUB_PASSWORD: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('The password must be at least 10 characters long.');
    const list = await runCli(['admin', 'list', '--data-dir', dataDir], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('No accounts yet.');
  }, 120_000);

  it('creates the first admin, lists them, and refuses the same user name twice', async () => {
    const created = await runCli(['admin', 'create', '--username', 'chief', '--name', 'Chief Editor', '--data-dir', dataDir], { ...env, COPYDESK_HUB_PASSWORD: PASSWORD });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toBe('Admin "chief" (Chief Editor) created. Sign in at the hub with that user name.\n');

    const list = await runCli(['admin', 'list', '--data-dir', dataDir], env);
    expect(list.stdout.split('\n').slice(0, 2)).toEqual([expect.stringMatching(/^User name\s+Name\s+Role\s+Supervisor$/), expect.stringMatching(/^chief\s+Chief Editor\s+Admin$/)]);

    const again = await runCli(['admin', 'create', '--username', 'CHIEF', '--name', 'Another', '--data-dir', dataDir], { ...env, COPYDESK_HUB_PASSWORD: PASSWORD });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The user name "CHIEF" is taken.');
  }, 120_000);

  it('`npm run hub` prints the ready line, serves the admin, and stops cleanly on SIGTERM', async () => {
    // detached: the hub gets its own process group, so the test can stop npm and everything under it by that group's id.
    const child = spawn('npm', ['run', 'hub', '--', '--port', '0', '--data-dir', dataDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    try {
      const line = await waitForLine(child, /^Copydesk hub ready: /);
      expect(line).toMatch(/^Copydesk hub ready: http:\/\/127\.0\.0\.1:\d+\/$/);
      const url = line.slice('Copydesk hub ready: '.length);

      const response = await fetch(new URL('v1/auth/login', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'Chief', password: PASSWORD }),
      });
      expect(response.status).toBe(200);
      const login = (await response.json()) as LoginResponse;
      expect(login.user).toMatchObject({ username: 'chief', name: 'Chief Editor', role: 'admin' });

      if (!USING_POSTGRES) {
        // Embedded PGlite belongs to one process: a second one on the same folder is turned away.
        expect(existsSync(join(dataDir, 'hub.lock'))).toBe(true);
        const second = await runCli(['admin', 'list', '--data-dir', dataDir], env);
        expect(second.code).toBe(1);
        expect(second.stderr).toMatch(/Another Copydesk hub process \(pid \d+\) is using/);
      }
      // npm dies of the signal at once; the hub under it finishes its requests, closes the database and exits.
      process.kill(-child.pid!, 'SIGTERM');
      await exitOf(child);
      await expect.poll(() => fetch(new URL('v1/health', url)).then(() => 'answering', () => 'stopped'), { timeout: 10_000 }).toBe('stopped');
      if (!USING_POSTGRES) await expect.poll(() => existsSync(join(dataDir, 'hub.lock')), { timeout: 10_000 }).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  }, 120_000);

  it('explains a bad port and an unknown command', async () => {
    const port = await runCli(['--port', 'eighty', '--data-dir', dataDir], env);
    expect(port.code).toBe(1);
    expect(port.stderr).toContain('--port must be a number from 0 to 65535, not "eighty".');
    const unknown = await runCli(['admin', 'delete', '--data-dir', dataDir], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown command "admin delete"');
  }, 120_000);
});
