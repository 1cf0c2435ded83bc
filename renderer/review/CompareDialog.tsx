import { useEffect, useRef, useState } from 'react';
import type { StorySnapshot } from '../../shared/review/metadataDiff.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { useSectors } from '../hooks/useSectors.ts';
import { CompareView } from './CompareView.tsx';
import { useModalDialog } from '../components/useModalDialog.ts';

/** One side of a comparison: a checkpoint (its id, and how it is named above its column), or the story as it is now. */
export type CompareSide = { revisionId: string; label: string } | 'current';

export interface CompareDialogProps {
  storyId: string;
  /** The older side, on the left: a checkpoint, or 'current' (the story as saved now). */
  before: CompareSide;
  /** The newer side, on the right. */
  after: CompareSide;
  onClose: () => void;
}

type Load = { kind: 'loading' } | { kind: 'ready'; before: StorySnapshot; after: StorySnapshot } | { kind: 'failed'; message: string };

function snapshotOf(story: StorySnapshot): StorySnapshot {
  const { headline, standfirst, dateline, byline, language, body } = story;
  return { headline, standfirst, dateline, byline, language, body };
}

/** How a side is named above its column. */
function labelOf(side: CompareSide): string {
  return side === 'current' ? 'Current version' : side.label;
}

/**
 * Two versions of a story compared, in a modal dialog (<dialog>.showModal():
 * focus stays inside, Escape closes, focus returns to the button that opened
 * it). Each side is a checkpoint or the story's saved working copy; save
 * before opening it when a side is 'current', so it shows the latest text.
 */
export function CompareDialog({ storyId, before, after, onClose }: CompareDialogProps) {
  const api = useApi();
  const sectors = useSectors();
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const beforeId = before === 'current' ? 'current' : before.revisionId;
  const afterId = after === 'current' ? 'current' : after.revisionId;

  useEffect(() => {
    let current = true;
    const read = (id: string): Promise<StorySnapshot> =>
      id === 'current'
        ? api.invoke('stories.get', { id: storyId }).then(snapshotOf)
        : api.invoke('revisions.get', { id }).then((revision) => revision.snapshot);
    Promise.all([read(beforeId), read(afterId)])
      .then(([older, newer]) => current && setLoad({ kind: 'ready', before: older, after: newer }))
      .catch((error: unknown) => current && setLoad({ kind: 'failed', message: errorMessage(error) }));
    return () => {
      current = false;
    };
  }, [api, beforeId, afterId, storyId]);

  useModalDialog(ref, true, closeRef);

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
        {load.kind === 'ready' && <CompareView before={load.before} after={load.after} beforeLabel={labelOf(before)} afterLabel={labelOf(after)} sectors={sectors} />}
      </div>
    </dialog>
  );
}
