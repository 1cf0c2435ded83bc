import type { MethodOutput } from '../../../shared/api/contract.ts';
import type { ProposalSummary } from '../../../shared/api/methods/proposals.ts';
import type { Decision } from '../../session/usePermissions.ts';

/** The person's draft proposal on a story, with its text (what `proposals.mine` answers). */
export type DraftProposal = NonNullable<MethodOutput<'proposals.mine'>['proposal']>;

/**
 * What the editor is open for. 'story': the story itself (editable or read-only
 * as the policy says). 'proposal': the person's proposal on it — the editor
 * holds their draft (or the story's text until they first change it) and
 * saves with `proposals.save`. A mode is fixed for one mounted editor: a new
 * mode is a new editor, so edits never change destination mid-way.
 */
export type EditorMode = { kind: 'story' } | { kind: 'proposal'; proposerId: string; draft: DraftProposal | null };

export interface ModeFacts {
  /** Who is writing. */
  personId: string;
  /** The policy's answers for them on this story; null while unknown. */
  decisions: { edit: Decision; propose: Decision } | null;
  ownerId: string | null;
  assigneeId: string | null;
  /** Their draft proposal on the story, if they have one. */
  draft: DraftProposal | null;
  /** They asked to propose changes to a story they write that is with someone else now. */
  chosen?: boolean;
}

/**
 * Which mode the editor opens in. Someone the policy lets only propose works
 * on a proposal straight away — except the story's own writer while it is
 * with their supervisor or the desk: they normally withdraw it, so their
 * editor stays read-only and proposing is their explicit choice ("Propose
 * changes"). A draft already started is always continued while the policy
 * still takes proposals.
 */
export function editorMode(facts: ModeFacts): EditorMode {
  const { decisions, personId } = facts;
  if (decisions === null || decisions.edit.ok || !decisions.propose.ok) return { kind: 'story' };
  const writer = facts.ownerId === personId || facts.assigneeId === personId;
  if (facts.draft === null && writer && facts.chosen !== true) return { kind: 'story' };
  return { kind: 'proposal', proposerId: personId, draft: facts.draft };
}

/** True when the editor mounted for `open` must be replaced to work in `wanted`. */
export function modeChanged(open: EditorMode, wanted: EditorMode): boolean {
  if (open.kind !== wanted.kind) return true;
  return open.kind === 'proposal' && wanted.kind === 'proposal' && open.proposerId !== wanted.proposerId;
}

/** The people the banner names. */
export interface BannerPeople {
  personId: string;
  owner: { id: string; name: string } | null;
  /** The proposer's supervisor (interns), if any. */
  supervisor: { id: string; name: string } | null;
}

/**
 * The proposal banner's sentence: whose story it is and who can take the
 * changes in — "You're proposing changes to Vivian Yan's story. They go into
 * the story only when Vivian Yan (your supervisor) or an editor accepts them."
 */
export function proposalBannerText(people: BannerPeople): string {
  const { personId, owner } = people;
  const whose = owner === null ? 'this story' : owner.id === personId ? 'your own story' : `${owner.name}'s story`;
  return `You're proposing changes to ${whose}. They go into the story only when ${decidersText(people)} accepts them.`;
}

/** Who can accept the proposal, as the banner and the send dialog name them: "Vivian Yan (your supervisor) or an editor". */
export function decidersText({ personId, owner, supervisor }: BannerPeople): string {
  const deciders: string[] = [];
  if (owner && owner.id !== personId) deciders.push(supervisor?.id === owner.id ? `${owner.name} (your supervisor)` : owner.name);
  if (supervisor && supervisor.id !== owner?.id && supervisor.id !== personId) deciders.push(`your supervisor ${supervisor.name}`);
  deciders.push('an editor');
  return joinOr(deciders);
}

/** Who a sent proposal went to, for "Proposal sent to …". */
export function sentToText({ personId, owner }: BannerPeople): string {
  return owner && owner.id !== personId ? owner.name : 'the desk';
}

/** "a", "a or b", "a, b or c". */
function joinOr(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]!}`;
}

/** "1 of 3 decided", "None of 2 decided yet": how far the review of a proposal has come. */
export function decidedText(proposal: Pick<ProposalSummary, 'items' | 'accepted' | 'rejected'>): string {
  const decided = proposal.accepted + proposal.rejected;
  if (decided === 0) return `None of ${proposal.items} decided yet`;
  return `${decided} of ${proposal.items} decided`;
}

/** The person's sent proposals still waiting for decisions, newest first. */
export function waitingProposals(items: readonly ProposalSummary[], personId: string): ProposalSummary[] {
  return items.filter((item) => item.authorId === personId && item.status === 'open');
}

/** Proposals someone has to decide on (sent, not yet fully decided). */
export function openCount(items: readonly ProposalSummary[]): number {
  return items.filter((item) => item.status === 'open').length;
}
