import { useId, useRef } from 'react';
import { useModalDialog } from './useModalDialog.ts';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal question with a destructive answer. Uses <dialog>.showModal() for
 * focus containment and Escape; Cancel has focus first, so Enter is never a
 * permanent deletion by accident.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, message, confirmLabel, cancelLabel = 'Cancel', busy = false, error, onConfirm, onCancel } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();

  useModalDialog(ref, open, cancelRef);

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      className="dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <p id={messageId} className="dialog__message">
            {message}
          </p>
          {error && (
            <p className="dialog__error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog__actions">
            <button ref={cancelRef} type="button" className="button" onClick={onCancel} disabled={busy}>
              {cancelLabel}
            </button>
            <button type="button" className="button button--danger" onClick={onConfirm} aria-busy={busy} disabled={busy}>
              {confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
