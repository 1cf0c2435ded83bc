import { monotonicFactory } from 'ulid';
import { contract, type ParsedInput } from '../../../shared/api/contract.ts';
import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import type { ProposalDecision, ProposalSummary } from '../../../shared/api/methods/proposals.ts';
import type { RevisionSnapshot } from '../../../shared/api/methods/revisions.ts';
import { describeIssues } from '../../../shared/api/validate.ts';
import { documentText } from '../../../shared/model/document.ts';
import type { StoryStatus } from '../../../shared/model/story.ts';
import { countText } from '../../../shared/model/wordcount.ts';
import { applyProposalItem, creditIntern, proposalItems, withBlockIds, type ProposalItem } from '../../../shared/review/proposal.ts';
import type { Action } from '../../../shared/workflow/actions.ts';
import { can, type Decision } from '../../../shared/workflow/policy.ts';
import type { ProposalRow } from '../../store/proposals.ts';
import { NO_PROFILE_MESSAGE } from '../access.ts';
import type { BackendContext, HandlersFor } from '../context.ts';
import { snapshotOf } from './revisions.ts';
import { checkBodySize, createWorkingCopyWriter } from './stories.ts';

const STORY_GONE = 'That story no longer exists. It may have been deleted from the trash.';
const PROPOSAL_GONE = 'That proposal no longer exists. Its story may have been deleted from the trash.';

/** How many sent proposals' item lists are kept in memory (they never change once sent). */
const ITEM_CACHE_SIZE = 100;

/**
 * `proposals.*` (DESIGN.md §5): edits by someone who may not edit the story
 * directly, kept apart from it. The draft is autosaved like a story; sent,
 * it becomes a 'proposal' revision on a side branch whose parent is the
 * checkpoint it started from. The story's owner, an editor, or the
 * supervisor of the story's writer or of the proposing intern then accepts
 * or rejects it item by item (shared/review/proposal.ts names the items);
 * each accepted item is merged into the working copy as a 'merge' revision
 * with the story's head and the proposal's revision as parents.
 */
export function createProposalHandlers(ctx: BackendContext) {
  const { db, stores, now, emit } = ctx;
  const proposals = stores.proposals;
  const newId = monotonicFactory();
  const writeWorkingCopy = createWorkingCopyWriter(ctx);
  const itemCache = new Map<string, ProposalItem[]>();

  const proposalOrThrow = (id: string): ProposalRow => {
    const found = proposals.get(id);
    if (!found) throw new CopydeskError(ErrorCode.NOT_FOUND, PROPOSAL_GONE, { id });
    return found;
  };

  const me = () => ctx.access.currentProfile();

  /** A draft (sent or not) is seen only by the person writing it. */
  const visible = (proposal: ProposalRow): boolean => proposal.sentAt !== null || proposal.authorId === me()?.id;

  const base = (proposal: ProposalRow): RevisionSnapshot => {
    const snapshot = stores.revisions.snapshot(proposal.baseRevisionId);
    if (!snapshot) throw new CopydeskError(ErrorCode.NOT_FOUND, PROPOSAL_GONE, { id: proposal.id });
    return snapshot;
  };

  const proposed = (proposal: ProposalRow): RevisionSnapshot => {
    const snapshot = proposal.revisionId === null ? proposals.draft(proposal.id) : stores.revisions.snapshot(proposal.revisionId);
    if (!snapshot) throw new CopydeskError(ErrorCode.NOT_FOUND, PROPOSAL_GONE, { id: proposal.id });
    return snapshot;
  };

  /** The proposal's items; a sent proposal's never change, so they are remembered. */
  const itemsOf = (proposal: ProposalRow, sides?: { base: RevisionSnapshot; proposed: RevisionSnapshot }): ProposalItem[] => {
    const cacheKey = proposal.revisionId;
    const cached = cacheKey === null ? undefined : itemCache.get(cacheKey);
    if (cached) return cached;
    const items = proposalItems(sides?.base ?? base(proposal), sides?.proposed ?? proposed(proposal));
    if (cacheKey !== null) {
      if (itemCache.size >= ITEM_CACHE_SIZE) itemCache.delete(itemCache.keys().next().value!);
      itemCache.set(cacheKey, items);
    }
    return items;
  };

  /**
   * The policy's answer on deciding this proposal, for the person acting:
   * the proposer's supervisor counts as well as the story's people.
   */
  const policyOn = (proposal: ProposalRow, action: Extract<Action, 'accept_proposal' | 'reject_proposal'>): Decision => {
    const profile = me();
    if (!profile) return { ok: false, reason: NO_PROFILE_MESSAGE };
    const story = stores.profiles.storyAccess(proposal.storyId);
    if (!story) return { ok: false, reason: STORY_GONE };
    const proposerSupervisorId = stores.profiles.get(proposal.authorId)?.supervisorId ?? null;
    return can(
      { id: profile.id, role: profile.role, supervisorId: profile.supervisorId },
      action,
      { ...story, status: story.status as StoryStatus, proposerSupervisorId },
    );
  };

  /** Why a proposal takes no decisions now, or null when it is open. */
  const closedReason = (proposal: ProposalRow): string | null => {
    switch (proposal.status) {
      case 'draft':
        return 'This proposal has not been sent yet.';
      case 'withdrawn':
        return `${proposal.authorName || 'The proposer'} withdrew this proposal.`;
      case 'decided':
        return 'Every change in this proposal has been decided.';
      case 'open':
        return null;
    }
  };

  const mayDecide = (proposal: ProposalRow, action: 'accept_proposal' | 'reject_proposal'): Decision => {
    const closed = closedReason(proposal);
    return closed === null ? policyOn(proposal, action) : { ok: false, reason: closed };
  };

  const mayWithdraw = (proposal: ProposalRow): Decision => {
    if (proposal.authorId !== me()?.id) return { ok: false, reason: `Only ${proposal.authorName || 'the proposer'} can withdraw this proposal.` };
    if (proposal.status === 'withdrawn') return { ok: false, reason: 'This proposal was already withdrawn.' };
    if (proposal.status === 'decided') return { ok: false, reason: 'Every change in this proposal has been decided.' };
    return { ok: true };
  };

  const summary = (proposal: ProposalRow, sides?: { base: RevisionSnapshot; proposed: RevisionSnapshot }): ProposalSummary => {
    const decisions = proposals.decisions(proposal.id);
    return {
      id: proposal.id,
      storyId: proposal.storyId,
      authorId: proposal.authorId,
      authorName: proposal.authorName,
      authorRole: proposal.authorRole,
      status: proposal.status,
      message: proposal.message,
      baseRevisionId: proposal.baseRevisionId,
      revisionId: proposal.revisionId,
      createdAt: proposal.createdAt,
      updatedAt: proposal.updatedAt,
      sentAt: proposal.sentAt,
      decidedAt: proposal.decidedAt,
      draftRevision: proposal.draftRevision,
      items: itemsOf(proposal, sides).length,
      accepted: decisions.filter((d) => d.decision === 'accepted').length,
      rejected: decisions.filter((d) => d.decision === 'rejected').length,
      youMay: { accept: mayDecide(proposal, 'accept_proposal'), reject: mayDecide(proposal, 'reject_proposal'), withdraw: mayWithdraw(proposal) },
    };
  };

  const toDecision = (row: { key: string; decision: 'accepted' | 'rejected'; deciderId: string | null; deciderName: string; decidedAt: string; mergeRevisionId: string | null }): ProposalDecision => ({
    key: row.key as ProposalDecision['key'],
    decision: row.decision,
    deciderId: row.deciderId,
    deciderName: row.deciderName,
    decidedAt: row.decidedAt,
    mergeRevisionId: row.mergeRevisionId,
  });

  const changed = (storyId: string) => emit('proposals.changed', { storyId });

  /** What the proposer's save holds, header fields left out keeping what the draft (or the story) had. */
  const draftFrom = (input: ParsedInput<'proposals.save'>, previous: RevisionSnapshot): RevisionSnapshot => ({
    headline: input.headline,
    standfirst: input.standfirst,
    dateline: input.dateline ?? previous.dateline,
    byline: input.byline ?? previous.byline,
    language: input.language ?? previous.language,
    body: withBlockIds(input.body),
  });

  const wordsIn = (snapshot: RevisionSnapshot) => countText(documentText(snapshot.body), snapshot.language).words;

  return {
    'proposals.save': (input) =>
      db
        .transaction(() => {
          const { id: storyId, baseRevision } = input;
          const stored = stores.stories.get(storyId);
          if (!stored) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That story no longer exists, so your proposal could not be saved. Your text is still in the editor.', { id: storyId });
          // Whoever may edit the story saves it instead; published and spiked stories take no proposals.
          const actor = ctx.access.authorize('propose', storyId);
          if (stored.trashedAt !== null) throw new CopydeskError(ErrorCode.CONFLICT, 'This story is in the trash. It takes no proposals until it is restored.', { id: storyId });
          checkBodySize(JSON.stringify(input.body));
          const author = me()!;
          const draft = proposals.draftOf(storyId, actor.id);
          const at = now().toISOString();

          if (!draft) {
            // The first save: `baseRevision` is the story's revision the proposer opened. If the story moved
            // on since, the proposal would undo those edits without anyone meaning to.
            if (baseRevision !== undefined && baseRevision !== stored.revision) {
              throw new CopydeskError(ErrorCode.CONFLICT, 'This story was changed since you opened it. Open it again to propose changes to the latest version.', {
                id: storyId,
                baseRevision,
                storedRevision: stored.revision,
              });
            }
            // The proposal starts from the story as it is: checkpointed (the head itself when nothing changed since).
            const startedFrom = ctx.revisions.checkpoint(storyId, 'save', { message: `Base of ${author.name}'s proposal` }).revision;
            const snapshot = draftFrom(input, snapshotOf(stored));
            const created = proposals.create({
              id: newId(),
              storyId,
              author: { id: author.id, name: author.name, role: author.role },
              baseRevisionId: startedFrom.id,
              draft: snapshot,
              now: at,
            });
            changed(storyId);
            return { id: storyId, revision: created.draftRevision, updatedAt: created.updatedAt, wordCount: wordsIn(snapshot), proposalId: created.id };
          }

          const previous = proposals.draft(draft.id)!;
          const snapshot = draftFrom(input, previous);
          if (JSON.stringify(snapshot) === JSON.stringify(previous)) {
            return { id: storyId, revision: draft.draftRevision, updatedAt: draft.updatedAt, wordCount: wordsIn(snapshot), proposalId: draft.id };
          }
          if (baseRevision !== undefined && baseRevision !== draft.draftRevision) {
            throw new CopydeskError(ErrorCode.CONFLICT, 'Your proposal was changed in another window since you opened it.', {
              id: storyId,
              baseRevision,
              storedRevision: draft.draftRevision,
            });
          }
          proposals.saveDraft(draft.id, snapshot, at);
          changed(storyId);
          return { id: storyId, revision: draft.draftRevision + 1, updatedAt: at, wordCount: wordsIn(snapshot), proposalId: draft.id };
        })
        .immediate(),

    'proposals.mine': ({ storyId }) => {
      if (!stores.stories.getRaw(storyId)) throw new CopydeskError(ErrorCode.NOT_FOUND, STORY_GONE, { id: storyId });
      const profile = me();
      const draft = profile ? proposals.draftOf(storyId, profile.id) : undefined;
      if (!draft) return { proposal: null };
      const snapshot = proposals.draft(draft.id)!;
      return { proposal: { ...summary(draft, { base: base(draft), proposed: snapshot }), snapshot } };
    },

    'proposals.list': ({ storyId }) => {
      if (!stores.stories.getRaw(storyId)) throw new CopydeskError(ErrorCode.NOT_FOUND, STORY_GONE, { id: storyId });
      return { items: proposals.visibleTo(storyId, me()?.id ?? '').map((proposal) => summary(proposal)) };
    },

    'proposals.get': ({ id }) => {
      const proposal = proposalOrThrow(id);
      if (!visible(proposal)) throw new CopydeskError(ErrorCode.FORBIDDEN, 'This proposal has not been sent yet; only the person writing it can open it.', { id });
      const sides = { base: base(proposal), proposed: proposed(proposal) };
      return { proposal: summary(proposal, sides), ...sides, decisions: proposals.decisions(id).map(toDecision) };
    },

    'proposals.send': ({ id, message }) =>
      db
        .transaction(() => {
          const proposal = proposalOrThrow(id);
          const actor = ctx.access.actor();
          if (proposal.authorId !== actor.id) throw new CopydeskError(ErrorCode.FORBIDDEN, `Only ${proposal.authorName || 'the proposer'} can send this proposal.`, { id });
          if (proposal.status !== 'draft') {
            throw new CopydeskError(ErrorCode.CONFLICT, proposal.status === 'withdrawn' ? 'You withdrew this proposal.' : 'This proposal was already sent.', { id, status: proposal.status });
          }
          const story = stores.stories.get(proposal.storyId);
          if (!story) throw new CopydeskError(ErrorCode.NOT_FOUND, STORY_GONE, { id: proposal.storyId });
          ctx.access.authorize('propose', proposal.storyId);
          if (story.trashedAt !== null) throw new CopydeskError(ErrorCode.CONFLICT, 'This story is in the trash. It takes no proposals until it is restored.', { id: proposal.storyId });
          const sides = { base: base(proposal), proposed: proposed(proposal) };
          if (proposalItems(sides.base, sides.proposed).length === 0) {
            throw new CopydeskError(ErrorCode.VALIDATION, 'Your version is the same as the story — there is nothing to propose.', [
              { path: 'id', message: 'The proposal changes nothing' },
            ]);
          }
          const { revision } = ctx.revisions.checkpoint(proposal.storyId, 'proposal', {
            sideBranch: sides.proposed,
            parents: [proposal.baseRevisionId],
            author: { id: proposal.authorId, name: proposal.authorName },
            message: message ? `Proposed by ${proposal.authorName}: ${message}` : `Proposed by ${proposal.authorName}`,
          });
          proposals.send(id, revision.id, message, now().toISOString());
          ctx.sync.proposalSent(proposal.storyId, id, message, revision, sides.proposed);
          changed(proposal.storyId);
          return { proposal: summary(proposalOrThrow(id), sides), revision };
        })
        .immediate(),

    'proposals.withdraw': ({ id }) =>
      db
        .transaction(() => {
          const proposal = proposalOrThrow(id);
          ctx.access.actor();
          const may = mayWithdraw(proposal);
          if (!may.ok) {
            const code = proposal.authorId === me()?.id ? ErrorCode.CONFLICT : ErrorCode.FORBIDDEN;
            throw new CopydeskError(code, may.reason, { id, status: proposal.status });
          }
          proposals.withdraw(id, now().toISOString());
          // A draft never left this workstation; a sent proposal is withdrawn on the hub too.
          if (proposal.sentAt !== null) ctx.sync.proposalWithdrawn(proposal.storyId, proposal);
          changed(proposal.storyId);
          return summary(proposalOrThrow(id));
        })
        .immediate(),

    'proposals.decide': ({ id, key, decision }) => {
      const result = db
        .transaction(() => {
          const proposal = proposalOrThrow(id);
          const action = decision === 'accept' ? 'accept_proposal' : 'reject_proposal';
          const actor = ctx.access.actor();
          const allowed = policyOn(proposal, action);
          if (!allowed.ok) throw new CopydeskError(ErrorCode.FORBIDDEN, allowed.reason, { action, reason: 'policy' });
          const closed = closedReason(proposal);
          if (closed !== null) throw new CopydeskError(ErrorCode.CONFLICT, closed, { id, status: proposal.status });

          const sides = { base: base(proposal), proposed: proposed(proposal) };
          const items = itemsOf(proposal, sides);
          const item = items.find((candidate) => candidate.key === key);
          if (!item) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That change is not in this proposal. Open the proposal again to see its changes.', { id, key });
          const earlier = proposals.decision(id, key);
          if (earlier) {
            throw new CopydeskError(ErrorCode.CONFLICT, `${earlier.deciderName || 'Someone'} already ${earlier.decision} this change.`, { id, key, decision: earlier.decision });
          }

          const decider = { id: actor.id, name: me()!.name };
          const at = now().toISOString();
          // Before the merge's checkpoints: the hub takes that merge from whoever accepted (recorder.ts).
          ctx.sync.proposalDecided(proposal.storyId, proposal, key, decision);
          let storyRevision: number | null = null;
          let mergeRevisionId: string | null = null;
          let credited = false;
          if (decision === 'accept') {
            const story = stores.stories.get(proposal.storyId);
            if (!story) throw new CopydeskError(ErrorCode.NOT_FOUND, STORY_GONE, { id: proposal.storyId });
            if (story.trashedAt !== null) throw new CopydeskError(ErrorCode.CONFLICT, 'This story is in the trash. Restore it before accepting changes to it.', { id: proposal.storyId });
            // What the story was before the merge stays in its history (nothing is lost).
            ctx.revisions.checkpoint(proposal.storyId, 'save', { message: `Before accepting a change from ${proposal.authorName}'s proposal` });
            let next = applyProposalItem(snapshotOf(story), sides.base, sides.proposed, key);
            // Accepted work by an intern credits them in the contributor note, once per proposal: if the
            // owner takes the credit out afterwards, a later accepted item does not put it back.
            if (proposal.authorRole === 'intern' && !proposal.credited) {
              const person = { personId: stores.people.findByName(proposal.authorName)?.id ?? null, name: proposal.authorName };
              const result = creditIntern(next, person);
              next = result.snapshot;
              credited = result.credited;
              proposals.markCredited(id);
            }
            // The merged version must pass today's checks before it becomes the working copy.
            const checked = contract['stories.save'].input.safeParse({ id: proposal.storyId, ...next });
            if (!checked.success) {
              const { message, details } = describeIssues(checked.error);
              throw new CopydeskError(ErrorCode.VALIDATION, `This change cannot be merged into the story: ${message}`, details);
            }
            storyRevision = writeWorkingCopy(checked.data).revision;
            const head = stores.revisions.head(proposal.storyId)?.headId;
            const merged = ctx.revisions.checkpoint(proposal.storyId, 'merge', {
              parents: head ? [head, proposal.revisionId!] : [proposal.revisionId!],
              message: `Accepted from ${proposal.authorName}'s proposal: ${item.label}`,
            });
            mergeRevisionId = merged.revision.id;
          }

          const recorded = proposals.decide({
            proposalId: id,
            key,
            decision: decision === 'accept' ? 'accepted' : 'rejected',
            deciderId: decider.id,
            deciderName: decider.name,
            decidedAt: at,
            mergeRevisionId,
          });
          const decided = new Set(proposals.decisions(id).map((d) => d.key));
          if (items.every((candidate) => decided.has(candidate.key))) proposals.close(id, at);
          else proposals.touch(id, at);
          return { proposal: summary(proposalOrThrow(id), sides), decision: toDecision(recorded), storyRevision, credited };
        })
        .immediate();
      const proposal = proposals.get(id);
      if (proposal) changed(proposal.storyId);
      return result;
    },
  } satisfies HandlersFor<'proposals.'>;
}
