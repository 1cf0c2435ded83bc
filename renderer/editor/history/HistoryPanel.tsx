import { useCallback, useEffect, useId, useState } from 'react';
import { REVISION_KIND_LABELS, type RevisionSummary } from '../../../shared/api/methods/revisions.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { CompareDialog, type CompareSide } from '../../review/CompareDialog.tsx';
import { MAX_SELECTED, comparisonOf, revisionLabel, revisionTime, selectedIn, toggleSelected } from './comparison.ts';
import { RevisionView } from './RevisionView.tsx';
import '../../styles/history.css';

export interface HistoryPanelProps {
  storyId: string;
  /** Changes whenever the story's history may have changed (a save, Ctrl+S, a reload): the list is read again. */
  refreshKey: number;
  /** False for a story in the trash: versions can be read, not restored. */
  canRestore: boolean;
  /** Saves what is in the editor; resolves false when that failed (then nothing is restored). */
  saveFirst: () => Promise<boolean>;
  /** The working copy changed on the backend: reload the editor from it. */
  onRestored: () => Promise<void>;
  onClose: () => void;
}

type ListState = { kind: 'loading' } | { kind: 'ready'; items: RevisionSummary[]; headId: string | null } | { kind: 'failed'; message: string };

const sameDayFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** What the compare bar says for a selection of `count` checkpoints. */
function selectionHint(count: number): string {
  if (count === 0) return 'Select two checkpoints to compare them.';
  if (count === 1) return '1 selected. Select one more to compare the two.';
  return '2 selected. The older one shows on the left.';
}

function sizeLabel(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * The story's checkpoints, newest first (author, time, kind, note). Selecting
 * one opens it read-only beside the editor; "Compare" compares it with the
 * current version; "Restore this version" makes it the working copy after
 * checkpointing the current text, so nothing is lost. Any two checkpoints
 * compare too: each has a "Select for comparison" box, and "Compare selected"
 * shows the two, older on the left (DESIGN.md §6).
 */
export function HistoryPanel({ storyId, refreshKey, canRestore, saveFirst, onRestored, onClose }: HistoryPanelProps) {
  const api = useApi();
  const titleId = useId();
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [selected, setSelected] = useState<RevisionSummary | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [comparison, setComparison] = useState<{ before: CompareSide; after: CompareSide } | null>(null);
  const hintId = useId();
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    api
      .invoke('revisions.list', { storyId })
      .then(({ items, headId }) => current && setList({ kind: 'ready', items, headId }))
      .catch((error: unknown) => current && setList({ kind: 'failed', message: errorMessage(error) }));
    return () => {
      current = false;
    };
  }, [api, storyId, refreshKey, reloads]);

  // A checkpoint made by a save elsewhere (idle checkpoints, another window) shows up too.
  useEffect(() => api.on('story.changed', ({ id }) => id === storyId && setReloads((n) => n + 1)), [api, storyId]);

  const restore = useCallback(async () => {
    if (!selected) return;
    setRestoring(true);
    setRestoreError(null);
    try {
      if (!(await saveFirst())) {
        setRestoreError('Your latest changes could not be saved, so nothing was restored. Try again once the story is saved.');
        return;
      }
      await api.invoke('revisions.restore', { storyId, revisionId: selected.id });
      await onRestored();
      setConfirming(false);
      setSelected(null);
      setAnnouncement(`Restored the version of ${revisionTime(selected.createdAt)}. The text it replaced is kept in history.`);
      setReloads((n) => n + 1);
    } catch (error) {
      setRestoreError(errorMessage(error));
    } finally {
      setRestoring(false);
    }
  }, [api, onRestored, saveFirst, selected, storyId]);

  const items = list.kind === 'ready' ? list.items : [];
  // Checkpoints that left the list (the story was purged and read again) are no longer selected.
  const chosen = selectedIn(items, picked);
  const pair = comparisonOf(items, chosen);
  const canPick = items.length >= MAX_SELECTED;

  return (
    <aside className={`history${selected ? ' history--reading' : ''}`} aria-labelledby={titleId}>
      <div className="history__head">
        <h2 id={titleId} className="history__title">
          History
        </h2>
        <button type="button" className="button button--quiet button--small" onClick={onClose}>
          Close history
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="history__body">
        <div className="history__list-wrap">
          {list.kind === 'loading' && <p className="history__hint">Loading history…</p>}
          {list.kind === 'failed' && (
            <div className="history__hint" role="alert">
              <p>History could not be read. {list.message}</p>
              <button type="button" className="button button--small" onClick={() => setReloads((n) => n + 1)}>
                Try again
              </button>
            </div>
          )}
          {list.kind === 'ready' && list.items.length === 0 && (
            <p className="history__hint">
              No checkpoints yet. Press Ctrl+S (⌘S) to keep this version; Copydesk also keeps one after long editing.
            </p>
          )}
          {canPick && (
            <div className="history__compare" role="group" aria-label="Compare two checkpoints">
              <p id={hintId} className="history__compare-hint" aria-live="polite">
                {selectionHint(chosen.length)}
              </p>
              <div className="history__compare-actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-disabled={pair === null}
                  aria-describedby={hintId}
                  onClick={() => pair !== null && setComparison(pair)}
                >
                  Compare selected
                </button>
                {chosen.length > 0 && (
                  <button type="button" className="button button--quiet button--small" aria-label="Clear selection" onClick={() => setPicked([])}>
                    Clear
                  </button>
                )}
              </div>
            </div>
          )}
          {list.kind === 'ready' && list.items.length > 0 && (
            <ol className="history__list" aria-label="Checkpoints, newest first">
              {list.items.map((revision) => {
                const when = revisionTime(revision.createdAt);
                const kind = REVISION_KIND_LABELS[revision.kind];
                const author = revision.authorName || 'Unknown author';
                const isHead = revision.id === list.headId;
                const isPicked = chosen.includes(revision.id);
                return (
                  <li key={revision.id} className={`history__entry${isPicked ? ' history__entry--picked' : ''}`}>
                    {canPick && (
                      <input
                        type="checkbox"
                        className="history__pick"
                        checked={isPicked}
                        // At most two: the other boxes rest until one is cleared.
                        disabled={!isPicked && chosen.length >= MAX_SELECTED}
                        aria-label={`Select for comparison: ${kind}, ${when}, ${author}`}
                        title="Select for comparison"
                        onChange={() => setPicked(toggleSelected(chosen, revision.id))}
                      />
                    )}
                    <button
                      type="button"
                      className="history__item"
                      aria-current={selected?.id === revision.id ? 'true' : undefined}
                      aria-label={`${kind}, ${when}, ${author}${revision.message ? `: ${revision.message}` : ''}${isHead ? ' (latest)' : ''}`}
                      onClick={() => {
                        setSelected(revision);
                        setRestoreError(null);
                      }}
                    >
                      <span className="history__row">
                        <span className={`history__kind history__kind--${revision.kind}`}>{kind}</span>
                        <time className="history__time" dateTime={revision.createdAt} title={sameDayFormat.format(new Date(revision.createdAt))}>
                          {when}
                        </time>
                      </span>
                      <span className="history__author">
                        {author}
                        {isHead && <span className="history__latest"> · latest</span>}
                      </span>
                      {revision.message && <span className="history__message">{revision.message}</span>}
                      <span className="history__size">{sizeLabel(revision.sizeStored)} stored</span>
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
        </div>
        {selected && (
          <section className="history__reader" aria-label={`Revision of ${revisionTime(selected.createdAt)} — read only`}>
            <div className="history__reader-bar">
              <p className="history__reader-label">Revision of {revisionTime(selected.createdAt)} — read only</p>
              <div className="history__reader-actions">
                {canRestore && (
                  <button type="button" className="button button--primary button--small" onClick={() => setConfirming(true)}>
                    Restore this version
                  </button>
                )}
                <button
                  type="button"
                  className="button button--small"
                  title="Compare this version with the current one"
                  onClick={() => {
                    const revision: CompareSide = { revisionId: selected.id, label: revisionLabel(selected) };
                    // Save first so the comparison shows the text as it is in the editor now.
                    void saveFirst().finally(() => setComparison({ before: revision, after: 'current' }));
                  }}
                >
                  Compare
                </button>
                <button type="button" className="button button--small" onClick={() => setSelected(null)}>
                  Close
                </button>
              </div>
            </div>
            <RevisionView key={selected.id} revisionId={selected.id} />
          </section>
        )}
      </div>
      {comparison && <CompareDialog storyId={storyId} before={comparison.before} after={comparison.after} onClose={() => setComparison(null)} />}
      <ConfirmDialog
        open={confirming}
        title="Restore this version?"
        message="The current text is kept in history."
        confirmLabel="Restore"
        busy={restoring}
        error={restoreError}
        onConfirm={() => void restore()}
        onCancel={() => {
          setConfirming(false);
          setRestoreError(null);
        }}
      />
    </aside>
  );
}
