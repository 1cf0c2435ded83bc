import { useCallback, useEffect, useState } from 'react';
import type { ConflictItem } from '../../shared/api/methods/sync.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { ListMessage } from '../components/ListStates.tsx';
import { useLibraryEvents } from '../hooks/useLibraryEvents.ts';
import { useNow } from '../hooks/useNow.ts';
import { routeHref } from '../hooks/useRoute.ts';
import { formatStoryCount } from '../lib/format.ts';
import { formatAbsolute, formatSavedAt } from '../lib/time.ts';
import { useSync } from '../sync/SyncContext.tsx';
import { describeConflict } from '../sync/syncText.ts';
import '../styles/sync.css';

type Load = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: ConflictItem[] };

/**
 * `#/conflicts`: the conflict queue — stories a merge could not finish on its
 * own, each waiting for a person to pick between versions in its conflict
 * blocks or header fields. Opening one opens the story in the editor, where
 * each conflict block offers Keep mine, Keep theirs and Keep both.
 */
export default function ConflictsView() {
  const api = useApi();
  const { status } = useSync();
  const now = useNow();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  const read = useCallback(() => {
    api
      .invoke('sync.conflicts', {})
      .then(({ items }) => setLoad({ kind: 'ready', items }))
      .catch((error: unknown) => setLoad({ kind: 'failed', message: errorMessage(error) }));
  }, [api]);
  // The sync state carries the conflict count: when it moves, or a story is edited (a block resolved), read again.
  const conflictCount = status?.conflicts;
  useEffect(read, [read, conflictCount]);
  useLibraryEvents(read);

  return (
    <section className="view conflicts-view" aria-labelledby="conflicts-title">
      <header className="view__header">
        <div className="view__heading">
          <h1 id="conflicts-title" className="view__title">
            Conflicts
          </h1>
          <p className="view__count" aria-live="polite">
            {load.kind === 'ready' ? formatStoryCount(load.items.length) : '\u00A0'}
          </p>
        </div>
      </header>
      <p className="view__hint">
        Where your version and the newsroom’s could not be merged, both are kept. Open a story and choose Keep mine, Keep theirs
        or Keep both in each conflict block.
      </p>
      {load.kind === 'failed' ? (
        <ListMessage title="The conflicts could not be loaded." tone="error">
          <p className="list-message__text">{load.message}</p>
          <button type="button" className="button" onClick={read}>
            Try again
          </button>
        </ListMessage>
      ) : load.kind === 'loading' ? null : load.items.length === 0 ? (
        <ListMessage title="No conflicts.">
          <p className="list-message__text">Stories that two people changed in the same place appear here.</p>
        </ListMessage>
      ) : (
        <ul className="conflict-list" aria-label="Stories with conflicts">
          {load.items.map((item) => (
            <li key={item.storyId}>
              <a className="conflict-row" href={routeHref({ name: 'story', id: item.storyId })}>
                <span className="conflict-row__headline">{item.headline.trim() || 'Untitled story'}</span>
                <span className="conflict-row__what">{describeConflict(item)}</span>
                <span className="conflict-row__since" title={formatAbsolute(item.since)}>
                  {`Since ${formatSavedAt(new Date(item.since), new Date(now))}`}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
