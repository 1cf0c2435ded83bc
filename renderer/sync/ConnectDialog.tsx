import { useId, useRef, useState, type FormEvent } from 'react';
import { syncMethods } from '../../shared/api/methods/sync.ts';
import { ErrorCode } from '../../shared/api/errors.ts';
import { ROLE_LABELS } from '../../shared/workflow/roles.ts';
import { errorMessage, isErrorCode } from '../api/errors.ts';
import { useNotice } from '../components/Notice.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { useSync } from './SyncContext.tsx';
import { hubHost } from './syncText.ts';
import { useModalDialog } from '../components/useModalDialog.ts';

type Field = 'hubUrl' | 'username' | 'password';

/**
 * "Connect to newsroom": hub address, user name, password. A refusal (wrong
 * password, hub unreachable, bad address) is shown in the dialog as the
 * backend words it; what was typed stays, except the password.
 */
export function ConnectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useModalDialog(ref, open);

  return (
    <dialog
      ref={ref}
      className="dialog sync-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog__title">
            Connect to newsroom
          </h2>
          {/* Mounted per opening, so each opening starts from the last hub and an empty password. */}
          <ConnectForm onClose={onClose} />
        </>
      )}
    </dialog>
  );
}

function ConnectForm({ onClose }: { onClose: () => void }) {
  const { status, connect } = useSync();
  const { profile } = useSession();
  const notice = useNotice();
  const [hubUrl, setHubUrl] = useState(status?.hubUrl ?? '');
  const [username, setUsername] = useState(status?.account?.username ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field: Field | null } | null>(null);
  const ids = { hub: useId(), user: useId(), password: useId(), error: useId(), explain: useId() };
  const hubInput = useRef<HTMLInputElement>(null);
  const userInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const fail = (message: string, field: Field | null) => {
    setError({ message, field });
    setPassword('');
    // The field to fix gets focus; a wrong password means typing it again.
    const input = field === 'hubUrl' ? hubInput : field === 'username' ? userInput : passwordInput;
    input.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // The contract's own schema: the same words the backend would send back, without the round trip.
    const parsed = syncMethods['sync.connect'].input.safeParse({ hubUrl, username, password });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0];
      fail(issue?.message ?? 'Check the hub address, user name and password.', field === 'hubUrl' || field === 'username' || field === 'password' ? field : null);
      return;
    }
    setBusy(true);
    setError(null);
    connect(parsed.data)
      .then((next) => {
        const who = next.account ? `${next.account.name} (${ROLE_LABELS[next.account.role]})` : parsed.data.username;
        notice.show({ message: `Connected to ${hubHost(parsed.data.hubUrl)} as ${who}.` });
        onClose();
      })
      .catch((failure: unknown) => {
        setBusy(false);
        const field: Field | null = isErrorCode(failure, ErrorCode.UNAUTHORIZED)
          ? 'password'
          : isErrorCode(failure, ErrorCode.OFFLINE) || isErrorCode(failure, ErrorCode.VALIDATION)
            ? 'hubUrl'
            : null;
        fail(errorMessage(failure), field);
      });
  };

  const invalid = (field: Field) => (error?.field === field ? true : undefined);
  const describedBy = (field: Field, ...more: string[]) => [...more, ...(error?.field === field ? [ids.error] : [])].join(' ') || undefined;

  return (
    <form className="sync-form" onSubmit={submit} noValidate aria-describedby={ids.explain}>
      <p id={ids.explain} className="dialog__message sync-form__explain">
        {profile
          ? `Stories written here as ${profile.name} move to the account you sign in with, and upload to the newsroom from then on.`
          : 'Stories written on this workstation move to the account you sign in with, and upload to the newsroom from then on.'}
      </p>
      <div className="field">
        <label className="field__label" htmlFor={ids.hub}>
          Hub address
        </label>
        <input
          ref={hubInput}
          id={ids.hub}
          className="text-input"
          type="url"
          inputMode="url"
          value={hubUrl}
          placeholder="https://hub.example-news.org"
          autoComplete="url"
          spellCheck={false}
          autoFocus={hubUrl === ''}
          aria-invalid={invalid('hubUrl')}
          aria-describedby={describedBy('hubUrl')}
          onChange={(event) => setHubUrl(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.user}>
          User name
        </label>
        <input
          ref={userInput}
          id={ids.user}
          className="text-input"
          value={username}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus={hubUrl !== '' && username === ''}
          aria-invalid={invalid('username')}
          aria-describedby={describedBy('username')}
          onChange={(event) => setUsername(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.password}>
          Password
        </label>
        <input
          ref={passwordInput}
          id={ids.password}
          className="text-input"
          type="password"
          value={password}
          autoComplete="current-password"
          autoFocus={hubUrl !== '' && username !== ''}
          aria-invalid={invalid('password')}
          aria-describedby={describedBy('password')}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      {error && (
        <p id={ids.error} className="field-error sync-form__error" role="alert">
          {error.message}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" aria-busy={busy} disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
