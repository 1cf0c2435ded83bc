import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

interface LinkFormProps {
  initialUrl: string;
  editing: boolean;
  /** Returns an error message to show, or null when the link was applied. */
  onApply: (url: string) => string | null;
  onRemove: () => void;
  onCancel: () => void;
}

/** The small popover under the toolbar where a link address is typed and checked. */
export function LinkForm({ initialUrl, editing, onApply, onRemove, onCancel }: LinkFormProps) {
  const [value, setValue] = useState(initialUrl);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const inputId = useId();
  const hintId = useId();

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  // A click elsewhere closes the form, as a popover should.
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (panelRef.current && event.target instanceof Node && !panelRef.current.contains(event.target)) onCancel();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onCancel]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const message = onApply(value);
    setError(message);
    if (message) inputRef.current?.focus();
  };

  return (
    <div
      ref={panelRef}
      className="link-form"
      role="dialog"
      aria-label={editing ? 'Edit link' : 'Add link'}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <form onSubmit={submit} noValidate>
        <label className="link-form__label" htmlFor={inputId}>
          Link address
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="link-form__input"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.com"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={hintId}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
        <p id={hintId} className="link-form__hint">
          Web addresses (http://, https://) and email (mailto:) only.
        </p>
        {error && (
          <p className="link-form__error" role="alert">
            {error}
          </p>
        )}
        <div className="link-form__actions">
          {editing && (
            <button type="button" className="button button--quiet" onClick={onRemove}>
              Remove link
            </button>
          )}
          <span className="link-form__spacer" />
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button--primary">
            {editing ? 'Update link' : 'Add link'}
          </button>
        </div>
      </form>
    </div>
  );
}
