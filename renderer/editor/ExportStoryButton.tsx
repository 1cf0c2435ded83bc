import { useEffect, useId, useRef, useState } from 'react';
import { EXPORT_FORMATS, EXPORT_FORMAT_LABELS, type ExportFormat } from '../../shared/api/methods/export.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { useNotice } from '../components/Notice.tsx';
import { base64ToBytes, saveFile } from '../platform/saveFile.ts';
import '../styles/export.css';

const HINTS: Record<ExportFormat, string> = {
  ninjs: 'IPTC’s news format for agencies and publishing systems; checked against the ninjs 3.1 schema.',
  html: 'A web page with the article, its sections, figures and credits.',
  markdown: 'Plain text with light formatting, for notes, wikis and code hosts.',
  docx: 'A Word document with headings, lists, links and the pictures.',
};

interface ExportStoryButtonProps {
  storyId: string;
  /** Runs before the file is made (saving what is on screen), so the file matches the editor. */
  beforeExport: () => Promise<unknown>;
}

/**
 * "Export…" in the editor header: a small dialog to pick a format, then the
 * file is saved through the platform (a download in the browser). A failure
 * is shown in the dialog, which stays open so the person can retry or pick
 * another format; the story is never changed by exporting.
 */
export function ExportStoryButton({ storyId, beforeExport }: ExportStoryButtonProps) {
  const api = useApi();
  const notice = useNotice();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const hintId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = openerRef.current;
      dialog.showModal();
      dialog.querySelector<HTMLButtonElement>('button[data-format]')?.focus();
      return () => {
        if (dialog.open) dialog.close();
        opener?.focus();
      };
    }
    return undefined;
  }, [open]);

  const close = () => {
    if (busy) return;
    setOpen(false);
    setError(null);
  };

  const exportAs = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    try {
      await beforeExport();
      const file = await api.invoke('stories.export', { id: storyId, format });
      const bytes = file.encoding === 'base64' ? base64ToBytes(file.data) : file.data;
      await saveFile({ fileName: file.fileName, mime: file.mime, bytes });
      setOpen(false);
      notice.show({ message: [`Exported “${file.fileName}”.`, ...file.notes].join(' ') });
    } catch (reason) {
      setError(`The story was not exported. ${errorMessage(reason)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <button
        ref={openerRef}
        type="button"
        className="button button--quiet"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Export…
      </button>
      <dialog
        ref={dialogRef}
        className="dialog export-dialog"
        aria-labelledby={titleId}
        aria-describedby={hintId}
        onCancel={(event) => {
          event.preventDefault();
          close();
        }}
      >
        {open && (
          <>
            <h2 id={titleId} className="dialog__title">
              Export story
            </h2>
            <p id={hintId} className="dialog__message">
              Choose a format. Unsaved changes are saved first; the story itself is not changed.
            </p>
            <ul className="export-dialog__formats" aria-busy={busy !== null}>
              {EXPORT_FORMATS.map((format) => (
                <li key={format}>
                  <button
                    type="button"
                    className="export-dialog__format"
                    data-format={format}
                    aria-describedby={`${hintId}-${format}`}
                    disabled={busy !== null}
                    onClick={() => void exportAs(format)}
                  >
                    <span className="export-dialog__label">{EXPORT_FORMAT_LABELS[format]}</span>
                    {busy === format && <span className="export-dialog__busy"> Exporting…</span>}
                  </button>
                  <span id={`${hintId}-${format}`} className="export-dialog__hint">
                    {HINTS[format]}
                  </span>
                </li>
              ))}
            </ul>
            {error && (
              <p className="dialog__error" role="alert">
                {error}
              </p>
            )}
            <div className="dialog__actions">
              <button type="button" className="button" onClick={close} disabled={busy !== null}>
                Close
              </button>
            </div>
          </>
        )}
      </dialog>
    </>
  );
}
