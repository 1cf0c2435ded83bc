import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { passwordProblem, CreateUserRequest } from '../shared/sync/auth.ts';
import { ROLE_LABELS } from '../shared/workflow/roles.ts';
import { createUser } from './auth/people.ts';
import { DataDirBusyError } from './db/lock.ts';
import { DatabaseTooNewError } from './db/migrate.ts';
import { HubError } from './errors.ts';
import { resolveHubDataDir } from './paths.ts';
import { openHubDatabase, startHub } from './start.ts';
import { listUsers } from './store/users.ts';

/**
 * `npm run hub [-- --port N --host H --data-dir DIR]`: the newsroom hub.
 * Prints exactly one line, `Copydesk hub ready: <url>`, once it accepts
 * requests. With DATABASE_URL it uses that PostgreSQL server instead of
 * embedded PGlite in the data folder.
 *
 * `npm run hub -- admin create --username U --name "N"`: adds an admin
 * (the first one, on a new hub), password from COPYDESK_HUB_PASSWORD or a
 * hidden prompt. `npm run hub -- admin list`: who has an account.
 */

const DEFAULT_PORT = 4880;
const USAGE = [
  'Usage:',
  '  npm run hub -- [--port N] [--host H] [--data-dir DIR]',
  '  npm run hub -- admin create --username U --name "Full Name" [--data-dir DIR]',
  '  npm run hub -- admin list [--data-dir DIR]',
  'With DATABASE_URL set, the hub uses that PostgreSQL server instead of the data folder.',
].join('\n');

function fail(message: string): never {
  process.stderr.write(`Copydesk hub: ${message}\n`);
  process.exit(1);
}

function describe(error: unknown): string {
  if (error instanceof HubError || error instanceof DataDirBusyError || error instanceof DatabaseTooNewError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65535) fail(`--port must be a number from 0 to 65535, not "${value}".\n${USAGE}`);
  return port;
}

interface Options {
  port?: string;
  host?: string;
  'data-dir'?: string;
  username?: string;
  name?: string;
  help?: boolean;
}

async function main(): Promise<void> {
  let values: Options;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}.\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const dataDir = resolveHubDataDir(values['data-dir']);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const [command, sub, ...rest] = positionals;
  if (rest.length > 0) fail(`unexpected "${rest.join(' ')}".\n${USAGE}`);

  if (command === undefined) return serve(values, dataDir, databaseUrl);
  if (command === 'admin' && sub === 'create') return adminCreate(values, dataDir, databaseUrl);
  if (command === 'admin' && sub === 'list') return adminList(dataDir, databaseUrl);
  fail(`unknown command "${positionals.join(' ')}".\n${USAGE}`);
}

async function serve(values: Options, dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const requestedPort = parsePort(values.port ?? process.env.COPYDESK_HUB_PORT);
  const host = values.host ?? '127.0.0.1';
  let hub;
  try {
    hub = await startHub({ port: requestedPort ?? DEFAULT_PORT, host, dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(`port ${requestedPort ?? DEFAULT_PORT} is already in use. Choose another with --port N.`);
    fail(`cannot start: ${describe(error)}`);
  }
  process.stdout.write(`Copydesk hub ready: ${hub.url}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Copydesk hub: stopping failed: ${describe(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function adminCreate(values: Options, dataDir: string, databaseUrl: string | undefined): Promise<void> {
  if (!values.username || !values.name) fail(`admin create needs --username and --name.\n${USAGE}`);
  const password = await readPassword(values.username);
  const problem = passwordProblem(password, values.username);
  if (problem) fail(problem);
  const input = CreateUserRequest.safeParse({ username: values.username, name: values.name, role: 'admin', password });
  if (!input.success) fail(input.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; '));

  let database;
  try {
    database = await openHubDatabase({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  } catch (error) {
    fail(`cannot open the hub's database: ${describe(error)}`);
  }
  try {
    const user = await createUser({ sql: database.sql, now: () => new Date(), dataDir }, input.data);
    process.stdout.write(`Admin "${user.username}" (${user.name}) created. Sign in at the hub with that user name.\n`);
  } catch (error) {
    await database.close();
    fail(describe(error));
  }
  await database.close();
}

async function adminList(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  let database;
  try {
    database = await openHubDatabase({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  } catch (error) {
    fail(`cannot open the hub's database: ${describe(error)}`);
  }
  const users = await listUsers(database.sql);
  await database.close();
  if (users.length === 0) {
    process.stdout.write('No accounts yet. Add the first admin with: npm run hub -- admin create --username U --name "Full Name"\n');
    return;
  }
  const byId = new Map(users.map((u) => [u.id, u]));
  const rows = users.map((u) => [
    u.username,
    u.name,
    ROLE_LABELS[u.role],
    u.supervisor_id ? (byId.get(u.supervisor_id)?.username ?? u.supervisor_id) : '',
    u.disabled ? 'disabled' : '',
  ]);
  const header = ['User name', 'Name', 'Role', 'Supervisor', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
}

/** COPYDESK_HUB_PASSWORD, or typed twice at a hidden prompt; never from a pipe (it would end up in shell history or logs). */
async function readPassword(username: string): Promise<string> {
  const fromEnv = process.env.COPYDESK_HUB_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    fail('no password: set COPYDESK_HUB_PASSWORD, or run this in a terminal to type it at a hidden prompt.');
  }
  const first = await promptHidden(`Password for ${username}: `);
  const problem = passwordProblem(first, username);
  if (problem) fail(problem);
  const second = await promptHidden('Type it again: ');
  if (first !== second) fail('the two passwords differ. Nothing was created.');
  return first;
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Echo nothing of what is typed: readline writes through _writeToOutput.
    const internals = rl as unknown as { _writeToOutput: (text: string) => void };
    let prompted = false;
    internals._writeToOutput = (text: string) => {
      if (!prompted) {
        prompted = true;
        process.stdout.write(text);
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

void main();
