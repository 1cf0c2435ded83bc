import { z } from 'zod';
import { Role } from '../../workflow/roles.ts';
import { Byline, Dateline } from '../../model/anatomy.ts';
import { StoryId, Timestamp } from '../../model/story.ts';
import { Empty } from '../schemas.ts';

/**
 * The workstation's side of sync with the newsroom hub (DESIGN.md §7), as the
 * renderer sees it: connecting (hub address + sign-in), the sync state for the
 * status bar, what is waiting to be uploaded, and the stories that need a
 * person because a merge left conflict blocks in them. The sync client itself
 * (main/sync/) runs in the backend; the renderer never talks to the hub.
 */

/** A hub address: http(s), no credentials, no fragment. Plain http is for 127.0.0.1 / a newsroom LAN. */
export const HubUrl = z
  .string()
  .trim()
  .min(1, 'Enter the hub address, e.g. https://hub.example-news.org')
  .max(2000, 'The hub address is too long')
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.hash === '';
    } catch {
      return false;
    }
  }, 'The hub address must be an http:// or https:// address, e.g. https://hub.example-news.org');

/**
 * Offline: the hub cannot be reached (everything keeps working; the outbox waits);
 * syncing: a push or pull is under way; up_to_date: nothing pending and the last
 * pull is recent; signed_out: never connected, or the hub ended the session
 * (sign in again — nothing pending is lost); error: the hub refused something
 * the person should read about (`message`).
 */
export const SYNC_STATES = ['signed_out', 'offline', 'syncing', 'up_to_date', 'error'] as const;
export const SyncState = z.enum(SYNC_STATES);
export type SyncState = z.infer<typeof SyncState>;

export const SyncAccount = z.object({
  /** The hub account's id (it replaces the local profile on connect). */
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: Role,
  supervisorId: z.string().nullable(),
});
export type SyncAccount = z.infer<typeof SyncAccount>;

export const SyncStatus = z.object({
  state: SyncState,
  /** The hub this workstation is connected to (kept after sign-out, for signing in again). */
  hubUrl: z.string().nullable(),
  account: SyncAccount.nullable(),
  /** Changes waiting in the outbox. */
  pending: z.number().int().min(0),
  /** Stories with unresolved conflict blocks. */
  conflicts: z.number().int().min(0),
  lastSyncedAt: Timestamp.nullable(),
  /** When offline: when the next attempt is due (backoff with jitter). */
  nextAttemptAt: Timestamp.nullable(),
  /** The last problem, in words for a person (null when all is well). */
  message: z.string().nullable(),
  /**
   * Changes the hub refused that nobody has acknowledged yet ("I've read
   * this": `sync.dismissRefused`). Their text stays in the story's history.
   */
  refused: z.number().int().min(0),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** One change waiting to be uploaded, described for the sync preview. */
export const OutboxItem = z.object({
  id: z.string(),
  /** The mutation type on the wire (article.revision, article.transition, comment.create, …). */
  type: z.string(),
  storyId: StoryId,
  /** The story's headline now ("Untitled story" when empty). */
  headline: z.string(),
  /** "Text of the story (checkpoint of 10:42)", "Submit: Ready for the desk", "Comment on “through the night”". */
  description: z.string(),
  createdAt: Timestamp,
  attempts: z.number().int().min(0),
  /** Why the last attempt failed, if it did. */
  lastError: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const ConflictItem = z.object({
  storyId: StoryId,
  headline: z.string(),
  /** Conflict blocks left in the story's working copy. */
  blocks: z.number().int().min(0),
  /** Header fields both sides changed differently (the other value is kept for the person to pick). */
  fields: z.array(z.string()),
  /**
   * Those fields with both values: `mine` is the working copy's now, `theirs`
   * the hub's that the merge set aside. (Always sent by this version; optional
   * for older replies.)
   */
  fieldValues: z.array(z.object({ field: z.string(), mine: FieldValue(), theirs: FieldValue() })).optional(),
  since: Timestamp,
});
export type ConflictItem = z.infer<typeof ConflictItem>;

/** A header field's value: headline, standfirst or language as text, a dateline, a byline. */
function FieldValue() {
  return z.union([z.string(), Dateline, Byline]);
}

export const ResolveFieldInput = z
  .object({
    storyId: StoryId,
    field: z.enum(['headline', 'standfirst', 'dateline', 'byline', 'language']),
    /** mine: keep the working copy's value; theirs: take the hub's. */
    choice: z.enum(['mine', 'theirs']),
  })
  .strict();
export type ResolveFieldInput = z.infer<typeof ResolveFieldInput>;

export const syncMethods = {
  'sync.status': { input: Empty, output: SyncStatus },
  /**
   * Signs in to the hub and starts syncing. The hub account becomes the person
   * writing on this workstation; stories of the local profile in use move to
   * the account (see README "Connecting to the newsroom"). UNAUTHORIZED for a
   * wrong user name or password (the hub's message), OFFLINE when the hub
   * cannot be reached, VALIDATION for a bad address.
   */
  'sync.connect': {
    input: z.object({ hubUrl: HubUrl, username: z.string().trim().min(1, 'Enter your user name').max(100), password: z.string().min(1, 'Enter your password').max(1000) }).strict(),
    output: SyncStatus,
  },
  /** Signs out (the session is revoked on the hub when reachable); local stories and the outbox stay. */
  'sync.disconnect': { input: Empty, output: SyncStatus },
  /** Sync now (also what "Try again" does); resolves with the state after the attempt. */
  'sync.now': { input: Empty, output: SyncStatus },
  /** What the next push will upload, oldest first. */
  'sync.preview': { input: Empty, output: z.object({ items: z.array(OutboxItem) }) },
  /** Stories that need a person to choose between versions. */
  'sync.conflicts': { input: Empty, output: z.object({ items: z.array(ConflictItem) }) },
  /**
   * Settles a header field a merge left undecided (see `ConflictItem.fieldValues`):
   * `theirs` writes the hub's value into the working copy as a save would and
   * checkpoints it, so it is sent; `mine` keeps the working copy's. Either way
   * the conflict is gone; returns the conflicts left. NOT_FOUND when the field
   * has no open conflict; FORBIDDEN when the person may not edit the story.
   */
  'sync.resolveField': { input: ResolveFieldInput, output: z.object({ items: z.array(ConflictItem) }) },
  /** Changes the hub refused, still in the outbox with its reason, that the person has not acknowledged. */
  'sync.refused': { input: Empty, output: z.object({ items: z.array(OutboxItem) }) },
  /**
   * "I have read it": the status stops saying those changes were not sent.
   * Nothing is deleted (the rows stay in the outbox, their text in history).
   */
  'sync.dismissRefused': { input: Empty, output: SyncStatus },
} as const;
