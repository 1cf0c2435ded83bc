import { useId, useRef, useState } from 'react';
import { ROLE_LABELS } from '../../shared/workflow/roles.ts';
import { errorMessage } from '../api/errors.ts';
import { ProfileForm } from './ProfileForm.tsx';
import { useSession } from './SessionContext.tsx';
import { useModalDialog } from '../components/useModalDialog.ts';

/**
 * "Switch user": everyone who writes on this workstation, and "Add a
 * person…". Profiles are local until the hub exists, so anyone at the
 * machine may switch (one machine plays every role in demos and tests).
 */
export function SwitchUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { profile, profiles, switchTo } = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useModalDialog(ref, open);

  const close = () => {
    setAdding(false);
    setError(null);
    onClose();
  };

  const choose = (id: string) => {
    if (busy) return;
    if (id === profile?.id) return close();
    setBusy(true);
    setError(null);
    switchTo(id)
      .then(close)
      .catch((failure: unknown) => setError(errorMessage(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog__title">
            {adding ? 'Add a person' : 'Switch user'}
          </h2>
          {adding ? (
            <ProfileForm nameLabel="Name" submitLabel="Add and switch" onDone={close} onCancel={() => setAdding(false)} />
          ) : (
            <>
              <p className="dialog__message">Who is writing now? Everything you do is recorded under that name.</p>
              <ul className="switch-user__list" aria-label="People on this workstation">
                {profiles.map((p) => (
                  <li key={p.id}>
                    <button
                      type="button"
                      className="switch-user__person"
                      aria-current={p.id === profile?.id ? 'true' : undefined}
                      aria-busy={busy}
                      onClick={() => choose(p.id)}
                    >
                      <span>{p.name}</span>
                      <span className="switch-user__role">
                        {ROLE_LABELS[p.role]}
                        {p.id === profile?.id ? ' · writing now' : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              {error && (
                <p className="dialog__error" role="alert">
                  {error}
                </p>
              )}
              <div className="dialog__actions">
                <button type="button" className="button" onClick={() => setAdding(true)}>
                  Add a person…
                </button>
                <button type="button" className="button" onClick={close}>
                  Close
                </button>
              </div>
            </>
          )}
        </>
      )}
    </dialog>
  );
}
