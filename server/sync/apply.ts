import { createHash } from 'node:crypto';
import { STATUS_LABELS } from '../../shared/model/story.ts';
import { canonicalJson } from '../../shared/review/canonicalJson.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import {
  revisionIdInput,
  type FirstResult,
  type HubComment,
  type Mutation,
  type MutationOf,
  type RevisionHeader,
  SyncSnapshot,
} from '../../shared/sync/protocol.ts';
import { applySnapshotDelta, SnapshotDeltaError } from '../../shared/sync/delta.ts';
import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';
import { can } from '../../shared/workflow/policy.ts';
import { transition } from '../../shared/workflow/states.ts';
import type { Sql } from '../db/sql.ts';
import { mayRead, PRIVATE_STATES, type NewChange } from './changes.ts';
import {
  acceptedProposalAmong,
  getComment,
  getProposal,
  getRevision,
  insertComment,
  insertDecision,
  insertProposal,
  insertRevision,
  insertStory,
  insertWorkflowEvent,
  knownRevisions,
  setHead,
  setProposalWithdrawn,
  setResolved,
  setTrashed,
  setWorkflowState,
  storyAccess,
  storyComments,
  toHubStory,
  toRevisionHeader,
  type KnownRevision,
  type StoryRow,
} from './store.ts';

/**
 * Applies one mutation inside the caller's transaction (DESIGN.md §7): with
 * the story row already locked by the caller (`story`: null when there is
 * no such story, and for article.create), the shared policy `can()` decides
 * with the hub's view of the story, the workflow table decides where a
 * transition goes, and every change is collected for the change log, in the
 * order made. Returns the answer to store and send, and the changes, which
 * the caller appends as the transaction's last statement (changes.ts
 * `finishMutation`).
 */
export async function applyMutation(
  tx: Sql,
  user: HubUser,
  mutation: Mutation,
  now: Date,
  story: StoryRow | null,
): Promise<{ result: FirstResult; changes: NewChange[] }> {
  const context: Context = { tx, user, now, changes: [] };
  const result = await dispatch(context, mutation, story);
  return { result, changes: context.changes };
}

interface Context {
  tx: Sql;
  user: HubUser;
  now: Date;
  /** What the mutation changed so far, for the change log. */
  changes: NewChange[];
}

type Result = FirstResult;

const invalid = (m: Mutation, reason: string): Result => ({ id: m.id, status: 'invalid', reason });
const refused = (m: Mutation, reason: string): Result => ({ id: m.id, status: 'refused', reason });
const applied = (m: Mutation, story: StoryRow): Result => ({ id: m.id, status: 'applied', head: story.head_revision_id, storyStatus: story.status });
const conflict = (m: Mutation, story: StoryRow, reason: string): Result => ({
  id: m.id,
  status: 'conflict',
  reason,
  head: story.head_revision_id,
  storyStatus: story.status,
});

const NO_STORY = 'This story is not on the hub. Push its article.create first.';

async function dispatch(c: Context, m: Mutation, story: StoryRow | null): Promise<Result> {
  if (m.type === 'article.create') return createStory(c, m);
  if (!story) return invalid(m, NO_STORY);
  switch (m.type) {
    case 'article.revision':
      return pushRevision(c, m, story);
    case 'article.transition':
      return move(c, m, story);
    case 'article.trash':
      return trash(c, m, story);
    case 'article.restore':
      return restore(c, m, story);
    case 'comment.create':
    case 'comment.reply':
    case 'comment.resolve':
    case 'comment.reopen':
      return comment(c, m, story);
    case 'proposal.send':
      return sendProposal(c, m, story);
    case 'proposal.decide':
      return decide(c, m, story);
    case 'proposal.withdraw':
      return withdrawProposal(c, m, story);
  }
}

function log(c: Context, story: StoryRow, kind: NewChange['kind'], payload: Record<string, unknown>): void {
  c.changes.push({ storyId: story.id, kind, payload });
}

/** Logs the story's header as it now is (`story` is the row after the update). */
function logStory(c: Context, story: StoryRow): StoryRow {
  log(c, story, 'story', { story: toHubStory(story) });
  return story;
}

// ---------------------------------------------------------------------------
// Stories and revisions

async function createStory(c: Context, m: MutationOf<'article.create'>): Promise<Result> {
  // Anyone on the hub may start a story of their own (interns write their own drafts).
  const story = await insertStory(c.tx, { id: m.storyId, owner: c.user, headline: m.payload.headline, language: m.payload.language, at: c.now });
  if (!story) return invalid(m, 'A story with this id is already on the hub.');
  return applied(m, logStory(c, story));
}

/** sha256 of the canonical JSON of { metadata, parents, snapshot }: what the workstation's store computes. */
export function computeRevisionId(storyId: string, header: Omit<RevisionHeader, 'id'>, snapshot: SyncSnapshot): string {
  return createHash('sha256').update(canonicalJson(revisionIdInput(storyId, header, snapshot))).digest('hex');
}

/** Checks that hold for every revision pushed: its author and its id. Null when it is sound. */
function revisionProblem(c: Context, storyId: string, header: RevisionHeader, snapshot: SyncSnapshot): string | null {
  if (header.authorId !== c.user.id) return 'A revision is pushed by its author: its authorId must be the signed-in person.';
  if (computeRevisionId(storyId, header, snapshot) !== header.id) {
    return 'The revision id does not match its content (sha256 of the canonical JSON of its metadata, parents and snapshot).';
  }
  return null;
}

/** The first of `parents` that is not a revision of the story on the hub. */
function missingParent(known: Map<string, KnownRevision>, storyId: string, parents: readonly string[]): string | null {
  return parents.find((p) => known.get(p)?.storyId !== storyId) ?? null;
}

/**
 * The revision's snapshot: as sent, or rebuilt from the hub's copy of
 * `deltaBase` and then held to the same rules as one sent whole. A string
 * is the reason the mutation is invalid.
 */
function revisionSnapshot(m: MutationOf<'article.revision'>, story: StoryRow, known: Map<string, KnownRevision>): SyncSnapshot | string {
  const { snapshot, delta, deltaBase } = m.payload;
  if (snapshot !== undefined) return snapshot;
  // The schema lets a delta through only with its deltaBase.
  const base = known.get(deltaBase!);
  if (!base || base.storyId !== story.id) {
    return `The delta’s base revision ${deltaBase!} is not on the hub for this story; send the revision in full (snapshot).`;
  }
  const stored = base.snapshot as RevisionSnapshot;
  let rebuilt: RevisionSnapshot;
  try {
    rebuilt = applySnapshotDelta(stored, delta!);
  } catch (error) {
    if (error instanceof SnapshotDeltaError) return `${error.message} Send the revision in full (snapshot).`;
    throw error;
  }
  const parsed = SyncSnapshot.safeParse(rebuilt);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `The snapshot the delta makes is not valid: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
  }
  return parsed.data;
}

/**
 * Who may push the revision: whoever may edit the story, and for a `merge`
 * naming a proposal's revision as a parent, whoever accepted an item of that
 * proposal and may still accept proposals on the story (the owner of a story
 * with the desk, the proposing intern's supervisor on someone else's story).
 * That accept is why the merge exists; nothing else widens. (The hub does not
 * recompute the merge's text from the accepted items.)
 */
async function mayPushRevision(c: Context, revision: RevisionHeader, story: StoryRow) {
  const decision = can(c.user, 'edit', storyAccess(story));
  if (decision.ok || revision.kind !== 'merge') return decision;
  const proposal = await acceptedProposalAmong(c.tx, story.id, revision.parents, c.user.id);
  if (!proposal) return decision;
  const access = { ...storyAccess(story), proposerSupervisorId: proposal.authorRole === 'intern' ? proposal.authorSupervisorId : null };
  return can(c.user, 'accept_proposal', access).ok ? { ok: true as const } : decision;
}

async function pushRevision(c: Context, m: MutationOf<'article.revision'>, story: StoryRow): Promise<Result> {
  const { revision } = m.payload;
  const decision = await mayPushRevision(c, revision, story);
  // A delta is rebuilt only for someone who may edit the story: whether it fits a stored
  // revision would otherwise tell others about that revision's text.
  if (m.payload.delta !== undefined && !decision.ok) return refused(m, decision.reason);
  // One read for every revision this push names: the delta's base (with its snapshot), the revision, its parents.
  const deltaBase = m.payload.deltaBase ?? null;
  const known = await knownRevisions(c.tx, [...(deltaBase === null ? [] : [deltaBase]), revision.id, ...revision.parents], deltaBase);
  const snapshot = revisionSnapshot(m, story, known);
  if (typeof snapshot === 'string') return invalid(m, snapshot);
  const problem = revisionProblem(c, story.id, revision, snapshot);
  if (problem) return invalid(m, problem);
  if (!decision.ok) return refused(m, decision.reason);

  const stale = 'The story changed on the hub since this version was started. Merge with the hub’s head and push the merge.';
  // Content-addressed: the same revision pushed again (under another mutation id) is already here.
  const already = known.get(revision.id);
  if (already) {
    if (already.storyId !== story.id) return invalid(m, 'This revision belongs to another story.');
    return revision.id === story.head_revision_id ? applied(m, story) : conflict(m, story, stale);
  }
  if (m.baseRevision !== null && !revision.parents.includes(m.baseRevision)) {
    return invalid(m, 'A revision’s parents must include its base revision.');
  }
  const missing = missingParent(known, story.id, revision.parents);
  if (missing) return invalid(m, `Parent revision ${missing} is not on the hub.`);

  await insertRevision(c.tx, story.id, revision, canonicalJson(snapshot), c.now);
  // An edit reaching a story in the trash takes it out again: the story was trashed elsewhere
  // while this person was still writing, and no one's edit is hidden in the trash (README).
  const restored = story.trashed_at === null ? null : await setTrashed(c.tx, story, null, c.now);
  if (restored) story = restored;
  if (m.baseRevision !== story.head_revision_id) {
    // Kept beside the main line, head unmoved: the workstation's merge names it as its second
    // parent, so the person's version stays in the story's history whatever the merge keeps.
    log(c, story, 'revision', { revision });
    if (restored) logStory(c, restored);
    return conflict(m, story, stale);
  }
  const after = await setHead(c.tx, story, { id: revision.id, headline: snapshot.headline, language: snapshot.language }, c.now);
  log(c, story, 'revision', { revision });
  return applied(m, logStory(c, after));
}

/**
 * Moves the story to the trash, unless someone else's revision became its
 * head after the one the person saw (`expectedHead`): then the trash waits
 * for a person who has seen that edit (`conflict`), as the edit would
 * otherwise be hidden in the trash. Revisions of the person's own that
 * reached the hub after they trashed it (their outbox sends text first) do
 * not count.
 */
async function trash(c: Context, m: MutationOf<'article.trash'>, story: StoryRow): Promise<Result> {
  const decision = can(c.user, 'trash', storyAccess(story));
  if (!decision.ok) return refused(m, decision.reason);
  if (story.trashed_at !== null) return applied(m, story);
  const head = story.head_revision_id;
  if (head !== null && head !== m.payload.expectedHead) {
    const unseen = await getRevision(c.tx, head);
    if (unseen && unseen.author_id !== c.user.id) {
      const who = unseen.author_name || 'Someone';
      return conflict(m, story, `${who} edited this story after the version you moved to the trash, so it stays out of the trash with their edit.`);
    }
  }
  return applied(m, logStory(c, await setTrashed(c.tx, story, { by: c.user.id, at: c.now }, c.now)));
}

/** Takes the story out of the trash; one not in the trash is already restored. */
async function restore(c: Context, m: MutationOf<'article.restore'>, story: StoryRow): Promise<Result> {
  const decision = can(c.user, 'restore', storyAccess(story));
  if (!decision.ok) return refused(m, decision.reason);
  if (story.trashed_at === null) return applied(m, story);
  return applied(m, logStory(c, await setTrashed(c.tx, story, null, c.now)));
}

async function move(c: Context, m: MutationOf<'article.transition'>, story: StoryRow): Promise<Result> {
  const { action, note, expectedStatus, publishAt } = m.payload;
  // The person acted on a state that has since moved on (someone else, another workstation).
  if (expectedStatus !== story.status) return conflict(m, story, `This story is already ${STATUS_LABELS[story.status].toLowerCase()}.`);
  const decision = can(c.user, action, storyAccess(story));
  if (!decision.ok) return refused(m, decision.reason);
  const to = transition(story.status, action, { intern: c.user.role === 'intern' });
  if (to === null) {
    return conflict(m, story, `This story is ${STATUS_LABELS[story.status].toLowerCase()}; it cannot be moved that way now.`);
  }
  if (action === 'unpublish' && note === '') return invalid(m, 'A correction note is required: readers will see it with the story.');
  if (action === 'schedule' && publishAt === undefined) return invalid(m, 'Choose when the story is to be published (publishAt).');

  const after = await setWorkflowState(
    c.tx,
    story,
    {
      status: to,
      // Claiming takes the story for review; whoever claims it is its assignee.
      assigneeId: action === 'claim' ? c.user.id : story.assignee_id,
      correction: action === 'unpublish' ? { note, at: c.now } : story.correction_note === null ? null : { note: story.correction_note, at: story.correction_at! },
      publishAt: action === 'schedule' ? new Date(publishAt!) : to === 'scheduled' ? story.publish_at : null,
    },
    c.now,
  );
  const event = {
    id: m.id,
    actorId: c.user.id,
    actorName: c.user.name,
    action,
    fromStatus: story.status,
    toStatus: to,
    note,
    revisionId: story.head_revision_id,
    createdAt: c.now.toISOString(),
  };
  await insertWorkflowEvent(c.tx, story.id, event);
  log(c, story, 'workflow', { event });
  logStory(c, after);
  if (PRIVATE_STATES.includes(story.status) && !PRIVATE_STATES.includes(to)) await revealStory(c, after);
  return applied(m, after);
}

/**
 * A story leaving draft or supervisor review becomes readable by everyone
 * (see changes.ts), who skipped its changes so far: its head revision and
 * its comments are logged again. (Older revisions stay unannounced; a
 * reader needs the text, not the writer's drafts.)
 */
async function revealStory(c: Context, story: StoryRow): Promise<void> {
  if (story.head_revision_id !== null) {
    const head = (await getRevision(c.tx, story.head_revision_id))!;
    log(c, story, 'revision', { revision: toRevisionHeader(head) });
  }
  for (const item of await storyComments(c.tx, story.id)) log(c, story, 'comment', { comment: item });
}

// ---------------------------------------------------------------------------
// Comments

type CommentMutation = MutationOf<'comment.create' | 'comment.reply' | 'comment.resolve' | 'comment.reopen'>;

async function comment(c: Context, m: CommentMutation, story: StoryRow): Promise<Result> {
  const access = storyAccess(story);
  if (!mayRead(c.user, { ...access, ownerId: story.owner_id, ownerSupervisorId: story.owner_supervisor_id })) {
    return refused(m, 'This story is still with its writer; you can comment once it reaches the desk.');
  }
  const decision = can(c.user, 'comment', access);
  if (!decision.ok) return refused(m, decision.reason);

  if (m.type === 'comment.create' || m.type === 'comment.reply') {
    const taken = 'A comment with this id is already on the hub.';
    // A reply's id is checked before its thread, as the reply's own insert below would only find it afterwards.
    if (m.type === 'comment.reply' && (await getComment(c.tx, m.payload.commentId))) return invalid(m, taken);
    let anchor: HubComment['anchor'] = null;
    let threadId: string | null = null;
    if (m.type === 'comment.create') {
      const { blockId, start, end, quote } = m.payload.anchor;
      anchor = { blockId, start, end, quote };
    } else {
      const thread = await getComment(c.tx, m.payload.threadId);
      if (!thread || thread.storyId !== story.id || thread.threadId !== null) return invalid(m, 'There is no such comment thread on this story.');
      threadId = thread.id;
    }
    const item: HubComment = {
      id: m.payload.commentId,
      threadId,
      authorId: c.user.id,
      authorName: c.user.name,
      body: m.payload.body,
      mentions: m.payload.mentions,
      anchor,
      resolvedAt: null,
      resolvedBy: null,
      createdAt: c.now.toISOString(),
    };
    // ON CONFLICT: an id already taken writes nothing and is answered as such.
    if (!(await insertComment(c.tx, story.id, item))) return invalid(m, taken);
    log(c, story, 'comment', { comment: item });
    return applied(m, story);
  }

  const thread = await getComment(c.tx, m.payload.threadId);
  if (!thread || thread.storyId !== story.id || thread.threadId !== null) return invalid(m, 'There is no such comment thread on this story.');
  const resolve = m.type === 'comment.resolve';
  // Resolving a resolved thread (or reopening an open one) is already done: nothing to log.
  if ((thread.resolvedAt !== null) === resolve) return applied(m, story);
  const after = await setResolved(c.tx, thread.id, resolve ? { at: c.now, by: c.user.id } : null);
  log(c, story, 'comment', { comment: after });
  return applied(m, story);
}

// ---------------------------------------------------------------------------
// Proposals

async function sendProposal(c: Context, m: MutationOf<'proposal.send'>, story: StoryRow): Promise<Result> {
  const { proposalId, message, revision, snapshot } = m.payload;
  const problem = revisionProblem(c, story.id, revision, snapshot);
  if (problem) return invalid(m, problem);
  const decision = can(c.user, 'propose', storyAccess(story));
  if (!decision.ok) return refused(m, decision.reason);
  if (await getProposal(c.tx, proposalId)) return invalid(m, 'A proposal with this id is already on the hub.');
  const base = revision.parents[0]!;
  const known = await knownRevisions(c.tx, [revision.id, base], null);
  if (known.has(revision.id)) return invalid(m, 'This proposal’s revision is already on the hub.');
  if (missingParent(known, story.id, [base])) return invalid(m, `The revision this proposal started from (${base}) is not on the hub.`);

  await insertRevision(c.tx, story.id, revision, canonicalJson(snapshot), c.now);
  const proposal = {
    id: proposalId,
    authorId: c.user.id,
    authorName: c.user.name,
    baseRevisionId: base,
    revisionId: revision.id,
    message,
    sentAt: c.now.toISOString(),
  };
  await insertProposal(c.tx, story.id, proposal);
  log(c, story, 'revision', { revision });
  log(c, story, 'proposal', {
    proposal: { ...proposal, authorRole: c.user.role, authorSupervisorId: c.user.supervisorId, decisions: [], withdrawnAt: null },
  });
  return applied(m, story);
}

async function decide(c: Context, m: MutationOf<'proposal.decide'>, story: StoryRow): Promise<Result> {
  const { proposalId, key, decision: verdict } = m.payload;
  const found = await getProposal(c.tx, proposalId);
  if (!found || found.storyId !== story.id) return invalid(m, 'There is no such proposal on this story.');
  const access = { ...storyAccess(story), proposerSupervisorId: found.authorRole === 'intern' ? found.authorSupervisorId : null };
  const decision = can(c.user, verdict === 'accept' ? 'accept_proposal' : 'reject_proposal', access);
  if (!decision.ok) return refused(m, decision.reason);
  if (found.proposal.withdrawnAt) return conflict(m, story, `${found.proposal.authorName || 'The proposer'} withdrew this proposal.`);
  const earlier = found.proposal.decisions.find((d) => d.key === key);
  if (earlier) return conflict(m, story, `This change was already ${earlier.decision}.`);

  await insertDecision(c.tx, { proposalId, key, decision: verdict === 'accept' ? 'accepted' : 'rejected', deciderId: c.user.id, at: c.now });
  const after = (await getProposal(c.tx, proposalId))!;
  log(c, story, 'proposal', { proposal: after.proposal });
  return applied(m, story);
}

async function withdrawProposal(c: Context, m: MutationOf<'proposal.withdraw'>, story: StoryRow): Promise<Result> {
  const found = await getProposal(c.tx, m.payload.proposalId);
  if (!found || found.storyId !== story.id) return invalid(m, 'There is no such proposal on this story.');
  if (found.proposal.authorId !== c.user.id) return refused(m, `Only ${found.proposal.authorName || 'the proposer'} can withdraw this proposal.`);
  // Withdrawing twice is already done.
  if (found.proposal.withdrawnAt) return applied(m, story);
  if (found.proposal.decisions.length > 0) return conflict(m, story, 'Someone has already decided on a change in this proposal, so it can no longer be withdrawn.');
  await setProposalWithdrawn(c.tx, found.proposal.id, c.now);
  const after = (await getProposal(c.tx, found.proposal.id))!;
  log(c, story, 'proposal', { proposal: after.proposal });
  return applied(m, story);
}
