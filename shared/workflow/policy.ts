import { STATUS_LABELS, type StoryStatus } from '../model/story.ts';
import type { Action } from './actions.ts';
import { canSupervise, isDeskRole, type Role } from './roles.ts';

/**
 * The one permission policy (DESIGN.md §5). A pure function of who is acting,
 * what they try and the story's state and people: the backend refuses with
 * its reason (FORBIDDEN), the UI hides or disables controls and shows the
 * same reason, and the hub will run the same function. Nothing else decides
 * who may do what.
 */

/** The person acting. Local profiles today; hub accounts later, with the same shape. */
export interface Actor {
  id: string;
  role: Role;
  /** Interns' supervisor (a reporter or editor); null for everyone else. */
  supervisorId: string | null;
}

/** What the policy needs to know about a story. */
export interface StoryAccess {
  /** Who wrote it; null only for a story nobody owns (the desk decides about it). */
  ownerId: string | null;
  status: StoryStatus;
  /** Someone the desk assigned the story to: they write it as if it were theirs. */
  assigneeId: string | null;
  /** The owner's supervisor when the owner is an intern. */
  ownerSupervisorId: string | null;
  /**
   * When the question is about one proposal: the proposer's supervisor (when
   * the proposer is an intern). A reporter decides on proposals from the
   * interns they supervise, on any story (DESIGN.md §5); it counts only for
   * accepting and rejecting proposals, nothing else.
   */
  proposerSupervisorId?: string | null;
}

export type Decision = { ok: true } | { ok: false; reason: string };

const OK: Decision = { ok: true };
const no = (reason: string): Decision => ({ ok: false, reason });

/** States in which the writer works on their own story. */
const WRITER_EDIT_STATES: readonly StoryStatus[] = ['draft', 'changes_requested'];

const PUBLISHED_EDIT = 'This story is published. Unpublish it with a correction note to change it.';
const SPIKED_EDIT = 'This story is spiked. An editor can unspike it.';

export function can(actor: Actor, action: Action, story: StoryAccess): Decision {
  const desk = isDeskRole(actor.role);
  const intern = actor.role === 'intern';
  const owner = story.ownerId !== null && story.ownerId === actor.id;
  const writer = owner || (story.assigneeId !== null && story.assigneeId === actor.id);
  const supervisor = canSupervise(actor.role) && story.ownerSupervisorId !== null && story.ownerSupervisorId === actor.id;
  const status = story.status;
  const label = STATUS_LABELS[status].toLowerCase();

  switch (action) {
    case 'edit': {
      if (status === 'published') return no(PUBLISHED_EDIT);
      if (status === 'spiked') return no(SPIKED_EDIT);
      if (desk) return OK;
      if (writer) {
        if (WRITER_EDIT_STATES.includes(status)) return OK;
        if (status === 'supervisor_review') return no('Your supervisor is reviewing this story. Withdraw it to keep editing.');
        if (status === 'submitted') return no('This story is with the desk. Withdraw it to keep editing.');
        return no('An editor has this story now. You can edit it again if they request changes.');
      }
      if (intern) return no("Interns edit other people's stories only as proposals.");
      return no("This is someone else's story. Propose your changes instead.");
    }

    case 'propose': {
      if (status === 'published') return no('A published story takes no proposals. An editor can unpublish it with a correction note.');
      if (status === 'spiked') return no('A spiked story takes no proposals.');
      if (can(actor, 'edit', story).ok) return no('You can edit this story directly.');
      return OK;
    }

    case 'comment':
      return OK;

    case 'submit': {
      if (status === 'draft' || status === 'changes_requested') {
        if (writer) return OK;
        return no('Only the writer of a story submits it.');
      }
      if (status === 'supervisor_review') {
        if (supervisor || desk) return OK;
        if (writer) return no('Your supervisor signs this story off to the desk.');
        return no("Only the intern's supervisor or an editor signs off this story.");
      }
      return no(`This story is ${label}; only drafts and stories with changes requested can be submitted.`);
    }

    case 'withdraw': {
      if (status === 'supervisor_review' || status === 'submitted') {
        if (writer) return OK;
        return no('Only the writer of a story can withdraw it.');
      }
      if (status === 'in_review') return no('An editor is already reviewing this story. Ask them to request changes.');
      return no(`This story is ${label}; only a story waiting for review can be withdrawn.`);
    }

    case 'claim': {
      if (!desk) return no(intern ? "Interns can't claim stories — the desk reviews them." : 'Only editors can claim a story for review.');
      if (status === 'submitted') return OK;
      return no(`This story is ${label}; only a submitted story can be claimed.`);
    }

    case 'request_changes': {
      if (status === 'supervisor_review' && (desk || supervisor)) return OK;
      if (intern) return no("Interns can't request changes on a story.");
      if (!desk) {
        return no(
          status === 'supervisor_review'
            ? "Only the intern's supervisor or an editor can send this story back."
            : 'Only editors can request changes.',
        );
      }
      if (status === 'submitted' || status === 'in_review') return OK;
      return no(`This story is ${label}; changes can be requested only on a story under review.`);
    }

    case 'approve': {
      if (!desk) return no('Only editors can approve a story.');
      if (status === 'submitted' || status === 'in_review') return OK;
      return no(`This story is ${label}; only a submitted story or one in review can be approved.`);
    }

    case 'schedule': {
      if (!desk) return no('Only editors can schedule a story.');
      if (status === 'approved') return OK;
      return no(`This story is ${label}; only an approved story can be scheduled.`);
    }

    case 'publish': {
      if (intern) return no("Interns can't publish — your supervisor signs off first.");
      if (!desk) return no('Only editors can publish a story.');
      if (status === 'approved' || status === 'scheduled') return OK;
      if (status === 'published') return no('This story is already published.');
      return no(`This story is ${label}; it must be approved before it is published.`);
    }

    case 'unpublish': {
      if (!desk) return no('Only editors can unpublish or correct a published story.');
      if (status === 'published') return OK;
      return no(`This story is ${label}; only a published story can be unpublished or corrected.`);
    }

    case 'spike': {
      if (intern) return no("Interns can't spike stories.");
      if (!desk) return no('Only editors can spike a story.');
      if (status === 'published') return no("A published story can't be spiked; unpublish it with a correction note first.");
      if (status === 'spiked') return no('This story is already spiked.');
      return OK;
    }

    case 'unspike': {
      if (!desk) return no('Only editors can unspike a story.');
      if (status === 'spiked') return OK;
      return no('Only a spiked story can be unspiked.');
    }

    case 'assign': {
      if (!desk) return no('Only editors assign stories.');
      if (status === 'spiked') return no('Unspike this story before assigning it.');
      return OK;
    }

    case 'accept_proposal':
    case 'reject_proposal': {
      const verb = action === 'accept_proposal' ? 'accept' : 'reject';
      if (intern) return no(`Interns can't ${verb} proposals — the story's owner, a supervisor or an editor decides.`);
      const proposerSupervisor =
        canSupervise(actor.role) && story.proposerSupervisorId != null && story.proposerSupervisorId === actor.id;
      if (!(desk || owner || supervisor || proposerSupervisor)) {
        return no(`Only the story's owner, an editor or the supervisor of its writer or of the proposing intern can ${verb} proposals on it.`);
      }
      // Declining changes never alters the story, so it is allowed in every state.
      if (action === 'reject_proposal') return OK;
      if (status === 'published') return no('Unpublish this story with a correction note before accepting changes to it.');
      if (status === 'spiked') return no('Unspike this story before accepting changes to it.');
      return OK;
    }

    case 'manage_people':
      return actor.role === 'admin' ? OK : no('Only admins manage people, roles and supervisors.');

    case 'manage_settings':
      return actor.role === 'admin' ? OK : no('Only admins change publication settings.');

    case 'trash': {
      if (!(desk || owner)) {
        return no(intern ? "Interns can't delete other people's work." : "Only the story's owner or an editor can move it to the trash.");
      }
      if (status === 'published') return no("A published story can't be moved to the trash; unpublish it first.");
      if (desk) return OK;
      if (WRITER_EDIT_STATES.includes(status) || status === 'spiked') return OK;
      if (status === 'supervisor_review' || status === 'submitted') return no('Withdraw this story before moving it to the trash.');
      return no('An editor has this story now, so it stays out of the trash.');
    }

    case 'restore': {
      if (desk || owner) return OK;
      return no(intern ? "Interns can't restore other people's work." : "Only the story's owner or an editor can restore it.");
    }
  }
}

/** A story nobody owns yet, for workstation-wide actions (settings, people). */
export const NO_STORY: StoryAccess = { ownerId: null, status: 'draft', assigneeId: null, ownerSupervisorId: null };
