import { STATUS_LABELS, STORY_STATUSES, type StoryStatus } from '../model/story.ts';
import type { Action } from './actions.ts';

export { STATUS_LABELS, STORY_STATUSES, type StoryStatus };

/**
 * The workflow as data (DESIGN.md §5): which action moves a story from which
 * state to which. `route: 'supervised'` rows apply when the person moving the
 * story is an intern, whose work goes to their supervisor before the desk;
 * `route: 'desk'` rows apply to everyone else; rows without a route apply to both.
 */
export interface Transition {
  from: StoryStatus;
  action: Action;
  to: StoryStatus;
  route?: 'desk' | 'supervised';
}

/** States a story can be spiked from: anything before publication (and not already spiked). */
export const PRE_PUBLICATION_STATES = [
  'draft',
  'supervisor_review',
  'submitted',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
] as const satisfies readonly StoryStatus[];

export const TRANSITIONS: readonly Transition[] = [
  // The writer hands the story on: interns to their supervisor, everyone else to the desk.
  { from: 'draft', action: 'submit', to: 'supervisor_review', route: 'supervised' },
  { from: 'changes_requested', action: 'submit', to: 'supervisor_review', route: 'supervised' },
  { from: 'draft', action: 'submit', to: 'submitted', route: 'desk' },
  { from: 'changes_requested', action: 'submit', to: 'submitted', route: 'desk' },
  // The supervisor signs the intern's work off to the desk.
  { from: 'supervisor_review', action: 'submit', to: 'submitted' },
  // Taking it back before anyone has started on it.
  { from: 'supervisor_review', action: 'withdraw', to: 'draft' },
  { from: 'submitted', action: 'withdraw', to: 'draft' },
  // The desk.
  { from: 'submitted', action: 'claim', to: 'in_review' },
  { from: 'supervisor_review', action: 'request_changes', to: 'changes_requested' },
  { from: 'submitted', action: 'request_changes', to: 'changes_requested' },
  { from: 'in_review', action: 'request_changes', to: 'changes_requested' },
  // Approving a submitted story claims it on the way.
  { from: 'submitted', action: 'approve', to: 'approved' },
  { from: 'in_review', action: 'approve', to: 'approved' },
  { from: 'approved', action: 'schedule', to: 'scheduled' },
  { from: 'approved', action: 'publish', to: 'published' },
  { from: 'scheduled', action: 'publish', to: 'published' },
  // A published story comes down (to be corrected and republished, or spiked) with a correction note.
  { from: 'published', action: 'unpublish', to: 'approved' },
  ...PRE_PUBLICATION_STATES.map((from) => ({ from, action: 'spike' as const, to: 'spiked' as const })),
  { from: 'spiked', action: 'unspike', to: 'draft' },
];

/** Actions that move a story between states (the others leave its state as it is). */
export const WORKFLOW_ACTIONS: readonly Action[] = [...new Set(TRANSITIONS.map((t) => t.action))];

/**
 * The state `action` moves a story in `status` to, or null when that action
 * does not move a story from that state (including actions that never change
 * the state, such as edit or comment). `intern` picks the supervised route.
 */
export function transition(status: StoryStatus, action: Action, options: { intern?: boolean } = {}): StoryStatus | null {
  const route = options.intern ? 'supervised' : 'desk';
  const found = TRANSITIONS.find((t) => t.from === status && t.action === action && (t.route === undefined || t.route === route));
  return found?.to ?? null;
}

/** The states `action` can move a story out of. */
export function statesFor(action: Action): StoryStatus[] {
  return STORY_STATUSES.filter((status) => TRANSITIONS.some((t) => t.from === status && t.action === action));
}
