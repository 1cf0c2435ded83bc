import { z } from 'zod';
import { StoryId, Timestamp } from '../../model/story.ts';
import { Role } from '../../workflow/roles.ts';
import { RevisionId, RevisionMessage, RevisionSnapshot, RevisionSummary } from './revisions.ts';
import { Decision } from './session.ts';
import { storyMethods } from './stories.ts';

/**
 * Proposals (DESIGN.md §5): when someone may not edit a story directly (an
 * intern on a reporter's story, a reporter on a colleague's), their edits are
 * kept apart from the story as a proposal. Sent, it is a revision on a side
 * branch (kind 'proposal', parent: the story's checkpoint it started from);
 * the owner, the proposer's supervisor or an editor accepts or rejects it
 * item by item, and each accepted item merges into the story as a 'merge'
 * revision. Rejected items stay in history with the proposal's revision.
 */

export const ProposalId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Proposal id must be a ULID');
export type ProposalId = z.infer<typeof ProposalId>;

/**
 * draft: the proposer is still writing it (autosaved, seen only by them);
 * open: sent, waiting for decisions; decided: every item accepted or rejected;
 * withdrawn: the proposer took it back.
 */
export const PROPOSAL_STATUSES = ['draft', 'open', 'decided', 'withdrawn'] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

/**
 * One reviewable change in a proposal, named the same way by the backend and
 * the renderer (shared/review/proposal.ts): `block:<blockId>` for a block
 * added, removed, moved or changed; `field:<name>` for a header field
 * (headline, standfirst, dateline, byline, language).
 */
export const ProposalItemKey = z
  .string()
  .regex(/^(block:b[0-9a-hjkmnp-tv-z]{16}|field:(headline|standfirst|dateline|byline|language))$/, 'Not a proposal item');
export type ProposalItemKey = z.infer<typeof ProposalItemKey>;

export const ProposalDecisionKind = z.enum(['accepted', 'rejected']);
export type ProposalDecisionKind = z.infer<typeof ProposalDecisionKind>;

export const ProposalDecision = z.object({
  key: ProposalItemKey,
  decision: ProposalDecisionKind,
  deciderId: z.string().nullable(),
  deciderName: z.string(),
  decidedAt: Timestamp,
  /** For an accepted item: the merge revision that brought it into the story. */
  mergeRevisionId: RevisionId.nullable(),
});
export type ProposalDecision = z.infer<typeof ProposalDecision>;

export const ProposalSummary = z.object({
  id: ProposalId,
  storyId: StoryId,
  authorId: z.string(),
  /** The proposer's name and role when they made it. */
  authorName: z.string(),
  authorRole: Role,
  status: ProposalStatus,
  /** The note sent with it ("Tightened the second paragraph"). */
  message: z.string(),
  /** The story's checkpoint the proposal started from (its parent). */
  baseRevisionId: RevisionId,
  /** The proposal's own revision, once sent. */
  revisionId: RevisionId.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  sentAt: Timestamp.nullable(),
  decidedAt: Timestamp.nullable(),
  /** Counter of the draft's autosaves (what `proposals.save` calls its revision). */
  draftRevision: z.number().int().min(1),
  /** Items in the proposal, and how many were accepted / rejected so far. */
  items: z.number().int().min(0),
  accepted: z.number().int().min(0),
  rejected: z.number().int().min(0),
  /** The policy's answers for the person asking (the UI shows the reasons). */
  youMay: z.object({ accept: Decision, reject: Decision, withdraw: Decision }),
});
export type ProposalSummary = z.infer<typeof ProposalSummary>;

const saveInput = storyMethods['stories.save'].input;

export const proposalMethods = {
  /**
   * The proposer's autosave: the same input and reply as `stories.save`
   * (`baseRevision` and `revision` count the draft's saves), so the editor
   * saves a proposal exactly as it saves a story. Creates the person's draft
   * proposal on the story on the first save, starting from a checkpoint of
   * the story as it is; on that first save `baseRevision` is the story's
   * revision the proposer opened (a story changed since is a CONFLICT: the
   * proposal would silently undo those edits). Header fields left out keep
   * the draft's values. Top-level blocks without an id are given one, so
   * every change can be reviewed. FORBIDDEN unless the policy allows
   * 'propose' (someone who may edit the story saves it instead).
   */
  'proposals.save': {
    input: saveInput,
    output: storyMethods['stories.save'].output.extend({ proposalId: ProposalId }),
  },
  /** The current person's draft proposal on the story, with its text, to continue in the editor (null: none). */
  'proposals.mine': {
    input: z.object({ storyId: StoryId }).strict(),
    output: z.object({ proposal: ProposalSummary.extend({ snapshot: RevisionSnapshot }).nullable() }),
  },
  /**
   * Sends the draft for review: it becomes a 'proposal' revision whose parent
   * is the base. VALIDATION when it changes nothing.
   */
  'proposals.send': {
    input: z.object({ id: ProposalId, message: RevisionMessage.default('') }).strict(),
    output: z.object({ proposal: ProposalSummary, revision: RevisionSummary }),
  },
  /** The proposer takes a draft or an open proposal back; decisions already made stay. */
  'proposals.withdraw': {
    input: z.object({ id: ProposalId }).strict(),
    output: ProposalSummary,
  },
  /** The story's proposals the person may see (sent ones, and their own draft), newest first. */
  'proposals.list': {
    input: z.object({ storyId: StoryId }).strict(),
    output: z.object({ items: z.array(ProposalSummary) }),
  },
  /**
   * One proposal to review: the base and proposed versions (the renderer
   * compares them with shared/review), and the decisions made so far.
   */
  'proposals.get': {
    input: z.object({ id: ProposalId }).strict(),
    output: z.object({
      proposal: ProposalSummary,
      base: RevisionSnapshot,
      proposed: RevisionSnapshot,
      decisions: z.array(ProposalDecision),
    }),
  },
  /**
   * Accepts or rejects one item. Accepting applies it to the story's working
   * copy (checkpointed first) and records a 'merge' revision with the story's
   * head and the proposal's revision as parents; an intern's first accepted
   * item also credits them in the contributor note. Deciding an item twice is
   * a CONFLICT.
   */
  'proposals.decide': {
    input: z.object({ id: ProposalId, key: ProposalItemKey, decision: z.enum(['accept', 'reject']) }).strict(),
    output: z.object({
      proposal: ProposalSummary,
      decision: ProposalDecision,
      /** The story's working-copy revision after an accepted item (null when rejected). */
      storyRevision: z.number().int().min(1).nullable(),
      /** True when this decision added the proposer to the contributor note. */
      credited: z.boolean(),
    }),
  },
} as const;
