import { monotonicFactory } from 'ulid';
import type { RevisionSnapshot, RevisionSummary } from '../../shared/api/methods/revisions.ts';
import type { SyncAccount } from '../../shared/api/methods/sync.ts';
import type { StoryStatus } from '../../shared/model/story.ts';
import type { MutationOf, RevisionHeader } from '../../shared/sync/protocol.ts';
import type { TransitionAction } from '../../shared/workflow/actions.ts';
import type { ProfilesStore } from '../store/profiles.ts';
import type { StoriesStore } from '../store/stories.ts';
import type { SyncStore } from '../store/sync.ts';

/**
 * Turns local changes into outbox mutations (DESIGN.md §7), called by the
 * handlers inside the transaction of the change itself, so a change and its
 * mutation are stored together or not at all.
 *
 * What is recorded: only changes made as the hub account (the profile in use
 * is the account's), and, but for a new story, only on stories the hub knows
 * or will know (a `story_sync` row). Before this workstation has ever
 * connected nothing is recorded; connecting enqueues every story of the
 * account once (see syncEngine.ts `trackOwnStories`). Changes made under
 * another local profile stay on this workstation until that person connects.
 */
export interface SyncRecorder {
  storyCreated(storyId: string): void;
  /** A checkpoint on the story's main line (side-branch proposal revisions are not recorded). */
  checkpointed(storyId: string, revision: RevisionSummary, snapshot: RevisionSnapshot): void;
  transitioned(storyId: string, eventId: string, move: { action: TransitionAction; note: string; expectedStatus: StoryStatus; publishAt?: string | null }): void;
  comment(
    storyId: string,
    change:
      | { type: 'comment.create'; payload: MutationOf<'comment.create'>['payload'] }
      | { type: 'comment.reply'; payload: MutationOf<'comment.reply'>['payload'] }
      | { type: 'comment.resolve' | 'comment.reopen'; payload: { threadId: string } },
  ): void;
  /**
   * The whole story was moved to the trash, seen at the hub head this
   * workstation last had (the hub keeps it out of the trash when someone
   * else's edit came after that head).
   */
  trashed(storyId: string): void;
  restored(storyId: string): void;
  /** Whether changes to the story are recorded now (the account is acting and the hub knows the story). */
  records(storyId: string): boolean;
  /**
   * A proposal was sent: its side-branch revision travels with it as
   * `proposal.send` (its parent is fixed to one the hub has when it is
   * prepared, syncEngine.ts `prepareProposal`).
   */
  proposalSent(storyId: string, proposalId: string, message: string, revision: RevisionSummary, snapshot: RevisionSnapshot): void;
  /**
   * An item of a proposal was decided. Recorded before an accept's merge
   * checkpoint, so the hub has the accept when that merge arrives (the hub
   * lets whoever accepted push the merge).
   */
  proposalDecided(storyId: string, proposal: SentProposalRef, key: string, decision: 'accept' | 'reject'): void;
  proposalWithdrawn(storyId: string, proposal: SentProposalRef): void;
  /** Set by the sync engine: a change was recorded (sync soon). */
  onRecorded: (() => void) | null;
}

/** A sent proposal: its id and the revision that holds it. */
export interface SentProposalRef {
  id: string;
  revisionId: string | null;
}

export function parseAccount(json: string | null | undefined): SyncAccount | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as SyncAccount;
  } catch {
    return null;
  }
}

export function revisionHeaderOf(revision: RevisionSummary): RevisionHeader {
  return {
    id: revision.id,
    parents: revision.parents,
    authorId: revision.authorId ?? '',
    authorName: revision.authorName,
    createdAt: revision.createdAt,
    kind: revision.kind,
    message: revision.message,
  };
}

export function createSyncRecorder(deps: { sync: SyncStore; profiles: ProfilesStore; stories: StoriesStore; now: () => Date }): SyncRecorder {
  const { sync } = deps;
  const newId = monotonicFactory();

  /** The account when the person acting is it; null otherwise (nothing is recorded). */
  const actingAccount = (): SyncAccount | null => {
    const account = parseAccount(sync.state()?.account);
    if (!account) return null;
    return deps.profiles.current()?.id === account.id ? account : null;
  };
  const tracked = (storyId: string) => sync.storySync(storyId) !== undefined;
  /**
   * Decisions and withdrawals concern the hub only for a proposal it has or
   * will have (sent, or waiting in the outbox to be); one sent here before
   * this workstation ever connected stays local, as it was.
   */
  const onHub = (storyId: string, proposal: SentProposalRef) =>
    (proposal.revisionId !== null && sync.isOnHub(proposal.revisionId)) ||
    sync.pendingOf(storyId).some((row) => row.type === 'proposal.send' && (JSON.parse(row.body) as MutationOf<'proposal.send'>).payload.proposalId === proposal.id);

  const recorder: SyncRecorder = {
    onRecorded: null,

    storyCreated(storyId) {
      if (!actingAccount()) return;
      const story = deps.stories.getRaw(storyId);
      if (!story) return;
      sync.track(storyId, null, story.revision);
      enqueueCreate(sync, newId(), storyId, { headline: story.headline, language: story.language }, deps.now().toISOString());
      recorder.onRecorded?.();
    },

    checkpointed(storyId, revision, snapshot) {
      if (!actingAccount() || !tracked(storyId)) return;
      enqueueRevision(sync, newId(), storyId, revision, snapshot, deps.now().toISOString());
      recorder.onRecorded?.();
    },

    transitioned(storyId, eventId, move) {
      if (!actingAccount() || !tracked(storyId)) return;
      // The mutation id is the timeline event's: the hub names its event by it, so the
      // event pulled back is recognised as this one and not shown twice.
      const body: MutationOf<'article.transition'> = {
        id: eventId,
        type: 'article.transition',
        storyId,
        payload: { action: move.action, note: move.note, expectedStatus: move.expectedStatus, ...(move.publishAt ? { publishAt: move.publishAt } : {}) },
      };
      sync.enqueue(body, body, deps.now().toISOString());
      recorder.onRecorded?.();
    },

    comment(storyId, change) {
      if (!actingAccount() || !tracked(storyId)) return;
      const body = { id: newId(), storyId, ...change };
      sync.enqueue(body, body, deps.now().toISOString());
      recorder.onRecorded?.();
    },

    trashed(storyId) {
      if (!actingAccount() || !tracked(storyId)) return;
      const expectedHead = sync.storySync(storyId)?.hub_head ?? null;
      const body: MutationOf<'article.trash'> = { id: newId(), type: 'article.trash', storyId, payload: { expectedHead } };
      sync.enqueue(body, body, deps.now().toISOString());
      recorder.onRecorded?.();
    },

    records(storyId) {
      return actingAccount() !== null && tracked(storyId);
    },

    restored(storyId) {
      if (!actingAccount() || !tracked(storyId)) return;
      const body: MutationOf<'article.restore'> = { id: newId(), type: 'article.restore', storyId, payload: {} };
      sync.enqueue(body, body, deps.now().toISOString());
      recorder.onRecorded?.();
    },

    proposalSent(storyId, proposalId, message, revision, snapshot) {
      if (!actingAccount() || !tracked(storyId)) return;
      const body: MutationOf<'proposal.send'> = {
        id: newId(),
        type: 'proposal.send',
        storyId,
        payload: {
          proposalId,
          message,
          revision: revisionHeaderOf(revision),
          snapshot: snapshot as MutationOf<'proposal.send'>['payload']['snapshot'],
        },
      };
      sync.enqueue(body, body, deps.now().toISOString());
      recorder.onRecorded?.();
    },

    proposalDecided(storyId, proposal, key, decision) {
      if (!actingAccount() || !tracked(storyId) || !onHub(storyId, proposal)) return;
      const proposalId = proposal.id;
      const body: MutationOf<'proposal.decide'> = {
        id: newId(),
        type: 'proposal.decide',
        storyId,
        payload: { proposalId, key: key as MutationOf<'proposal.decide'>['payload']['key'], decision },
      };
      sync.enqueue(body, body, deps.now().toISOString());
      recorder.onRecorded?.();
    },

    proposalWithdrawn(storyId, proposal) {
      if (!actingAccount() || !tracked(storyId) || !onHub(storyId, proposal)) return;
      const body: MutationOf<'proposal.withdraw'> = { id: newId(), type: 'proposal.withdraw', storyId, payload: { proposalId: proposal.id } };
      sync.enqueue(body, body, deps.now().toISOString());
      recorder.onRecorded?.();
    },
  };
  return recorder;
}

export function enqueueCreate(sync: SyncStore, id: string, storyId: string, payload: { headline: string; language: string }, at: string): void {
  const body: MutationOf<'article.create'> = { id, type: 'article.create', storyId, payload };
  sync.enqueue(body, body, at);
}

/**
 * An `article.revision` as checkpointed. Its parents and base are what the
 * workstation has; they are fixed to what the hub has when the mutation is
 * prepared, right before its first push (syncEngine.ts `prepareRevision`).
 */
export function enqueueRevision(sync: SyncStore, id: string, storyId: string, revision: RevisionSummary, snapshot: RevisionSnapshot, at: string): void {
  const body: MutationOf<'article.revision'> = {
    id,
    type: 'article.revision',
    storyId,
    baseRevision: sync.storySync(storyId)?.hub_head ?? null,
    payload: { revision: revisionHeaderOf(revision), snapshot: snapshot as MutationOf<'article.revision'>['payload']['snapshot'] },
  };
  sync.enqueue(body, body, at);
}
