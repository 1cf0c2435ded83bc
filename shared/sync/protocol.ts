import { z } from 'zod';
import { CommentBody, CommentId, Mentions, NewAnchor } from '../api/methods/comments.ts';
import { ProposalId, ProposalItemKey } from '../api/methods/proposals.ts';
import { RevisionId, RevisionKind, RevisionMessage, RevisionSnapshot } from '../api/methods/revisions.ts';
import { TransitionAction, WorkflowNote } from '../api/methods/workflow.ts';
import { SnapshotDelta } from './delta.ts';
import { LanguageTag, LIMITS, StoryHeadline, StoryId, StoryStandfirst, StoryStatus, Timestamp } from '../model/story.ts';
import { Role } from '../workflow/roles.ts';

/**
 * The sync protocol between a workstation and the newsroom hub (DESIGN.md §7):
 * push (`POST /v1/sync/push`), pull (`POST /v1/sync/pull`), media
 * (`PUT/GET /v1/media/<sha256>`) and nudges (`GET /v1/events`, SSE). The hub
 * parses every request with these schemas (a body that fails gets a 400 with
 * the first problem as its message); the workstation builds its requests and
 * reads the replies with the same ones. Every string and array a client sends
 * has a limit, so one request cannot make the hub do unbounded work.
 */

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * PostgreSQL text cannot hold U+0000, so a string that reaches a text column
 * refuses it here (as a 400) rather than failing in the database (as a 500).
 */
const noNul = (text: string) => !text.includes('\u0000');

// ---------------------------------------------------------------------------
// Limits

export const SYNC_LIMITS = {
  /** Mutations in one push. A workstation with more pending sends them in several pushes. */
  mutationsPerPush: 500,
  /**
   * Bytes of one push request. A 20,000-word story is about 1 MB of JSON, so
   * a push carries a few long stories at once; the outbox sends the rest next.
   */
  pushBytes: 32 * 1024 * 1024,
  /** Changes in one pull reply (and the default when the request does not say). */
  pullMax: 1000,
  pullDefault: 200,
  /** Parents of one revision: one usually, two for a merge; more is never made. */
  parents: 8,
  /** Revisions asked for by id in one `POST /v1/sync/revisions`. */
  revisionsPerFetch: 50,
} as const;

// ---------------------------------------------------------------------------
// Ids

/** A mutation's id: a ULID the workstation makes once and sends again on every retry. */
export const MutationId = z.string().regex(ULID, 'Mutation id must be a ULID');
export type MutationId = z.infer<typeof MutationId>;

/** Names the workstation (one per installation), for the hub's records and diagnostics. */
export const WorkstationId = z
  .string()
  .min(1, 'Workstation id is empty')
  .max(64, 'Workstation id is longer than 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'Workstation id may contain only letters, digits, "_" and "-"');

/**
 * Where a pull left off: opaque to the workstation, which stores it and sends
 * it back. (The hub writes the last change-log sequence number it looked at.)
 */
export const Cursor = z.string().regex(/^[0-9]{1,15}$/, 'Cursor must be one the hub gave out');
export type Cursor = z.infer<typeof Cursor>;

// ---------------------------------------------------------------------------
// Revisions on the wire

/**
 * A checkpoint's text and header as it travels: the workstation's
 * {@link RevisionSnapshot} with limits on every field. The hub stores it as
 * sent and recomputes the revision id from it.
 */
export const SyncSnapshot = RevisionSnapshot.extend({
  headline: StoryHeadline.refine(noNul, 'Headline cannot contain a NUL character'),
  standfirst: StoryStandfirst,
  language: LanguageTag,
}).superRefine((snapshot, ctx) => {
  // The body's own schema bounds its depth; this bounds its size, as the workstation's store does.
  const size = JSON.stringify(snapshot.body).length;
  if (size > LIMITS.bodyJson) {
    ctx.addIssue({ code: 'custom', path: ['body'], message: `Story body is ${size.toLocaleString('en')} characters of JSON; the limit is ${LIMITS.bodyJson.toLocaleString('en')}` });
  }
});
export type SyncSnapshot = z.infer<typeof SyncSnapshot>;

/**
 * Who made a checkpoint, when and why, and what it follows. With the story id
 * and the snapshot these are what the revision id is the sha256 of:
 * `sha256(canonicalJson({ metadata: { storyId, authorId, authorName, createdAt, kind, message }, parents, snapshot }))`
 * (see {@link revisionIdInput}); the hub recomputes it and refuses a mismatch.
 */
export const RevisionHeader = z
  .object({
    id: RevisionId,
    parents: z.array(RevisionId).max(SYNC_LIMITS.parents, `A revision has at most ${SYNC_LIMITS.parents} parents`),
    /** Must be the signed-in person: nobody pushes checkpoints in someone else's name. */
    authorId: z.string().regex(ULID, 'Author id must be a ULID'),
    authorName: z.string().max(200, 'Author name is longer than 200 characters').refine(noNul, 'Author name cannot contain a NUL character'),
    createdAt: Timestamp,
    kind: RevisionKind,
    /** As checkpointed (already trimmed: the id is computed over it exactly). */
    message: z.string().max(500, 'A checkpoint note is at most 500 characters').refine(noNul, 'A checkpoint note cannot contain a NUL character'),
  })
  .strict();
export type RevisionHeader = z.infer<typeof RevisionHeader>;

/** The value a revision id is the sha256 of (its canonical JSON). Used by the hub, and by the workstation's store. */
export function revisionIdInput(storyId: string, header: Omit<RevisionHeader, 'id'>, snapshot: RevisionSnapshot) {
  return {
    metadata: {
      storyId,
      authorId: header.authorId,
      authorName: header.authorName,
      createdAt: header.createdAt,
      kind: header.kind,
      message: header.message,
    },
    parents: header.parents,
    snapshot,
  };
}

// ---------------------------------------------------------------------------
// Mutations (push)

/** The mutation types, each with its payload schema below. */
export const MUTATION_TYPES = [
  'article.create',
  'article.revision',
  'article.transition',
  'article.trash',
  'article.restore',
  'comment.create',
  'comment.reply',
  'comment.resolve',
  'comment.reopen',
  'proposal.send',
  'proposal.decide',
  'proposal.withdraw',
] as const;
export const MutationType = z.enum(MUTATION_TYPES);
export type MutationType = z.infer<typeof MutationType>;

const envelope = {
  /** Made once by the workstation; a retry sends the same id and gets the stored result. */
  id: MutationId,
  /** The story the mutation is about (for `article.create`, the new story's id). */
  storyId: StoryId,
};

/**
 * A new story owned by the person pushing it, in draft. Its text follows as
 * an `article.revision` with `baseRevision: null`.
 */
export const ArticleCreate = z
  .object({
    ...envelope,
    type: z.literal('article.create'),
    payload: z
      .object({
        headline: StoryHeadline.refine(noNul, 'Headline cannot contain a NUL character'),
        language: LanguageTag,
      })
      .strict(),
  })
  .strict();

/**
 * A checkpoint of the story's text. `baseRevision` is the hub head the
 * workstation last saw (null: the story has no revision yet); when the hub's
 * head has moved on, the reply is `conflict` with the hub's head: the
 * revision is kept on the hub beside the main line (the head does not move),
 * and the workstation merges (DESIGN.md §7) and pushes the merge with
 * parents [hub head, its revision] and the hub head as its base. Every parent
 * must already be on the hub. Kind `proposal` travels only as `proposal.send`.
 * A revision stored on a story in the trash (applied or kept beside) takes
 * the story out of the trash: an edit made after someone trashed the story
 * elsewhere is kept and shown to everyone.
 *
 * The text travels in one of two ways, exactly one per mutation:
 * - `snapshot`: the whole snapshot;
 * - `delta` with `deltaBase`: the snapshot as a change to revision
 *   `deltaBase` (see shared/sync/delta.ts), usually the hub head the
 *   workstation last saw. The hub rebuilds the snapshot from its stored copy
 *   of `deltaBase` and then checks it exactly as a whole one (its id, its
 *   author, its parents, the body's rules). When `deltaBase` is not on the
 *   hub or is another story's revision, the answer is `invalid` (reason: "…
 *   send the revision in full") and the workstation sends it again with
 *   `snapshot` under a new mutation id.
 */
export const ArticleRevision = z
  .object({
    ...envelope,
    type: z.literal('article.revision'),
    baseRevision: RevisionId.nullable(),
    payload: z
      .object({
        revision: RevisionHeader.refine((r) => r.kind !== 'proposal', { message: 'A proposal is sent as proposal.send', path: ['kind'] }),
        snapshot: SyncSnapshot.optional(),
        deltaBase: RevisionId.optional(),
        delta: SnapshotDelta.optional(),
      })
      .strict()
      .superRefine((payload, ctx) => {
        if ((payload.snapshot === undefined) === (payload.delta === undefined)) {
          ctx.addIssue({ code: 'custom', message: 'A revision carries either its snapshot or a delta (with deltaBase), not both or neither' });
        } else if ((payload.delta === undefined) !== (payload.deltaBase === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: [payload.delta === undefined ? 'deltaBase' : 'delta'],
            message: 'A delta and its deltaBase (the revision it is against) go together',
          });
        }
      }),
  })
  .strict();

/**
 * Moves the story through the workflow. `expectedStatus` is the state the
 * person saw when they acted (offline, maybe hours ago): when the story has
 * moved on since, the reply is `conflict` and nothing happens.
 */
export const ArticleTransition = z
  .object({
    ...envelope,
    type: z.literal('article.transition'),
    payload: z
      .object({
        action: TransitionAction,
        note: WorkflowNote.refine(noNul).default(''),
        expectedStatus: StoryStatus,
        /** For schedule: when the story is due to be published. */
        publishAt: Timestamp.optional(),
      })
      .strict(),
  })
  .strict();

/**
 * Moves the whole story to the trash (shared policy: 'trash'). `expectedHead`
 * is the hub head the person had when they trashed it (offline, maybe hours
 * ago): when someone else's revision has become the head since, the reply
 * is `conflict` and the story stays out of the trash, so that edit is not
 * hidden there. (The person's own revisions ahead of it in the outbox do not
 * count.) Trashing a story already in the trash is `applied`. Deleting for
 * good stays on the workstation: the hub keeps the story in its trash.
 */
export const ArticleTrash = z
  .object({
    ...envelope,
    type: z.literal('article.trash'),
    payload: z.object({ expectedHead: RevisionId.nullable() }).strict(),
  })
  .strict();

/**
 * Takes the story out of the trash (shared policy: 'restore'). A story not in
 * the trash is already restored: `applied`, nothing changes. (A revision
 * pushed to a trashed story restores it too: see `ArticleRevision`.)
 */
export const ArticleRestore = z
  .object({ ...envelope, type: z.literal('article.restore'), payload: z.object({}).strict() })
  .strict();

/** Starts a thread; `commentId` (a ULID made by the workstation) names the thread from then on. */
export const CommentCreate = z
  .object({
    ...envelope,
    type: z.literal('comment.create'),
    payload: z.object({ commentId: CommentId, anchor: NewAnchor, body: CommentBody, mentions: Mentions }).strict(),
  })
  .strict();

export const CommentReply = z
  .object({
    ...envelope,
    type: z.literal('comment.reply'),
    payload: z.object({ commentId: CommentId, threadId: CommentId, body: CommentBody, mentions: Mentions }).strict(),
  })
  .strict();

export const CommentResolve = z
  .object({ ...envelope, type: z.literal('comment.resolve'), payload: z.object({ threadId: CommentId }).strict() })
  .strict();

export const CommentReopen = z
  .object({ ...envelope, type: z.literal('comment.reopen'), payload: z.object({ threadId: CommentId }).strict() })
  .strict();

/**
 * Sends a proposal: a revision of kind `proposal` on a side branch whose one
 * parent is the story's revision the proposer started from. The story's head
 * does not move.
 */
export const ProposalSend = z
  .object({
    ...envelope,
    type: z.literal('proposal.send'),
    payload: z
      .object({
        proposalId: ProposalId,
        message: RevisionMessage.refine(noNul).default(''),
        revision: RevisionHeader.refine((r) => r.kind === 'proposal', { message: 'A proposal revision has kind "proposal"', path: ['kind'] }).refine(
          (r) => r.parents.length === 1,
          { message: 'A proposal revision has exactly one parent: the revision it started from', path: ['parents'] },
        ),
        snapshot: SyncSnapshot,
      })
      .strict(),
  })
  .strict();

/**
 * Accepts or rejects one item of a proposal. Accepting records the decision;
 * the text change itself reaches the story as the decider's `merge` revision.
 */
export const ProposalDecide = z
  .object({
    ...envelope,
    type: z.literal('proposal.decide'),
    payload: z.object({ proposalId: ProposalId, key: ProposalItemKey, decision: z.enum(['accept', 'reject']) }).strict(),
  })
  .strict();

/**
 * Takes a sent proposal back: only its author, and only while none of its
 * items has been decided (afterwards it is `conflict`). Its revision stays in
 * the story's history; it takes no more decisions.
 */
export const ProposalWithdraw = z
  .object({
    ...envelope,
    type: z.literal('proposal.withdraw'),
    payload: z.object({ proposalId: ProposalId }).strict(),
  })
  .strict();

export const Mutation = z.discriminatedUnion(
  'type',
  [ArticleCreate, ArticleRevision, ArticleTransition, ArticleTrash, ArticleRestore, CommentCreate, CommentReply, CommentResolve, CommentReopen, ProposalSend, ProposalDecide, ProposalWithdraw],
  { error: (issue) => (issue.code === 'invalid_union' ? `Unknown mutation type; expected one of ${MUTATION_TYPES.join(', ')}` : undefined) },
);
export type Mutation = z.infer<typeof Mutation>;
export type MutationOf<T extends MutationType> = Extract<Mutation, { type: T }>;

/** `POST /v1/sync/push`: the workstation's outbox, oldest first. */
export const PushRequest = z
  .object({
    workstationId: WorkstationId,
    mutations: z
      .array(Mutation)
      .max(SYNC_LIMITS.mutationsPerPush, `A push carries at most ${SYNC_LIMITS.mutationsPerPush} mutations`),
  })
  .strict()
  .superRefine((push, ctx) => {
    const seen = new Set<string>();
    push.mutations.forEach((m, index) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: ['mutations', index, 'id'], message: 'The same mutation id appears twice in one push' });
      seen.add(m.id);
    });
  });
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * What the hub made of one mutation. The first answer is stored with the
 * mutation's id; sending the id again changes nothing and returns
 * `duplicate` with that first answer, byte for byte, in `first`.
 *
 * - `applied`: done; `head` and `storyStatus` are the story's afterwards.
 * - `conflict`: the story moved on (a stale base, or a status other than the
 *   one the person saw); `head` and `storyStatus` are the hub's now.
 * - `refused`: the policy said no; `reason` is its sentence, for the person.
 * - `invalid`: well-formed but impossible (an unknown story or parent, a
 *   revision id that does not match its content); `reason` says which.
 */
export const AppliedResult = z.object({
  id: MutationId,
  status: z.literal('applied'),
  head: RevisionId.nullable(),
  storyStatus: StoryStatus,
});
export const ConflictResult = z.object({
  id: MutationId,
  status: z.literal('conflict'),
  reason: z.string(),
  head: RevisionId.nullable(),
  storyStatus: StoryStatus,
});
export const RefusedResult = z.object({ id: MutationId, status: z.literal('refused'), reason: z.string() });
export const InvalidResult = z.object({ id: MutationId, status: z.literal('invalid'), reason: z.string() });
export const FirstResult = z.discriminatedUnion('status', [AppliedResult, ConflictResult, RefusedResult, InvalidResult]);
export type FirstResult = z.infer<typeof FirstResult>;
export const DuplicateResult = z.object({ id: MutationId, status: z.literal('duplicate'), first: FirstResult });
export const MutationResult = z.discriminatedUnion('status', [AppliedResult, ConflictResult, RefusedResult, InvalidResult, DuplicateResult]);
export type MutationResult = z.infer<typeof MutationResult>;
export const MUTATION_STATUSES = ['applied', 'duplicate', 'conflict', 'refused', 'invalid'] as const;

/** One result per mutation, in the order sent. */
export const PushResponse = z.object({ results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;

// ---------------------------------------------------------------------------
// Changes (pull)

/**
 * `POST /v1/sync/pull`: changes after `cursor` (null: from the beginning),
 * only of stories the person may read: every story the desk has received,
 * and stories still in draft or supervisor review only for their owner,
 * assignee, the owner's supervisor and editors and admins. When a story
 * reaches the desk, its head revision and comments come again for everyone.
 */
export const PullRequest = z
  .object({
    cursor: Cursor.nullable(),
    limit: z.number().int().min(1).max(SYNC_LIMITS.pullMax, `A pull returns at most ${SYNC_LIMITS.pullMax} changes`).default(SYNC_LIMITS.pullDefault),
  })
  .strict();
export type PullRequest = z.infer<typeof PullRequest>;

/** A story's header and workflow state on the hub after a change. */
export const HubStory = z.object({
  id: StoryId,
  ownerId: z.string(),
  assigneeId: z.string().nullable(),
  status: StoryStatus,
  headline: z.string(),
  language: z.string(),
  headRevisionId: RevisionId.nullable(),
  /** The correction note of a story taken down to be corrected. */
  correction: z.object({ note: z.string(), at: Timestamp }).nullable(),
  publishAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** When the story was moved to the trash (null: not in the trash; absent from hubs that did not sync the trash). */
  trashedAt: Timestamp.nullable().default(null),
});
export type HubStory = z.infer<typeof HubStory>;

/** A comment or reply as it stands after a change (replies have a threadId; anchors are on threads). */
export const HubComment = z.object({
  id: CommentId,
  threadId: CommentId.nullable(),
  authorId: z.string(),
  authorName: z.string(),
  body: z.string(),
  mentions: z.array(z.string()),
  anchor: z.object({ blockId: z.string(), start: z.number(), end: z.number(), quote: z.string() }).nullable(),
  resolvedAt: Timestamp.nullable(),
  resolvedBy: z.string().nullable(),
  createdAt: Timestamp,
});
export type HubComment = z.infer<typeof HubComment>;

export const HubWorkflowEvent = z.object({
  id: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  action: TransitionAction,
  fromStatus: StoryStatus,
  toStatus: StoryStatus,
  note: z.string(),
  /** The story's head when it moved. */
  revisionId: RevisionId.nullable(),
  createdAt: Timestamp,
});
export type HubWorkflowEvent = z.infer<typeof HubWorkflowEvent>;

export const HubProposal = z.object({
  id: ProposalId,
  authorId: z.string(),
  authorName: z.string(),
  /**
   * The proposer's role and supervisor on the hub, so a workstation can credit
   * an intern and let their supervisor decide. (Absent in changes logged by
   * hubs before they were added.)
   */
  authorRole: Role.optional(),
  authorSupervisorId: z.string().nullable().optional(),
  baseRevisionId: RevisionId,
  revisionId: RevisionId,
  message: z.string(),
  sentAt: Timestamp,
  decisions: z.array(
    z.object({ key: ProposalItemKey, decision: z.enum(['accepted', 'rejected']), deciderId: z.string(), decidedAt: Timestamp }),
  ),
  /** When its author withdrew it (null or absent: not withdrawn). */
  withdrawnAt: Timestamp.nullable().optional(),
});
export type HubProposal = z.infer<typeof HubProposal>;

const changeBase = {
  /** Position in the hub's change log; increases with every change. */
  seq: z.number().int().min(1),
  storyId: StoryId,
  at: Timestamp,
};

/**
 * One entry of the change log, filtered to what the person may read. A
 * `story` change carries the story's header and state; `revision` a
 * checkpoint with its snapshot (revisions are content-addressed, so one
 * seen twice is the same revision); `comment` a comment as it now stands;
 * `workflow` a move with its note; `proposal` a sent proposal and its decisions.
 */
export const Change = z.discriminatedUnion('kind', [
  z.object({ ...changeBase, kind: z.literal('story'), story: HubStory }),
  z.object({ ...changeBase, kind: z.literal('revision'), revision: RevisionHeader, snapshot: RevisionSnapshot }),
  z.object({ ...changeBase, kind: z.literal('comment'), comment: HubComment }),
  z.object({ ...changeBase, kind: z.literal('workflow'), event: HubWorkflowEvent }),
  z.object({ ...changeBase, kind: z.literal('proposal'), proposal: HubProposal }),
]);
export type Change = z.infer<typeof Change>;
export const CHANGE_KINDS = ['story', 'revision', 'comment', 'workflow', 'proposal'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * `more: true` means the page was full: pull again at once with the new
 * cursor. The cursor moves past changes the person may not read, too.
 */
export const PullResponse = z.object({ changes: z.array(Change), cursor: Cursor, more: z.boolean() });
export type PullResponse = z.infer<typeof PullResponse>;

/**
 * `POST /v1/sync/revisions`: revisions of one story by id, for a workstation
 * that lacks one it needs (the story's hub head, when the story was deleted
 * there for good and came back after its pull cursor had passed its earlier
 * revisions). The reply holds only revisions of that story, and only when
 * the person may read it by the pull's rule; an unknown id, another story's
 * revision or a story they may not read is simply absent (no error, so the
 * reply does not tell whether such a story exists).
 */
export const RevisionsRequest = z
  .object({
    storyId: StoryId,
    ids: z
      .array(RevisionId)
      .min(1, 'Ask for at least one revision')
      .max(SYNC_LIMITS.revisionsPerFetch, `Ask for at most ${SYNC_LIMITS.revisionsPerFetch} revisions at once`),
  })
  .strict();
export type RevisionsRequest = z.infer<typeof RevisionsRequest>;

export const RevisionsResponse = z.object({ revisions: z.array(z.object({ revision: RevisionHeader, snapshot: RevisionSnapshot })) });
export type RevisionsResponse = z.infer<typeof RevisionsResponse>;

// ---------------------------------------------------------------------------
// Nudges (SSE) and media

/**
 * `GET /v1/events` sends `event: changed` with this as its data whenever the
 * change log grows (on any hub process: the nudge travels by LISTEN/NOTIFY).
 * It only says "pull now"; what changed comes from the pull, filtered.
 */
export const ChangedNudge = z.object({ seq: z.number().int().min(0) });
export type ChangedNudge = z.infer<typeof ChangedNudge>;

/** The SSE event names of `GET /v1/events`. */
export const HUB_EVENTS = { ready: 'ready', changed: 'changed' } as const;

/** The NOTIFY channel the hub's processes share; its payload is the latest change-log seq. */
export const CHANGES_CHANNEL = 'copydesk_changes';

/** `PUT /v1/media/<sha256>`'s reply (201 when stored now, 200 when the hub had it). */
export const MediaPutResponse = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/gif']),
  size: z.number().int().min(1),
  created: z.boolean(),
});
export type MediaPutResponse = z.infer<typeof MediaPutResponse>;
