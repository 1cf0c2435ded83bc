import { useEffect, useRef, useState } from 'react';
import type { StorySnapshot } from '../../shared/review/metadataDiff.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { useSectors } from '../hooks/useSectors.ts';
import { CompareView } from './CompareView.tsx';

export interface CompareDialogProps {
  storyId: string;
  /** The revision to compare with the story as it is now. */
  revisionId: string;
  /** How the revision is named ("Revision of 12 May 2025, 10:04"). */
  revisionLabel: string;
  onClose: () => void;
}

type Load = { kind: 'loading' } | { kind: 'ready'; before: StorySnapshot; after: StorySnapshot } | { kind: 'failed'; message: string };

function snapshotOf(story: StorySnapshot): StorySnapshot {
  const { headline, standfirst, dateline, byline, language, body } = story;
  return { headline, standfirst, dateline, byline, language, body };
}

/**
 * A revision compared with the story's saved working copy, in a modal dialog
 * (<dialog>.showModal(): focus stays inside, Escape closes, focus returns to
 * the button that opened it). Save before opening it so the comparison shows
 * the latest text.
 */
export function CompareDialog({ storyId, revisionId, revisionLabel, onClose }: CompareDialogProps) {
  const api = useApi();
  const sectors = useSectors();
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    let current = true;
    Promise.all([api.invoke('revisions.get', { id: revisionId }), api.invoke('stories.get', { id: storyId })])
      .then(([revision, story]) => current && setLoad({ kind: 'ready', before: revision.snapshot, after: snapshotOf(story) }))
      .catch((error: unknown) => current && setLoad({ kind: 'failed', message: errorMessage(error) }));
    return () => {
      current = false;
    };
  }, [api, revisionId, storyId]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="compare-dialog"
      aria-label="Compare versions"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="compare-dialog__bar">
        <button ref={closeRef} type="button" className="button button--small" onClick={onClose}>
          Close compare
        </button>
      </div>
      <div className="compare-dialog__body">
        {load.kind === 'loading' && <p className="compare-dialog__hint">Comparing…</p>}
        {load.kind === 'failed' && (
          <p className="compare-dialog__hint" role="alert">
            The versions could not be compared. {load.message}
          </p>
        )}
        {load.kind === 'ready' && <CompareView before={load.before} after={load.after} beforeLabel={revisionLabel} afterLabel="Current version" sectors={sectors} />}
      </div>
    </dialog>
  );
}
