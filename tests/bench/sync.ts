/**
 * Sync benchmarks (issue 5, point 7): `npm run bench -- sync`, or as part of
 * `npm run bench`. Prints a table; never fails on time.
 *
 * Everything runs against a real hub in this process (Fastify on 127.0.0.1,
 * PGlite in a temp dir, as `npm run hub` starts it) over raw HTTP with
 * fetch (undici's keep-alive defaults), so the numbers are the protocol's,
 * not a client's. Each measurement has a baseline taken in the same run:
 *
 * a. Bytes on the wire for a one-word edit to a 5,000-word story: the push
 *    request body and the reply body as sent, for the revision in full, in
 *    full gzipped, as a delta (shared/sync/delta.ts) and as a delta gzipped.
 *    Baseline: the story's raw JSON. Goal ≤ 4 KB.
 * b. Initial pull of 10,000 stories (one revision of ~300 words each, pushed
 *    untimed in batches beforehand) by an editor, from cursor null with the
 *    default page size until `more` is false. Baseline: one SELECT of the
 *    same change-log rows and snapshots through the hub's Sql. Goal ≤ 15 s.
 * c. 100 workstations (100 accounts, a session each, a story each) doing
 *    rounds of push (a one-word revision as a delta, or a comment) + pull
 *    against one hub; p50/p99 latency of each. Three ways: one workstation
 *    alone (what a request costs without a queue), all 100 paced (a round
 *    every 1–3 s each, the autosave cadence) and all 100 flat out (the next
 *    round as soon as the last is answered: the hub's saturation). At the end,
 *    a check that no mutation was lost: every applied mutation id is in the
 *    hub's mutations table, every story's head is the revision its
 *    workstation last pushed, every comment is there. Baseline: the same
 *    number of raw INSERTs through Sql, 100 at a time. Goal p99 ≤ 100 ms.
 *
 * BENCH_SYNC_STORIES (default 10000) and BENCH_SYNC_ROUNDS (default 20)
 * change the sizes. With DATABASE_URL the hubs run on that PostgreSQL
 * instead (each in a schema of its own, dropped at the end), as `.ci/run`
 * runs the hub suite.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ulid } from 'ulid';
import { hashPassword } from '../../server/auth/password.ts';
import { createSession } from '../../server/auth/session.ts';
import { startHub, type RunningHub } from '../../server/start.ts';
import { isolatedDatabase } from '../hub/support/hub.ts';
import { insertUser } from '../../server/store/users.ts';
import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';
import { newBlockId } from '../../shared/model/anatomy.ts';
import type { SerializedNode } from '../../shared/model/document.ts';
import { canonicalJson } from '../../shared/review/canonicalJson.ts';
import { encodeSnapshotDelta } from '../../shared/sync/delta.ts';
import { revisionIdInput, SYNC_LIMITS, type MutationResult, type PullResponse, type RevisionHeader } from '../../shared/sync/protocol.ts';
import type { Role } from '../../shared/workflow/roles.ts';

const STORIES = Number(process.env.BENCH_SYNC_STORIES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_SYNC_ROUNDS ?? 20);
const WORKSTATIONS = 100;

// ---------------------------------------------------------------- helpers

function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
const random = prng(20260302);

const WORDS = (
  'the of and to a in that is was for it with as on be at by this had not are but from or have an they which one were all ' +
  'there would their been has when who will more if out so said what up its about into than them can only other new some ' +
  'council minister police court city officials president week report told public percent million budget election party ' +
  'company market health school plan law economy country local national workers prices water housing hospital harbour ' +
  'bridge railway contract union strike vote parliament opposition leader campaign interview inspectors piers tunnel'
).split(' ');

function paragraphText(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * random() * WORDS.length)]!);
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(text: string): SerializedNode {
  return {
    type: 'paragraph',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    $: { blockId: newBlockId() },
    children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
  };
}

/** A story of about `words` words in paragraphs of 30–90 words, every block with an id (as the editor makes them). */
function storyOf(headline: string, words: number): RevisionSnapshot {
  const children: SerializedNode[] = [];
  for (let done = 0; done < words; ) {
    const n = Math.min(words - done, 30 + Math.floor(random() * 61));
    children.push(paragraph(paragraphText(n)));
    done += n;
  }
  return {
    headline,
    standfirst: 'The council voted on Tuesday to close the harbour bridge after inspectors found cracks in two of its piers.',
    dateline: { place: 'Chongqing', date: '2026-03-02' },
    byline: [{ personId: null, name: 'Vivian Yan', role: 'author' }],
    language: 'en',
    body: { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children } },
  };
}

/** The same story with one word of one paragraph replaced. */
function oneWordEdit(story: RevisionSnapshot): RevisionSnapshot {
  const next = structuredClone(story);
  const blocks = next.body.root.children;
  const text = blocks[Math.floor(random() * blocks.length)]!.children![0]!;
  const words = text.text!.split(' ');
  const at = Math.floor(random() * words.length);
  words[at] = words[at] === 'harbour' ? 'harbor' : 'harbour';
  text.text = words.join(' ');
  return next;
}

interface Account {
  id: string;
  name: string;
  token: string;
}

let minute = 0;
/** A revision as the workstation's store checkpoints it: the header with its id computed over its content. */
function revisionOf(storyId: string, author: Account, parents: string[], snapshot: RevisionSnapshot): RevisionHeader {
  minute += 1;
  const header = {
    parents,
    authorId: author.id,
    authorName: author.name,
    createdAt: new Date(Date.UTC(2026, 2, 1, 8, 0, 0, minute)).toISOString(),
    kind: 'save' as const,
    message: '',
  };
  const id = createHash('sha256').update(canonicalJson(revisionIdInput(storyId, header, snapshot))).digest('hex');
  return { id, ...header };
}

const createMutation = (storyId: string, headline: string) => ({ id: ulid(), type: 'article.create', storyId, payload: { headline, language: 'en' } });
const fullRevision = (storyId: string, base: string | null, revision: RevisionHeader, snapshot: RevisionSnapshot) => ({
  id: ulid(),
  type: 'article.revision',
  storyId,
  baseRevision: base,
  payload: { revision, snapshot },
});
const deltaRevision = (storyId: string, base: string, baseSnapshot: RevisionSnapshot, revision: RevisionHeader, snapshot: RevisionSnapshot) => ({
  id: ulid(),
  type: 'article.revision',
  storyId,
  baseRevision: base,
  payload: { revision, deltaBase: base, delta: encodeSnapshotDelta(baseSnapshot, snapshot) },
});

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

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const msText = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));

type Line = string | [measurement: string, value: string, baseline: string, baselineValue: string, ratio: string, note: string];

function table(lines: Line[]): string {
  const header = ['measurement', 'value', 'baseline', 'value', 'ratio', 'note'];
  const rows = lines.filter((l): l is Exclude<Line, string> => typeof l !== 'string');
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([1, 3, 4]);
  const format = (cells: readonly string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [format(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const line of lines) out.push(typeof line === 'string' ? line : format(line));
  return out.join('\n');
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
  const rows = await hub.deps.sql.query<{ seq: number; snapshot: Uint8Array | null }>(
    `SELECT c.seq, c.story_id, c.kind, c.payload, c.created_at, r.snapshot
     FROM change_log c LEFT JOIN revisions r ON c.kind = 'revision' AND r.id = c.payload->'revision'->>'id'
     ORDER BY c.seq`,
  );
  const baseSeconds = (performance.now() - baseStarted) / 1000;
  const baseBytes = rows.reduce((sum, r) => sum + (r.snapshot?.length ?? 0), 0);

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

// ------------------------------------------------- c. 100 workstations

interface Workstation {
  index: number;
  account: Account;
  storyId: string;
  snapshot: RevisionSnapshot;
  head: string;
  cursor: string | null;
  applied: string[];
  comments: number;
  other: MutationResult[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One round: push a one-word revision (as a delta) or a comment, then pull until `more` is false. */
async function round(hub: RunningHub, ws: Workstation, n: number, pushMs: number[], pullMs: number[]): Promise<void> {
  let mutation: { id: string };
  let next: { snapshot: RevisionSnapshot; head: string } | null = null;
  if (n % 2 === 0) {
    const snapshot = oneWordEdit(ws.snapshot);
    const revision = revisionOf(ws.storyId, ws.account, [ws.head], snapshot);
    mutation = deltaRevision(ws.storyId, ws.head, ws.snapshot, revision, snapshot);
    next = { snapshot, head: revision.id };
  } else {
    const block = ws.snapshot.body.root.children[0]!;
    const quote = block.children![0]!.text!.slice(0, 12);
    const blockId = (block.$ as { blockId: string }).blockId;
    mutation = {
      id: ulid(),
      type: 'comment.create',
      storyId: ws.storyId,
      payload: { commentId: ulid(), anchor: { blockId, start: 0, end: quote.length, quote }, body: `Check this, round ${n}.`, mentions: [] },
    } as { id: string };
  }
  const { results, exchange } = await pushJson(hub, ws.account, [mutation], undefined, `ws-${ws.index}`);
  pushMs.push(exchange.ms);
  const result = results[0]!;
  if (result.status === 'applied') {
    ws.applied.push(mutation.id);
    if (next) {
      ws.snapshot = next.snapshot;
      ws.head = next.head;
    } else ws.comments += 1;
  } else ws.other.push(result);

  for (let more = true; more; ) {
    const pulled = await post(hub, '/v1/sync/pull', ws.account, JSON.stringify({ cursor: ws.cursor }));
    if (pulled.status !== 200) throw new Error(`pull failed: ${pulled.status} ${pulled.text.slice(0, 300)}`);
    pullMs.push(pulled.ms);
    const page = JSON.parse(pulled.text) as PullResponse;
    ws.cursor = page.cursor;
    more = page.more;
  }
}

async function benchWorkstations(hub: RunningHub, step: (message: string) => void): Promise<Line[]> {
  step(`sync: ${WORKSTATIONS} workstations: accounts, stories, first pulls`);
  const people = await accounts(hub, 'reporter', WORKSTATIONS, 'desk');
  const stations: Workstation[] = [];
  for (const [index, account] of people.entries()) {
    const storyId = ulid();
    const snapshot = storyOf(`Workstation ${index + 1}'s story`, 200);
    const revision = revisionOf(storyId, account, [], snapshot);
    expectApplied((await pushJson(hub, account, [createMutation(storyId, snapshot.headline), fullRevision(storyId, null, revision, snapshot)], undefined, `ws-${index}`)).results, 'seeding');
    stations.push({ index, account, storyId, snapshot, head: revision.id, cursor: null, applied: [], comments: 0, other: [] });
  }
  // Each workstation has done its first pull, on a connection of its own, before the clock starts.
  await Promise.all(stations.map((ws) => round(hub, ws, 1, [], [])));

  step(`sync: one workstation alone, ${ROUNDS * 2} rounds`);
  const alone = { push: [] as number[], pull: [] as number[], seconds: 0 };
  let started = performance.now();
  for (let n = 0; n < ROUNDS * 2; n++) await round(hub, stations[0]!, n, alone.push, alone.pull);
  alone.seconds = (performance.now() - started) / 1000;

  step(`sync: ${WORKSTATIONS} workstations × ${ROUNDS} rounds, paced (a round every 1–3 s each)`);
  const paced = { push: [] as number[], pull: [] as number[], seconds: 0 };
  started = performance.now();
  await Promise.all(
    stations.map(async (ws) => {
      for (let n = 0; n < ROUNDS; n++) {
        await sleep(1000 + random() * 2000);
        await round(hub, ws, n, paced.push, paced.pull);
      }
    }),
  );
  paced.seconds = (performance.now() - started) / 1000;

  step(`sync: ${WORKSTATIONS} workstations × ${ROUNDS} rounds, flat out (no pause between rounds)`);
  const flat = { push: [] as number[], pull: [] as number[], seconds: 0 };
  started = performance.now();
  await Promise.all(
    stations.map(async (ws) => {
      for (let n = 0; n < ROUNDS; n++) await round(hub, ws, n, flat.push, flat.pull);
    }),
  );
  flat.seconds = (performance.now() - started) / 1000;

  step('sync: checking that no mutation was lost');
  const appliedIds = stations.flatMap((ws) => ws.applied);
  const stored = await hub.deps.sql.query<{ id: string; result: string }>('SELECT id, result FROM mutations WHERE id = ANY($1::text[])', [appliedIds]);
  const storedApplied = new Set(stored.filter((r) => (JSON.parse(r.result) as { status: string }).status === 'applied').map((r) => r.id));
  const storyIds = stations.map((ws) => ws.storyId);
  const heads = await hub.deps.sql.query<{ id: string; head_revision_id: string }>('SELECT id, head_revision_id FROM stories WHERE id = ANY($1::text[])', [storyIds]);
  const headOf = new Map(heads.map((r) => [r.id, r.head_revision_id]));
  const commentRows = await hub.deps.sql.query<{ story_id: string; n: number }>(
    'SELECT story_id, count(*)::int AS n FROM comments WHERE story_id = ANY($1::text[]) GROUP BY story_id',
    [storyIds],
  );
  const commentsOf = new Map(commentRows.map((r) => [r.story_id, Number(r.n)]));
  const lost = appliedIds.filter((id) => !storedApplied.has(id)).length;
  const wrongHeads = stations.filter((ws) => headOf.get(ws.storyId) !== ws.head).length;
  const missingComments = stations.reduce((sum, ws) => sum + Math.abs(ws.comments - (commentsOf.get(ws.storyId) ?? 0)), 0);
  const notApplied = stations.reduce((sum, ws) => sum + ws.other.length, 0);

  step('sync: baseline raw INSERTs');
  await hub.deps.sql.exec('CREATE TABLE bench_raw_inserts (id text PRIMARY KEY, body text NOT NULL)');
  const insertAloneMs: number[] = [];
  for (let n = 0; n < ROUNDS * 2; n++) {
    const began = performance.now();
    await hub.deps.sql.query('INSERT INTO bench_raw_inserts (id, body) VALUES ($1, $2)', [ulid(), `Check this, round ${n}.`]);
    insertAloneMs.push(performance.now() - began);
  }
  const insertMs: number[] = [];
  await Promise.all(
    stations.map(async () => {
      for (let n = 0; n < ROUNDS; n++) {
        const began = performance.now();
        await hub.deps.sql.query('INSERT INTO bench_raw_inserts (id, body) VALUES ($1, $2)', [ulid(), `Check this, round ${n}.`]);
        insertMs.push(performance.now() - began);
      }
    }),
  );

  const rows = (mode: string, run: typeof paced, goal: boolean, baseline = insertMs, baselineName = 'raw INSERT via Sql, 100 at once'): Line[] => {
    const requests = run.push.length + run.pull.length;
    const out: Line[] = [`  ${mode}: ${run.push.length.toLocaleString('en')} pushes, ${run.pull.length.toLocaleString('en')} pulls in ${run.seconds.toFixed(1)} s (${(requests / run.seconds).toFixed(0)} requests/s)`];
    for (const [label, samples] of [
      ['push', run.push],
      ['pull', run.pull],
    ] as const) {
      for (const [name, q] of [
        ['p50', 0.5],
        ['p99', 0.99],
      ] as const) {
        const value = percentile(samples, q);
        const base = percentile(baseline, q);
        out.push([
          `    ${label} ${name}`,
          `${msText(value)} ms`,
          `${baselineName} ${name}`,
          `${msText(base)} ms`,
          `${(value / Math.max(base, 1e-6)).toFixed(1)}×`,
          goal && q === 0.99 ? `goal p99 ≤ 100 ms ${value <= 100 ? 'met' : 'not met'}` : '',
        ]);
      }
    }
    return out;
  };
  return [
    `c. ${WORKSTATIONS} workstations at once, ${ROUNDS} rounds each of push (a one-word revision as a delta, or a comment) + pull; baseline: as many raw INSERTs, one at a time or ${WORKSTATIONS} at once`,
    ...rows('one workstation alone (no queue: what one push and one pull cost)', alone, false, insertAloneMs, 'raw INSERT via Sql, alone'),
    ...rows('paced like autosave (a round every 1–3 s per workstation)', paced, true),
    ...rows('flat out (the next round as soon as the last is answered: saturation)', flat, false),
    [
      '  mutations lost',
      String(lost + wrongHeads + missingComments),
      '',
      '',
      '',
      `${appliedIds.length.toLocaleString('en')} applied, ${notApplied} not applied; ids missing ${lost}, heads wrong ${wrongHeads}, comments missing ${missingComments}`,
    ],
  ];
}

// ------------------------------------------------------------------ entry

/**
 * Runs the three sync benchmarks in `dir` (each on a hub of its own) and
 * returns the printed table.
 */
export async function benchSync(dir: string, step: (message: string) => void): Promise<string> {
  const lines: Line[] = [];
  lines.push(...(await withHub(dir, 'hub-bytes', (hub) => benchBytes(hub, step))));
  lines.push(...(await withHub(dir, 'hub-pull', (hub) => benchInitialPull(hub, step))));
  lines.push(...(await withHub(dir, 'hub-load', (hub) => benchWorkstations(hub, step))));
  const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL, a schema per hub)' : 'PGlite in a temp dir';
  return `Sync (hub in this process on 127.0.0.1, ${database}, raw HTTP with fetch)\n${table(lines)}`;
}
