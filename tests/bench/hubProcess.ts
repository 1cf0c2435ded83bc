import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchema } from '../hub/support/hub.ts';

/**
 * The hub as the newsroom runs it, for the load benchmark: `npm run hub` in a
 * process of its own (`node --import tsx server/cli.ts`), so the workstations'
 * own work (JSON, hashing, delta encoding, their event loop) never queues in
 * front of the hub's. Its first admin is made with the admin CLI, as a new
 * hub's is; everyone else through the admin API (tests/bench/syncLoad.ts).
 *
 * And, when no DATABASE_URL is given, a private PostgreSQL cluster in a temp
 * folder (as `.ci/run` starts one), so the same load can run on PostgreSQL.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'server', 'cli.ts');

export interface HubProcess {
  url: string;
  pid: number;
  /** CPU seconds the hub process has used so far (user + system), or null where /proc is not there. */
  cpuSeconds(): number | null;
  /** SIGTERM, then waits for it to exit (the hub closes its database first). */
  stop(): Promise<void>;
}

export interface HubProcessOptions {
  dataDir: string;
  /** PostgreSQL (the hub then keeps nothing but its lock-free config in dataDir). */
  databaseUrl?: string;
  /** The first admin, made with `npm run hub -- admin create` before the hub serves. */
  admin: { username: string; name: string; password: string };
  /** Writes a V8 CPU profile of the hub process into this folder when it exits. */
  profileDir?: string;
}

function hubEnv(options: HubProcessOptions, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** Makes the admin with the CLI, then starts `server/cli.ts --port 0` and waits for "Copydesk hub ready: <url>". */
export async function startHubProcess(options: HubProcessOptions): Promise<HubProcess> {
  const tsx = ['--import', 'tsx'];
  const made = spawnSync(
    process.execPath,
    [...tsx, CLI, 'admin', 'create', '--username', options.admin.username, '--name', options.admin.name, '--data-dir', options.dataDir],
    { cwd: ROOT, env: hubEnv(options, { COPYDESK_HUB_PASSWORD: options.admin.password }), encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`hub admin create failed (${made.status}): ${made.stderr || made.stdout}`);

  const profile = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : [];
  const child = spawn(process.execPath, [...profile, ...tsx, CLI, '--port', '0', '--host', '127.0.0.1', '--data-dir', options.dataDir], {
    cwd: ROOT,
    env: hubEnv(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const ready = /Copydesk hub ready: (\S+)/.exec(stdout);
      if (ready) resolve(ready[1]!);
    });
    void exited.then((code) => reject(new Error(`the hub exited (${code}) before it was ready: ${stderr || stdout}`)));
  });
  const pid = child.pid!;
  return { url, pid, cpuSeconds: () => processCpuSeconds(pid), stop: () => stopChild(child, exited) };
}

/** utime + stime of a process from /proc (Linux), in seconds. */
function processCpuSeconds(pid: number): number | null {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
}

// ------------------------------------------------------------ PostgreSQL

export type PostgresForBench =
  | { kind: 'url'; databaseUrl: string; label: string; drop(): Promise<void>; stop(): Promise<void> }
  | { kind: 'skipped'; reason: string };


function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Debian keeps PostgreSQL's programs in /usr/lib/postgresql/<version>/bin, off the PATH; the newest wins. */
function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.status === 0 ? which.stdout.trim() : '';
  return found ? join(found, '..') : null;
}

/**
 * PostgreSQL for the load benchmark: DATABASE_URL when set (a fresh schema,
 * dropped after); otherwise a private cluster in a temp folder on a free port
 * on 127.0.0.1 with fsync off (as CI runs it), stopped and removed after;
 * otherwise the reason there is none.
 */
export async function postgresForBench(): Promise<PostgresForBench> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const schema = await freshSchema(given, 'bench');
    return { kind: 'url', databaseUrl: schema.databaseUrl, label: 'PostgreSQL (DATABASE_URL, a schema of its own)', drop: schema.drop, stop: async () => {} };
  }
  const bin = postgresBin();
  if (!bin) return { kind: 'skipped', reason: 'no DATABASE_URL and no initdb found (apt-get install postgresql, or set DATABASE_URL)' };

  // initdb refuses to run as root: as root the cluster belongs to the postgres user, as in .ci/run.
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, program);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    return spawnSync(command, argv, { cwd: '/', encoding: 'utf8' });
  };
  // A folder of its own beside the bench's (which is root's, 0700, when run as root), removed when stopped.
  const home = mkdtempSync(join(tmpdir(), 'copydesk-bench-pg-'));
  const removeHome = () => rmSync(home, { recursive: true, force: true });
  if (asRoot) {
    const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (owner.status !== 0) {
      removeHome();
      return { kind: 'skipped', reason: 'running as root and there is no postgres user to own a private cluster' };
    }
    chownSync(home, Number(owner.stdout), Number(group.stdout));
  }
  const data = join(home, 'data');
  const init = run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  if (init.status !== 0) {
    removeHome();
    return { kind: 'skipped', reason: `initdb failed: ${(init.stderr || init.stdout).trim().split('\n').pop()}` };
  }
  const port = await freePort();
  const started = run('pg_ctl', ['-D', data, '-l', join(home, 'server.log'), '-w', '-o', `-p ${port} -k ${home} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  if (started.status !== 0) {
    removeHome();
    return { kind: 'skipped', reason: `pg_ctl start failed: ${(started.stderr || started.stdout).trim().split('\n').pop()}` };
  }
  const stop = async () => {
    run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    removeHome();
  };
  try {
    const schema = await freshSchema(`postgres://postgres@127.0.0.1:${port}/postgres`, 'bench');
    const version = /\/postgresql\/([^/]+)\/bin/.exec(bin)?.[1];
    return {
      kind: 'url',
      databaseUrl: schema.databaseUrl,
      label: `PostgreSQL${version ? ` ${version}` : ''} (a private cluster in a temp dir, fsync off as in CI)`,
      drop: schema.drop,
      stop,
    };
  } catch (error) {
    await stop();
    return { kind: 'skipped', reason: `the private cluster did not answer: ${(error as Error).message}` };
  }
}
