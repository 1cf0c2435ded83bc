import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { createBackend, type Backend } from '../../main/backend/backend.ts';
import { snapshotOf } from '../../main/backend/handlers/revisions.ts';
import { DATABASE_FILE } from '../../main/store/db.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import type { Result } from '../../shared/api/errors.ts';
import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';
import type { SyncStatus } from '../../shared/api/methods/sync.ts';
import type { SerializedNode } from '../../shared/model/document.ts';
import type { StoryStatus } from '../../shared/model/story.ts';
import { canonicalJson } from '../../shared/review/canonicalJson.ts';
import { MERGE_CONFLICT_TYPE } from '../../shared/review/merge.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import type { PushResponse } from '../../shared/sync/protocol.ts';
import { TRANSITION_ACTIONS, type TransitionAction } from '../../shared/workflow/actions.ts';
import { can } from '../../shared/workflow/policy.ts';
import type { Role } from '../../shared/workflow/roles.ts';
import { transition } from '../../shared/workflow/states.ts';
import { mayRead } from '../../server/sync/changes.ts';
import { snapshots } from '../../server/sync/store.ts';
import { createTestProfile } from '../support/backend.ts';
import { makeTempDir } from '../support/tempDir.ts';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../hub/support/hub.ts';
import { block, body, startRelay, type Relay } from './support.ts';

/**
 * The sync fuzz (issue 5): 3–5 real workstation backends, each on its own
 * data folder behind its own TCP relay to one real hub, each signed in as a
 * different hub account (reporters and editors), work on three shared
 * stories in a random order of edits, block moves, headline changes,
 * workflow moves, comments, moves to the trash and back, disconnections,
 * killed processes and sync cycles. Then everyone comes back online and syncs until nothing moves, no
 * conflict is resolved by anyone, and the properties below are checked.
 *
 * A scenario is plain data (`Scenario`): every number in a command is taken
 * modulo what exists when it runs (the workstation, the story, the block), so
 * any sub-list of commands is still a valid scenario and fast-check shrinks a
 * failure to a short one. The workstations' own sync loops keep running
 * (a hub nudge starts a cycle 100 ms later), as they do on a desk: a seed
 * replays the same commands, though background cycles may interleave a little
 * differently from one run to the next.
 *
 * Properties, checked after the final sync:
 *
 * 1. Convergence. For every story and every workstation whose account may
 *    read the story on the hub (changes.ts `mayRead`), the working copy —
 *    headline, standfirst, dateline, byline, language and body, compared as
 *    canonical JSON — equals the snapshot of the hub's head revision, its
 *    status equals the hub's, and the comment ids it holds equal the hub's
 *    (plus only comments the hub refused, which stay in that workstation's
 *    outbox marked with the reason), and it is in the trash exactly when the
 *    hub's story is. Every outbox is drained.
 *
 * 2. No silent loss. Every edit that adds text adds a marker word made for
 *    it alone (`U<n>w<workstation>`, never produced by anything else). An
 *    edit is acknowledged when the workstation's backend saved it
 *    (`stories.save` answered ok); an edit the local policy refused is not.
 *    A marker is deliberately removed when an acknowledged edit on any
 *    workstation removed it from the text that workstation had (the word
 *    deleted or replaced, its paragraph deleted, the headline rewritten).
 *    Oracle: every marker of an acknowledged edit that no acknowledged edit
 *    deliberately removed is, in the final state, a whole word of the hub
 *    head's snapshot (its text or headline, or inside a conflict block, whose
 *    versions are part of the body) or of a header-field conflict a
 *    workstation recorded for a person to decide. The one exception is an
 *    edit the hub refused under the policy (the story had been spiked or
 *    published meanwhile): its revision stays in that workstation's outbox
 *    marked with the hub's reason, which the workstation shows; such markers
 *    are counted as "refused, reported" and must be found in that outbox.
 *    Anything else is an edit lost, and the run fails. And a story the hub
 *    ends with in the trash was trashed (on some workstation) after every
 *    acknowledged edit that added a marker to it, but those the hub refused:
 *    an edit made after a trash brings the story back rather than being
 *    hidden in the trash.
 *
 * 3. One policy. A workflow move the workstation's policy refuses is sent
 *    to the hub anyway, raw (as a modified client would): when the hub's
 *    story is in the state the workstation saw, the hub refuses it with the
 *    same reason. And the hub's own timeline of each story, replayed from
 *    draft through the workflow table and `can()`, is a sequence of allowed
 *    moves that ends in the hub's status.
 *
 * Local survival: a killed workstation (backend closed with no final sync,
 * reopened from its data folder) has every story exactly as before.
 */

// ---------------------------------------------------------------------------
// Scenario

export type Command =
  | { kind: 'edit'; ws: number; story: number; block: number; op: 'insert' | 'replace' | 'delete'; at: number; zh: boolean }
  | { kind: 'addBlock'; ws: number; story: number; at: number; zh: boolean }
  | { kind: 'deleteBlock'; ws: number; story: number; block: number }
  | { kind: 'moveBlock'; ws: number; story: number; block: number; to: number }
  | { kind: 'headline'; ws: number; story: number }
  /** `allowed`: one of the moves the workstation's policy allows now, picked by `action`'s place; otherwise `action` as it is. */
  | { kind: 'transition'; ws: number; story: number; action: TransitionAction; allowed: boolean }
  | { kind: 'comment'; ws: number; story: number; reply: boolean; thread: number }
  | { kind: 'trash'; ws: number; story: number }
  | { kind: 'restore'; ws: number; story: number }
  | { kind: 'offline'; ws: number }
  | { kind: 'online'; ws: number }
  | { kind: 'kill'; ws: number }
  | { kind: 'sync'; ws: number };

export interface Scenario {
  workstations: number;
  commands: Command[];
}

const ws = fc.nat(9);
const story = fc.nat(2);
const index = fc.nat(30);

export function commandArbitrary(): fc.Arbitrary<Command> {
  return fc.oneof(
    { weight: 7, arbitrary: fc.record({ kind: fc.constant('edit' as const), ws, story, block: index, op: fc.constantFrom('insert' as const, 'replace' as const, 'delete' as const), at: index, zh: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('addBlock' as const), ws, story, at: index, zh: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteBlock' as const), ws, story, block: index }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('moveBlock' as const), ws, story, block: index, to: index }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('headline' as const), ws, story }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('transition' as const), ws, story, action: fc.constantFrom(...TRANSITION_ACTIONS), allowed: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('comment' as const), ws, story, reply: fc.boolean(), thread: index }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('trash' as const), ws, story }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), ws, story }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), ws }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('online' as const), ws }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('kill' as const), ws }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), ws }) },
  );
}

export function scenarioArbitrary(commands: { min: number; max: number }): fc.Arbitrary<Scenario> {
  return fc.record({
    workstations: fc.integer({ min: 3, max: 5 }),
    commands: fc.array(commandArbitrary(), { minLength: commands.min, maxLength: commands.max }),
  });
}

// ---------------------------------------------------------------------------
// Counts

export interface FuzzTotals {
  seeds: number;
  workstations: number;
  commands: number;
  editsAcknowledged: number;
  editsRefusedLocally: number;
  transitionsApplied: number;
  transitionsRefusedLocally: number;
  hubRefusalsChecked: number;
  comments: number;
  trashes: number;
  restores: number;
  kills: number;
  disconnects: number;
  syncCycles: number;
  mergesOnHub: number;
  conflictBlocks: number;
  fieldConflicts: number;
  markersChecked: number;
  markersDeleted: number;
  refusedReported: number;
  editsLost: number;
}

export function emptyTotals(): FuzzTotals {
  return {
    seeds: 0,
    workstations: 0,
    commands: 0,
    editsAcknowledged: 0,
    editsRefusedLocally: 0,
    transitionsApplied: 0,
    transitionsRefusedLocally: 0,
    hubRefusalsChecked: 0,
    comments: 0,
    trashes: 0,
    restores: 0,
    kills: 0,
    disconnects: 0,
    syncCycles: 0,
    mergesOnHub: 0,
    conflictBlocks: 0,
    fieldConflicts: 0,
    markersChecked: 0,
    markersDeleted: 0,
    refusedReported: 0,
    editsLost: 0,
  };
}

export function addTotals(into: FuzzTotals, from: FuzzTotals): void {
  for (const key of Object.keys(into) as (keyof FuzzTotals)[]) into[key] += from[key];
}

const LABELS: Record<keyof FuzzTotals, string> = {
  seeds: 'seeds run',
  workstations: 'workstations opened',
  commands: 'commands run',
  editsAcknowledged: 'edits acknowledged',
  editsRefusedLocally: 'edits refused by the local policy',
  transitionsApplied: 'workflow moves made locally',
  transitionsRefusedLocally: 'workflow moves refused locally',
  hubRefusalsChecked: 'refusals re-sent raw, hub agreed',
  comments: 'comments and replies',
  trashes: 'stories moved to the trash locally',
  restores: 'stories restored locally',
  kills: 'workstations killed and reopened',
  disconnects: 'disconnections',
  syncCycles: 'sync cycles asked for',
  mergesOnHub: 'merge revisions on the hub',
  conflictBlocks: 'conflict blocks at the end',
  fieldConflicts: 'header-field conflicts at the end',
  markersChecked: 'edit markers checked',
  markersDeleted: 'markers deleted on purpose',
  refusedReported: 'markers refused by the hub, reported',
  editsLost: 'edits lost',
};

export function formatTotals(totals: FuzzTotals, seconds?: number): string {
  const rows = (Object.keys(LABELS) as (keyof FuzzTotals)[]).map((key) => [LABELS[key], String(totals[key])] as const);
  if (seconds !== undefined) rows.push(['seconds', seconds.toFixed(1)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value.padStart(8)}`).join('\n');
}

// ---------------------------------------------------------------------------
// The hub, shared by every seed

/** Who sits at workstation i (the first N are used). */
const ROLES: readonly Role[] = ['reporter', 'editor', 'editor', 'reporter', 'reporter'];

export interface FuzzHub {
  hub: TestHub;
  accounts: HubUser[];
  tokens: string[];
  close(): Promise<void>;
}

/** Story tables emptied between seeds; accounts and sessions stay (created once per hub). */
const STORY_TABLES = ['proposal_decisions', 'proposals', 'workflow_events', 'comments', 'change_log', 'mutations', 'revisions', 'stories', 'media'];

export async function startFuzzHub(): Promise<FuzzHub> {
  const hub = await startTestHub();
  const accounts: HubUser[] = [];
  const tokens: string[] = [];
  for (const [i, role] of ROLES.entries()) {
    const user = await hub.createUser({ role, name: `${role === 'editor' ? 'Editor' : 'Reporter'} ${i}` });
    accounts.push(user);
    tokens.push((await hub.login(user.username)).token);
  }
  return { hub, accounts, tokens, close: () => hub.close() };
}

async function emptyHub(world: FuzzHub): Promise<void> {
  const existing = await world.hub.deps.sql.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`);
  const names = new Set(existing.map((t) => t.tablename));
  const tables = STORY_TABLES.filter((t) => names.has(t));
  await world.hub.deps.sql.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

// ---------------------------------------------------------------------------
// Workstations

interface Desk {
  index: number;
  account: HubUser;
  token: string;
  dataDir: string;
  remove(): void;
  backend: Backend;
  relay: Relay;
  online: boolean;
  tick: { n: number };
}

const START = Date.parse('2026-03-02T09:00:00Z');

function openBackend(desk: Pick<Desk, 'dataDir' | 'tick' | 'index'>): Backend {
  // Each workstation's clock moves one second per reading, from its own start, across restarts.
  return createBackend({ dataDir: desk.dataDir, now: () => new Date(START + desk.index * 7_919 + 1000 * desk.tick.n++) });
}

function ok<M extends MethodName>(desk: Desk, name: M, input: MethodInput<M>): MethodOutput<M> {
  const result = desk.backend.callSync(name, input) as Result<MethodOutput<M>>;
  if (!result.ok) throw new Error(`workstation ${desk.index}: ${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function attempt<M extends MethodName>(desk: Desk, name: M, input: MethodInput<M>): Result<MethodOutput<M>> {
  return desk.backend.callSync(name, input) as Result<MethodOutput<M>>;
}

async function syncNow(desk: Desk): Promise<SyncStatus> {
  const result = (await desk.backend.call('sync.now', {})) as Result<SyncStatus>;
  if (!result.ok) throw new Error(`workstation ${desk.index}: sync.now failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Read-only look at a workstation's own database: what its outbox holds and the field conflicts it recorded. */
function inspect<T>(desk: Desk, read: (db: Database.Database) => T): T {
  const db = new Database(join(desk.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------
// Text: paragraphs as units (English words; Chinese characters; markers)

const EN_WORDS = ['river', 'rose', 'council', 'said', 'bridge', 'closed', 'rain', 'fell', 'mayor', 'warned', 'residents', 'water', 'levels', 'night'];
const ZH_CHARS = [...'河水上涨市长表示桥梁关闭居民撤离雨夜'];
const isAscii = (s: string) => /^[\x20-\x7e]+$/.test(s);

function unitsOf(text: string): string[] {
  const units: string[] = [];
  for (const chunk of text.split(/\s+/)) {
    if (chunk === '') continue;
    if (isAscii(chunk)) units.push(chunk);
    else for (const part of chunk.match(/[\x21-\x7e]+|[^\x21-\x7e]/gu) ?? []) units.push(part);
  }
  return units;
}

function textOf(units: readonly string[]): string {
  let text = '';
  units.forEach((unit, i) => {
    if (i > 0 && (isAscii(unit) || isAscii(units[i - 1]!))) text += ' ';
    text += unit;
  });
  return text;
}

const MARKER = /U\d+w\d/g;
const markersIn = (text: string): string[] => text.match(MARKER) ?? [];
const hasWord = (haystack: string, marker: string) => new RegExp(`(?<![A-Za-z0-9])${marker}(?![A-Za-z0-9])`).test(haystack);

function blockPlainText(node: SerializedNode): string {
  const children = (node.children ?? []) as SerializedNode[];
  return children.map((child) => (typeof child.text === 'string' ? child.text : blockPlainText(child))).join('');
}

const blockIdOfNode = (node: SerializedNode): string | undefined => (node.$ as { blockId?: string } | undefined)?.blockId;

// ---------------------------------------------------------------------------
// One scenario

export class FuzzFailure extends Error {}

interface RunState {
  world: FuzzHub;
  desks: Desk[];
  storyIds: string[];
  totals: FuzzTotals;
  markerSerial: number;
  blockSerial: number;
  /** marker → where it was written, and when (the command's place in the scenario). */
  acknowledged: Map<string, { ws: number; storyId: string; at: number }>;
  /** story → the place of the last command that moved it to the trash on some workstation. */
  lastTrash: Map<string, number>;
  /** The place of the command running now. */
  step: number;
  deleted: Set<string>;
  log: string[];
}

const newId = monotonicFactory();

function nextMarker(state: RunState, ws: number): string {
  state.markerSerial += 1;
  return `U${state.markerSerial}w${ws}`;
}

function nextBlockId(state: RunState, ws: number): string {
  state.blockSerial += 1;
  return `b${ws}${String(state.blockSerial).padStart(15, '0')}`;
}

function filler(zh: boolean, n: number): string[] {
  return zh ? [ZH_CHARS[n % ZH_CHARS.length]!, ZH_CHARS[(n * 7 + 3) % ZH_CHARS.length]!] : [EN_WORDS[n % EN_WORDS.length]!];
}

/** Runs one scenario against a freshly emptied hub; throws FuzzFailure when a property fails. Adds to `totals`. */
export async function runScenario(world: FuzzHub, scenario: Scenario, totals: FuzzTotals): Promise<void> {
  await emptyHub(world);
  const state: RunState = {
    world,
    desks: [],
    storyIds: [],
    totals,
    markerSerial: 0,
    blockSerial: 0,
    acknowledged: new Map(),
    lastTrash: new Map(),
    step: 0,
    deleted: new Set(),
    log: [],
  };
  totals.seeds += 1;
  try {
    await setUp(state, scenario.workstations);
    for (const command of scenario.commands) {
      totals.commands += 1;
      state.step += 1;
      await runCommand(state, command);
    }
    await settle(state);
    await check(state);
  } finally {
    for (const desk of state.desks) {
      desk.backend.close();
      await desk.relay.close();
      desk.remove();
    }
  }
}

async function setUp(state: RunState, count: number): Promise<void> {
  const { world } = state;
  for (let i = 0; i < count; i++) {
    const { dir, remove } = makeTempDir(`copydesk-fuzz-${i}-`);
    const relay = await startRelay(world.hub.url);
    const tick = { n: 0 };
    const backend = openBackend({ dataDir: dir, tick, index: i });
    createTestProfile(backend, `Local ${i}`, ROLES[i]!);
    const desk: Desk = { index: i, account: world.accounts[i]!, token: world.tokens[i]!, dataDir: dir, remove, backend, relay, online: true, tick };
    state.desks.push(desk);
    state.totals.workstations += 1;
    const connected = (await backend.call('sync.connect', { hubUrl: relay.url, username: desk.account.username, password: TEST_PASSWORD })) as Result<SyncStatus>;
    if (!connected.ok) throw new Error(`workstation ${i} could not connect: ${connected.error.message}`);
  }
  // Two stories of the reporter at desk 0 (one in Chinese), one of the editor at desk 1.
  const owners: [number, 'en' | 'zh'][] = [
    [0, 'en'],
    [0, 'zh'],
    [1, 'en'],
  ];
  for (const [s, [owner, language]] of owners.entries()) {
    const desk = state.desks[owner]!;
    const created = ok(desk, 'stories.create', { headline: `Story ${s}`, language });
    const blocks = [0, 1, 2].map((n) => block(nextBlockId(state, owner), textOf([...filler(language === 'zh', n + s), ...filler(language === 'zh', n + 5)])));
    const story = ok(desk, 'stories.get', { id: created.id });
    ok(desk, 'stories.save', { id: created.id, headline: story.headline, standfirst: story.standfirst, body: body(...blocks), baseRevision: story.revision });
    state.storyIds.push(created.id);
  }
  for (const desk of state.desks) await syncNow(desk);
  for (const desk of state.desks) await syncNow(desk);
}

function storyOn(desk: Desk, storyId: string) {
  const result = attempt(desk, 'stories.get', { id: storyId });
  return result.ok ? result.value : null;
}

/** Saves a new body/headline; returns whether the workstation acknowledged it. */
function saveStory(state: RunState, desk: Desk, storyId: string, change: { children?: SerializedNode[]; headline?: string }, before: { removed: string[]; added: string[] }): boolean {
  const story = storyOn(desk, storyId)!;
  const doc = { ...story.body, root: { ...story.body.root, children: change.children ?? story.body.root.children } };
  const result = attempt(desk, 'stories.save', { id: storyId, headline: change.headline ?? story.headline, standfirst: story.standfirst, body: doc, baseRevision: story.revision });
  if (!result.ok) {
    if (result.error.code !== 'FORBIDDEN' && result.error.code !== 'CONFLICT') {
      throw new FuzzFailure(`workstation ${desk.index}: saving story ${storyId} failed unexpectedly: ${result.error.code} ${result.error.message}`);
    }
    state.totals.editsRefusedLocally += 1;
    return false;
  }
  state.totals.editsAcknowledged += 1;
  for (const marker of before.removed) state.deleted.add(marker);
  for (const marker of before.added) state.acknowledged.set(marker, { ws: desk.index, storyId, at: state.step });
  return true;
}

async function runCommand(state: RunState, command: Command): Promise<void> {
  const desk = state.desks[command.ws % state.desks.length]!;
  state.log.push(JSON.stringify(command));
  switch (command.kind) {
    case 'offline':
      if (desk.online) {
        await desk.relay.down();
        desk.online = false;
        state.totals.disconnects += 1;
      }
      return;
    case 'online':
      if (!desk.online) {
        await desk.relay.up();
        desk.online = true;
      }
      return;
    case 'sync':
      await syncNow(desk);
      state.totals.syncCycles += 1;
      return;
    case 'kill':
      return kill(state, desk);
    default:
      break;
  }

  const storyId = state.storyIds[command.story % state.storyIds.length]!;
  const story = storyOn(desk, storyId);
  if (!story) return; // not readable from this desk (yet)
  const children = story.body.root.children;
  const paragraphs = children.map((node, i) => ({ node, i })).filter(({ node }) => node.type === 'paragraph' && blockIdOfNode(node));

  switch (command.kind) {
    case 'edit': {
      if (paragraphs.length === 0) return;
      const target = paragraphs[command.block % paragraphs.length]!;
      const units = unitsOf(blockPlainText(target.node));
      const removed: string[] = [];
      const added: string[] = [];
      const at = units.length === 0 ? 0 : command.at % (units.length + (command.op === 'insert' ? 1 : 0));
      if (command.op === 'delete' || command.op === 'replace') {
        if (units.length === 0) return;
        removed.push(...markersIn(units[at]!));
        units.splice(at, 1);
      }
      if (command.op === 'insert' || command.op === 'replace') {
        const marker = nextMarker(state, desk.index);
        added.push(marker);
        units.splice(at, 0, ...(command.zh ? [ZH_CHARS[at % ZH_CHARS.length]!, marker] : [marker, EN_WORDS[at % EN_WORDS.length]!]));
      }
      const next = children.slice();
      next[target.i] = block(blockIdOfNode(target.node)!, textOf(units));
      saveStory(state, desk, storyId, { children: next }, { removed, added });
      return;
    }
    case 'addBlock': {
      const marker = nextMarker(state, desk.index);
      const next = children.slice();
      next.splice(command.at % (children.length + 1), 0, block(nextBlockId(state, desk.index), textOf([...filler(command.zh, command.at), marker, ...filler(command.zh, command.at + 1)])));
      saveStory(state, desk, storyId, { children: next }, { removed: [], added: [marker] });
      return;
    }
    case 'deleteBlock': {
      if (paragraphs.length <= 1) return;
      const target = paragraphs[command.block % paragraphs.length]!;
      const next = children.filter((_, i) => i !== target.i);
      saveStory(state, desk, storyId, { children: next }, { removed: markersIn(blockPlainText(target.node)), added: [] });
      return;
    }
    case 'moveBlock': {
      if (children.length < 2) return;
      const from = command.block % children.length;
      const next = children.slice();
      const [moved] = next.splice(from, 1);
      next.splice(command.to % (next.length + 1), 0, moved!);
      saveStory(state, desk, storyId, { children: next }, { removed: [], added: [] });
      return;
    }
    case 'headline': {
      const marker = nextMarker(state, desk.index);
      saveStory(state, desk, storyId, { headline: `Story ${command.story % 3} ${marker}` }, { removed: markersIn(story.headline), added: [marker] });
      return;
    }
    case 'transition':
      return move(state, desk, storyId, command.allowed ? allowedMove(desk, storyId, command.action) : command.action);
    case 'trash':
    case 'restore': {
      const trash = command.kind === 'trash';
      const result = attempt(desk, trash ? 'stories.trash' : 'stories.restore', { id: storyId });
      if (!result.ok) {
        if (result.error.code !== 'FORBIDDEN') throw new FuzzFailure(`workstation ${desk.index}: ${command.kind} failed unexpectedly: ${result.error.code} ${result.error.message}`);
        return;
      }
      if (trash && story.trashedAt === null) {
        state.totals.trashes += 1;
        state.lastTrash.set(storyId, state.step);
      }
      if (!trash && story.trashedAt !== null) state.totals.restores += 1;
      return;
    }
    case 'comment': {
      const marker = nextMarker(state, desk.index);
      const text = `Check ${marker} please`;
      const threads = ok(desk, 'comments.list', { storyId }).threads;
      let result: Result<unknown>;
      if (command.reply && threads.length > 0) {
        result = attempt(desk, 'comments.reply', { threadId: threads[command.thread % threads.length]!.id, body: text, mentions: [] });
      } else {
        const anchored = paragraphs.find(({ node }) => blockPlainText(node).length > 0);
        if (!anchored) return;
        const quote = blockPlainText(anchored.node).slice(0, 4);
        result = attempt(desk, 'comments.create', { storyId, anchor: { blockId: blockIdOfNode(anchored.node)!, start: 0, end: quote.length, quote }, body: text, mentions: [] });
      }
      if (!result.ok) {
        // CONFLICT: the story is in the trash here.
        if (result.error.code !== 'FORBIDDEN' && result.error.code !== 'CONFLICT') {
          throw new FuzzFailure(`workstation ${desk.index}: comment failed unexpectedly: ${result.error.code} ${result.error.message}`);
        }
        return;
      }
      state.totals.comments += 1;
      return;
    }
  }
}

/** The moves the workstation's policy allows on the story as it has it; `pick`'s place in the list of all chooses one. */
function allowedMove(desk: Desk, storyId: string, pick: TransitionAction): TransitionAction {
  const { status, ownerId, assigneeId } = ok(desk, 'workflow.timeline', { storyId }).state;
  const moves = TRANSITION_ACTIONS.filter(
    (action) => transition(status, action) !== null && can(desk.account, action, { ownerId, status, assigneeId, ownerSupervisorId: null }).ok,
  );
  return moves.length === 0 ? pick : moves[TRANSITION_ACTIONS.indexOf(pick) % moves.length]!;
}

/** A workflow move as the person would make it; a refusal is re-sent raw to the hub, which must refuse it the same way. */
async function move(state: RunState, desk: Desk, storyId: string, action: TransitionAction): Promise<void> {
  const before = ok(desk, 'workflow.timeline', { storyId }).state;
  const input = {
    storyId,
    action,
    note: action === 'unpublish' ? 'Corrected the figures' : '',
    expectedStatus: before.status,
    ...(action === 'schedule' ? { publishAt: '2026-04-01T09:00:00.000Z' } : {}),
  };
  const result = attempt(desk, 'workflow.transition', input);
  if (result.ok) {
    state.totals.transitionsApplied += 1;
    return;
  }
  if (result.error.code !== 'FORBIDDEN') return; // CONFLICT: the table has no such move from here (or conflict blocks wait)
  state.totals.transitionsRefusedLocally += 1;
  const hubRow = await hubStory(state, storyId);
  if (!hubRow || hubRow.status !== before.status || hubRow.owner_id !== before.ownerId || hubRow.assignee_id !== before.assigneeId) return;
  const pushed = await state.world.hub.request<PushResponse>('POST', '/v1/sync/push', {
    token: desk.token,
    body: { workstationId: `raw-${desk.index}`, mutations: [{ id: newId(), type: 'article.transition', storyId, payload: { action, note: input.note, expectedStatus: before.status, ...(input.publishAt ? { publishAt: input.publishAt } : {}) } }] },
  });
  const answer = pushed.body.results?.[0];
  // Another workstation's background cycle moved the story between the look above and this push.
  if (answer?.status === 'conflict' && answer.storyStatus !== before.status) return;
  if (!answer || answer.status !== 'refused' || answer.reason !== result.error.message) {
    throw new FuzzFailure(
      `the workstation refused ${action} on a ${before.status} story (${result.error.message}) but the hub answered ${JSON.stringify(answer ?? pushed.body)}`,
    );
  }
  state.totals.hubRefusalsChecked += 1;
}

async function kill(state: RunState, desk: Desk): Promise<void> {
  const before = state.storyIds.map((id) => {
    const story = storyOn(desk, id);
    return story ? canonicalJson({ ...snapshotOf(story), status: story.status }) : null;
  });
  const pending = ok(desk, 'sync.status', {}).pending;
  desk.backend.close();
  desk.backend = openBackend(desk);
  state.totals.kills += 1;
  const after = state.storyIds.map((id) => {
    const story = storyOn(desk, id);
    return story ? canonicalJson({ ...snapshotOf(story), status: story.status }) : null;
  });
  for (const [i, text] of before.entries()) {
    if (after[i] !== text) throw new FuzzFailure(`workstation ${desk.index} lost local work on story ${i} when killed and reopened`);
  }
  // A cycle in flight when it was killed may have been answered after all; nothing new can appear.
  if (ok(desk, 'sync.status', {}).pending > pending) throw new FuzzFailure(`workstation ${desk.index} has more to send after a restart than before`);
}

// ---------------------------------------------------------------------------
// The end: everyone online, sync until nothing moves

function fingerprint(state: RunState, desk: Desk): string {
  return canonicalJson(
    state.storyIds.map((id) => {
      const story = storyOn(desk, id);
      if (!story) return null;
      const threads = ok(desk, 'comments.list', { storyId: id }).threads;
      return { ...snapshotOf(story), status: story.status, trashed: story.trashedAt !== null, comments: threads.flatMap((t) => [t.id, ...t.replies.map((r) => r.id)]).sort() };
    }),
  );
}

async function settle(state: RunState): Promise<void> {
  for (const desk of state.desks) {
    if (!desk.online) {
      await desk.relay.up();
      desk.online = true;
    }
  }
  let previous = '';
  for (let round = 0; round < 12; round++) {
    for (const desk of state.desks) await syncNow(desk);
    const now = canonicalJson({ desks: state.desks.map((d) => fingerprint(state, d)), pending: state.desks.map((d) => ok(d, 'sync.status', {}).pending) });
    if (now === previous && state.desks.every((d) => ok(d, 'sync.status', {}).pending === 0)) return;
    previous = now;
  }
  const stuck = state.desks.map((d) => `${d.index}: ${JSON.stringify(ok(d, 'sync.status', {}))}`).join('\n');
  throw new FuzzFailure(`the workstations did not settle after 12 rounds of sync:\n${stuck}`);
}

interface HubStoryRow {
  id: string;
  owner_id: string;
  status: StoryStatus;
  assignee_id: string | null;
  head_revision_id: string | null;
  trashed_at: Date | null;
}

async function hubStory(state: RunState, storyId: string): Promise<HubStoryRow | null> {
  const rows = await state.world.hub.deps.sql.query<HubStoryRow>(`SELECT id, owner_id, status, assignee_id, head_revision_id, trashed_at FROM stories WHERE id = $1`, [storyId]);
  return rows[0] ?? null;
}

interface DeadRow {
  id: string;
  type: string;
  story_id: string;
  body: string;
  last_error: string | null;
}

async function check(state: RunState): Promise<void> {
  const { world, desks, totals } = state;
  const sql = world.hub.deps.sql;
  const failures: string[] = [];
  const dead = desks.map((desk) => inspect(desk, (db) => db.prepare<[], DeadRow>(`SELECT id, type, story_id, body, last_error FROM outbox WHERE state = 'dead'`).all()));
  const fieldConflicts = desks.map((desk) => inspect(desk, (db) => db.prepare<[], { story_id: string; field_conflicts: string }>(`SELECT story_id, field_conflicts FROM story_sync WHERE field_conflicts <> '[]'`).all()));
  totals.fieldConflicts += fieldConflicts.reduce((n, rows) => n + rows.reduce((m, r) => m + (JSON.parse(r.field_conflicts) as unknown[]).length, 0), 0);
  totals.mergesOnHub += Number((await sql.query<{ n: number | string }>(`SELECT count(*) AS n FROM revisions WHERE kind = 'merge'`))[0]!.n);

  const heads = new Map<string, string>();
  for (const storyId of state.storyIds) {
    const row = (await hubStory(state, storyId))!;
    const head = row.head_revision_id ? ((await snapshots(sql, [row.head_revision_id])).get(row.head_revision_id) as RevisionSnapshot) : null;
    if (!head) {
      failures.push(`story ${storyId} has no head revision on the hub`);
      continue;
    }
    heads.set(storyId, canonicalJson(head));
    totals.conflictBlocks += head.body.root.children.filter((n) => n.type === MERGE_CONFLICT_TYPE).length;
    const hubComments = (await sql.query<{ id: string }>(`SELECT id FROM comments WHERE story_id = $1`, [storyId])).map((c) => c.id).sort();
    const ownerRow = world.accounts.find((a) => a.id === row.owner_id);

    // (1) convergence
    for (const desk of desks) {
      const access = { status: row.status, ownerId: row.owner_id, assigneeId: row.assignee_id, ownerSupervisorId: ownerRow?.supervisorId ?? null };
      if (!mayRead(desk.account, access)) continue;
      const story = storyOn(desk, storyId);
      if (!story) {
        failures.push(`workstation ${desk.index} may read story ${storyId} but does not have it`);
        continue;
      }
      if (canonicalJson(snapshotOf(story)) !== heads.get(storyId)) {
        failures.push(`workstation ${desk.index}'s copy of story ${storyId} differs from the hub's head:\n  here: ${canonicalJson(snapshotOf(story))}\n  hub:  ${heads.get(storyId)}`);
      }
      if (story.status !== row.status) failures.push(`workstation ${desk.index} shows story ${storyId} as ${story.status}; the hub has it ${row.status}`);
      if ((story.trashedAt !== null) !== (row.trashed_at !== null)) {
        failures.push(`workstation ${desk.index} has story ${storyId} ${story.trashedAt === null ? 'out of' : 'in'} the trash; the hub has it ${row.trashed_at === null ? 'out of' : 'in'} it`);
      }
      const threads = ok(desk, 'comments.list', { storyId }).threads;
      const local = threads.flatMap((t) => [t.id, ...t.replies.map((r) => r.id)]);
      const refused = new Set(dead[desk.index]!.filter((d) => d.type.startsWith('comment.')).map((d) => (JSON.parse(d.body) as { payload: { commentId?: string } }).payload.commentId));
      const missing = hubComments.filter((id) => !local.includes(id));
      const extra = local.filter((id) => !hubComments.includes(id) && !refused.has(id));
      if (missing.length > 0 || extra.length > 0) failures.push(`workstation ${desk.index}'s comments on story ${storyId} differ from the hub's: missing ${missing.join(', ') || '-'}, extra ${extra.join(', ') || '-'}`);
    }
    for (const [i, rows] of dead.entries()) {
      for (const d of rows.filter((r) => r.story_id === storyId && r.type === 'article.revision')) {
        if (!d.last_error) failures.push(`workstation ${i} dropped revision ${d.id} without a reason`);
      }
    }

    // (3) the hub's timeline replays as allowed moves
    const events = await sql.query<{ payload: { event: { action: TransitionAction; fromStatus: StoryStatus; toStatus: StoryStatus; actorId: string } } }>(
      `SELECT payload FROM change_log WHERE story_id = $1 AND kind = 'workflow' ORDER BY seq`,
      [storyId],
    );
    let status: StoryStatus = 'draft';
    let assignee: string | null = null;
    for (const { payload } of events) {
      const { action, fromStatus, toStatus, actorId } = payload.event;
      const actor = world.accounts.find((a) => a.id === actorId)!;
      const allowed = can(actor, action, { ownerId: row.owner_id, status, assigneeId: assignee, ownerSupervisorId: null });
      if (fromStatus !== status || transition(status, action) !== toStatus || !allowed.ok) {
        failures.push(`the hub applied ${action} by ${actor.role} on story ${storyId} (${fromStatus} → ${toStatus}) when it stood ${status}: ${allowed.ok ? 'not a move from there' : allowed.reason}`);
      }
      status = toStatus;
      if (action === 'claim') assignee = actorId;
    }
    if (status !== row.status) failures.push(`story ${storyId}'s timeline on the hub ends ${status} but the story is ${row.status}`);
  }
  for (const [i, desk] of desks.entries()) {
    const pending = ok(desk, 'sync.status', {}).pending;
    if (pending > 0) failures.push(`workstation ${i} still has ${pending} changes to send`);
  }

  // (2) no silent loss
  const trashedOnHub = new Set<string>();
  for (const storyId of state.storyIds) if ((await hubStory(state, storyId))?.trashed_at) trashedOnHub.add(storyId);
  for (const [marker, where] of state.acknowledged) {
    if (state.deleted.has(marker)) {
      totals.markersDeleted += 1;
      continue;
    }
    totals.markersChecked += 1;
    const head = heads.get(where.storyId) ?? '';
    const inFieldConflict = fieldConflicts.some((rows) => rows.some((r) => r.story_id === where.storyId && hasWord(r.field_conflicts, marker)));
    const refused = dead[where.ws]!.some((d) => d.type === 'article.revision' && d.story_id === where.storyId && hasWord(d.body, marker));
    if (!refused && trashedOnHub.has(where.storyId) && (state.lastTrash.get(where.storyId) ?? 0) < where.at) {
      totals.editsLost += 1;
      failures.push(`edit hidden in the trash: ${marker}, written on workstation ${where.ws} after story ${where.storyId} was last trashed, is in a story the hub keeps in the trash`);
      continue;
    }
    if (hasWord(head, marker) || inFieldConflict) continue;
    if (refused) {
      totals.refusedReported += 1;
      continue;
    }
    totals.editsLost += 1;
    failures.push(`edit lost: ${marker}, written on workstation ${where.ws} in story ${where.storyId}, is neither in the story nor in a conflict`);
  }
  if (failures.length > 0) throw new FuzzFailure(failures.join('\n'));
}

// ---------------------------------------------------------------------------
// Seeds

export interface SeedOptions {
  commands: { min: number; max: number };
  /** Shrink a failing scenario to a short one (slow: each try replays it). */
  shrink?: boolean;
}

/**
 * Runs the scenario fast-check draws from `seed` (one run); on failure the
 * error names the seed and the commands, so `npm run fuzz -- --seed S`
 * replays it.
 */
export async function runSeed(world: FuzzHub, seed: number, options: SeedOptions, totals: FuzzTotals): Promise<void> {
  const tries = emptyTotals();
  let last: FuzzTotals | null = null;
  try {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(options.commands), async (scenario) => {
        const run = emptyTotals();
        last = run;
        await runScenario(world, scenario, run);
        addTotals(tries, run);
      }),
      { seed, numRuns: 1, endOnFailure: !options.shrink },
    );
    addTotals(totals, tries);
  } catch (error) {
    if (last) addTotals(totals, last);
    // fast-check's message holds the counterexample; the property's own error is its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = cause instanceof Error ? (cause instanceof FuzzFailure ? cause.message : (cause.stack ?? cause.message)) : String(cause);
    const counterexample = error instanceof Error ? (/Counterexample: .*/.exec(error.message)?.[0] ?? '') : '';
    throw new Error(`sync fuzz failed with seed ${seed} (replay: npm run fuzz -- --seed ${seed}${options.shrink ? '' : ' --shrink'}):\n${reason}\n${counterexample}`, { cause: error });
  }
}
