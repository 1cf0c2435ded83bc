import { MIN_PASSWORD_LENGTH } from '../../../shared/sync/auth.ts';
import type { HubPerson } from '../../../shared/api/methods/hubPeople.ts';
import { canSupervise, ROLE_LABELS, ROLES, type Role } from '../../../shared/workflow/roles.ts';

/**
 * Pieces the People section's add form and row editor share: the role and
 * supervisor pickers and the password rule in words. The hub applies the
 * same rules (shared/sync/auth.ts); these only say them before it has to.
 */

export const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters, without the user name. A few words in a row are easy to remember and hard to guess.`;

/** Who may supervise an intern: enabled reporters, editors and admins, other than the intern. */
export function supervisorsFor(people: readonly HubPerson[], internId: string | null): HubPerson[] {
  return people.filter((p) => canSupervise(p.role) && !p.disabled && p.id !== internId);
}

interface RoleSelectProps {
  id: string;
  value: Role;
  onChange(role: Role): void;
  label?: string;
}

export function RoleSelect({ id, value, onChange, label }: RoleSelectProps) {
  return (
    <select id={id} className="select" value={value} aria-label={label} onChange={(event) => onChange(event.target.value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

interface SupervisorSelectProps {
  id: string;
  value: string;
  supervisors: readonly HubPerson[];
  onChange(id: string): void;
  label?: string;
}

export function SupervisorSelect({ id, value, supervisors, onChange, label }: SupervisorSelectProps) {
  return (
    <select id={id} className="select" value={value} aria-label={label} onChange={(event) => onChange(event.target.value)}>
      <option value="">{supervisors.length === 0 ? 'No reporter or editor yet' : 'Choose a supervisor…'}</option>
      {supervisors.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name} ({ROLE_LABELS[p.role]})
        </option>
      ))}
    </select>
  );
}

/** The words for a missing supervisor, before the hub has to say them. */
export function missingSupervisor(supervisors: readonly HubPerson[]): string {
  return supervisors.length === 0
    ? 'An intern works under a supervisor. Add the supervising reporter or editor first, then the intern.'
    : 'Choose the supervisor who signs off this intern’s work.';
}
