import { useId, useState, type FormEvent } from 'react';
import type { Profile } from '../../shared/api/methods/session.ts';
import { ROLE_LABELS, ROLES, canSupervise, type Role } from '../../shared/workflow/roles.ts';
import { errorMessage } from '../api/errors.ts';
import { ConnectDialog } from '../sync/ConnectDialog.tsx';
import { useSession } from './SessionContext.tsx';

interface ProfileFormProps {
  /** Label of the name box: "Your name" on first run, "Name" when adding someone. */
  nameLabel: string;
  submitLabel: string;
  onDone?: (profile: Profile) => void;
  onCancel?: () => void;
}

/**
 * Name, role and (for interns) supervisor of a new person on this
 * workstation. What the backend refuses (an intern with no supervisor yet)
 * is shown under the form and nothing typed is lost.
 */
export function ProfileForm({ nameLabel, submitLabel, onDone, onCancel }: ProfileFormProps) {
  const { profiles, createProfile } = useSession();
  const supervisors = profiles.filter((p) => canSupervise(p.role));
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('reporter');
  const [supervisorId, setSupervisorId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { name: useId(), role: useId(), supervisor: useId(), error: useId(), hint: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (name.trim() === '') {
      setError('Type a name.');
      return;
    }
    if (role === 'intern' && supervisorId === '') {
      setError(
        supervisors.length === 0
          ? 'An intern works under a supervisor. Add the supervising reporter or editor first, then the intern.'
          : 'Choose the supervisor who signs off this intern’s work.',
      );
      return;
    }
    setBusy(true);
    setError(null);
    createProfile({ name, role, ...(role === 'intern' ? { supervisorId } : {}) })
      .then((profile) => onDone?.(profile))
      .catch((failure: unknown) => setError(errorMessage(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="profile-form" onSubmit={submit} aria-describedby={error ? ids.error : undefined} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={ids.name}>
          {nameLabel}
        </label>
        <input
          id={ids.name}
          className="text-input"
          value={name}
          maxLength={120}
          autoComplete="name"
          autoFocus
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.role}>
          Role
        </label>
        <select id={ids.role} className="select" value={role} onChange={(event) => setRole(event.target.value as Role)} aria-describedby={ids.hint}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <span id={ids.hint} className="field__hint">
          {ROLE_HINTS[role]}
        </span>
      </div>
      {role === 'intern' && (
        <div className="field">
          <label className="field__label" htmlFor={ids.supervisor}>
            Supervisor
          </label>
          <select id={ids.supervisor} className="select" value={supervisorId} onChange={(event) => setSupervisorId(event.target.value)}>
            <option value="">{supervisors.length === 0 ? 'No reporter or editor yet' : 'Choose a supervisor…'}</option>
            {supervisors.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({ROLE_LABELS[p.role]})
              </option>
            ))}
          </select>
        </div>
      )}
      {error && (
        <p id={ids.error} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="profile-form__actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button--primary" aria-busy={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

const ROLE_HINTS: Record<Role, string> = {
  intern: 'Writes own drafts; changes to other stories wait for a supervisor’s yes.',
  reporter: 'Writes and submits own stories; decides on proposals to them.',
  editor: 'Reviews, edits, approves and publishes any story.',
  admin: 'An editor who also manages people, roles and publication settings.',
};

export function WhoIsWriting() {
  const titleId = useId();
  // A workstation in a newsroom with a hub can start with the account instead of a local profile.
  const [connecting, setConnecting] = useState(false);
  return (
    <main className="first-run" aria-labelledby={titleId}>
      <section className="first-run__card">
        <div className="sidebar__brand first-run__brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span className="brand-name">Copydesk</span>
        </div>
        <h1 id={titleId} className="first-run__title">
          Who is writing?
        </h1>
        <p className="first-run__text">
          Copydesk keeps track of who wrote and changed each story. Profiles stay on this computer until your newsroom’s hub is
          connected.
        </p>
        <ProfileForm nameLabel="Your name" submitLabel="Start writing" />
        <div className="first-run__newsroom">
          <p className="first-run__text">Your newsroom has a hub? Sign in with your newsroom account instead.</p>
          <button type="button" className="button" onClick={() => setConnecting(true)}>
            Connect to newsroom
          </button>
        </div>
      </section>
      <ConnectDialog open={connecting} onClose={() => setConnecting(false)} />
    </main>
  );
}
