import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import { contract, type Story } from '../../../shared/api/contract.ts';
import type { RevisionKind, RevisionSnapshot, RevisionSummary } from '../../../shared/api/methods/revisions.ts';
import { describeIssues } from '../../../shared/api/validate.ts';
import type { CheckpointResult, RevisionAuthor, RevisionsStore } from '../../store/revisions.ts';
import type { StoriesStore } from '../../store/stories.ts';
import type { BackendContext, HandlersFor } from '../context.ts';
import { createWorkingCopyWriter } from './stories.ts';

/** An idle checkpoint is made once a story has had this much editing since its last checkpoint. */
export const IDLE_CHECKPOINT_AFTER_MS = 10 * 60_000;
/**
 * A pause between two saves counts as editing up to this long: thinking over a
 * sentence is editing, a lunch break is not.
 */
export const EDIT_PAUSE_COUNTS_UP_TO_MS = 60_000;

export interface CheckpointOptions {
  message?: string;
  /** Who made it; left out: the person signed in on this workstation. */
  author?: RevisionAuthor;
  /** Parents; left out: the story's head. */
  parents?: readonly string[];
  /**
   * A revision on a side branch (a sent proposal): this snapshot instead of
   * the working copy, stored with `parents` without moving the story's head.
   */
  sideBranch?: RevisionSnapshot;
}

/**
 * Checkpoints for every part of the backend (DESIGN.md §4). Workflow
 * transitions, proposals and merges call `checkpoint` with their own kind;
 * `stories.save` calls `noteSaved` after each stored change, which makes an
 * idle checkpoint after long editing — never one per keystroke.
 */
export interface RevisionService {
  /**
   * Checkpoints the story's stored working copy (the head is returned when
   * nothing changed), or with `sideBranch` a given snapshot beside the main line.
   */
  checkpoint(storyId: string, kind: RevisionKind, options?: CheckpointOptions): CheckpointResult;
  /** Call inside the save's transaction, after the working copy was updated. */
  noteSaved(storyId: string): CheckpointResult | null;
}

export interface RevisionServiceDeps {
  stores: { stories: StoriesStore; revisions: RevisionsStore };
  now: () => Date;
  /** The person signed in on this workstation (profiles replace the default). */
  author: () => RevisionAuthor;
  /** Told of every new checkpoint on a story's main line, in its transaction (sync's outbox). */
  onCheckpoint?: (storyId: string, revision: RevisionSummary, snapshot: RevisionSnapshot) => void;
}

/** The author recorded on a checkpoint: the profile in use (a name snapshot goes with its id). */
export function revisionAuthor(profile: { id: string; name: string } | null): RevisionAuthor {
  return profile ? { id: profile.id, name: profile.name } : { id: null, name: '' };
}

/** What a checkpoint keeps of a story. */
export function snapshotOf(story: Story): RevisionSnapshot {
  return {
    headline: story.headline,
    standfirst: story.standfirst,
    dateline: story.dateline,
    byline: story.byline,
    language: story.language,
    body: story.body,
  };
}

export function createRevisionService({ stores, now, author, onCheckpoint }: RevisionServiceDeps): RevisionService {
  const checkpoint: RevisionService['checkpoint'] = (storyId, kind, options = {}) => {
    const story = stores.stories.get(storyId);
    if (!story) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That story no longer exists. It may have been deleted from the trash.', { id: storyId });
    const snapshot = options.sideBranch ?? snapshotOf(story);
    const result = stores.revisions.checkpoint({
      storyId,
      snapshot,
      kind,
      message: options.message ?? '',
      author: options.author ?? author(),
      at: now().toISOString(),
      ...(options.parents ? { parents: options.parents } : {}),
      ...(options.sideBranch ? { moveHead: false } : {}),
    });
    if (result.created && !options.sideBranch) onCheckpoint?.(storyId, result.revision, snapshot);
    return result;
  };

  return {
    checkpoint,
    noteSaved(storyId) {
      const editing = stores.revisions.noteEdit(storyId, now(), EDIT_PAUSE_COUNTS_UP_TO_MS);
      if (editing < IDLE_CHECKPOINT_AFTER_MS) return null;
      return checkpoint(storyId, 'idle', { message: `After ${Math.round(editing / 60_000)} minutes of editing` });
    },
  };
}

/** "2025-03-01 09:00 UTC": times inside stored messages (the UI shows its own local times). */
function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `revisions.*`: a story's history, opening a checkpoint, explicit checkpoints, restore. */
export function createRevisionHandlers(ctx: BackendContext) {
  const { db, stores } = ctx;
  const revisions = stores.revisions;
  // Restore writes the working copy exactly as an edit would (checks, search index, story.changed).
  const writeWorkingCopy = createWorkingCopyWriter(ctx);

  const mustExist = (storyId: string) => {
    const found = stores.stories.get(storyId);
    if (!found) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That story no longer exists. It may have been deleted from the trash.', { id: storyId });
    return found;
  };

  const revisionOf = (storyId: string, id: string): RevisionSummary => {
    const found = revisions.get(id);
    if (!found || found.storyId !== storyId) {
      throw new CopydeskError(ErrorCode.NOT_FOUND, 'That version is not in this story’s history.', { storyId, revisionId: id });
    }
    return found;
  };

  return {
    'revisions.list': ({ storyId }) => {
      mustExist(storyId);
      return { items: revisions.list(storyId), headId: revisions.head(storyId)?.headId ?? null };
    },

    'revisions.get': ({ id }) => {
      const summary = revisions.get(id);
      const snapshot = summary && revisions.snapshot(id);
      if (!summary || !snapshot) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That version does not exist (its story may have been deleted).', { id });
      return { ...summary, snapshot };
    },

    'revisions.checkpoint': ({ storyId, kind, message }) =>
      db.transaction(() => {
        mustExist(storyId);
        // An explicit checkpoint is part of editing: whoever may not edit the story makes proposals instead.
        ctx.access.authorize('edit', storyId);
        return ctx.revisions.checkpoint(storyId, kind, { message });
      }).immediate(),

    'revisions.restore': ({ storyId, revisionId }) =>
      db.transaction(() => {
        const current = mustExist(storyId);
        ctx.access.authorize('edit', storyId);
        if (current.trashedAt !== null) throw new CopydeskError(ErrorCode.CONFLICT, 'This story is in the trash. Restore it to the library first.', { id: storyId });
        const target = revisionOf(storyId, revisionId);
        const snapshot = revisions.snapshot(revisionId)!;
        // A version saved under older rules must still pass today's checks before it becomes the working copy.
        const checked = contract['stories.save'].input.safeParse({ id: storyId, ...snapshot });
        if (!checked.success) {
          const { message, details } = describeIssues(checked.error);
          throw new CopydeskError(ErrorCode.VALIDATION, `This version cannot be restored: ${message}`, details);
        }
        const when = utcMinute(target.createdAt);
        const before = ctx.revisions.checkpoint(storyId, 'restore', { message: `Before restoring the version of ${when}` }).revision;
        const saved = writeWorkingCopy(checked.data);
        const restored = ctx.revisions.checkpoint(storyId, 'restore', { message: `Restored the version of ${when}` }).revision;
        return { before, restored, storyRevision: saved.revision };
      }).immediate(),
  } satisfies HandlersFor<'revisions.'>;
}
