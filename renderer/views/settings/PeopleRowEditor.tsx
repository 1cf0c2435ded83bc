import { useId, useState, type FormEvent } from 'react';
import type { MethodInput } from '../../../shared/api/contract.ts';
import type { HubPerson } from '../../../shared/api/methods/hubPeople.ts';
import { passwordProblem } from '../../../shared/sync/auth.ts';
import type { Role } from '../../../shared/workflow/roles.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { missingSupervisor, PASSWORD_HINT, RoleSelect, SupervisorSelect, supervisorsFor } from './PeopleFields.tsx';

interface PeopleRowEditorProps {
  person: HubPerson;
  people: readonly HubPerson[];
  /** Columns of the table, for the editor's one wide cell. */
  columns: number;
  onChanged(person: HubPerson): void;
  onClose(): void;
}

type Update = Omit<MethodInput<'hubPeople.update'>, 'id'>;

/**
 * One account opened for changes, under its row: name, role and supervisor
 * (saved together), a new password, disable or enable, and "Sign out
 * everywhere". Each goes to the hub on its own; what it refuses (the only
 * admin demoted, a supervisor of interns disabled) is shown here in its
 * words and the fields keep what was typed.
 */
export function PeopleRowEditor({ person, people, columns, onChanged, onClose }: PeopleRowEditorProps) {
  const api = useApi();
  const [name, setName] = useState(person.name);
  const [role, setRole] = useState<Role>(person.role);
  const [supervisorId, setSupervisorId] = useState(person.supervisorId ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ids = { title: useId(), name: useId(), role: useId(), supervisor: useId(), password: useId(), hint: useId() };
  const supervisors = supervisorsFor(people, person.id);

  const run = (work: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    work()
      .then(setDone)
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };

  const update = async (changes: Update): Promise<HubPerson> => {
    const { person: next } = await api.invoke('hubPeople.update', { id: person.id, ...changes });
    onChanged(next);
    return next;
  };

  const saveDetails = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setError('Type the person’s name.');
    if (role === 'intern' && supervisorId === '') return setError(missingSupervisor(supervisors));
    const changes: Update = {};
    if (name.trim() !== person.name) changes.name = name;
    if (role !== person.role) changes.role = role;
    const supervisor = role === 'intern' ? supervisorId : null;
    if (supervisor !== person.supervisorId) changes.supervisorId = supervisor;
    if (Object.keys(changes).length === 0) return setDone('Nothing to save: name, role and supervisor are as they were.');
    run(async () => {
      const next = await update(changes);
      return `Saved. ${next.name} is now ${describeRole(next, people)}.`;
    });
  };

  const resetPassword = (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(password, person.username);
    if (problem) return setError(problem);
    run(async () => {
      await update({ password });
      setPassword('');
      return `New password set. ${person.name} was signed out everywhere and signs in with it next time.`;
    });
  };

  const setDisabled = (disabled: boolean) =>
    run(async () => {
      const next = await update({ disabled });
      return next.disabled ? `${next.name} is disabled and was signed out everywhere.` : `${next.name} can sign in again.`;
    });

  const signOutEverywhere = () =>
    run(async () => {
      const { revoked } = await api.invoke('hubPeople.revokeSessions', { id: person.id });
      return revoked === 0
        ? `${person.name} was not signed in anywhere.`
        : `${person.name} was signed out of ${revoked === 1 ? '1 session' : `${revoked} sessions`}.`;
    });

  return (
    <tr className="people-editor">
      <td colSpan={columns}>
        <section aria-labelledby={ids.title} aria-busy={busy || undefined} style={{ padding: '8px 4px 12px' }}>
          <h3 id={ids.title} className="visually-hidden">
            Change {person.name}
          </h3>
          <form onSubmit={saveDetails} aria-label={`Name, role and supervisor of ${person.name}`} noValidate>
            <div className="settings-fields">
              <label className="settings-field" htmlFor={ids.name}>
                <span className="settings-field__label">Name</span>
                <input id={ids.name} className="text-input" value={name} maxLength={120} onChange={(event) => setName(event.target.value)} />
              </label>
              <div className="settings-field">
                <label className="settings-field__label" htmlFor={ids.role}>
                  Role
                </label>
                <RoleSelect id={ids.role} value={role} onChange={setRole} />
              </div>
              {role === 'intern' && (
                <div className="settings-field">
                  <label className="settings-field__label" htmlFor={ids.supervisor}>
                    Supervisor
                  </label>
                  <SupervisorSelect id={ids.supervisor} value={supervisorId} supervisors={supervisors} onChange={setSupervisorId} />
                </div>
              )}
              <button type="submit" className="button button--primary" disabled={busy}>
                Save changes
              </button>
            </div>
          </form>
          <form onSubmit={resetPassword} aria-label={`New password for ${person.name}`} noValidate style={{ marginTop: 14 }}>
            <div className="settings-fields">
              <label className="settings-field" htmlFor={ids.password}>
                <span className="settings-field__label">New password</span>
                <input
                  id={ids.password}
                  className="text-input"
                  type="password"
                  value={password}
                  maxLength={1024}
                  autoComplete="new-password"
                  aria-describedby={ids.hint}
                  onChange={(event) => setPassword(event.target.value)}
                />
              </label>
              <button type="submit" className="button" disabled={busy}>
                Reset password
              </button>
              <div className="settings-table__buttons" style={{ marginLeft: 'auto' }}>
                {person.disabled ? (
                  <button type="button" className="button" disabled={busy} onClick={() => setDisabled(false)}>
                    Enable account
                  </button>
                ) : (
                  <button type="button" className="button button--danger-quiet" disabled={busy} onClick={() => setDisabled(true)}>
                    Disable account
                  </button>
                )}
                <button type="button" className="button" disabled={busy} onClick={signOutEverywhere}>
                  Sign out everywhere
                </button>
                <button type="button" className="button button--quiet" onClick={onClose}>
                  Close
                </button>
              </div>
            </div>
            <p id={ids.hint} className="settings-section__text" style={{ margin: '6px 0 0' }}>
              {PASSWORD_HINT} Setting it signs them out everywhere.
            </p>
          </form>
          {error && (
            <p className="field-error" role="alert">
              Not changed: {error}
            </p>
          )}
          {done && (
            <p className="settings-section__text" role="status" style={{ margin: '8px 0 0', color: 'var(--ink-2)' }}>
              {done}
            </p>
          )}
        </section>
      </td>
    </tr>
  );
}

/** "a reporter", "an intern supervised by Ana Reporter". */
export function describeRole(person: HubPerson, people: readonly HubPerson[]): string {
  const article = person.role === 'reporter' ? 'a' : 'an';
  if (person.role !== 'intern') return `${article} ${person.role}`;
  const supervisor = people.find((p) => p.id === person.supervisorId);
  return supervisor ? `an intern supervised by ${supervisor.name}` : 'an intern';
}
