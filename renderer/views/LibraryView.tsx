import { useCallback, useState } from 'react';
import type { StorySummary } from '../../shared/api/contract.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { ListColumns, ListMessage } from '../components/ListStates.tsx';
import { useNotice } from '../components/Notice.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { StoryList } from '../components/StoryList.tsx';
import { useDebouncedValue } from '../hooks/useDebouncedValue.ts';
import { useLibraryEvents } from '../hooks/useLibraryEvents.ts';
import { useSettings } from '../hooks/useSettings.ts';
import { sectorLabel } from '../../shared/model/publication.ts';
import { useStoryList } from '../hooks/useStoryList.ts';
import { formatResultCount, formatStoryCount } from '../lib/format.ts';
import { DeskTabs, DESK_EMPTY, StatusFilter, AssigneeFilter } from './library/DeskViews.tsx';
import type { DeskView } from '../../shared/api/methods/stories.ts';
import type { StoryStatus } from '../../shared/model/story.ts';

const SEARCH_DELAY_MS = 150;

const DESK_LIST_LABELS: Record<DeskView, string> = {
  all: 'Stories',
  mine: 'My stories',
  review_queue: 'Review queue',
  needs_signoff: 'Needs my sign-off',
};

export default function LibraryView({ onNewStory }: { onNewStory: () => void }) {
  const api = useApi();
  const notice = useNotice();
  const [query, setQuery] = useState('');
  const settledQuery = useDebouncedValue(query.trim() === '' ? '' : query, SEARCH_DELAY_MS);
  const searching = settledQuery.trim() !== '';
  const [sector, setSector] = useState('');
  const { settings } = useSettings();
  const [desk, setDesk] = useState<DeskView>('all');
  const [status, setStatus] = useState<StoryStatus | ''>('');
  const [assignee, setAssignee] = useState('');
  const list = useStoryList('library', settledQuery, sector || undefined, {
    desk,
    ...(status ? { status } : {}),
    ...(assignee ? { assigneeId: assignee } : {}),
  });
  const filtered = desk !== 'all' || status !== '' || assignee !== '';
  const [focusRequest, setFocusRequest] = useState<{ index: number; key: number } | null>(null);
  useLibraryEvents(list.refresh);

  const trash = useCallback(
    (story: StorySummary, index: number) => {
      api
        .invoke('stories.trash', { id: story.id })
        .then(() => {
          list.refresh();
          setFocusRequest({ index, key: Date.now() });
          notice.show({
            message: 'Moved to trash.',
            action: {
              label: 'Undo',
              run: () => {
                api
                  .invoke('stories.restore', { id: story.id })
                  .then(() => list.refresh())
                  .catch((error: unknown) => notice.show({ message: errorMessage(error), tone: 'error' }));
              },
            },
          });
        })
        .catch((error: unknown) => notice.show({ message: `The story was not moved to the trash. ${errorMessage(error)}`, tone: 'error' }));
    },
    [api, list, notice],
  );

  const count = list.ready
    ? searching
      ? formatResultCount(list.total, list.totalCapped)
      : formatStoryCount(list.total)
    : '\u00A0';

  return (
    <section className="view" aria-labelledby="library-title">
      <header className="view__header">
        <div className="view__heading">
          <h1 id="library-title" className="view__title">
            Library
          </h1>
          <p className="view__count" aria-live="polite">
            {count}
          </p>
        </div>
        <div className="view__tools">
          <SearchBox value={query} onChange={setQuery} label="Search stories" placeholder="Search headlines and text" />
        </div>
      </header>
      <div className="desk-bar">
        <DeskTabs value={desk} onChange={setDesk} />
        <div className="desk-bar__filters">
          <StatusFilter value={status} onChange={setStatus} />
          <AssigneeFilter value={assignee} onChange={setAssignee} />
          <SectorFilter value={sector} onChange={setSector} />
        </div>
      </div>
      {list.error ? (
        <ListMessage title="The library could not be loaded." tone="error">
          <p className="list-message__text">{list.error}</p>
          <button type="button" className="button" onClick={list.refresh}>
            Try again
          </button>
        </ListMessage>
      ) : list.ready && list.total === 0 ? (
        filtered && !searching ? (
          <ListMessage title={desk !== 'all' && status === '' && assignee === '' ? DESK_EMPTY[desk].title : 'No stories match these filters.'}>
            <p className="list-message__text">
              {desk !== 'all' && status === '' && assignee === '' ? DESK_EMPTY[desk].text : 'Try another status or person, or show every story.'}
            </p>
            <button
              type="button"
              className="button"
              onClick={() => {
                setDesk('all');
                setStatus('');
                setAssignee('');
                setSector('');
              }}
            >
              Show all stories
            </button>
          </ListMessage>
        ) : sector && !searching ? (
          <ListMessage title={`No stories have a \u201C${sectorLabel(settings.sectors, sector)}\u201D section.`}>
            <p className="list-message__text">Stories appear here once they have a sector heading for it.</p>
            <button type="button" className="button" onClick={() => setSector('')}>
              Show all sectors
            </button>
          </ListMessage>
        ) : searching ? (
          <ListMessage title={`No stories match \u201C${settledQuery.trim()}\u201D.`}>
            <p className="list-message__text">Check the spelling, or try fewer or shorter words.</p>
          </ListMessage>
        ) : (
          <ListMessage title="No stories yet">
            <p className="list-message__text">Every story you write lives here, newest first. Start with a headline or a first line.</p>
            <button type="button" className="button button--primary" onClick={onNewStory}>
              New story
            </button>
          </ListMessage>
        )
      ) : (
        <>
          <ListColumns timeLabel="Updated" />
          <StoryList
            list={list}
            mode="library"
            label={searching ? 'Search results' : DESK_LIST_LABELS[desk]}
            withSnippets={searching}
            onAction={trash}
            focusRequest={focusRequest}
          />
        </>
      )}
    </section>
  );
}

/** Library filter: only stories with a section of one sector. Retired sectors stay selectable (old stories use them). */
function SectorFilter({ value, onChange }: { value: string; onChange: (sector: string) => void }) {
  const { settings } = useSettings();
  const active = settings.sectors.filter((s) => !s.retired);
  const retired = settings.sectors.filter((s) => s.retired);
  return (
    <select className="select library-filter" aria-label="Filter by sector" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">All sectors</option>
      {active.map((s) => (
        <option key={s.id} value={s.id}>
          {s.label}
        </option>
      ))}
      {retired.length > 0 && (
        <optgroup label="Retired">
          {retired.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </optgroup>
      )}
      {value !== '' && !settings.sectors.some((s) => s.id === value) && <option value={value}>{value}</option>}
    </select>
  );
}
