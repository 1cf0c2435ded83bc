import { monotonicFactory } from 'ulid';
import { contract, type Story } from '../../shared/api/contract.ts';
import { CopydeskError, ErrorCode } from '../../shared/api/errors.ts';
import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';
import type { ConflictItem, OutboxItem, SyncAccount, SyncStatus } from '../../shared/api/methods/sync.ts';
import { emptyDocument } from '../../shared/model/document.ts';
import { canonicalJson } from '../../shared/review/canonicalJson.ts';
import { mergeStories, type FieldConflict } from '../../shared/review/merge.ts';
import { unresolvedConflicts } from '../../shared/review/unresolvedConflicts.ts';
import { makeAnchor, anchorBlocks } from '../../shared/review/anchor.ts';
import { proposalItems } from '../../shared/review/proposal.ts';
import {
  SYNC_LIMITS,
  type Change,
  type FirstResult,
  type HubComment,
  type HubProposal,
  type HubStory,
  type Mutation,
  type MutationOf,
  type RevisionHeader,
} from '../../shared/sync/protocol.ts';
import { applySnapshotDelta, encodeSnapshotDelta } from '../../shared/sync/delta.ts';
import type { BackendContext } from '../backend/context.ts';
import { createWorkingCopyWriter } from '../backend/handlers/stories.ts';
import { snapshotOf } from '../backend/handlers/revisions.ts';
import { toSearchText } from '../store/searchText.ts';
import type { OutboxRow, SyncStore } from '../store/sync.ts';
import { describeMutation, describeUnsentText } from './describe.ts';
import { fieldValueOf, keepUndecided, type StoredFieldConflict } from './fieldConflicts.ts';
import { createHubClient, HubFailure, type HubClient } from './hubClient.ts';
import { createMediaSync } from './mediaSync.ts';
import { enqueueCreate, enqueueRevision, parseAccount, revisionHeaderOf, type SyncRecorder } from './recorder.ts';
import type { TokenStore } from './tokenStore.ts';
import type { NewsroomSync } from './newsroom.ts';

/**
 * The sync loop (DESIGN.md §7), in the backend's process beside the store.
 *
 * One cycle: (1) stories of the account the hub does not know yet are
 * enqueued, and working copies saved since their last checkpoint are
 * checkpointed ("Synced"), so the hub always gets the latest text; (2) the
 * outbox is pushed in batches; (3) changes are pulled by cursor until the hub
 * has no more; (4) every story whose hub head moved is brought up to date —
 * fast-forwarded when nothing local is unpushed, otherwise merged three ways
 * (base: the last hub head merged here; ours: the working copy; theirs: the
 * hub head) into a `merge` checkpoint that is pushed at once.
 *
 * Revisions. The hub wants every parent of a pushed revision on the hub.
 * Local checkpoints are many (save, idle, transition…); only the newest
 * unsent one of a story is pushed, and when its parents are not all on the
 * hub it is rewritten, once, as a new local checkpoint with the same text,
 * kind, message and time, the account as author and parents [hub head] (+
 * any other parent the hub has). Ids are content-addressed over parents, so
 * the rewrite is a new revision; the story's head moves to it when it was the
 * head, and the older local checkpoints stay in the local history only.
 *
 * Timing: after a local change a cycle runs within ~2 s; an SSE nudge from
 * the hub starts one within 100–500 ms (spread, see `nudged`); otherwise
 * every minute. A failure backs off
 * 1 s × 2^n up to 5 min, ±20 %. Cycles never overlap.
 */
export interface SyncEngine {
  status(): SyncStatus;
  connect(input: { hubUrl: string; username: string; password: string }): Promise<SyncStatus>;
  disconnect(): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
  preview(): OutboxItem[];
  /** Changes the hub refused that the person has not acknowledged yet (they stay in the outbox). */
  refused(): OutboxItem[];
  /** The person has read why those changes were not sent: the status stops saying so. Nothing is deleted. */
  dismissRefused(): SyncStatus;
  conflicts(): ConflictItem[];
  /** Settles a header field a merge left undecided: keeps this workstation's value or takes the hub's. */
  resolveField(input: { storyId: string; field: string; choice: 'mine' | 'theirs' }): ConflictItem[];
  /** A story's working copy was stored (stories.save and the like): unsent text syncs after a quiet period. */
  storyChanged(storyId: string): void;
  /** Starts the loop when a session is stored (backend start). */
  start(): void;
  stop(): void;
}

export const SYNC_TIMING = {
  debounceMs: 2_000,
  periodicMs: 60_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 5 * 60_000,
  jitter: 0.2,
  /**
   * Autosaved text (no checkpoint) is sent once the person has stopped typing
   * for this long: the cycle then checkpoints it as "Synced" and pushes it.
   */
  quietMs: 20_000,
  /** …or at the latest this long after the first unsent save, while they type on without a pause. */
  quietMaxMs: 2 * 60_000,
  /** A hub nudge starts a cycle after nudgeMinMs plus a random share of nudgeSpreadMs. */
  nudgeMinMs: 100,
  nudgeSpreadMs: 400,
} as const;

export type SyncTiming = { -readonly [K in keyof typeof SYNC_TIMING]: number };

const MERGE_MESSAGE = 'Merged with the newsroom hub';

/** Delay before attempt n+1 after n failures in a row. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const plain = Math.min(SYNC_TIMING.backoffMaxMs, SYNC_TIMING.backoffBaseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(plain * (1 - SYNC_TIMING.jitter + 2 * SYNC_TIMING.jitter * random()));
}

export interface SyncEngineDeps {
  ctx: BackendContext;
  sync: SyncStore;
  recorder: SyncRecorder;
  tokens: TokenStore;
  clientFor?: (hubUrl: string) => HubClient;
  /** Replaces some of {@link SYNC_TIMING} (tests use a short quiet period). */
  timing?: Partial<SyncTiming>;
  /** The newsroom's publication settings and people, read from the hub in every cycle before the push. */
  newsroom?: NewsroomSync;
}

interface HubStoryHint {
  headRevisionId: string | null;
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { ctx, sync, tokens } = deps;
  const { db, stores } = ctx;
  const clientFor = deps.clientFor ?? createHubClient;
  const newId = monotonicFactory();
  const writeWorkingCopy = createWorkingCopyWriter(ctx);
  const timing: SyncTiming = { ...SYNC_TIMING, ...deps.timing };
  const pictures = createMediaSync(ctx, sync);

  let running: Promise<void> | null = null;
  let syncing = false;
  let failure: HubFailure | null = null;
  let failures = 0;
  let nextAttemptAt: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let events: AbortController | null = null;
  /** Ends the event stream's wait before its next attempt (set while it waits). */
  let reopenEvents: (() => void) | null = null;
  let stopped = true;
  /** The quiet-period timer for autosaved text, and when its first unsent save was. */
  let quiet: { timer: ReturnType<typeof setTimeout>; firstAt: number } | null = null;
  /** Per story with unsent autosaved text: its first and last save (this process's clock). */
  const typing = new Map<string, { firstAt: number; lastAt: number }>();
  /** Whether a story's working copy differs from its head checkpoint, by `${revision}:${head}` (a canonical compare each time would be slow). */
  const dirtyCache = new Map<string, { key: string; dirty: boolean }>();

  const account = (): SyncAccount | null => parseAccount(sync.state()?.account);
  const nowIso = () => ctx.now().toISOString();

  // -------------------------------------------------------------------------
  // Status

  /**
   * Stories of the account whose working copy differs from their newest
   * checkpoint: text autosaved but not yet in the outbox. The next cycle
   * checkpoints it ("Synced") and sends it; until then it counts as pending.
   */
  const unsentTexts = (): string[] => {
    const me = account();
    if (!me || ctx.access.currentProfile()?.id !== me.id) return [];
    const found: string[] = [];
    for (const { id, revision } of sync.editedSinceSeen()) {
      const head = sync.headOf(id);
      const key = `${revision}:${head ?? ''}`;
      let known = dirtyCache.get(id);
      if (known?.key !== key) {
        const story = stores.stories.get(id);
        const checkpoint = head ? stores.revisions.snapshot(head) : undefined;
        known = { key, dirty: story !== undefined && (!checkpoint || !sameText(checkpoint, snapshotOf(story))) };
        dirtyCache.set(id, known);
      }
      if (known.dirty) found.push(id);
    }
    return found;
  };

  const status = (): SyncStatus => {
    const row = sync.state();
    const session = tokens.read();
    const queued = row ? sync.pendingCount() : 0;
    const pending = queued + (row ? unsentTexts().length : 0);
    const state: SyncStatus['state'] = !session
      ? 'signed_out'
      : syncing
        ? 'syncing'
        : failure?.kind === 'offline'
          ? 'offline'
          : failure || row?.last_error
            ? 'error'
            : queued > 0
              ? 'syncing'
              : 'up_to_date';
    return {
      state,
      hubUrl: row?.hub_url ?? null,
      account: parseAccount(row?.account),
      pending,
      conflicts: conflictItems().length,
      lastSyncedAt: row?.last_synced_at ?? null,
      nextAttemptAt: failure?.kind === 'offline' ? nextAttemptAt : null,
      message: failure?.message ?? row?.last_error ?? null,
      refused: row ? sync.refused().length : 0,
    };
  };

  const announce = () => {
    if (!db.open) return;
    ctx.emit('sync.changed', status());
  };

  const storedFieldConflicts = (storyId: string): StoredFieldConflict[] =>
    JSON.parse(sync.storySync(storyId)?.field_conflicts ?? '[]') as StoredFieldConflict[];

  /**
   * Header fields still to decide: a recorded conflict whose field now holds
   * the hub's value (the person typed it, or took it) is settled.
   */
  const openFieldConflicts = (story: Story): StoredFieldConflict[] =>
    storedFieldConflicts(story.id).filter((c) => canonicalJson(fieldValueOf(snapshotOf(story), c.field)) !== canonicalJson(c.theirs));

  const conflictItems = (): ConflictItem[] => {
    const items: ConflictItem[] = [];
    const candidates = new Set(sync.storiesWithRecordedConflicts());
    for (const id of candidates) {
      const story = stores.stories.get(id);
      const row = sync.storySync(id);
      if (!story || !row) continue;
      const blocks = unresolvedConflicts(story.body);
      const open = openFieldConflicts(story);
      if (blocks === 0 && open.length === 0) continue;
      const current = snapshotOf(story);
      items.push({
        storyId: id,
        headline: story.headline || 'Untitled story',
        blocks,
        fields: open.map((c) => c.field),
        fieldValues: open.map((c) => ({ field: c.field, mine: fieldValueOf(current, c.field), theirs: c.theirs })),
        since: row.conflict_since ?? story.updatedAt,
      });
    }
    return items;
  };

  // -------------------------------------------------------------------------
  // Scheduling

  /** When the scheduled cycle is due (Date.now() time), while one is. */
  let timerDueAt = 0;
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timerDueAt = Date.now() + ms;
    timer = setTimeout(() => {
      timer = null;
      void runCycle().catch(() => undefined);
    }, ms);
    timer.unref?.();
  };

  deps.recorder.onRecorded = () => {
    // The pending count moves with the outbox, not a cycle later (after the change's own transaction ends).
    queueMicrotask(announce);
    if (!stopped) schedule(timing.debounceMs);
  };

  /** Whether the person is still typing in the story: saved within `quietMs`, and not for `quietMaxMs` on end. */
  const stillTyping = (storyId: string): boolean => {
    const saves = typing.get(storyId);
    const now = Date.now();
    return saves !== undefined && now - saves.lastAt < timing.quietMs && now - saves.firstAt < timing.quietMaxMs;
  };

  const clearQuiet = () => {
    if (quiet) clearTimeout(quiet.timer);
    quiet = null;
  };

  /**
   * Autosaved text goes without Ctrl+S: `quietMs` after the last save (one
   * "Synced" checkpoint per pause in typing, not one per keystroke), and at
   * the latest `quietMaxMs` after the first unsent one while typing goes on.
   */
  const scheduleQuiet = () => {
    const now = Date.now();
    const firstAt = quiet?.firstAt ?? now;
    if (quiet) clearTimeout(quiet.timer);
    const due = Math.min(now + timing.quietMs, firstAt + timing.quietMaxMs);
    const timer = setTimeout(() => {
      quiet = null;
      // Offline, the backoff's retries decide when to try (they send text whose quiet period is over).
      if (failure?.kind === 'offline') return;
      void runCycle({ allText: true }).catch(() => undefined);
    }, Math.max(0, due - now));
    timer.unref?.();
    quiet = { timer, firstAt };
  };

  const storyChanged = (storyId: string) => {
    // After the change's own code has run: the engine's own writes (a pull, a merge) mark themselves seen.
    queueMicrotask(() => {
      if (!db.open || !sync.storySync(storyId) || !unsentTexts().includes(storyId)) return;
      const now = Date.now();
      typing.set(storyId, { firstAt: typing.get(storyId)?.firstAt ?? now, lastAt: now });
      announce();
      if (!stopped && tokens.read() && failure?.kind !== 'offline') scheduleQuiet();
    });
  };

  /**
   * The hub says the newsroom changed: pull soon. Every workstation hears the
   * same nudge at the same instant, so each waits a random 100–500 ms (the
   * sync bench measured the hub's p99 at a third with the pulls spread so);
   * a nudge while a cycle is already due as soon does not put it off.
   */
  const nudged = () => {
    const delay = timing.nudgeMinMs + Math.round(Math.random() * timing.nudgeSpreadMs);
    if (timer && timerDueAt <= Date.now() + delay) return;
    schedule(delay);
  };

  const openEvents = () => {
    if (events || stopped) return;
    const controller = new AbortController();
    events = controller;
    void (async () => {
      let misses = 0;
      while (!controller.signal.aborted) {
        const session = tokens.read();
        if (!session) break;
        try {
          await clientFor(session.hubUrl).events(session.token, nudged, controller.signal);
          misses = 0;
        } catch {
          misses += 1;
        }
        if (controller.signal.aborted) break;
        await new Promise<void>((resolve) => {
          const wait = setTimeout(resolve, backoffDelay(Math.max(1, misses)));
          wait.unref?.();
          reopenEvents = () => {
            clearTimeout(wait);
            resolve();
          };
        });
        reopenEvents = null;
      }
      if (events === controller) events = null;
    })();
  };

  const closeEvents = () => {
    events?.abort();
    events = null;
  };

  /** One cycle at a time: a caller arriving during one waits for it, then runs its own. */
  /**
   * `allText`: checkpoint every story's unsent text (the person asked, or a
   * quiet period ended); otherwise (a nudge, the periodic cycle, a retry) text
   * the person is still typing is left for its quiet period to end.
   */
  const runCycle = async (options: { allText: boolean } = { allText: false }): Promise<void> => {
    while (running) await running.catch(() => undefined);
    const work = cycle(options.allText);
    running = work;
    try {
      await work;
      failure = null;
      failures = 0;
      nextAttemptAt = null;
      // The hub answers again: the nudge stream reconnects now, not after the backoff it built up while away.
      reopenEvents?.();
      schedule(timing.periodicMs);
    } catch (error) {
      if (!(error instanceof HubFailure)) {
        failure = new HubFailure('error', `Sync stopped: ${error instanceof Error ? error.message : String(error)}`);
      } else {
        failure = error;
      }
      if (failure.kind === 'signed_out') {
        tokens.clear();
        closeEvents();
      } else {
        failures += 1;
        const delay = backoffDelay(failures);
        nextAttemptAt = new Date(Date.now() + delay).toISOString();
        schedule(delay);
      }
    } finally {
      running = null;
      syncing = false;
      announce();
    }
  };

  // -------------------------------------------------------------------------
  // One cycle

  const cycle = async (allText: boolean): Promise<void> => {
    const session = tokens.read();
    const me = account();
    if (!session || !me || !db.open) return;
    syncing = true;
    // This cycle checkpoints the text saved so far; a save from now on starts a new quiet period.
    if (allText) clearQuiet();
    announce();
    const client = clientFor(session.hubUrl);
    const workstationId = sync.state()!.workstation_id;
    pictures.beginCycle();

    db.transaction(() => {
      trackOwnStories(me);
      checkpointEdited(me, allText);
    }).immediate();

    // The newsroom's settings and people (main/sync/newsroom.ts), before what this cycle sends and takes.
    await deps.newsroom?.refresh(client, session.token, session.hubUrl, me);
    for (let round = 0; round < 4; round++) {
      const touched = new Set<string>();
      await pushAll(client, session.token, workstationId, me, touched);
      await pullAll(client, session.token, touched);
      await fetchMissingHeads(client, session.token, touched);
      let merged = false;
      db.transaction(() => {
        for (const storyId of touched) merged = reconcile(storyId, me) || merged;
        pictures.noteWanted(touched);
      }).immediate();
      // The pictures the pulled stories show arrive before the editor is told (it loads them then).
      const fetched = await pictures.downloadWanted(client, session.token);
      for (const storyId of new Set([...touched, ...fetched.arrived])) {
        const raw = stores.stories.getRaw(storyId);
        if (raw) ctx.emit('story.changed', { id: storyId, revision: raw.revision });
      }
      if (touched.size > 0) ctx.emit('library.changed', {});
      // Offline or signed out while fetching: the stories are in; the cycle fails like any other.
      if (fetched.failure) throw fetched.failure;
      if (!merged && sync.pendingCount() === 0) break;
    }
    sync.updateState({ last_synced_at: nowIso() });
  };

  /** Stories of the account the hub does not know yet: each gets its article.create and its text. */
  const trackOwnStories = (me: SyncAccount) => {
    if (ctx.access.currentProfile()?.id !== me.id) return;
    for (const storyId of sync.untrackedOwnedBy(me.id)) {
      const story = stores.stories.get(storyId)!;
      sync.track(storyId, null, stores.stories.getRaw(storyId)!.revision);
      enqueueCreate(sync, newId(), storyId, { headline: story.headline, language: story.language }, nowIso());
      const { revision } = ctx.revisions.checkpoint(storyId, 'save', { message: 'Synced' });
      // The checkpoint above was recorded if it was new; a story whose head already held its text is enqueued here.
      if (!sync.pendingOf(storyId).some((row) => row.type === 'article.revision')) {
        enqueueRevision(sync, newId(), storyId, revision, stores.revisions.snapshot(revision.id)!, nowIso());
      }
    }
  };

  /**
   * Working copies saved since their last checkpoint get one, so the hub has the latest text.
   * Whether the person may still edit the story does not matter: the text was saved while
   * they could, and a pull since (the story spiked or published on the hub) must not leave
   * it unsent and unnoticed (found by the sync fuzz). The hub decides; a refusal is shown and
   * the text kept in history (`returnToHubVersion`). Unchanged text makes no checkpoint.
   */
  const checkpointEdited = (me: SyncAccount, allText: boolean) => {
    const mine = ctx.access.currentProfile()?.id === me.id;
    for (const { id, revision } of sync.editedSinceSeen()) {
      if (!allText && mine && stillTyping(id)) continue;
      typing.delete(id);
      if (mine) ctx.revisions.checkpoint(id, 'save', { message: 'Synced' });
      sync.updateStorySync(id, { seen_revision: revision });
    }
  };

  // -------------------------------------------------------------------------
  // Push

  const pushAll = async (client: HubClient, token: string, workstationId: string, me: SyncAccount, touched: Set<string>) => {
    for (let guard = 0; guard < 1000; guard++) {
      const batch = db.transaction(() => prepareBatch(me)).immediate();
      if (batch.length === 0) return;
      // The hub gets the pictures first, so whoever pulls this text can fetch them.
      await pictures.uploadFor(client, token, batch.map((b) => b.mutation));
      let response;
      try {
        response = await client.push(token, workstationId, batch.map((b) => b.mutation));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        db.transaction(() => {
          for (const b of batch) sync.noteAttempt(b.row.id, reason, null);
        })();
        throw error;
      }
      db.transaction(() => {
        response.results.forEach((result, index) => {
          const item = batch[index];
          if (item) handleResult(item.mutation, result.status === 'duplicate' ? result.first : result, touched);
        });
      }).immediate();
    }
  };

  /** The next mutations to push, each prepared (see the module comment), within the push limits. */
  const prepareBatch = (me: SyncAccount): { row: OutboxRow; mutation: Mutation }[] => {
    let rows = sync.pending(SYNC_LIMITS.mutationsPerPush);
    // Only the newest unsent revision of a story goes: it holds the text of the ones before.
    const newest = new Map<string, string>();
    for (const row of rows) if (row.type === 'article.revision' && row.prepared === 0) newest.set(row.story_id, row.id);
    const superseded = rows.filter((row) => row.type === 'article.revision' && row.prepared === 0 && newest.get(row.story_id) !== row.id);
    for (const row of superseded) sync.remove(row.id);
    rows = rows.filter((row) => !superseded.includes(row));

    const batch: { row: OutboxRow; mutation: Mutation }[] = [];
    let bytes = 0;
    for (const row of rows) {
      let mutation = JSON.parse(row.body) as Mutation;
      if (row.type === 'article.revision' && row.prepared === 0) {
        mutation = prepareRevision(mutation as MutationOf<'article.revision'>, row, me);
        sync.setPrepared(row.id, mutation);
      }
      if (row.type === 'proposal.send' && row.prepared === 0) {
        mutation = prepareProposal(mutation as MutationOf<'proposal.send'>, row);
        sync.setPrepared(row.id, mutation);
      }
      const size = JSON.stringify(mutation).length;
      if (batch.length > 0 && bytes + size > SYNC_LIMITS.pushBytes * 0.9) break;
      bytes += size;
      batch.push({ row, mutation });
    }
    return batch;
  };

  /**
   * The story's head on the hub when this revision arrives there: the last
   * revision of the story ahead of it in the outbox, already prepared by a
   * push that did not get through (offline), or else the hub head merged
   * here. Basing it on the hub head alone made such a pair arrive as
   * "applied" then "conflict" (kept beside the main line), with the hub
   * head then already the one merged here: the newer text stayed on this
   * workstation only (found by the sync fuzz).
   */
  const expectedHubHead = (row: OutboxRow): string | null => {
    const ahead = sync
      .pendingOf(row.story_id)
      .filter((r) => r.type === 'article.revision' && r.prepared === 1 && r.seq < row.seq)
      .at(-1);
    if (ahead) return (JSON.parse(ahead.body) as MutationOf<'article.revision'>).payload.revision.id;
    return sync.storySync(row.story_id)?.hub_head ?? null;
  };

  const prepareRevision = (mutation: MutationOf<'article.revision'>, row: OutboxRow, me: SyncAccount): MutationOf<'article.revision'> => {
    const storyId = mutation.storyId;
    const hubHead = expectedHubHead(row);
    const header = mutation.payload.revision;
    const onHub = header.parents.filter((p) => p !== hubHead && sync.isOnHub(p));
    const parents = hubHead ? [hubHead, ...onHub] : onHub;
    const same = parents.length === header.parents.length && parents.every((p, i) => p === header.parents[i]);
    if (same && header.authorId === me.id && header.authorName === me.name) return asDelta({ ...mutation, baseRevision: hubHead });
    const rewritten = stores.revisions.checkpoint({
      storyId,
      // The outbox always holds the whole snapshot (recorder.ts).
      snapshot: mutation.payload.snapshot!,
      kind: header.kind,
      message: header.message,
      author: { id: me.id, name: me.name },
      at: header.createdAt,
      parents,
      moveHead: false,
    }).revision;
    if (sync.headOf(storyId) === header.id) sync.setHead(storyId, rewritten.id);
    return asDelta({ ...mutation, baseRevision: hubHead, payload: { ...mutation.payload, revision: revisionHeaderOf(rewritten) } });
  };

  /**
   * A proposal's one parent must be on the hub. When it is a checkpoint made
   * only here, the proposal is rebased onto the story's head on the hub when
   * it arrives there (`expectedHubHead`: the checkpoint ahead of it in the
   * outbox, which holds the text of the local ones, or the hub head merged
   * here): the same text, kind, message and time under a new
   * (content-addressed) id with that head as parent, and the local proposal
   * points at it and starts from that head from then on, so both sides name
   * its items alike. The first revision stays in the local history. Without a
   * hub head the proposal goes as it is and the hub's refusal is shown.
   */
  const prepareProposal = (mutation: MutationOf<'proposal.send'>, row: OutboxRow): MutationOf<'proposal.send'> => {
    const { storyId } = mutation;
    const header = mutation.payload.revision;
    const base = header.parents[0]!;
    // A checkpoint of the story ahead in the outbox reaches the hub first (and may have been rewritten on its way).
    const hubHead = expectedHubHead(row);
    if (sync.isOnHub(base) || base === hubHead || !hubHead) return mutation;
    const rebased = stores.revisions.checkpoint({
      storyId,
      snapshot: mutation.payload.snapshot,
      kind: 'proposal',
      message: header.message,
      author: { id: header.authorId, name: header.authorName },
      at: header.createdAt,
      parents: [hubHead],
      moveHead: false,
    }).revision;
    stores.proposals.rebase(mutation.payload.proposalId, hubHead, rebased.id);
    return { ...mutation, payload: { ...mutation.payload, revision: revisionHeaderOf(rebased) } };
  };

  /**
   * The revision as a change to its base when the hub is known to have that
   * base (pulled from it, or pushed and stored there) and this workstation has
   * its text: a one-word edit to a long story then travels as a few kilobytes
   * (shared/sync/delta.ts). A base only ahead in the outbox is not known to be
   * there yet, so that revision goes whole; so does one whose delta would be no
   * smaller. The prepared body is what is sent, on every retry.
   */
  const asDelta = (mutation: MutationOf<'article.revision'>): MutationOf<'article.revision'> => {
    const base = mutation.baseRevision;
    const snapshot = mutation.payload.snapshot;
    if (!base || !snapshot || !sync.isOnHub(base)) return mutation;
    const baseSnapshot = stores.revisions.snapshot(base);
    if (!baseSnapshot) return mutation;
    const delta = encodeSnapshotDelta(baseSnapshot, snapshot as RevisionSnapshot);
    if (JSON.stringify(delta).length >= JSON.stringify(snapshot).length) return mutation;
    return { ...mutation, payload: { revision: mutation.payload.revision, deltaBase: base, delta } };
  };

  /** The revision with its whole snapshot again (a delta's text is the revision's, stored here when it was checkpointed). */
  const inFull = (mutation: MutationOf<'article.revision'>): MutationOf<'article.revision'> => {
    const { revision, delta, deltaBase } = mutation.payload;
    if (!delta) return mutation;
    const base = deltaBase ? stores.revisions.snapshot(deltaBase) : undefined;
    const snapshot = stores.revisions.snapshot(revision.id) ?? (base ? applySnapshotDelta(base, delta) : undefined);
    if (!snapshot) return mutation;
    return { ...mutation, payload: { revision, snapshot: snapshot as MutationOf<'article.revision'>['payload']['snapshot'] } };
  };

  /**
   * A refused or impossible change is set aside in the outbox with the hub's
   * reason (never deleted). A revision set aside keeps its whole text, so the
   * row says what was not sent without needing its base.
   */
  const setAside = (row: { id: string; body: string }, reason: string) => {
    const mutation = JSON.parse(row.body) as Mutation;
    if (mutation.type === 'article.revision' && mutation.payload.delta) sync.setPrepared(row.id, inFull(mutation));
    sync.markDead(row.id, reason);
  };

  const hintHead = (storyId: string, head: string | null) => {
    const row = sync.storySync(storyId);
    const hint = row?.hub_story ? (JSON.parse(row.hub_story) as HubStoryHint) : { headRevisionId: null };
    sync.updateStorySync(storyId, { hub_story: JSON.stringify({ ...hint, headRevisionId: head }) });
  };

  const handleResult = (mutation: Mutation, result: FirstResult, touched: Set<string>) => {
    const storyId = mutation.storyId;
    if (result.status === 'applied' || result.status === 'conflict') {
      if (mutation.type === 'article.revision') {
        // Applied, or kept beside the main line: either way the hub has it now.
        sync.markOnHub(mutation.payload.revision.id, storyId);
        sync.updateStorySync(storyId, { pushed_revision_id: mutation.payload.revision.id });
        if (result.status === 'applied' && result.head === mutation.payload.revision.id) sync.updateStorySync(storyId, { hub_head: result.head });
        hintHead(storyId, result.head);
        touched.add(storyId);
        sync.remove(mutation.id);
        return;
      }
      if (result.status === 'conflict') {
        // A move on a state that has moved on: not made; the story shows the hub's state.
        setAside({ id: mutation.id, body: JSON.stringify(mutation) }, result.reason);
        sync.updateState({ last_error: `${describeMutation(mutation, stores.stories.get(storyId)?.headline ?? '')} was not sent: ${result.reason}` });
        setLocalStatus(storyId, result.storyStatus);
        touched.add(storyId);
        return;
      }
      if (mutation.type === 'article.transition') setLocalStatus(storyId, result.storyStatus);
      // The proposal's revision is on the hub now: a merge accepting it may name it as a parent.
      if (mutation.type === 'proposal.send') sync.markOnHub(mutation.payload.revision.id, storyId);
      sync.remove(mutation.id);
      return;
    }
    // refused / invalid
    if (mutation.type === 'article.create' && result.status === 'invalid' && /already on the hub/.test(result.reason)) {
      sync.remove(mutation.id);
      return;
    }
    if (mutation.type === 'article.revision' && mutation.payload.delta && result.status === 'invalid' && /send the revision in full/i.test(result.reason)) {
      // The hub has no usable base for the delta: the same revision goes again whole, in its place in
      // the order, under a NEW mutation id (the hub answers a known id with its stored `invalid`).
      const full = { ...inFull(mutation), id: newId() };
      if (full.payload.snapshot) {
        sync.renew(mutation.id, full.id, full);
        return;
      }
    }
    setAside({ id: mutation.id, body: JSON.stringify(mutation) }, result.reason);
    sync.updateState({ last_error: `${describeMutation(mutation, stores.stories.get(storyId)?.headline ?? '')} was not sent: ${result.reason}` });
    if (mutation.type === 'article.transition') {
      const hub = hubStoryOf(storyId);
      if (hub) applyWorkflowState(hub);
      touched.add(storyId);
    }
    // A trash or restore not made: the story goes back to where the hub has it (`reconcile`).
    if (mutation.type === 'article.trash' || mutation.type === 'article.restore') touched.add(storyId);
    // A refused revision: the story goes back to the hub's version and, when the hub has it in the
    // trash, into the trash (the unsent edit had kept it out; found by the sync fuzz, seed 5235).
    if (mutation.type === 'article.revision' && result.status === 'refused') {
      returnToHubVersion(storyId, result.reason);
      touched.add(storyId);
    }
  };

  /**
   * The hub's policy refused our text (the story was spiked or published, or
   * handed on, while this workstation still let the person write): the
   * working copy goes back to the hub's version, so this workstation shows
   * the story as the newsroom has it instead of keeping, unnoticed, words
   * nobody else will ever see (found by the sync fuzz). Nothing is dropped:
   * the refused version stays a checkpoint in the story's local history and
   * in the outbox, marked with the hub's reason, and the sync status says
   * it was not sent. Later unsent revisions of the story hold the same words
   * and are set aside the same way; so does text saved while this push was
   * out (not checkpointed yet): it is checkpointed first, or the hub's
   * version would overwrite it unseen (found by the sync fuzz, seed 2013).
   */
  const returnToHubVersion = (storyId: string, reason: string) => {
    ctx.revisions.checkpoint(storyId, 'save', { message: 'Synced' });
    for (const row of sync.pendingOf(storyId)) if (row.type === 'article.revision') setAside(row, reason);
    const hubHead = sync.storySync(storyId)?.hub_head ?? null;
    const theirs = hubHead ? stores.revisions.snapshot(hubHead) : undefined;
    if (!hubHead || !theirs) return;
    writeSnapshot(storyId, theirs);
    sync.setHead(storyId, hubHead);
    sync.updateState({ last_error: `${sync.state()?.last_error ?? reason} Your version is kept in the story’s history.` });
  };

  const setLocalStatus = (storyId: string, status: string) => {
    db.prepare(`UPDATE stories SET status = ? WHERE id = ?`).run(status, storyId);
  };

  // -------------------------------------------------------------------------
  // Pull

  const pullAll = async (client: HubClient, token: string, touched: Set<string>) => {
    for (let guard = 0; guard < 100_000; guard++) {
      const cursor = sync.state()?.cursor ?? null;
      const page = await client.pull(token, cursor, SYNC_LIMITS.pullMax);
      db.transaction(() => {
        for (const change of page.changes) {
          applyChange(change);
          touched.add(change.storyId);
        }
        sync.updateState({ cursor: page.cursor });
      }).immediate();
      if (!page.more) return;
    }
  };

  /**
   * Stores a revision from the hub under its own id (revisions are
   * content-addressed: the same header and text give the same id here) and
   * marks it as on the hub, so it may be named as a parent.
   */
  const storeHubRevision = (storyId: string, revision: RevisionHeader, snapshot: RevisionSnapshot) => {
    sync.ensureProfile({ id: revision.authorId, name: revision.authorName }, nowIso());
    const stored = stores.revisions.checkpoint({
      storyId,
      snapshot,
      kind: revision.kind,
      message: revision.message,
      author: { id: revision.authorId, name: revision.authorName },
      at: revision.createdAt,
      parents: revision.parents,
      moveHead: false,
    }).revision;
    if (stored.id !== revision.id) throw new Error(`revision ${revision.id} from the hub was stored as ${stored.id}`);
    sync.markOnHub(revision.id, storyId);
  };

  /**
   * Touched stories whose hub head this workstation lacks get it by id, one
   * request per story. That happens when a story was deleted here for good
   * ("Empty trash") and comes back (a colleague restored or edited it): the
   * pull cursor is past its earlier revisions, and the revision that brought
   * it back arrived before its `story` change, while it was not here yet.
   * Without its head the story would show empty and could never merge. A
   * head the hub does not give (the person may not read the story) is left
   * out as before; a failure to reach the hub fails the cycle like any other.
   */
  const fetchMissingHeads = async (client: HubClient, token: string, touched: ReadonlySet<string>) => {
    const wanted = new Map<string, string[]>();
    for (const storyId of touched) {
      const hint = sync.storySync(storyId)?.hub_story;
      const head = hint ? (JSON.parse(hint) as HubStoryHint).headRevisionId : null;
      // A header lookup (not the snapshot, which would be decompressed and parsed for every touched story).
      if (head && stores.stories.getRaw(storyId) && !stores.revisions.get(head)) wanted.set(storyId, [head]);
    }
    for (const [storyId, ids] of wanted) {
      const reply = await client.revisions(token, storyId, ids);
      db.transaction(() => {
        if (!stores.stories.getRaw(storyId)) return;
        for (const { revision, snapshot } of reply.revisions) if (ids.includes(revision.id)) storeHubRevision(storyId, revision, snapshot);
      }).immediate();
    }
  };

  const hubStoryOf = (storyId: string): HubStory | null => {
    const json = sync.storySync(storyId)?.hub_story;
    if (!json) return null;
    const parsed = JSON.parse(json) as Partial<HubStory>;
    return parsed.id ? (parsed as HubStory) : null;
  };

  const applyWorkflowState = (story: HubStory) => {
    sync.setWorkflowState(story.id, {
      status: story.status,
      ownerId: story.ownerId,
      assigneeId: story.assigneeId,
      correction: story.correction,
      publishAt: story.publishAt,
    });
  };

  const applyChange = (change: Change) => {
    const at = nowIso();
    switch (change.kind) {
      case 'story': {
        const hub = change.story;
        sync.ensureProfile({ id: hub.ownerId, name: '' }, at);
        if (hub.assigneeId) sync.ensureProfile({ id: hub.assigneeId, name: '' }, at);
        if (!stores.stories.getRaw(hub.id)) {
          stores.stories.create({ id: hub.id, headline: hub.headline, searchHeadline: toSearchText(hub.headline), language: hub.language, bodyJson: JSON.stringify(emptyDocument()), now: hub.createdAt });
        }
        sync.track(hub.id, null, stores.stories.getRaw(hub.id)!.revision);
        // A move of ours still waiting to be pushed decides the state once the hub has answered it.
        if (!sync.pendingOf(hub.id).some((row) => row.type === 'article.transition')) applyWorkflowState(hub);
        sync.updateStorySync(hub.id, { hub_story: JSON.stringify(hub) });
        // In or out of the trash as the hub has it: `reconcile`, once the story's text has come too.
        return;
      }
      case 'revision': {
        if (!stores.stories.getRaw(change.storyId)) return;
        storeHubRevision(change.storyId, change.revision, change.snapshot);
        return;
      }
      case 'comment':
        applyComment(change.storyId, change.comment);
        return;
      case 'workflow': {
        const event = change.event;
        if (!stores.stories.getRaw(change.storyId) || sync.hasWorkflowEvent(event.id)) return;
        sync.ensureProfile({ id: event.actorId, name: event.actorName }, at);
        stores.workflow.record({ ...event, storyId: change.storyId });
        return;
      }
      case 'proposal':
        applyProposal(change.storyId, change.proposal);
        return;
    }
  };

  /**
   * A proposal as the hub has it: sent on another workstation (stored here as
   * an open proposal, its revision having arrived just before it), or one
   * known here whose decisions or withdrawal were made elsewhere. Decisions
   * are only ever added (an item is decided once); an accepted one made
   * elsewhere has no merge revision here (that merge comes as the story's own
   * revision). A proposal whose text this workstation lacks is skipped.
   */
  const applyProposal = (storyId: string, hub: HubProposal) => {
    if (!stores.stories.getRaw(storyId)) return;
    const baseSnapshot = stores.revisions.snapshot(hub.baseRevisionId);
    const proposedSnapshot = stores.revisions.snapshot(hub.revisionId);
    if (!baseSnapshot || !proposedSnapshot) return;
    const at = nowIso();
    sync.ensureProfile(
      hub.authorRole ? { id: hub.authorId, name: hub.authorName, role: hub.authorRole, supervisorId: hub.authorSupervisorId ?? null } : { id: hub.authorId, name: hub.authorName },
      at,
    );
    let local = stores.proposals.get(hub.id);
    if (!local) {
      local = stores.proposals.insertSent(
        {
          id: hub.id,
          storyId,
          author: { id: hub.authorId, name: hub.authorName, role: hub.authorRole ?? stores.profiles.get(hub.authorId)?.role ?? 'reporter' },
          baseRevisionId: hub.baseRevisionId,
          revisionId: hub.revisionId,
          message: hub.message,
          sentAt: hub.sentAt,
        },
        at,
      );
    }
    // Our own proposal, rebased when it was sent, is the same one under its new revision.
    if (local.revisionId !== hub.revisionId) return;
    const known = new Set(stores.proposals.decisions(hub.id).map((d) => d.key));
    for (const decision of hub.decisions) {
      if (known.has(decision.key)) continue;
      sync.ensureProfile({ id: decision.deciderId, name: '' }, at);
      stores.proposals.decide({
        proposalId: hub.id,
        key: decision.key,
        decision: decision.decision,
        deciderId: decision.deciderId,
        deciderName: stores.profiles.get(decision.deciderId)?.name ?? '',
        decidedAt: decision.decidedAt,
        mergeRevisionId: null,
      });
      known.add(decision.key);
    }
    // The decider credited an accepted intern in the story's note; a decision made here does not again.
    if (local.authorRole === 'intern' && hub.decisions.some((d) => d.decision === 'accepted')) stores.proposals.markCredited(hub.id);
    const withdrawing = sync.pendingOf(storyId).some((r) => r.type === 'proposal.withdraw' && r.body.includes(hub.id));
    const items = proposalItems(baseSnapshot, proposedSnapshot);
    if (hub.withdrawnAt) {
      if (local.status !== 'withdrawn') stores.proposals.withdraw(hub.id, hub.withdrawnAt);
    } else if (items.length > 0 && items.every((item) => known.has(item.key))) {
      if (local.status !== 'decided') stores.proposals.close(hub.id, hub.decisions.at(-1)?.decidedAt ?? at);
    } else if (local.status === 'withdrawn' && !withdrawing) {
      // The hub kept it open (someone decided an item before the withdrawal arrived).
      stores.proposals.reopen(hub.id, at);
    } else {
      stores.proposals.touch(hub.id, at);
    }
    ctx.emit('proposals.changed', { storyId });
  };

  const applyComment = (storyId: string, comment: HubComment) => {
    const story = stores.stories.get(storyId);
    if (!story) return;
    const existing = stores.comments.get(comment.id);
    if (!existing) {
      if (comment.authorId) sync.ensureProfile({ id: comment.authorId, name: comment.authorName }, nowIso());
      if (comment.threadId === null) {
        const placed = comment.anchor;
        if (!placed) return;
        const block = anchorBlocks(story.body).find((b) => b.id === placed.blockId);
        const anchor =
          block && block.text.slice(placed.start, placed.end) === placed.quote
            ? makeAnchor(block.id, block.text, placed.start, placed.end)
            : { ...placed, prefix: '', suffix: '' };
        stores.comments.insert({ id: comment.id, storyId, threadId: comment.id, author: { id: comment.authorId, name: comment.authorName }, body: comment.body, mentions: comment.mentions, anchor, now: comment.createdAt });
      } else {
        const root = stores.comments.get(comment.threadId);
        if (!root) return;
        // A thread reads root first: a reply never sorts before it, whatever two clocks said.
        const at = comment.createdAt > root.createdAt ? comment.createdAt : root.createdAt;
        stores.comments.insert({ id: comment.id, storyId, threadId: comment.threadId, author: { id: comment.authorId, name: comment.authorName }, body: comment.body, mentions: comment.mentions, now: at });
      }
    }
    if (comment.threadId === null) {
      const root = stores.comments.get(comment.id);
      if (root && (root.resolvedAt === null) !== (comment.resolvedAt === null)) stores.comments.setResolved(comment.id, comment.resolvedAt);
    }
  };

  // -------------------------------------------------------------------------
  // Bringing a story up to the hub's head

  const sameText = (a: RevisionSnapshot, b: RevisionSnapshot) => canonicalJson(a) === canonicalJson(b);

  const writeSnapshot = (storyId: string, snapshot: RevisionSnapshot) => {
    const checked = contract['stories.save'].input.safeParse({ id: storyId, ...snapshot });
    if (!checked.success) throw new Error(`the hub's version of story ${storyId} does not pass this workstation's checks`);
    // A story in the trash takes the hub's text too (a refused edit put back): the working copy
    // refuses edits while it is there, so it steps out for this write, in the same transaction.
    const trashedAt = stores.stories.getRaw(storyId)?.trashed_at ?? null;
    if (trashedAt !== null) stores.stories.restore(storyId);
    writeWorkingCopy(checked.data);
    if (trashedAt !== null) stores.stories.trash(storyId, trashedAt);
    sync.updateStorySync(storyId, { seen_revision: stores.stories.getRaw(storyId)!.revision });
  };

  /** Whether `ancestor` is among the revisions `revision` descends from (as far as this workstation has them). */
  const descendsFrom = (revision: string, ancestor: string): boolean => {
    const seen = new Set<string>();
    const queue = [revision];
    while (queue.length > 0 && seen.size < 100_000) {
      const id = queue.pop()!;
      if (id === ancestor) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...(stores.revisions.get(id)?.parents ?? []));
    }
    return false;
  };

  /**
   * Takes the story out of the trash (`out`) or puts it in (`in`) as the hub
   * has it (README). A story the hub has in the trash stays out of it here
   * while this workstation has edits the hub lacks (unsent checkpoints,
   * autosaved text, a merge just made) or a restore still to send: pushed,
   * they take it out of the trash on the hub too. One trashed here with its
   * trash still to send stays there.
   */
  const followHubTrash = (storyId: string, direction: 'in' | 'out') => {
    const trashedAt = hubStoryOf(storyId)?.trashedAt;
    const story = stores.stories.getRaw(storyId);
    // Undefined: stored before hubs said (this workstation's own trash then stays as it is).
    if (trashedAt === undefined || !story) return;
    const pending = sync.pendingOf(storyId);
    if (direction === 'in' && trashedAt !== null && story.trashed_at === null) {
      const unsent = pending.some((r) => r.type === 'article.revision' || r.type === 'article.restore') || unsentTexts().includes(storyId);
      if (!unsent) stores.stories.trash(storyId, trashedAt);
    } else if (direction === 'out' && trashedAt === null && story.trashed_at !== null && !pending.some((r) => r.type === 'article.trash')) {
      stores.stories.restore(storyId);
    }
  };

  /**
   * Returns true when a merge was made (and enqueued). Out of the trash
   * first, so the hub's text can be written; into it last, so a story in the
   * trash holds the hub's newest text too.
   */
  const reconcile = (storyId: string, me: SyncAccount): boolean => {
    followHubTrash(storyId, 'out');
    const merged = bringToHubHead(storyId, me);
    followHubTrash(storyId, 'in');
    return merged;
  };

  const bringToHubHead = (storyId: string, me: SyncAccount): boolean => {
    const row = sync.storySync(storyId);
    const story: Story | undefined = stores.stories.get(storyId);
    if (!row?.hub_story || !story) return false;
    const hubHead = (JSON.parse(row.hub_story) as HubStoryHint).headRevisionId;
    if (!hubHead || hubHead === row.hub_head) return false;
    const theirs = stores.revisions.snapshot(hubHead);
    if (!theirs) return false; // not pulled yet (a story revealed later sends its head after)

    const localHead = sync.headOf(storyId);
    const unsent = sync.pendingOf(storyId).filter((r) => r.type === 'article.revision');
    const ours = snapshotOf(story);
    const localSnapshot = localHead ? stores.revisions.snapshot(localHead) : undefined;
    const dirty = localSnapshot ? !sameText(localSnapshot, ours) : false;
    const localOnHub = localHead === null || localHead === hubHead || sync.isOnHub(localHead);
    // Nothing here the hub lacks when the local head is one the hub's head already descends from.
    const behind = localHead === null || localHead === row.hub_head || descendsFrom(hubHead, localHead);
    // In the trash here: the hub's newer text comes in when nothing here is unsent (a merge would
    // be an edit, which takes a story out of the trash; the hub's answer to what is unsent decides).
    const trashed = story.trashedAt !== null;
    if (trashed && (dirty || unsent.length > 0 || !(behind || localOnHub))) return false;
    // A head of ours the hub keeps beside its main line holds an edit its head lacks: while our
    // trash is still to send, its answer comes first (the story stays as it is); otherwise that
    // edit is merged, not overwritten, and the merge takes the story out of the trash, here and,
    // when it arrives, on the hub (found by the sync fuzz, seed 3276).
    if (trashed && !behind && sync.pendingOf(storyId).some((r) => r.type === 'article.trash')) return false;

    if (localHead === hubHead && unsent.length === 0 && !dirty) {
      sync.updateStorySync(storyId, { hub_head: hubHead });
      return false;
    }
    if ((!dirty && unsent.length === 0 && behind) || sameText(ours, theirs)) {
      // Nothing here the hub lacks: take the hub's version as it is.
      if (!sameText(ours, theirs)) writeSnapshot(storyId, theirs);
      sync.setHead(storyId, hubHead);
      sync.updateStorySync(storyId, { hub_head: hubHead });
      for (const r of unsent) if (r.prepared === 0) sync.remove(r.id);
      return false;
    }

    if (trashed) stores.stories.restore(storyId);
    const baseSnapshot = (row.hub_head && stores.revisions.snapshot(row.hub_head)) || { ...theirs, body: emptyDocument() };
    const author = stores.revisions.get(hubHead)?.authorName;
    const result = mergeStories(baseSnapshot, ours, theirs, author && author !== me.name ? { theirsLabel: `${author}’s version` } : {});
    writeSnapshot(storyId, result.merged as RevisionSnapshot);
    const merged = snapshotOf(stores.stories.get(storyId)!);
    // The merge holds the text of every local checkpoint not yet sent.
    for (const r of unsent) if (r.prepared === 0) sync.remove(r.id);
    const parents = [hubHead, ...(localHead && localHead !== hubHead && localOnHub ? [localHead] : [])];
    // Header fields left undecided by earlier merges stay until a person decides (fieldConflicts.ts).
    const fields = keepUndecided(storedFieldConflicts(storyId), result.conflicts.filter((c): c is FieldConflict => c.kind === 'field'), merged);
    const open = fields.length > 0 || unresolvedConflicts(merged.body) > 0;
    sync.updateStorySync(storyId, {
      hub_head: hubHead,
      field_conflicts: JSON.stringify(fields),
      conflict_since: open ? (row.conflict_since ?? nowIso()) : null,
    });
    const revision = stores.revisions.checkpoint({
      storyId,
      snapshot: merged,
      kind: 'merge',
      message: MERGE_MESSAGE,
      author: { id: me.id, name: me.name },
      at: nowIso(),
      parents,
      moveHead: false,
    }).revision;
    sync.setHead(storyId, revision.id);
    enqueueRevision(sync, newId(), storyId, revision, merged, nowIso());
    return true;
  };

  // -------------------------------------------------------------------------
  // Connecting

  const connect: SyncEngine['connect'] = async ({ hubUrl, username, password }) => {
    const url = hubUrl.replace(/\/+$/, '');
    let login;
    try {
      login = await clientFor(url).login(username, password);
    } catch (error) {
      if (!(error instanceof HubFailure)) throw error;
      if (error.kind === 'offline') throw new CopydeskError(ErrorCode.OFFLINE, `The hub at ${url} cannot be reached. Check the address and the network.`);
      if (error.kind === 'signed_out') throw new CopydeskError(ErrorCode.UNAUTHORIZED, error.message);
      throw new CopydeskError(ErrorCode.VALIDATION, error.message);
    }
    const user = login.user;
    const previous = account();
    if (previous && previous.id !== user.id && sync.pendingCount() > 0) {
      await clientFor(url).logout(login.token).catch(() => undefined);
      throw new CopydeskError(
        ErrorCode.CONFLICT,
        `${previous.name}’s changes are still waiting to be sent to the hub. Sign in as ${previous.username} first so they are not lost.`,
      );
    }
    const me: SyncAccount = { id: user.id, username: user.username, name: user.name, role: user.role, supervisorId: user.supervisorId };
    db.transaction(() => {
      const at = nowIso();
      sync.initState(newId());
      sync.ensureProfile({ id: me.id, name: me.name, role: me.role, supervisorId: me.supervisorId }, at);
      // The person writing here becomes the account: their stories go with them (README).
      const current = ctx.access.currentProfile();
      if (current && current.id !== me.id && (!previous || current.id !== previous.id)) sync.reown(current.id, me.id);
      stores.profiles.setCurrent(me.id);
      sync.updateState({
        hub_url: url,
        account: JSON.stringify(me),
        last_error: null,
        ...(previous && previous.id !== me.id ? { cursor: null } : {}),
      });
    }).immediate();
    tokens.write({ hubUrl: url, token: login.token, expiresAt: login.expiresAt });
    failure = null;
    failures = 0;
    stopped = false;
    ctx.emit('library.changed', {});
    await runCycle({ allText: true });
    openEvents();
    return status();
  };

  const outboxItem = (row: OutboxRow): OutboxItem => {
    const headline = stores.stories.get(row.story_id)?.headline || 'Untitled story';
    return {
      id: row.id,
      type: row.type,
      storyId: row.story_id,
      headline,
      description: describeMutation(JSON.parse(row.body) as Mutation, headline),
      createdAt: row.created_at,
      attempts: row.attempts,
      lastError: row.last_error,
    };
  };

  // -------------------------------------------------------------------------
  // Deciding a header field

  const resolveField: SyncEngine['resolveField'] = ({ storyId, field, choice }) => {
    db.transaction(() => {
      const story = stores.stories.get(storyId);
      const conflict = story ? openFieldConflicts(story).find((c) => c.field === field) : undefined;
      if (!story || !conflict) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That header field has no conflict to decide any more.', { storyId, field });
      ctx.access.authorize('edit', storyId);
      const left = storedFieldConflicts(storyId).filter((c) => c.field !== field);
      sync.updateStorySync(storyId, {
        field_conflicts: JSON.stringify(left),
        ...(left.length === 0 && unresolvedConflicts(story.body) === 0 ? { conflict_since: null } : {}),
      });
      if (choice === 'mine') return;
      // The hub's value goes in as a save would put it, and is checkpointed so it is queued for the hub.
      const next = { ...snapshotOf(story), [field]: conflict.theirs };
      const checked = contract['stories.save'].input.safeParse({ id: storyId, ...next });
      if (!checked.success) throw new CopydeskError(ErrorCode.VALIDATION, `The hub’s ${conflict.label.toLowerCase()} does not pass this workstation’s checks.`);
      writeWorkingCopy(checked.data);
      ctx.revisions.checkpoint(storyId, 'save', { message: `${conflict.label}: the newsroom’s version kept` });
    }).immediate();
    announce();
    return conflictItems();
  };

  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    clearQuiet();
    closeEvents();
  };

  return {
    status,
    connect,
    async disconnect() {
      const session = tokens.read();
      stop();
      while (running) await running.catch(() => undefined);
      if (session) await clientFor(session.hubUrl).logout(session.token).catch(() => undefined);
      tokens.clear();
      failure = null;
      announce();
      return status();
    },
    async syncNow() {
      if (!tokens.read()) return status();
      // "Not sent: …" stays while the changes it is about are still set aside unread (sync.dismissRefused).
      if (sync.state() && sync.refused().length === 0) sync.updateState({ last_error: null });
      stopped = false;
      await runCycle({ allText: true });
      openEvents();
      return status();
    },
    preview() {
      const queued = sync.pending(100_000).map(outboxItem);
      // Text autosaved but not checkpointed yet: the next cycle checkpoints and sends it.
      const texts = (sync.state() ? unsentTexts() : []).flatMap((storyId) => {
        const story = stores.stories.get(storyId);
        if (!story) return [];
        const headline = story.headline || 'Untitled story';
        return [{ id: `text-${storyId}`, type: 'article.revision', storyId, headline, description: describeUnsentText(story.headline), createdAt: story.updatedAt, attempts: 0, lastError: null }];
      });
      return [...queued, ...texts];
    },
    refused() {
      return sync.refused().map(outboxItem);
    },
    dismissRefused() {
      if (sync.state()) {
        db.transaction(() => {
          sync.dismissRefused(nowIso());
          sync.updateState({ last_error: null });
        })();
      }
      announce();
      return status();
    },
    conflicts: conflictItems,
    resolveField,
    storyChanged,
    start() {
      if (!tokens.read() || !account()) return;
      stopped = false;
      schedule(0);
      openEvents();
    },
    stop,
  };
}
