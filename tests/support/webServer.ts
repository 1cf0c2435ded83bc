import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningCopydesk {
  /** The printed address, token included. */
  url: string;
  /** Origin without the token, for requests that must be refused. */
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export function freshDataDir(label = 'copydesk-e2e'): string {
  return mkdtempSync(join(tmpdir(), `${label}-`));
}

/**
 * Starts browser mode exactly as `npm run web` does (minus the renderer build,
 * which `npm run test:e2e` does once) and waits for its `Copydesk ready:` line.
 */
/** Who a test Copydesk writes as unless the test says otherwise: an admin has every power of the desk. */
export const E2E_PROFILE = { name: 'Test Admin', role: 'admin' } as const;

export interface StartOptions {
  dataDir?: string;
  port?: number;
  /**
   * The first-run "Who is writing?" answer, given over the API before any page
   * opens (when the store has no profile yet). Default {@link E2E_PROFILE};
   * null leaves the first-run screen to the test.
   */
  profile?: { name: string; role: 'intern' | 'reporter' | 'editor' | 'admin' } | null;
}

/** Calls a contract method over HTTP as the renderer does (token, Host and all). */
export async function callApi<T = unknown>(copydesk: Pick<RunningCopydesk, 'origin' | 'token'>, method: string, input: unknown): Promise<T> {
  const response = await fetch(`${copydesk.origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${copydesk.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const reply = (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

export async function startCopydesk(options: StartOptions = {}): Promise<RunningCopydesk> {
  const dataDir = options.dataDir ?? freshDataDir();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/web/cli.ts', '--port', String(options.port ?? 0), '--data-dir', dataDir],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Copydesk did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Copydesk ready: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Copydesk exited with ${code} before it was ready:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const running: RunningCopydesk = {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    port: Number(parsed.port),
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  const profile = options.profile === undefined ? E2E_PROFILE : options.profile;
  if (profile) {
    const session = await callApi<{ profile: unknown }>(running, 'session.get', {});
    if (session.profile === null) await callApi(running, 'session.createProfile', profile);
  }
  return running;
}
