import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { OutboxItem } from '../../shared/api/methods/sync.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { useNow } from '../hooks/useNow.ts';
import { formatAbsolute } from '../lib/time.ts';
import { useSync } from './SyncContext.tsx';
import { describeOutboxItem, formatChangesWaiting } from './syncText.ts';
import { useModalDialog } from '../components/useModalDialog.ts';

type Load = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: OutboxItem[] };

/**
 * "Show what will be uploaded": the outbox, oldest first, in words — what
 * each change is, to which story, since when, how often it was tried and why
 * the last try failed. Re-read whenever the sync state changes while open.
 */
export function SyncPreviewDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useModalDialog(ref, open);

  return (
    <dialog
      ref={ref}
      className="dialog sync-dialog sync-preview"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog__title">
            What will be uploaded
          </h2>
          <PreviewList onClose={onClose} />
        </>
      )}
    </dialog>
  );
}

function PreviewList({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const { status, syncNow } = useSync();
  const now = useNow(30_000);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  const read = useCallback(() => {
    api
      .invoke('sync.preview', {})
      .then(({ items }) => setLoad({ kind: 'ready', items }))
      .catch((error: unknown) => setLoad({ kind: 'failed', message: errorMessage(error) }));
  }, [api]);
  // Every status change (an upload went through, a new change was queued) re-reads the list.
  useEffect(read, [read, status]);

  const connected = status !== null && status.state !== 'signed_out';
  const uploadNow = () => {
    setUploading(true);
    setUploadError(null);
    syncNow()
      .catch((error: unknown) => setUploadError(errorMessage(error)))
      .finally(() => setUploading(false));
  };

  return (
    <>
      {load.kind === 'loading' ? (
        <p className="dialog__message" role="status">
          Reading the outbox…
        </p>
      ) : load.kind === 'failed' ? (
        <p className="dialog__error" role="alert">
          The list of changes waiting to upload could not be read. {load.message}
        </p>
      ) : load.items.length === 0 ? (
        <p className="dialog__message">Nothing waiting to upload.</p>
      ) : (
        <>
          <p className="dialog__message">
            {`${formatChangesWaiting(load.items.length)} on this workstation, oldest first.`}
            {connected ? '' : ' They upload after you sign in to the newsroom.'}
          </p>
          <ol className="sync-preview__list" aria-label="Changes waiting to upload">
            {load.items.map((item) => (
              <li key={item.id} className="sync-preview__item">
                <p className="sync-preview__what">{item.description}</p>
                <p className="sync-preview__story">
                  <a href={`#/story/${encodeURIComponent(item.storyId)}`} onClick={onClose}>
                    {item.headline}
                  </a>
                </p>
                <p className="sync-preview__meta" title={formatAbsolute(item.createdAt)}>
                  {describeOutboxItem(item, now)}
                </p>
                {item.lastError && <p className="sync-preview__error">{item.lastError}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
      {uploadError && (
        <p className="dialog__error" role="alert">
          {uploadError}
        </p>
      )}
      <div className="dialog__actions">
        {connected && load.kind === 'ready' && load.items.length > 0 && (
          <button type="button" className="button" onClick={uploadNow} aria-busy={uploading} disabled={uploading}>
            Upload now
          </button>
        )}
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </>
  );
}
