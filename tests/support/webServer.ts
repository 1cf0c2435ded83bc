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
export async function startCopydesk(options: { dataDir?: string; port?: number } = {}): Promise<RunningCopydesk> {
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
  return {
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
}
