/** The actions that move a story between workflow states, in the order the desk shows them. */
export const TRANSITION_ACTIONS = [
  'submit',
  'withdraw',
  'claim',
  'request_changes',
  'approve',
  'schedule',
  'publish',
  /** Take a published story down to correct it; the correction note becomes part of the story. */
  'unpublish',
  'spike',
  'unspike',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/**
 * Everything a person can try to do to a story or the workstation. The
 * permission policy ({@link can}) answers each of them for every role and
 * workflow state; the backend enforces the answer and the UI reflects it.
 */
export const ACTIONS = [
  'edit',
  'propose',
  'comment',
  ...TRANSITION_ACTIONS,
  'assign',
  'accept_proposal',
  'reject_proposal',
  'manage_people',
  'manage_settings',
  'trash',
  'restore',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  edit: 'Edit',
  propose: 'Propose changes',
  comment: 'Comment',
  submit: 'Submit',
  withdraw: 'Withdraw',
  claim: 'Claim',
  request_changes: 'Request changes',
  approve: 'Approve',
  schedule: 'Schedule',
  publish: 'Publish',
  unpublish: 'Unpublish or correct',
  spike: 'Spike',
  unspike: 'Unspike',
  assign: 'Assign',
  accept_proposal: 'Accept',
  reject_proposal: 'Reject',
  manage_people: 'Manage people',
  manage_settings: 'Change settings',
  trash: 'Move to trash',
  restore: 'Restore',
};

/** Actions about the workstation rather than one story: the story argument of `can` is ignored. */
export const WORKSTATION_ACTIONS = ['manage_people', 'manage_settings'] as const satisfies readonly Action[];

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}
