import { useId, useState, type FormEvent } from 'react';
import type { HubPerson } from '../../../shared/api/methods/hubPeople.ts';
import { passwordProblem } from '../../../shared/sync/auth.ts';
import type { Role } from '../../../shared/workflow/roles.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { missingSupervisor, PASSWORD_HINT, RoleSelect, SupervisorSelect, supervisorsFor } from './PeopleFields.tsx';

interface PeopleAddFormProps {
  people: readonly HubPerson[];
  onAdded(person: HubPerson): void;
}

/**
 * "Add person": an account on the hub with a name, a user name, a role (an
 * intern also a supervisor) and a first password the admin hands over. What
 * the hub refuses (a taken user name, a weak password) is shown under the
 * form in its words, and nothing typed is lost.
 */
export function PeopleAddForm({ people, onAdded }: PeopleAddFormProps) {
  const api = useApi();
  const [name, setName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('reporter');
  const [supervisorId, setSupervisorId] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { title: useId(), name: useId(), username: useId(), role: useId(), supervisor: useId(), password: useId(), hint: useId(), error: useId() };
  const supervisors = supervisorsFor(people, null);
  /** A change to any field answers the last refusal: it goes until the next try. */
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setError(null);
    };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problem =
      name.trim() === ''
        ? 'Type the person’s name.'
        : username.trim() === ''
          ? 'Choose the user name they will sign in with.'
          : role === 'intern' && supervisorId === ''
            ? missingSupervisor(supervisors)
            : passwordProblem(password, username);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    api
      .invoke('hubPeople.create', { name, username, role, password, ...(role === 'intern' ? { supervisorId } : {}) })
      .then(({ person }) => {
        onAdded(person);
        setName('');
        setUsername('');
        setRole('reporter');
        setSupervisorId('');
        setPassword('');
      })
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="people-add" style={{ marginTop: 22 }} aria-labelledby={ids.title} aria-describedby={error ? ids.error : undefined} onSubmit={submit} noValidate>
      <h3 id={ids.title} className="settings-section__title">
        Add person
      </h3>
      <div className="settings-fields">
        <label className="settings-field" htmlFor={ids.name}>
          <span className="settings-field__label">Name</span>
          <input id={ids.name} className="text-input" value={name} maxLength={120} autoComplete="off" onChange={(event) => edit(setName)(event.target.value)} />
        </label>
        <label className="settings-field" htmlFor={ids.username}>
          <span className="settings-field__label">User name</span>
          <input
            id={ids.username}
            className="text-input settings-field__short"
            value={username}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => edit(setUsername)(event.target.value)}
          />
        </label>
        <div className="settings-field">
          <label className="settings-field__label" htmlFor={ids.role}>
            Role
          </label>
          <RoleSelect id={ids.role} value={role} onChange={edit(setRole)} />
        </div>
        {role === 'intern' && (
          <div className="settings-field">
            <label className="settings-field__label" htmlFor={ids.supervisor}>
              Supervisor
            </label>
            <SupervisorSelect id={ids.supervisor} value={supervisorId} supervisors={supervisors} onChange={edit(setSupervisorId)} />
          </div>
        )}
        <label className="settings-field" htmlFor={ids.password}>
          <span className="settings-field__label">Initial password</span>
          <input
            id={ids.password}
            className="text-input"
            type="password"
            value={password}
            maxLength={1024}
            autoComplete="new-password"
            aria-describedby={ids.hint}
            onChange={(event) => edit(setPassword)(event.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary" aria-busy={busy || undefined} disabled={busy}>
          Add person
        </button>
      </div>
      <p id={ids.hint} className="settings-section__text" style={{ margin: '8px 0 0' }}>
        {PASSWORD_HINT} Give it to them in person; they sign in with it on their workstation.
      </p>
      {error && (
        <p id={ids.error} className="field-error" role="alert">
          Not added: {error}
        </p>
      )}
    </form>
  );
}
