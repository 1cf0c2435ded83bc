import { describe, expect, it } from 'vitest';
import type { ProposalSummary } from '../../../../../shared/api/methods/proposals.ts';
import {
  decidedText,
  decidersText,
  editorMode,
  modeChanged,
  openCount,
  proposalBannerText,
  sentToText,
  waitingProposals,
  type DraftProposal,
  type ModeFacts,
} from '../../../../../renderer/editor/proposals/proposalMode.ts';

const OK = { ok: true } as const;
const no = (reason: string) => ({ ok: false, reason }) as const;

/** What the policy answers someone who may only propose (an intern on a reporter's story). */
const PROPOSER = { edit: no("Interns edit other people's stories only as proposals."), propose: OK };
const EDITOR = { edit: OK, propose: no('You can edit this story directly.') };

const facts = (overrides: Partial<ModeFacts>): ModeFacts => ({
  personId: 'peng',
  decisions: PROPOSER,
  ownerId: 'vivian',
  assigneeId: null,
  draft: null,
  ...overrides,
});

const DRAFT = { id: '01J0000000000000000000DRAF' } as DraftProposal;

describe('the mode the editor opens in', () => {
  it('opens the story itself for someone who may edit it, and while the answers are unknown', () => {
    expect(editorMode(facts({ decisions: EDITOR }))).toEqual({ kind: 'story' });
    expect(editorMode(facts({ decisions: null }))).toEqual({ kind: 'story' });
  });

  it('opens a proposal for someone who may only propose, with their draft when they have one', () => {
    expect(editorMode(facts({}))).toEqual({ kind: 'proposal', proposerId: 'peng', draft: null });
    expect(editorMode(facts({ draft: DRAFT }))).toEqual({ kind: 'proposal', proposerId: 'peng', draft: DRAFT });
  });

  it('keeps the story read-only when neither editing nor proposing is allowed (a published story)', () => {
    const published = { edit: no('This story is published.'), propose: no('A published story takes no proposals.') };
    expect(editorMode(facts({ decisions: published, draft: DRAFT }))).toEqual({ kind: 'story' });
  });

  it('leaves the writer of a story that is with the desk read-only until they choose to propose', () => {
    const withDesk = { edit: no('This story is with the desk. Withdraw it to keep editing.'), propose: OK };
    expect(editorMode(facts({ personId: 'vivian', decisions: withDesk }))).toEqual({ kind: 'story' });
    expect(editorMode(facts({ personId: 'vivian', decisions: withDesk, chosen: true }))).toEqual({ kind: 'proposal', proposerId: 'vivian', draft: null });
    // An assignee writes the story as if it were theirs.
    expect(editorMode(facts({ personId: 'li', assigneeId: 'li', decisions: withDesk }))).toEqual({ kind: 'story' });
    // A draft they already started is continued.
    expect(editorMode(facts({ personId: 'vivian', decisions: withDesk, draft: DRAFT })).kind).toBe('proposal');
  });

  it('asks for a new editor when the mode or the proposer changes, not for a new draft', () => {
    const peng = { kind: 'proposal', proposerId: 'peng', draft: null } as const;
    expect(modeChanged({ kind: 'story' }, peng)).toBe(true);
    expect(modeChanged(peng, { kind: 'story' })).toBe(true);
    expect(modeChanged(peng, { ...peng, proposerId: 'li' })).toBe(true);
    expect(modeChanged(peng, { ...peng, draft: DRAFT })).toBe(false);
    expect(modeChanged({ kind: 'story' }, { kind: 'story' })).toBe(false);
  });
});

describe('what the proposal banner says', () => {
  const vivian = { id: 'vivian', name: 'Vivian Yan' };
  const mei = { id: 'mei', name: 'Mei Chen' };

  it("names the owner, and says so when the owner is the intern's supervisor", () => {
    expect(proposalBannerText({ personId: 'peng', owner: vivian, supervisor: vivian })).toBe(
      "You're proposing changes to Vivian Yan's story. They go into the story only when Vivian Yan (your supervisor) or an editor accepts them.",
    );
  });

  it('names a supervisor who is not the owner as another person who decides', () => {
    expect(decidersText({ personId: 'peng', owner: vivian, supervisor: mei })).toBe('Vivian Yan, your supervisor Mei Chen or an editor');
  });

  it('speaks of a colleague’s story without a supervisor, and of one’s own story', () => {
    expect(proposalBannerText({ personId: 'li', owner: vivian, supervisor: null })).toBe(
      "You're proposing changes to Vivian Yan's story. They go into the story only when Vivian Yan or an editor accepts them.",
    );
    expect(proposalBannerText({ personId: 'vivian', owner: vivian, supervisor: null })).toBe(
      "You're proposing changes to your own story. They go into the story only when an editor accepts them.",
    );
    expect(proposalBannerText({ personId: 'li', owner: null, supervisor: null })).toBe(
      "You're proposing changes to this story. They go into the story only when an editor accepts them.",
    );
  });

  it('says who a sent proposal went to', () => {
    expect(sentToText({ personId: 'peng', owner: vivian, supervisor: vivian })).toBe('Vivian Yan');
    expect(sentToText({ personId: 'vivian', owner: vivian, supervisor: null })).toBe('the desk');
  });
});

describe('where proposals stand', () => {
  const summary = (overrides: Partial<ProposalSummary>) => ({ id: 'x', authorId: 'peng', status: 'open', items: 3, accepted: 0, rejected: 0, ...overrides }) as ProposalSummary;

  it('counts the decided items', () => {
    expect(decidedText(summary({}))).toBe('None of 3 decided yet');
    expect(decidedText(summary({ accepted: 1, rejected: 1 }))).toBe('2 of 3 decided');
  });

  it("lists the person's proposals still waiting, and counts the open ones", () => {
    const items = [
      summary({ id: 'a' }),
      summary({ id: 'b', status: 'decided' }),
      summary({ id: 'c', status: 'draft' }),
      summary({ id: 'd', authorId: 'li' }),
      summary({ id: 'e', status: 'withdrawn' }),
    ];
    expect(waitingProposals(items, 'peng').map((p) => p.id)).toEqual(['a']);
    expect(openCount(items)).toBe(2);
  });
});
