import type Database from 'better-sqlite3';
import type { ProposalDecisionKind, ProposalStatus } from '../../shared/api/methods/proposals.ts';
import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';
import type { Role } from '../../shared/workflow/roles.ts';

/** All SQL about proposals and the decisions on their items. Callers pass validated values. */

export interface ProposalRow {
  id: string;
  storyId: string;
  authorId: string;
  authorName: string;
  authorRole: Role;
  status: ProposalStatus;
  message: string;
  baseRevisionId: string;
  revisionId: string | null;
  draftRevision: number;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  decidedAt: string | null;
  /** An accepted item already credited the proposer in the contributor note. */
  credited: boolean;
}

export interface DecisionRow {
  proposalId: string;
  key: string;
  decision: ProposalDecisionKind;
  deciderId: string | null;
  deciderName: string;
  decidedAt: string;
  mergeRevisionId: string | null;
}

interface RawProposal {
  id: string;
  story_id: string;
  author_id: string;
  author_name: string;
  author_role: string;
  status: string;
  message: string;
  base_revision_id: string;
  revision_id: string | null;
  draft_revision: number;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  decided_at: string | null;
  credited: number;
}

interface RawDecision {
  proposal_id: string;
  key: string;
  decision: string;
  decider_id: string | null;
  decider_name: string;
  decided_at: string;
  merge_revision_id: string | null;
}

export interface SentProposal {
  id: string;
  storyId: string;
  author: { id: string; name: string; role: Role };
  baseRevisionId: string;
  revisionId: string;
  message: string;
  sentAt: string;
}

export interface NewProposal {
  id: string;
  storyId: string;
  author: { id: string; name: string; role: Role };
  baseRevisionId: string;
  draft: RevisionSnapshot;
  now: string;
}

const COLUMNS =
  'id, story_id, author_id, author_name, author_role, status, message, base_revision_id, revision_id, draft_revision, created_at, updated_at, sent_at, decided_at, credited';

const DECISION_COLUMNS = 'proposal_id, key, decision, decider_id, decider_name, decided_at, merge_revision_id';

export function createProposalsStore(db: Database.Database) {
  const statements = {
    insert: db.prepare<{ id: string; story_id: string; author_id: string; author_name: string; author_role: string; base_revision_id: string; draft_json: string; now: string }>(
      `INSERT INTO proposals (id, story_id, author_id, author_name, author_role, base_revision_id, draft_json, created_at, updated_at)
       VALUES (@id, @story_id, @author_id, @author_name, @author_role, @base_revision_id, @draft_json, @now, @now)`,
    ),
    insertSent: db.prepare<{ id: string; story_id: string; author_id: string; author_name: string; author_role: string; base_revision_id: string; revision_id: string; message: string; sent_at: string; now: string }>(
      `INSERT INTO proposals (id, story_id, author_id, author_name, author_role, status, message, base_revision_id, revision_id, created_at, updated_at, sent_at)
       VALUES (@id, @story_id, @author_id, @author_name, @author_role, 'open', @message, @base_revision_id, @revision_id, @sent_at, @now, @sent_at)`,
    ),
    rebase: db.prepare<[string, string, string]>(`UPDATE proposals SET base_revision_id = ?, revision_id = ? WHERE id = ?`),
    get: db.prepare<[string], RawProposal>(`SELECT ${COLUMNS} FROM proposals WHERE id = ?`),
    draftOf: db.prepare<[string, string], RawProposal>(`SELECT ${COLUMNS} FROM proposals WHERE story_id = ? AND author_id = ? AND status = 'draft'`),
    draftJson: db.prepare<[string], { draft_json: string | null }>(`SELECT draft_json FROM proposals WHERE id = ?`),
    // Sent proposals (withdrawn ones too: their decisions stay) and the person's own draft, newest first.
    visible: db.prepare<[string, string], RawProposal>(
      `SELECT ${COLUMNS} FROM proposals
       WHERE story_id = ? AND (sent_at IS NOT NULL OR (status = 'draft' AND author_id = ?))
       ORDER BY created_at DESC, seq DESC`,
    ),
    saveDraft: db.prepare<[string, string, string]>(
      `UPDATE proposals SET draft_json = ?, draft_revision = draft_revision + 1, updated_at = ? WHERE id = ? AND status = 'draft'`,
    ),
    send: db.prepare<{ id: string; revision_id: string; message: string; now: string }>(
      `UPDATE proposals SET status = 'open', revision_id = @revision_id, message = @message, draft_json = NULL,
                            sent_at = @now, updated_at = @now
       WHERE id = @id AND status = 'draft'`,
    ),
    setStatus: db.prepare<{ id: string; status: string; now: string; decided_at: string | null }>(
      `UPDATE proposals SET status = @status, updated_at = @now, decided_at = coalesce(@decided_at, decided_at) WHERE id = @id`,
    ),
    setCredited: db.prepare<[string]>(`UPDATE proposals SET credited = 1 WHERE id = ?`),
    touch: db.prepare<[string, string]>(`UPDATE proposals SET updated_at = ? WHERE id = ?`),
    decide: db.prepare<{ proposal_id: string; key: string; decision: string; decider_id: string | null; decider_name: string; decided_at: string; merge_revision_id: string | null }>(
      `INSERT INTO proposal_decisions (proposal_id, key, decision, decider_id, decider_name, decided_at, merge_revision_id)
       VALUES (@proposal_id, @key, @decision, @decider_id, @decider_name, @decided_at, @merge_revision_id)`,
    ),
    decisions: db.prepare<[string], RawDecision>(`SELECT ${DECISION_COLUMNS} FROM proposal_decisions WHERE proposal_id = ? ORDER BY decided_at, rowid`),
    decision: db.prepare<[string, string], RawDecision>(`SELECT ${DECISION_COLUMNS} FROM proposal_decisions WHERE proposal_id = ? AND key = ?`),
  };

  return {
    /** Starts a person's draft proposal on a story (at most one per person and story: the index refuses a second). */
    create(proposal: NewProposal): ProposalRow {
      statements.insert.run({
        id: proposal.id,
        story_id: proposal.storyId,
        author_id: proposal.author.id,
        author_name: proposal.author.name,
        author_role: proposal.author.role,
        base_revision_id: proposal.baseRevisionId,
        draft_json: JSON.stringify(proposal.draft),
        now: proposal.now,
      });
      return this.get(proposal.id)!;
    },

    /** A proposal sent on another workstation, as the newsroom hub has it (main/sync). */
    insertSent(proposal: SentProposal, now: string): ProposalRow {
      statements.insertSent.run({
        id: proposal.id,
        story_id: proposal.storyId,
        author_id: proposal.author.id,
        author_name: proposal.author.name,
        author_role: proposal.author.role,
        base_revision_id: proposal.baseRevisionId,
        revision_id: proposal.revisionId,
        message: proposal.message,
        sent_at: proposal.sentAt,
        now,
      });
      return this.get(proposal.id)!;
    },

    /** The sent proposal now starts from `baseRevisionId` and is held by `revisionId` (rewritten onto the hub's head when sent). */
    rebase(id: string, baseRevisionId: string, revisionId: string): void {
      statements.rebase.run(baseRevisionId, revisionId, id);
    },

    get(id: string): ProposalRow | undefined {
      const row = statements.get.get(id);
      return row && toProposal(row);
    },

    /** The person's draft proposal on the story, if they have one. */
    draftOf(storyId: string, authorId: string): ProposalRow | undefined {
      const row = statements.draftOf.get(storyId, authorId);
      return row && toProposal(row);
    },

    /** The draft's text (null once sent: the proposal's revision holds it). */
    draft(id: string): RevisionSnapshot | null {
      const json = statements.draftJson.get(id)?.draft_json;
      return json == null ? null : (JSON.parse(json) as RevisionSnapshot);
    },

    /** What a person sees of a story's proposals: the sent ones and their own draft, newest first. */
    visibleTo(storyId: string, personId: string): ProposalRow[] {
      return statements.visible.all(storyId, personId).map(toProposal);
    },

    /** Stores an autosave of the draft and counts it. */
    saveDraft(id: string, draft: RevisionSnapshot, now: string): void {
      statements.saveDraft.run(JSON.stringify(draft), now, id);
    },

    /** The draft becomes an open proposal held by `revisionId`; its draft text is dropped. */
    send(id: string, revisionId: string, message: string, now: string): void {
      statements.send.run({ id, revision_id: revisionId, message, now });
    },

    withdraw(id: string, now: string): void {
      statements.setStatus.run({ id, status: 'withdrawn', now, decided_at: null });
    },

    /** Open again: the hub refused a withdrawal made here (someone had decided an item meanwhile). */
    reopen(id: string, now: string): void {
      statements.setStatus.run({ id, status: 'open', now, decided_at: null });
    },

    /** Every item has been decided. */
    close(id: string, now: string): void {
      statements.setStatus.run({ id, status: 'decided', now, decided_at: now });
    },

    markCredited(id: string): void {
      statements.setCredited.run(id);
    },

    touch(id: string, now: string): void {
      statements.touch.run(now, id);
    },

    /**
     * Records a decision; an item is decided once (the primary key refuses a second).
     * An accepted item decided here points at its merge; one decided on another
     * workstation has none here (migrations/0140_proposal_sync.sql).
     */
    decide(decision: DecisionRow): DecisionRow {
      statements.decide.run({
        proposal_id: decision.proposalId,
        key: decision.key,
        decision: decision.decision,
        decider_id: decision.deciderId,
        decider_name: decision.deciderName,
        decided_at: decision.decidedAt,
        merge_revision_id: decision.mergeRevisionId,
      });
      return decision;
    },

    decisions(proposalId: string): DecisionRow[] {
      return statements.decisions.all(proposalId).map(toDecision);
    },

    decision(proposalId: string, key: string): DecisionRow | undefined {
      const row = statements.decision.get(proposalId, key);
      return row && toDecision(row);
    },
  };
}

export type ProposalsStore = ReturnType<typeof createProposalsStore>;

function toProposal(row: RawProposal): ProposalRow {
  return {
    id: row.id,
    storyId: row.story_id,
    authorId: row.author_id,
    authorName: row.author_name,
    authorRole: row.author_role as Role,
    status: row.status as ProposalStatus,
    message: row.message,
    baseRevisionId: row.base_revision_id,
    revisionId: row.revision_id,
    draftRevision: row.draft_revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    decidedAt: row.decided_at,
    credited: row.credited === 1,
  };
}

function toDecision(row: RawDecision): DecisionRow {
  return {
    proposalId: row.proposal_id,
    key: row.key,
    decision: row.decision as ProposalDecisionKind,
    deciderId: row.decider_id,
    deciderName: row.decider_name,
    decidedAt: row.decided_at,
    mergeRevisionId: row.merge_revision_id,
  };
}
