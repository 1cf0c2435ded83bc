import { useCallback, useState } from 'react';
import type { StorySummary } from '../../shared/api/contract.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { Icon } from '../components/Icon.tsx';
import { ListColumns, ListMessage } from '../components/ListStates.tsx';
import { useNotice } from '../components/Notice.tsx';
import { StoryList } from '../components/StoryList.tsx';
import { useLibraryEvents } from '../hooks/useLibraryEvents.ts';
import { useStoryList } from '../hooks/useStoryList.ts';
import { formatStoryCount } from '../lib/format.ts';

export default function TrashView() {
  const api = useApi();
  const notice = useNotice();
  const list = useStoryList('trash', '');
  const [confirming, setConfirming] = useState(false);
  const [emptying, setEmptying] = useState(false);
  const [emptyError, setEmptyError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ index: number; key: number } | null>(null);
  useLibraryEvents(list.refresh);

  const restore = useCallback(
    (story: StorySummary, index: number) => {
      api
        .invoke('stories.restore', { id: story.id })
        .then(() => {
          list.refresh();
          setFocusRequest({ index, key: Date.now() });
          notice.show({
            message: 'Restored to the library.',
            action: { label: 'Open', run: () => (window.location.hash = `#/story/${story.id}`) },
          });
        })
        .catch((error: unknown) => notice.show({ message: `The story was not restored. ${errorMessage(error)}`, tone: 'error' }));
    },
    [api, list, notice],
  );

  const emptyTrash = () => {
    setEmptying(true);
    setEmptyError(null);
    api
      .invoke('stories.emptyTrash', {})
      .then(({ deleted }) => {
        setConfirming(false);
        list.refresh();
        notice.show({ message: `${formatStoryCount(deleted)} permanently deleted.` });
      })
      .catch((error: unknown) => setEmptyError(errorMessage(error)))
      .finally(() => setEmptying(false));
  };

  const count = list.total;
  return (
    <section className="view" aria-labelledby="trash-title">
      <header className="view__header">
        <div className="view__heading">
          <h1 id="trash-title" className="view__title">
            Trash
          </h1>
          <p className="view__count" aria-live="polite">
            {list.ready ? formatStoryCount(count) : '\u00A0'}
          </p>
        </div>
        <button
          type="button"
          className="button button--danger-quiet"
          onClick={() => {
            setEmptyError(null);
            setConfirming(true);
          }}
          disabled={!list.ready || count === 0}
        >
          <Icon name="trash" size={16} />
          Empty trash
        </button>
      </header>
      <p className="view__hint">Stories in the trash stay here until you empty it. Restore one to keep working on it.</p>
      {list.error ? (
        <ListMessage title="The trash could not be loaded." tone="error">
          <p className="list-message__text">{list.error}</p>
          <button type="button" className="button" onClick={list.refresh}>
            Try again
          </button>
        </ListMessage>
      ) : list.ready && count === 0 ? (
        <ListMessage title="The trash is empty">
          <p className="list-message__text">Stories you move to the trash appear here, and can be restored until the trash is emptied.</p>
        </ListMessage>
      ) : (
        <>
          <ListColumns timeLabel="Trashed" />
          <StoryList list={list} mode="trash" label="Trashed stories" withSnippets={false} onAction={restore} focusRequest={focusRequest} />
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Empty the trash?"
        message={`Permanently delete ${formatStoryCount(count)}? This cannot be undone.`}
        confirmLabel="Delete permanently"
        busy={emptying}
        error={emptyError}
        onConfirm={emptyTrash}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
