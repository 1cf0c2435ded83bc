import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action } from '../../../../shared/workflow/actions.ts';
import { can, type Actor, type StoryAccess } from '../../../../shared/workflow/policy.ts';
import { ROLES, type Role } from '../../../../shared/workflow/roles.ts';
import { STORY_STATUSES, transition, WORKFLOW_ACTIONS, type StoryStatus } from '../../../../shared/workflow/states.ts';

/*
 * The permission policy as an exhaustive matrix: every role × every action ×
 * every workflow state × every relation between the person and the story,
 * checked against the table below. The table is written out by hand from
 * DESIGN.md §5 (read cumulatively: a reporter may do what an intern may, an
 * editor what a reporter may, an admin what an editor may, each plus their
 * own row), not computed by the policy's code, so a change to either shows
 * up here as a failing case.
 */

type Relation =
  /** The person wrote it. */
  | 'own'
  /** A reporter's story the person has nothing to do with. */
  | 'other'
  /** Written by an intern the person supervises. */
  | 'supervised'
  /** Someone else's story the desk assigned to the person. */
  | 'assigned'
  /** Written by an intern someone else supervises. */
  | 'otherIntern';
const RELATIONS: readonly Relation[] = ['own', 'other', 'supervised', 'assigned', 'otherIntern'];

// State shorthands: the table lists the states in which an action is allowed.
const ALL: readonly StoryStatus[] = STORY_STATUSES;
const NONE: readonly StoryStatus[] = [];
const BEFORE_PUBLICATION: readonly StoryStatus[] = ['draft', 'supervisor_review', 'submitted', 'in_review', 'changes_requested', 'approved', 'scheduled'];
const WRITING: readonly StoryStatus[] = ['draft', 'changes_requested'];
const WAITING: readonly StoryStatus[] = ['supervisor_review', 'submitted'];
const WITH_SOMEONE_ELSE: readonly StoryStatus[] = ['supervisor_review', 'submitted', 'in_review', 'approved', 'scheduled'];
const NOT_SPIKED: readonly StoryStatus[] = ['draft', 'supervisor_review', 'submitted', 'in_review', 'changes_requested', 'approved', 'scheduled', 'published'];
const NOT_PUBLISHED: readonly StoryStatus[] = ['draft', 'supervisor_review', 'submitted', 'in_review', 'changes_requested', 'approved', 'scheduled', 'spiked'];

type Row = Record<Relation, readonly StoryStatus[]>;
const same = (states: readonly StoryStatus[]): Row => ({ own: states, other: states, supervised: states, assigned: states, otherIntern: states });
const nothing = same(NONE);

/** EXPECTED[action][role][relation] = the states in which the action is allowed. */
const EXPECTED: Record<Action, Record<Role, Row>> = {
  // Writers edit their own drafts and stories sent back to them; editors edit any story until it is published or spiked.
  edit: {
    intern: { ...nothing, own: WRITING, assigned: WRITING },
    reporter: { ...nothing, own: WRITING, assigned: WRITING },
    editor: same(BEFORE_PUBLICATION),
    admin: same(BEFORE_PUBLICATION),
  },
  // Whoever may not edit a live story directly proposes instead.
  propose: {
    intern: { own: WITH_SOMEONE_ELSE, assigned: WITH_SOMEONE_ELSE, other: BEFORE_PUBLICATION, supervised: BEFORE_PUBLICATION, otherIntern: BEFORE_PUBLICATION },
    reporter: { own: WITH_SOMEONE_ELSE, assigned: WITH_SOMEONE_ELSE, other: BEFORE_PUBLICATION, supervised: BEFORE_PUBLICATION, otherIntern: BEFORE_PUBLICATION },
    editor: nothing,
    admin: nothing,
  },
  comment: { intern: same(ALL), reporter: same(ALL), editor: same(ALL), admin: same(ALL) },
  // Interns submit to their supervisor, who signs off to the desk; editors may sign off too.
  submit: {
    intern: { ...nothing, own: WRITING, assigned: WRITING },
    reporter: { ...nothing, own: WRITING, assigned: WRITING, supervised: ['supervisor_review'] },
    editor: {
      own: ['draft', 'supervisor_review', 'changes_requested'],
      assigned: ['draft', 'supervisor_review', 'changes_requested'],
      other: ['supervisor_review'],
      supervised: ['supervisor_review'],
      otherIntern: ['supervisor_review'],
    },
    admin: {
      own: ['draft', 'supervisor_review', 'changes_requested'],
      assigned: ['draft', 'supervisor_review', 'changes_requested'],
      other: ['supervisor_review'],
      supervised: ['supervisor_review'],
      otherIntern: ['supervisor_review'],
    },
  },
  withdraw: {
    intern: { ...nothing, own: WAITING, assigned: WAITING },
    reporter: { ...nothing, own: WAITING, assigned: WAITING },
    editor: { ...nothing, own: WAITING, assigned: WAITING },
    admin: { ...nothing, own: WAITING, assigned: WAITING },
  },
  claim: { intern: nothing, reporter: nothing, editor: same(['submitted']), admin: same(['submitted']) },
  request_changes: {
    intern: nothing,
    reporter: { ...nothing, supervised: ['supervisor_review'] },
    editor: same(['supervisor_review', 'submitted', 'in_review']),
    admin: same(['supervisor_review', 'submitted', 'in_review']),
  },
  approve: { intern: nothing, reporter: nothing, editor: same(['submitted', 'in_review']), admin: same(['submitted', 'in_review']) },
  schedule: { intern: nothing, reporter: nothing, editor: same(['approved']), admin: same(['approved']) },
  publish: { intern: nothing, reporter: nothing, editor: same(['approved', 'scheduled']), admin: same(['approved', 'scheduled']) },
  unpublish: { intern: nothing, reporter: nothing, editor: same(['published']), admin: same(['published']) },
  spike: { intern: nothing, reporter: nothing, editor: same(BEFORE_PUBLICATION), admin: same(BEFORE_PUBLICATION) },
  unspike: { intern: nothing, reporter: nothing, editor: same(['spiked']), admin: same(['spiked']) },
  assign: { intern: nothing, reporter: nothing, editor: same(NOT_SPIKED), admin: same(NOT_SPIKED) },
  // Reporters decide on proposals to their own stories and to their interns' stories; editors on any.
  accept_proposal: {
    intern: nothing,
    reporter: { ...nothing, own: BEFORE_PUBLICATION, supervised: BEFORE_PUBLICATION },
    editor: same(BEFORE_PUBLICATION),
    admin: same(BEFORE_PUBLICATION),
  },
  reject_proposal: {
    intern: nothing,
    reporter: { ...nothing, own: ALL, supervised: ALL },
    editor: same(ALL),
    admin: same(ALL),
  },
  manage_people: { intern: nothing, reporter: nothing, editor: nothing, admin: same(ALL) },
  manage_settings: { intern: nothing, reporter: nothing, editor: nothing, admin: same(ALL) },
  // Interns and reporters delete only their own work, and only while it is theirs to work on.
  trash: {
    intern: { ...nothing, own: ['draft', 'changes_requested', 'spiked'] },
    reporter: { ...nothing, own: ['draft', 'changes_requested', 'spiked'] },
    editor: same(NOT_PUBLISHED),
    admin: same(NOT_PUBLISHED),
  },
  restore: {
    intern: { ...nothing, own: ALL },
    reporter: { ...nothing, own: ALL },
    editor: same(ALL),
    admin: same(ALL),
  },
};

function actorOf(role: Role): Actor {
  return { id: 'me', role, supervisorId: role === 'intern' ? 'my-supervisor' : null };
}

function storyOf(relation: Relation, role: Role, status: StoryStatus): StoryAccess {
  switch (relation) {
    case 'own':
      return { ownerId: 'me', status, assigneeId: null, ownerSupervisorId: role === 'intern' ? 'my-supervisor' : null };
    case 'other':
      return { ownerId: 'a-reporter', status, assigneeId: null, ownerSupervisorId: null };
    case 'supervised':
      return { ownerId: 'my-intern', status, assigneeId: null, ownerSupervisorId: 'me' };
    case 'assigned':
      return { ownerId: 'a-reporter', status, assigneeId: 'me', ownerSupervisorId: null };
    case 'otherIntern':
      return { ownerId: 'their-intern', status, assigneeId: null, ownerSupervisorId: 'someone-else' };
  }
}

const cases = ROLES.flatMap((role) =>
  ACTIONS.flatMap((action) =>
    STORY_STATUSES.flatMap((status) =>
      RELATIONS.map((relation) => ({ role, action, status, relation, allowed: EXPECTED[action][role][relation].includes(status) })),
    ),
  ),
);

describe('the permission policy, every role × action × state × relation', () => {
  it('covers the whole space', () => {
    expect(cases).toHaveLength(ROLES.length * ACTIONS.length * STORY_STATUSES.length * RELATIONS.length);
    expect(cases).toHaveLength(3600);
  });

  it('answers every case as DESIGN.md §5 says', () => {
    const wrong = cases
      .filter(({ role, action, status, relation, allowed }) => can(actorOf(role), action, storyOf(relation, role, status)).ok !== allowed)
      .map(({ role, action, status, relation, allowed }) => `${role} ${action} ${relation} story in ${status}: expected ${allowed ? 'allowed' : 'refused'}`);
    expect(wrong).toEqual([]);
  });

  it('gives a reason meant for a person with every refusal', () => {
    const bad: string[] = [];
    for (const { role, action, status, relation } of cases) {
      const decision = can(actorOf(role), action, storyOf(relation, role, status));
      if (decision.ok) continue;
      const { reason } = decision;
      if (!/^[A-Z].{10,160}[.!]$/u.test(reason) || /undefined|null|_/.test(reason)) bad.push(`${role} ${action} ${relation} ${status}: "${reason}"`);
    }
    expect(bad).toEqual([]);
  });

  it('answers nothing but ok:true without a reason', () => {
    for (const { role, action, status, relation, allowed } of cases) {
      if (!allowed) continue;
      expect(can(actorOf(role), action, storyOf(relation, role, status))).toEqual({ ok: true });
    }
  });
});

describe('refusals a newsroom will read', () => {
  const reason = (role: Role, action: Action, relation: Relation, status: StoryStatus) => {
    const decision = can(actorOf(role), action, storyOf(relation, role, status));
    return decision.ok ? null : decision.reason;
  };

  it('tells an intern why they cannot publish', () => {
    expect(reason('intern', 'publish', 'own', 'approved')).toBe("Interns can't publish — your supervisor signs off first.");
  });

  it('tells a reporter only editors approve', () => {
    expect(reason('reporter', 'approve', 'own', 'submitted')).toBe('Only editors can approve a story.');
  });

  it('tells an editor to unpublish before spiking', () => {
    expect(reason('editor', 'spike', 'other', 'published')).toBe("A published story can't be spiked; unpublish it with a correction note first.");
  });

  it('tells non-admins who changes settings', () => {
    expect(reason('editor', 'manage_settings', 'own', 'draft')).toBe('Only admins change publication settings.');
  });

  it("points an intern at proposals for someone else's story", () => {
    expect(reason('intern', 'edit', 'other', 'draft')).toBe("Interns edit other people's stories only as proposals.");
  });

  it('tells an intern their supervisor signs off', () => {
    expect(reason('intern', 'submit', 'own', 'supervisor_review')).toBe('Your supervisor signs this story off to the desk.');
  });

  it('never lets an intern approve, publish, spike or delete anything of someone else', () => {
    for (const action of ['approve', 'publish', 'spike', 'trash', 'unspike', 'unpublish'] as const) {
      for (const status of STORY_STATUSES) {
        for (const relation of ['other', 'supervised', 'assigned', 'otherIntern'] as const) {
          expect(can(actorOf('intern'), action, storyOf(relation, 'intern', status)).ok).toBe(false);
        }
      }
    }
  });

  it('gives a reporter no supervisor powers over interns someone else supervises', () => {
    expect(can(actorOf('reporter'), 'accept_proposal', storyOf('otherIntern', 'reporter', 'draft')).ok).toBe(false);
    expect(can(actorOf('reporter'), 'accept_proposal', storyOf('supervised', 'reporter', 'draft')).ok).toBe(true);
    expect(can(actorOf('reporter'), 'submit', storyOf('otherIntern', 'reporter', 'supervisor_review')).ok).toBe(false);
    expect(can(actorOf('reporter'), 'submit', storyOf('supervised', 'reporter', 'supervisor_review')).ok).toBe(true);
  });

  it('gives an intern named as a supervisor no supervisor powers', () => {
    const intern: Actor = { id: 'me', role: 'intern', supervisorId: 'x' };
    expect(can(intern, 'submit', { ownerId: 'i2', status: 'supervisor_review', assigneeId: null, ownerSupervisorId: 'me' }).ok).toBe(false);
  });
});

describe("proposals from an intern, decided by the intern's supervisor", () => {
  /*
   * A reporter decides on proposals from the interns they supervise, even on
   * a colleague's story (DESIGN.md §5): the policy is told the proposer's
   * supervisor for that one question. Written out by hand, as above.
   */
  const colleagues = (status: StoryStatus, proposerSupervisorId: string | null): StoryAccess => ({
    ownerId: 'a-reporter',
    status,
    assigneeId: null,
    ownerSupervisorId: null,
    proposerSupervisorId,
  });
  const DECIDE: Record<'accept_proposal' | 'reject_proposal', Record<Role, { mine: readonly StoryStatus[]; theirs: readonly StoryStatus[] }>> = {
    accept_proposal: {
      intern: { mine: NONE, theirs: NONE },
      reporter: { mine: BEFORE_PUBLICATION, theirs: NONE },
      editor: { mine: BEFORE_PUBLICATION, theirs: BEFORE_PUBLICATION },
      admin: { mine: BEFORE_PUBLICATION, theirs: BEFORE_PUBLICATION },
    },
    reject_proposal: {
      intern: { mine: NONE, theirs: NONE },
      reporter: { mine: ALL, theirs: NONE },
      editor: { mine: ALL, theirs: ALL },
      admin: { mine: ALL, theirs: ALL },
    },
  };

  it('lets the supervisor of the proposing intern decide on a colleague’s story, and nobody else’s supervisor', () => {
    const wrong: string[] = [];
    for (const action of ['accept_proposal', 'reject_proposal'] as const) {
      for (const role of ROLES) {
        for (const status of STORY_STATUSES) {
          const mine = can(actorOf(role), action, colleagues(status, 'me')).ok;
          const theirs = can(actorOf(role), action, colleagues(status, 'someone-else')).ok;
          if (mine !== DECIDE[action][role].mine.includes(status)) wrong.push(`${role} ${action} (my intern's proposal) in ${status}: ${mine ? 'allowed' : 'refused'}`);
          if (theirs !== DECIDE[action][role].theirs.includes(status)) wrong.push(`${role} ${action} (another's intern) in ${status}: ${theirs ? 'allowed' : 'refused'}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('tells a reporter who supervises someone else’s proposer why not', () => {
    const decision = can(actorOf('reporter'), 'accept_proposal', colleagues('draft', 'someone-else'));
    expect(decision).toEqual({
      ok: false,
      reason: "Only the story's owner, an editor or the supervisor of its writer or of the proposing intern can accept proposals on it.",
    });
  });

  it('gives the proposer’s supervisor no other power over the story', () => {
    const changed: string[] = [];
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        if (action === 'accept_proposal' || action === 'reject_proposal') continue;
        for (const status of STORY_STATUSES) {
          const without = can(actorOf(role), action, colleagues(status, null));
          const with_ = can(actorOf(role), action, colleagues(status, 'me'));
          if (without.ok !== with_.ok) changed.push(`${role} ${action} ${status}`);
        }
      }
    }
    expect(changed).toEqual([]);
  });

  it('gives an intern named as the proposer’s supervisor nothing', () => {
    const intern: Actor = { id: 'me', role: 'intern', supervisorId: 'x' };
    expect(can(intern, 'reject_proposal', colleagues('draft', 'me')).ok).toBe(false);
  });
});

describe('the workflow states', () => {
  /** Written out from DESIGN.md §5: [from, action, to] for a reporter's (desk) route. */
  const DESK_ROUTE: [StoryStatus, Action, StoryStatus][] = [
    ['draft', 'submit', 'submitted'],
    ['changes_requested', 'submit', 'submitted'],
    ['supervisor_review', 'submit', 'submitted'],
    ['supervisor_review', 'withdraw', 'draft'],
    ['submitted', 'withdraw', 'draft'],
    ['submitted', 'claim', 'in_review'],
    ['supervisor_review', 'request_changes', 'changes_requested'],
    ['submitted', 'request_changes', 'changes_requested'],
    ['in_review', 'request_changes', 'changes_requested'],
    ['submitted', 'approve', 'approved'],
    ['in_review', 'approve', 'approved'],
    ['approved', 'schedule', 'scheduled'],
    ['approved', 'publish', 'published'],
    ['scheduled', 'publish', 'published'],
    ['published', 'unpublish', 'approved'],
    ['draft', 'spike', 'spiked'],
    ['supervisor_review', 'spike', 'spiked'],
    ['submitted', 'spike', 'spiked'],
    ['in_review', 'spike', 'spiked'],
    ['changes_requested', 'spike', 'spiked'],
    ['approved', 'spike', 'spiked'],
    ['scheduled', 'spike', 'spiked'],
    ['spiked', 'unspike', 'draft'],
  ];

  it('moves a story exactly along the table, and nowhere else', () => {
    for (const status of STORY_STATUSES) {
      for (const action of ACTIONS) {
        const expected = DESK_ROUTE.find(([from, a]) => from === status && a === action)?.[2] ?? null;
        expect(transition(status, action), `${action} from ${status}`).toBe(expected);
      }
    }
  });

  it("sends an intern's work to their supervisor first", () => {
    expect(transition('draft', 'submit', { intern: true })).toBe('supervisor_review');
    expect(transition('changes_requested', 'submit', { intern: true })).toBe('supervisor_review');
    expect(transition('supervisor_review', 'submit', { intern: true })).toBe('submitted');
  });

  it('never spikes a published story and never leaves publication except by unpublishing', () => {
    expect(transition('published', 'spike')).toBeNull();
    expect(ACTIONS.filter((action) => transition('published', action) !== null)).toEqual(['unpublish']);
  });

  it('has a move for every workflow action the policy allows', () => {
    const missing = cases
      .filter(({ action, allowed }) => allowed && WORKFLOW_ACTIONS.includes(action))
      .filter(({ role, action, status }) => transition(status, action, { intern: role === 'intern' }) === null)
      .map(({ role, action, status }) => `${role} ${action} ${status}`);
    expect(missing).toEqual([]);
  });
});
