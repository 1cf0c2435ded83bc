/**
 * Sync benchmarks (issue 5, point 7): `npm run bench -- sync`, or as part of
 * `npm run bench`. Prints a table; never fails on time.
 *
 * a. and b. run against a real hub in this process (Fastify on 127.0.0.1,
 * PGlite in a temp dir, as `npm run hub` starts it) over raw HTTP with fetch,
 * so the numbers are the protocol's, not a client's:
 *
 * a. Bytes on the wire for a one-word edit to a 5,000-word story: the push
 *    request body and the reply body as sent, for the revision in full, in
 *    full gzipped, as a delta (shared/sync/delta.ts) and as a delta gzipped.
 *    Baseline: the story's raw JSON. Goal ≤ 4 KB.
 * b. Initial pull of 10,000 stories (one revision of ~300 words each, pushed
 *    untimed in batches beforehand) by an editor, from cursor null with the
 *    default page size until `more` is false. Baseline: one SELECT of the
 *    same change-log rows and snapshots through the hub's Sql. Goal ≤ 15 s.
 * c. 100 workstations against one hub running in a process of its own
 *    (`server/cli.ts`), so what is timed is what the hub serves and not this
 *    process's own queue; the load model and its baselines are in
 *    tests/bench/syncLoad.ts. Run on PGlite, then on PostgreSQL: DATABASE_URL
 *    when set, else a private cluster this bench starts in a temp dir when
 *    `initdb` is found (else it says why it skipped). Goal p99 ≤ 100 ms.
 *
 * BENCH_SYNC_STORIES (default 10000) and BENCH_SYNC_SECONDS (default 60, the
 * length of c.) change the sizes. With DATABASE_URL a. and b. run on that
 * PostgreSQL too (each hub in a schema of its own, dropped at the end).
 * BENCH_HUB_PROFILE=<dir> writes a CPU profile of each hub process of c.
 * there (`node --cpu-prof`), to open in Chrome's DevTools;
 * BENCH_SYNC_NUDGE_SPREAD_MS=N tries spreading the workstations' pulls after a
 * nudge over N ms (see syncLoad.ts).
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ulid } from 'ulid';
import { hashPassword } from '../../server/auth/password.ts';
import { createSession } from '../../server/auth/session.ts';
import { startHub, type RunningHub } from '../../server/start.ts';
import { insertUser } from '../../server/store/users.ts';
import { SYNC_LIMITS, type MutationResult, type PullResponse } from '../../shared/sync/protocol.ts';
import type { Role } from '../../shared/workflow/roles.ts';
import { isolatedDatabase } from '../hub/support/hub.ts';
import { postgresForBench } from './hubProcess.ts';
import { benchNewsroom } from './syncLoad.ts';
import { createMutation, deltaRevision, fullRevision, kb, mb, oneWordEdit, random, revisionOf, storyOf, table, type Line } from './syncFixtures.ts';

const STORIES = Number(process.env.BENCH_SYNC_STORIES ?? 10_000);

// ---------------------------------------------------------------- helpers

interface Account {
  id: string;
  name: string;
  token: string;
}

/** People with a session each, straight into the hub's tables (one password hash shared: setup, not measured). */
async function accounts(hub: RunningHub, role: Role, count: number, prefix: string): Promise<Account[]> {
  const passwordHash = await hashPassword('correct horse battery staple');
  const out: Account[] = [];
  for (let i = 0; i < count; i++) {
    const row = await insertUser(hub.deps.sql, {
      id: ulid(),
      username: `${prefix}${i}`,
      name: `${prefix} ${i}`,
      role,
      supervisorId: null,
      passwordHash,
      now: hub.deps.now(),
    });
    const { token } = await createSession(hub.deps, row.id);
    out.push({ id: row.id, name: row.name, token });
  }
  return out;
}

interface Exchange {
  status: number;
  text: string;
  /** Bytes of the request body and of the reply body as they crossed the socket. */
  sent: number;
  received: number;
  ms: number;
}

async function post(hub: RunningHub, path: string, who: Account, body: string | Buffer, encoding?: 'gzip'): Promise<Exchange> {
  const started = performance.now();
  const response = await fetch(new URL(path.replace(/^\//, ''), hub.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json', ...(encoding ? { 'content-encoding': encoding } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - started;
  return { status: response.status, text: bytes.toString('utf8'), sent: Buffer.byteLength(body), received: bytes.length, ms };
}

async function pushJson(hub: RunningHub, who: Account, mutations: unknown[], encoding?: 'gzip', workstationId = 'bench'): Promise<{ results: MutationResult[]; exchange: Exchange }> {
  const json = JSON.stringify({ workstationId, mutations });
  const exchange = await post(hub, '/v1/sync/push', who, encoding === 'gzip' ? gzipSync(json) : json, encoding);
  if (exchange.status !== 200) throw new Error(`push failed: ${exchange.status} ${exchange.text.slice(0, 300)}`);
  return { results: (JSON.parse(exchange.text) as { results: MutationResult[] }).results, exchange };
}

function expectApplied(results: MutationResult[], what: string): void {
  const bad = results.find((r) => r.status !== 'applied');
  if (bad) throw new Error(`${what}: ${JSON.stringify(bad)}`);
}

/** A hub of its own: PGlite in `dir/name`, or with DATABASE_URL a fresh schema on that PostgreSQL (dropped after). */
async function withHub<T>(dir: string, name: string, fn: (hub: RunningHub) => Promise<T>): Promise<T> {
  const database = await isolatedDatabase();
  try {
    const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: join(dir, name), ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}) });
    try {
      return await fn(hub);
    } finally {
      await hub.close();
    }
  } finally {
    await database.drop();
  }
}

// ------------------------------------------------- a. bytes on the wire

async function benchBytes(hub: RunningHub, step: (message: string) => void): Promise<Line[]> {
  step('sync: bytes on the wire for a one-word edit to a 5,000-word story');
  const [reporter] = await accounts(hub, 'reporter', 1, 'wire');
  const storyId = ulid();
  let snapshot = storyOf('Harbour bridge to close for repairs', 5000);
  let head = revisionOf(storyId, reporter!, [], snapshot);
  expectApplied((await pushJson(hub, reporter!, [createMutation(storyId, snapshot.headline), fullRevision(storyId, null, head, snapshot)])).results, 'seeding the story');
  const raw = Buffer.byteLength(JSON.stringify(snapshot));

  const lines: Line[] = ['a. one-word edit to a 5,000-word story: request body + reply body (bytes as sent; HTTP headers not counted)'];
  for (const [label, asDelta, encoding] of [
    ['full snapshot', false, undefined],
    ['full snapshot, gzip', false, 'gzip'],
    ['delta', true, undefined],
    ['delta, gzip', true, 'gzip'],
  ] as const) {
    const next = oneWordEdit(snapshot);
    const revision = revisionOf(storyId, reporter!, [head.id], next);
    const mutation = asDelta ? deltaRevision(storyId, head.id, snapshot, revision, next) : fullRevision(storyId, head.id, revision, next);
    const { results, exchange } = await pushJson(hub, reporter!, [mutation], encoding);
    expectApplied(results, label);
    snapshot = next;
    head = revision;
    const total = exchange.sent + exchange.received;
    lines.push([
      `  ${label}`,
      kb(total),
      'raw JSON of the story',
      kb(raw),
      `${((100 * total) / raw).toFixed(1)} %`,
      `request ${exchange.sent.toLocaleString('en')} B + reply ${exchange.received.toLocaleString('en')} B; goal ≤ 4 KB ${total <= 4096 ? 'met' : 'not met'}`,
    ]);
  }
  return lines;
}

// ------------------------------------------------------ b. initial pull

async function benchInitialPull(hub: RunningHub, step: (message: string) => void): Promise<Line[]> {
  const [owner] = await accounts(hub, 'reporter', 1, 'seed');
  const [editor] = await accounts(hub, 'editor', 1, 'desk');
  const perPush = Math.floor(SYNC_LIMITS.mutationsPerPush / 2);
  const seedStarted = performance.now();
  for (let done = 0; done < STORIES; done += perPush) {
    const mutations: unknown[] = [];
    for (let i = done; i < Math.min(STORIES, done + perPush); i++) {
      const storyId = ulid();
      const snapshot = storyOf(`Story ${i + 1}: council votes on harbour bridge`, 250 + Math.floor(random() * 150));
      mutations.push(createMutation(storyId, snapshot.headline), fullRevision(storyId, null, revisionOf(storyId, owner!, [], snapshot), snapshot));
    }
    expectApplied((await pushJson(hub, owner!, mutations)).results, 'seeding stories');
    if ((done / perPush) % 8 === 0) step(`sync: seeded ${Math.min(STORIES, done + perPush).toLocaleString('en')} of ${STORIES.toLocaleString('en')} stories`);
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  step(`sync: initial pull of ${STORIES.toLocaleString('en')} stories`);
  const started = performance.now();
  let cursor: string | null = null;
  let pages = 0;
  let bytes = 0;
  let changes = 0;
  const stories = new Set<string>();
  for (;;) {
    const exchange = await post(hub, '/v1/sync/pull', editor!, JSON.stringify({ cursor }));
    if (exchange.status !== 200) throw new Error(`pull failed: ${exchange.status} ${exchange.text.slice(0, 300)}`);
    const page = JSON.parse(exchange.text) as PullResponse;
    pages += 1;
    bytes += exchange.received;
    changes += page.changes.length;
    for (const change of page.changes) if (change.kind === 'revision') stories.add(change.storyId);
    cursor = page.cursor;
    if (!page.more) break;
  }
  const seconds = (performance.now() - started) / 1000;
  if (stories.size !== STORIES) throw new Error(`the pull brought ${stories.size} stories' text, not ${STORIES}`);

  step('sync: baseline SELECT of the same rows');
  const baseStarted = performance.now();
  const rows = await hub.deps.sql.query<{ seq: number; snapshot: string | null }>(
    `SELECT c.seq, c.story_id, c.kind, c.payload, c.created_at, convert_from(r.snapshot, 'UTF8') AS snapshot
     FROM change_log c LEFT JOIN revisions r ON c.kind = 'revision' AND r.id = c.payload->'revision'->>'id'
     ORDER BY c.seq`,
  );
  const baseSeconds = (performance.now() - baseStarted) / 1000;
  const baseBytes = rows.reduce((sum, r) => sum + (r.snapshot === null ? 0 : Buffer.byteLength(r.snapshot)), 0);

  return [
    `b. initial pull of ${STORIES.toLocaleString('en')} stories (one revision of 250–400 words each; seeded through push in ${seedSeconds.toFixed(0)} s, untimed)`,
    [
      `  editor pulls from cursor null, page ${SYNC_LIMITS.pullDefault}`,
      `${seconds.toFixed(1)} s`,
      'one SELECT of the rows via Sql',
      `${baseSeconds.toFixed(1)} s`,
      `${(seconds / Math.max(baseSeconds, 1e-6)).toFixed(1)}×`,
      `${pages} pages, ${changes.toLocaleString('en')} changes, ${mb(bytes)} of JSON (snapshots ${mb(baseBytes)}); goal ≤ 15 s ${seconds <= 15 ? 'met' : 'not met'}`,
    ],
  ];
}

// ------------------------------------------------------------------ entry

/**
 * Runs the sync benchmarks in `dir` (each on a hub of its own) and returns
 * the printed tables: a. and b. with the hub in this process, c. with the hub
 * in a process of its own on PGlite and on PostgreSQL.
 */
export async function benchSync(dir: string, step: (message: string) => void): Promise<string> {
  const lines: Line[] = [];
  lines.push(...(await withHub(dir, 'hub-bytes', (hub) => benchBytes(hub, step))));
  lines.push(...(await withHub(dir, 'hub-pull', (hub) => benchInitialPull(hub, step))));
  const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL, a schema per hub)' : 'PGlite in a temp dir';
  const out = [`Sync (hub in this process on 127.0.0.1, ${database}, raw HTTP with fetch)\n${table(lines)}`];

  const profileDir = process.env.BENCH_HUB_PROFILE || undefined;
  const load = (name: string, label: string, databaseUrl: string | undefined) =>
    benchNewsroom(join(dir, name), label, databaseUrl, step, profileDir ? join(profileDir, name) : undefined);
  out.push(`Sync under load (hub in its own process on 127.0.0.1, node:http from this one)\n${table(await load('load-pglite', 'PGlite in a temp dir', undefined))}`);

  step('sync load: PostgreSQL');
  const postgres = await postgresForBench();
  if (postgres.kind === 'skipped') out.push(`Sync under load on PostgreSQL: skipped, ${postgres.reason}.`);
  else {
    try {
      out.push(`Sync under load (hub in its own process on 127.0.0.1, node:http from this one)\n${table(await load('load-postgres', postgres.label, postgres.databaseUrl))}`);
    } finally {
      await postgres.drop().catch(() => undefined);
      await postgres.stop();
    }
  }
  return out.join('\n\n');
}
