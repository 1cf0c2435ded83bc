import { useId, useRef, useState, type FormEvent } from 'react';
import type { ProposalSummary } from '../../../shared/api/methods/proposals.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { useModalDialog } from '../../components/useModalDialog.ts';

export interface SendProposalDialogProps {
  proposalId: string;
  /** Who decides, for the dialog's sentence ("Vivian Yan (your supervisor) or an editor"). */
  deciders: string;
  onSent: (proposal: ProposalSummary) => void;
  onCancel: () => void;
}

/**
 * "Send proposal": an optional note for whoever reviews it, then
 * `proposals.send`. A refusal (nothing to propose, the story was published
 * meanwhile) stays in the dialog with the backend's words; the note is kept.
 */
export function SendProposalDialog({ proposalId, deciders, onSent, onCancel }: SendProposalDialogProps) {
  const api = useApi();
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), hint: useId(), note: useId(), error: useId() };
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useModalDialog(ref);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await api.invoke('proposals.send', { id: proposalId, message: note });
      onSent(reply.proposal);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog proposal-send"
      aria-labelledby={ids.title}
      aria-describedby={ids.hint}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={ids.title} className="dialog__title">
          Send proposal
        </h2>
        <p id={ids.hint} className="dialog__message">
          Your changes go to {deciders}, who accepts or rejects each one. Until then the story stays as it is.
        </p>
        <div className="field">
          <label className="field__label" htmlFor={ids.note}>
            Note for the reviewer
          </label>
          <textarea
            id={ids.note}
            className="text-input proposal-send__note"
            rows={3}
            maxLength={500}
            value={note}
            placeholder="Optional — say what you changed and why"
            aria-describedby={error ? ids.error : undefined}
            autoFocus
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {error && (
          <p id={ids.error} className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" aria-busy={busy} disabled={busy}>
            Send proposal
          </button>
        </div>
      </form>
    </dialog>
  );
}
