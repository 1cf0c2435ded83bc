import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { SYNC_LIMITS, type MutationResult, type PullResponse } from '../../shared/sync/protocol.ts';
import type { Role } from '../../shared/workflow/roles.ts';
import { SYNC_TIMING } from '../../main/sync/syncEngine.ts';
import { startHubProcess } from './hubProcess.ts';
import {
  commentMutation,
  createMutation,
  deltaRevision,
  fullRevision,
  msText,
  oneWordEdit,
  percentile,
  random,
  revisionOf,
  storyOf,
  type Line,
} from './syncFixtures.ts';
import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';

/**
 * c. A newsroom of 100 workstations against one hub running in a process of
 * its own (tests/bench/hubProcess.ts), driven from this process over plain
 * node:http — the figures are what the hub serves, not what this process's
 * event loop adds (its delay is printed beside them).
 *
 * Load model (what a newsroom's workstations do, per main/sync/syncEngine.ts):
 * - 100 workstations, 15 of them editors (the desk reads every story, so
 *   their pulls carry everyone's text) and 85 reporters (who read their own
 *   drafts only); each with its own keep-alive connection and an open
 *   `GET /v1/events` stream.
 * - Each pushes one change every 2–6 s (uniformly at random, mean 4 s: ~25
 *   pushes/s for the hub), alternately a one-word revision of its story as a
 *   delta and a comment, and pulls after its push.
 * - Each pulls on a nudge as the engine does (SYNC_TIMING.nudgeMinMs plus a
 *   random share of nudgeSpreadMs after the first nudge it hears, later
 *   nudges joining that pull), until `more` is false. Cycles never overlap: a push or
 *   nudge during a cycle runs after it, nudges folded into one pull.
 * So at most 100 requests are in flight. Every request body is made before
 * the clock starts (the revision ids, deltas, JSON), so the workstations'
 * own work is reading the replies.
 *
 * Baselines from the same hub process, the same run: `GET /v1/health`
 * (Fastify, a session-less route, one `SELECT 1` through the same database
 * driver) alone and flat out; one push and one pull with the hub idle; and a
 * health probe every 250 ms during the load (what the queue costs a request
 * that does nothing); the CPU the hub process used (from /proc) says whether
 * a slow figure is the hub's work or its queue. Then every workstation flat
 * out for a few rounds (the hub's saturation), and a check that nothing was
 * lost: an editor pulls
 * everything from the start and every applied revision and comment must be in
 * it, every story's last revision the one its workstation last pushed.
 */

const WORKSTATIONS = 100;
const EDITORS = 15;
const SECONDS = Number(process.env.BENCH_SYNC_SECONDS ?? 60);
const PUSH_EVERY_MS = [2_000, 6_000] as const;
const NUDGE_DEBOUNCE_MS = SYNC_TIMING.nudgeMinMs;
/**
 * BENCH_SYNC_NUDGE_SPREAD_MS=N replaces the engine's spread (what-if; 0: every
 * workstation pulls in the same instant after a nudge, one burst of 100
 * requests queued at the hub — how the engine worked before the spread).
 */
const NUDGE_SPREAD_MS = Number(process.env.BENCH_SYNC_NUDGE_SPREAD_MS ?? SYNC_TIMING.nudgeSpreadMs);
const ALONE_ROUNDS = 40;
const FLAT_ROUNDS = 5;
const PROBE_EVERY_MS = 250;
const PASSWORD = 'correct horse battery staple';

// ------------------------------------------------------------------ HTTP

interface Reply {
  status: number;
  text: string;
  bytes: number;
  ms: number;
}

/** One request over `agent`'s keep-alive connection; `ms` from the first byte written to the last byte read. */
function call(agent: http.Agent, base: URL, method: string, path: string, token: string | null, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const started = performance.now();
    const request = http.request(new URL(path, base), { method, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const ms = performance.now() - started;
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, text: bytes.toString('utf8'), bytes: bytes.length, ms });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function callOk(agent: http.Agent, base: URL, method: string, path: string, token: string | null, body?: unknown): Promise<Reply> {
  const reply = await call(agent, base, method, path, token, body === undefined ? undefined : JSON.stringify(body));
  if (reply.status < 200 || reply.status > 299) throw new Error(`${method} ${path}: ${reply.status} ${reply.text.slice(0, 300)}`);
  return reply;
}

/** `GET /v1/events`, calling `onNudge` for `ready` and every `changed`; close() ends it. */
function openEvents(base: URL, token: string, onNudge: () => void): { opened: Promise<void>; close(): void } {
  let request: http.ClientRequest | null = null;
  const opened = new Promise<void>((resolve, reject) => {
    request = http.get(new URL('v1/events', base), { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`GET /v1/events: ${response.statusCode}`));
        response.resume();
        return;
      }
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        const blocks = pending.split('\n\n');
        pending = blocks.pop()!;
        for (const block of blocks) {
          if (block.split('\n').some((line) => line === 'event: changed' || line === 'event: ready')) {
            resolve();
            onNudge();
          }
        }
      });
      // close() destroys the stream mid-response: that is its end, not a failure.
      response.on('error', () => {});
    });
    request.on('error', reject);
  });
  return { opened, close: () => request?.destroy() };
}

// ------------------------------------------------------------ workstations

/** A push made before the clock starts: its body as sent, and what it must leave on the hub. */
interface Prepared {
  body: string;
  mutationId: string;
  revisionId?: string;
  commentId?: string;
}

interface Station {
  index: number;
  role: Role;
  userId: string;
  name: string;
  token: string;
  agent: http.Agent;
  storyId: string;
  /** The snapshot and head the next prepared revision builds on. */
  tail: { snapshot: RevisionSnapshot; head: string };
  prepared: number;
  queue: Prepared[];
  cursor: string | null;
  applied: Prepared[];
  notApplied: string[];
}

/** Appends `count` pushes to the station's queue, each on the last: a one-word revision as a delta, or a comment, alternately. */
function prepare(ws: Station, count: number): void {
  for (let i = 0; i < count; i++, ws.prepared++) {
    const author = { id: ws.userId, name: ws.name };
    if (ws.prepared % 2 === 0) {
      const snapshot = oneWordEdit(ws.tail.snapshot);
      const revision = revisionOf(ws.storyId, author, [ws.tail.head], snapshot);
      const mutation = deltaRevision(ws.storyId, ws.tail.head, ws.tail.snapshot, revision, snapshot);
      ws.queue.push({ body: JSON.stringify({ workstationId: `ws-${ws.index}`, mutations: [mutation] }), mutationId: mutation.id, revisionId: revision.id });
      ws.tail = { snapshot, head: revision.id };
    } else {
      const mutation = commentMutation(ws.storyId, ws.tail.snapshot, `Check this, please (${ws.prepared}).`);
      ws.queue.push({ body: JSON.stringify({ workstationId: `ws-${ws.index}`, mutations: [mutation] }), mutationId: mutation.id, commentId: mutation.payload.commentId });
    }
  }
}

interface Samples {
  push: number[];
  pull: number[];
  pulledChanges: number;
  pulledBytes: number;
  /** Pull pages that brought nothing this person may read (a nudge for someone else's draft). */
  emptyPulls: number;
  failed: string[];
}
const samples = (): Samples => ({ push: [], pull: [], pulledChanges: 0, pulledBytes: 0, emptyPulls: 0, failed: [] });

/** One sync cycle: the next prepared push (when `withPush`), then pull until `more` is false. */
async function cycle(base: URL, ws: Station, withPush: boolean, into: Samples): Promise<void> {
  try {
    if (withPush) {
      const item = ws.queue.shift();
      if (!item) throw new Error(`workstation ${ws.index} ran out of prepared pushes`);
      const reply = await call(ws.agent, base, 'POST', 'v1/sync/push', ws.token, item.body);
      into.push.push(reply.ms);
      if (reply.status !== 200) throw new Error(`push: ${reply.status} ${reply.text.slice(0, 200)}`);
      const result = (JSON.parse(reply.text) as { results: MutationResult[] }).results[0]!;
      if (result.status === 'applied') ws.applied.push(item);
      else ws.notApplied.push(`${result.status}: ${JSON.stringify(result).slice(0, 200)}`);
    }
    for (let more = true; more; ) {
      const reply = await call(ws.agent, base, 'POST', 'v1/sync/pull', ws.token, JSON.stringify({ cursor: ws.cursor }));
      into.pull.push(reply.ms);
      if (reply.status !== 200) throw new Error(`pull: ${reply.status} ${reply.text.slice(0, 200)}`);
      const page = JSON.parse(reply.text) as PullResponse;
      into.pulledChanges += page.changes.length;
      if (page.changes.length === 0) into.emptyPulls += 1;
      into.pulledBytes += reply.bytes;
      ws.cursor = page.cursor;
      more = page.more;
    }
  } catch (error) {
    into.failed.push(`workstation ${ws.index}: ${(error as Error).message}`);
  }
}

/** `count` tasks, at most `width` at a time. */
async function inBatches<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

/** The due times (ms from the start) of one workstation's pushes within the run: a random phase, then every 2–6 s. */
function pushTimes(): number[] {
  const times: number[] = [];
  const span = () => PUSH_EVERY_MS[0] + random() * (PUSH_EVERY_MS[1] - PUSH_EVERY_MS[0]);
  for (let t = random() * PUSH_EVERY_MS[1]; t < SECONDS * 1000; t += span()) times.push(t);
  return times;
}

/** The newsroom for `SECONDS`: pushes on their schedule, pulls on nudges, a health probe beside them. */
async function newsroom(base: URL, stations: Station[], schedules: number[][], into: Samples, probe: number[]): Promise<number> {
  const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) fn();
    }, ms);
    timers.add(timer);
  };
  const streams: { close(): void }[] = [];

  const drivers = stations.map((ws, i) => {
    let running: Promise<void> | null = null;
    let pushesDue = 0;
    let pullDue = false;
    let nudgeTimer: NodeJS.Timeout | null = null;
    const kick = () => {
      if (running || (pushesDue === 0 && !pullDue)) return;
      const withPush = pushesDue > 0;
      if (withPush) pushesDue -= 1;
      pullDue = false;
      running = cycle(base, ws, withPush, into).then(() => {
        running = null;
        if (!stopped) kick();
      });
    };
    return {
      start: () => {
        for (const at of schedules[i]!)
          later(at, () => {
            pushesDue += 1;
            kick();
          });
      },
      nudge: () => {
        if (stopped) return;
        // Spread: the first nudge sets the pull's time and later ones join it (staleness stays bounded).
        if (nudgeTimer && NUDGE_SPREAD_MS > 0) return;
        if (nudgeTimer) {
          clearTimeout(nudgeTimer);
          timers.delete(nudgeTimer);
        }
        nudgeTimer = setTimeout(() => {
          if (nudgeTimer) timers.delete(nudgeTimer);
          nudgeTimer = null;
          if (stopped) return;
          pullDue = true;
          kick();
        }, NUDGE_DEBOUNCE_MS + random() * NUDGE_SPREAD_MS);
        timers.add(nudgeTimer);
      },
      settled: async () => {
        while (running) await running;
      },
    };
  });

  // Streams first (their `ready` makes each workstation pull once, as on connecting), then the clock.
  for (const [i, ws] of stations.entries()) {
    const stream = openEvents(base, ws.token, drivers[i]!.nudge);
    streams.push(stream);
    await stream.opened;
  }
  // Their pulls start NUDGE_DEBOUNCE_MS after `ready`: let them begin, then finish, before the clock starts.
  await new Promise((resolve) => setTimeout(resolve, 3 * NUDGE_DEBOUNCE_MS + NUDGE_SPREAD_MS));
  await Promise.all(drivers.map((d) => d.settled()));
  into.push.length = 0;
  into.pull.length = 0;
  into.pulledChanges = 0;
  into.pulledBytes = 0;
  into.emptyPulls = 0;

  const started = performance.now();
  for (const d of drivers) d.start();
  const probing = (async () => {
    while (!stopped) {
      const reply = await call(probeAgent, base, 'GET', 'v1/health', null);
      if (reply.status === 200) probe.push(reply.ms);
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  // Every push was due before now (pushTimes): the cycles running finish, then nothing more starts.
  await Promise.all(drivers.map((d) => d.settled()));
  stopped = true;
  for (const timer of timers) clearTimeout(timer);
  await Promise.all([...drivers.map((d) => d.settled()), probing]);
  const seconds = (performance.now() - started) / 1000;
  for (const stream of streams) stream.close();
  probeAgent.destroy();
  return seconds;
}

// ------------------------------------------------------------------- run

const spread = (values: readonly number[]) =>
  `${msText(percentile(values, 0.5))} / ${msText(percentile(values, 0.95))} / ${msText(percentile(values, 0.99))} / ${msText(Math.max(...values))} ms`;

/**
 * Starts a hub process on `databaseUrl` (PGlite in `dir` without one), runs
 * the newsroom against it and returns its rows. `profileDir`: a CPU profile
 * of the hub process is written there.
 */
export async function benchNewsroom(
  dir: string,
  label: string,
  databaseUrl: string | undefined,
  step: (message: string) => void,
  profileDir?: string,
): Promise<Line[]> {
  step(`sync load (${label}): starting the hub in its own process`);
  const hub = await startHubProcess({
    dataDir: join(dir, 'hub-data'),
    ...(databaseUrl ? { databaseUrl } : {}),
    admin: { username: 'chief', name: 'Chief of Staff', password: PASSWORD },
    ...(profileDir ? { profileDir } : {}),
  });
  const base = new URL(hub.url);
  const setupAgent = new http.Agent({ keepAlive: true });
  const agents: http.Agent[] = [setupAgent];
  try {
    step(`sync load: ${WORKSTATIONS + 1} accounts through the admin API, each signed in`);
    const chief = JSON.parse((await callOk(setupAgent, base, 'POST', 'v1/auth/login', null, { username: 'chief', password: PASSWORD })).text) as { token: string };
    const people = await inBatches(WORKSTATIONS + 1, 4, async (i) => {
      const role: Role = i < EDITORS || i === WORKSTATIONS ? 'editor' : 'reporter';
      const username = i === WORKSTATIONS ? 'auditor' : `desk${i}`;
      const name = i === WORKSTATIONS ? 'Audit Desk' : `${role === 'editor' ? 'Editor' : 'Reporter'} ${i}`;
      await callOk(setupAgent, base, 'POST', 'v1/admin/users', chief.token, { username, name, role, password: PASSWORD });
      const login = JSON.parse((await callOk(setupAgent, base, 'POST', 'v1/auth/login', null, { username, password: PASSWORD })).text) as {
        token: string;
        user: { id: string; name: string };
      };
      return { role, token: login.token, userId: login.user.id, name: login.user.name };
    });
    const auditor = people.pop()!;

    step(`sync load: ${WORKSTATIONS} stories, and every push of the run made in advance`);
    const stations: Station[] = [];
    for (const [index, person] of people.entries()) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      const storyId = ulid();
      const snapshot = storyOf(`Workstation ${index + 1}'s story`, 200);
      const revision = revisionOf(storyId, { id: person.userId, name: person.name }, [], snapshot);
      const seeded = await callOk(agent, base, 'POST', 'v1/sync/push', person.token, {
        workstationId: `ws-${index}`,
        mutations: [createMutation(storyId, snapshot.headline), fullRevision(storyId, null, revision, snapshot)],
      });
      const results = (JSON.parse(seeded.text) as { results: MutationResult[] }).results;
      if (results.some((r) => r.status !== 'applied')) throw new Error(`seeding workstation ${index}: ${seeded.text.slice(0, 300)}`);
      stations.push({
        index,
        ...person,
        agent,
        storyId,
        tail: { snapshot, head: revision.id },
        prepared: 0,
        queue: [],
        cursor: null,
        applied: [{ body: '', mutationId: '', revisionId: revision.id }],
        notApplied: [],
      });
    }
    const schedules = stations.map(() => pushTimes());
    prepare(stations[0]!, ALONE_ROUNDS);
    for (const [i, ws] of stations.entries()) prepare(ws, schedules[i]!.length + FLAT_ROUNDS);
    // Every workstation's first pull (the whole log so far), before any clock.
    const warm = samples();
    await Promise.all(stations.map((ws) => cycle(base, ws, false, warm)));
    if (warm.failed.length > 0) throw new Error(warm.failed[0]);

    step('sync load: baselines with the hub idle (health, one push, one pull)');
    const healthAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(healthAgent);
    const healthAlone: number[] = [];
    for (let i = 0; i < 200; i++) healthAlone.push((await callOk(healthAgent, base, 'GET', 'v1/health', null)).ms);
    const alone = samples();
    const ws0 = stations[0]!;
    for (let n = 0; n < ALONE_ROUNDS; n++) await cycle(base, ws0, true, alone);

    const totalPushes = schedules.reduce((sum, s) => sum + s.length, 0);
    step(`sync load: the newsroom for ${SECONDS} s (${totalPushes.toLocaleString('en')} pushes due, pulls on nudges)`);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const load = samples();
    const probe: number[] = [];
    const loadBefore = loadavg()[0]!;
    const hubCpuBefore = hub.cpuSeconds();
    const ownCpuBefore = process.cpuUsage();
    const seconds = await newsroom(base, stations, schedules, load, probe);
    const hubCpuAfter = hub.cpuSeconds();
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const loadAfter = loadavg()[0]!;
    delay.disable();

    step(`sync load: every workstation flat out, ${FLAT_ROUNDS} rounds of push + pull`);
    const flat = samples();
    let began = performance.now();
    await Promise.all(stations.map(async (ws) => {
      for (let n = 0; n < FLAT_ROUNDS; n++) await cycle(base, ws, true, flat);
    }));
    const flatSeconds = (performance.now() - began) / 1000;
    const healthFlat: number[] = [];
    began = performance.now();
    await Promise.all(stations.map(async (ws) => {
      for (let n = 0; n < 20; n++) healthFlat.push((await callOk(ws.agent, base, 'GET', 'v1/health', null)).ms);
    }));
    const healthFlatSeconds = (performance.now() - began) / 1000;

    step('sync load: checking that no mutation was lost (an editor pulls everything)');
    const seen = { revisions: new Set<string>(), comments: new Set<string>(), lastRevision: new Map<string, string>() };
    let cursor: string | null = null;
    for (let more = true; more; ) {
      const reply = await callOk(setupAgent, base, 'POST', 'v1/sync/pull', auditor.token, { cursor, limit: SYNC_LIMITS.pullMax });
      const page = JSON.parse(reply.text) as PullResponse;
      for (const change of page.changes) {
        if (change.kind === 'revision') {
          seen.revisions.add(change.revision.id);
          seen.lastRevision.set(change.storyId, change.revision.id);
        } else if (change.kind === 'comment') seen.comments.add(change.comment.id);
      }
      cursor = page.cursor;
      more = page.more;
    }
    const applied = stations.flatMap((ws) => ws.applied);
    const missing = applied.filter((p) => (p.revisionId ? !seen.revisions.has(p.revisionId) : !seen.comments.has(p.commentId!))).length;
    const wrongHeads = stations.filter((ws) => seen.lastRevision.get(ws.storyId) !== [...ws.applied].reverse().find((p) => p.revisionId)?.revisionId).length;
    const notApplied = stations.flatMap((ws) => ws.notApplied);
    const failed = [...alone.failed, ...load.failed, ...flat.failed];

    const pushesPerSecond = load.push.length / seconds;
    const hubCpu = hubCpuBefore === null || hubCpuAfter === null ? null : hubCpuAfter - hubCpuBefore;
    const ownSeconds = (ownCpu.user + ownCpu.system) / 1e6;
    const requests = load.push.length + load.pull.length;
    const all = [...load.push, ...load.pull];
    const lagMs = (q: number) => delay.percentile(q) / 1e6;
    const ratio = (value: number, base: number) => `${(value / Math.max(base, 1e-6)).toFixed(1)}×`;
    const healthP99 = percentile(healthAlone, 0.99);
    const goal = (p99: number) => `goal p99 ≤ 100 ms ${p99 <= 100 ? 'met' : 'not met'}`;
    return [
      `c. ${WORKSTATIONS} workstations against one hub in its own process (${label}); values p50 / p95 / p99 / max`,
      `  load: ${EDITORS} editors (read every story) + ${WORKSTATIONS - EDITORS} reporters, each with its own keep-alive connection and an SSE stream;`,
      `  each pushes every ${PUSH_EVERY_MS[0] / 1000}–${PUSH_EVERY_MS[1] / 1000} s (a one-word revision as a delta, or a comment, alternately) and pulls after it,`,
      `  and pulls ${NUDGE_SPREAD_MS > 0 ? `${NUDGE_DEBOUNCE_MS}–${NUDGE_DEBOUNCE_MS + NUDGE_SPREAD_MS} ms (at random) after the first nudge it heard (BENCH_SYNC_NUDGE_SPREAD_MS)` : `${NUDGE_DEBOUNCE_MS} ms after the last nudge it heard`}; one cycle at a time per workstation (≤ ${WORKSTATIONS} requests in flight); ${SECONDS} s.`,
      `  every story is a draft, so reporters read only their own; this machine: ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before the run and ${loadAfter.toFixed(1)} after.`,
      `  CPU used during it: the hub process ${hubCpu === null ? 'not known (no /proc)' : `${hubCpu.toFixed(1)} s (${((100 * hubCpu) / seconds).toFixed(0)} % of one core)`}, this process ${ownSeconds.toFixed(1)} s (${((100 * ownSeconds) / seconds).toFixed(0)} %).`,
      `  hub idle, one request at a time:`,
      ['    GET /v1/health (Fastify + SELECT 1)', spread(healthAlone), '', '', '', `${healthAlone.length} requests`],
      ['    push (one workstation alone)', spread(alone.push), 'health, hub idle', spread(healthAlone), ratio(percentile(alone.push, 0.99), healthP99), `${alone.push.length} pushes`],
      ['    pull (one workstation alone)', spread(alone.pull), 'health, hub idle', spread(healthAlone), ratio(percentile(alone.pull, 0.99), healthP99), `${alone.pull.length} pulls`],
      `  the newsroom: ${load.push.length.toLocaleString('en')} pushes (${pushesPerSecond.toFixed(1)}/s) and ${load.pull.length.toLocaleString('en')} pulls (${(load.pull.length / seconds).toFixed(0)}/s) in ${seconds.toFixed(1)} s, ${(requests / seconds).toFixed(0)} requests/s; ${load.pulledChanges.toLocaleString('en')} changes pulled (${(load.pulledBytes / 1024 / 1024).toFixed(1)} MB); ${((100 * load.emptyPulls) / Math.max(1, load.pull.length)).toFixed(0)} % of pulls brought nothing the puller may read`,
      ['    every request', spread(all), 'health, hub idle', spread(healthAlone), ratio(percentile(all, 0.99), healthP99), goal(percentile(all, 0.99))],
      ['    push', spread(load.push), 'health, hub idle', spread(healthAlone), ratio(percentile(load.push, 0.99), healthP99), goal(percentile(load.push, 0.99))],
      ['    pull', spread(load.pull), 'health, hub idle', spread(healthAlone), ratio(percentile(load.pull, 0.99), healthP99), goal(percentile(load.pull, 0.99))],
      ['    health probe meanwhile', spread(probe), 'health, hub idle', spread(healthAlone), ratio(percentile(probe, 0.99), healthP99), `every ${PROBE_EVERY_MS} ms: the queue's cost to a request that does nothing`],
      [
        '    this process\'s event-loop delay',
        `${msText(lagMs(50))} / ${msText(lagMs(95))} / ${msText(lagMs(99))} / ${msText(delay.max / 1e6)} ms`,
        '',
        '',
        '',
        'the workstations\' own share of the latencies above, at most',
      ],
      `  flat out (no pause, ${FLAT_ROUNDS} rounds each): ${flat.push.length} pushes + ${flat.pull.length} pulls in ${flatSeconds.toFixed(1)} s = ${((flat.push.length + flat.pull.length) / flatSeconds).toFixed(0)} requests/s; health flat out ${(healthFlat.length / healthFlatSeconds).toFixed(0)} requests/s`,
      ['    push', spread(flat.push), 'health, 100 at once', spread(healthFlat), ratio(percentile(flat.push, 0.99), percentile(healthFlat, 0.99)), ''],
      ['    pull', spread(flat.pull), 'health, 100 at once', spread(healthFlat), ratio(percentile(flat.pull, 0.99), percentile(healthFlat, 0.99)), ''],
      [
        '  mutations lost',
        String(missing + wrongHeads),
        '',
        '',
        '',
        `${applied.length.toLocaleString('en')} applied (${stations.length} seeds included), all pulled back by an editor: missing ${missing}, heads wrong ${wrongHeads}; not applied ${notApplied.length}, failed requests ${failed.length}${failed[0] ? ` (${failed[0].slice(0, 120)})` : notApplied[0] ? ` (${notApplied[0].slice(0, 120)})` : ''}`,
      ],
    ];
  } finally {
    for (const agent of agents) agent.destroy();
    await hub.stop();
  }
}
