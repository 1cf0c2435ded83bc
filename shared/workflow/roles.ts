import { z } from 'zod';

/**
 * Who a person is on the desk (DESIGN.md §5). The table there is cumulative:
 * each role may do everything the one before it may, plus its own row —
 * a reporter also comments and proposes, an editor also writes, an admin is
 * also an editor and in addition manages people, roles and settings.
 */
export const ROLES = ['intern', 'reporter', 'editor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  intern: 'Intern',
  reporter: 'Reporter',
  editor: 'Editor',
  admin: 'Admin',
};

/** Roles that may supervise interns (sign off their work, decide on their proposals). */
export const SUPERVISOR_ROLES = ['reporter', 'editor', 'admin'] as const satisfies readonly Role[];

/** Roles with the desk's powers: claim, approve, publish, spike, assign, edit any story. */
export const DESK_ROLES = ['editor', 'admin'] as const satisfies readonly Role[];

export function isDeskRole(role: Role): boolean {
  return (DESK_ROLES as readonly Role[]).includes(role);
}

export function canSupervise(role: Role): boolean {
  return (SUPERVISOR_ROLES as readonly Role[]).includes(role);
}
