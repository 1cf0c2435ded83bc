import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { StorySummary } from '../../shared/api/contract.ts';
import type { StoryListState } from '../hooks/useStoryList.ts';
import { useNow } from '../hooks/useNow.ts';
import { PlaceholderRow, StoryRow, UNTITLED, type RowMode } from './StoryRow.tsx';

interface StoryListProps {
  list: StoryListState;
  mode: RowMode;
  label: string;
  /** Search results carry a snippet line, so their rows are taller. */
  withSnippets: boolean;
  onAction: (story: StorySummary, index: number) => void;
  /** Row to focus after the list changed under it (e.g. the row after one just trashed). */
  focusRequest?: { index: number; key: number } | null;
}

const ROW_HEIGHT = { plain: 60, snippet: 84 } as const;

/**
 * A virtualized list that stays smooth with 100,000 stories: only visible
 * rows are in the DOM, pages load as they scroll into view, and one row at a
 * time is in the tab order (arrow keys move between rows, Enter opens).
 */
export function StoryList({ list, mode, label, withSnippets, onAction, focusRequest }: StoryListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const now = useNow();
  const rowHeight = withSnippets ? ROW_HEIGHT.snippet : ROW_HEIGHT.plain;

  // TanStack Virtual is the chosen virtualizer; this component is simply not auto-memoized by React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: list.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  // Fetch the pages for what is on screen (with overscan).
  // Runs again whenever a page arrives, so pages missed during a reload are fetched too.
  const { showRange, rowAt } = list;
  useEffect(() => {
    showRange(first, last);
  }, [showRange, rowAt, first, last, list.total]);

  // Row heights change between browsing and searching.
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  // Keep the active row inside the list when it shrinks.
  const maxIndex = Math.max(0, list.total - 1);
  const activeIndex = Math.min(active, maxIndex);

  useEffect(() => {
    if (!focusRequest) return;
    pendingFocus.current = Math.min(focusRequest.index, maxIndex);
    setActive(Math.min(focusRequest.index, maxIndex));
    // Only a new request moves focus; later changes of maxIndex must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  // A row that loads (placeholder → story) or refreshes replaces the focused
  // element; if focus was in the list and fell to <body>, put it back.
  const focusInside = useRef(false);
  useLayoutEffect(() => {
    if (focusInside.current && pendingFocus.current === null && document.activeElement === document.body) {
      pendingFocus.current = activeIndex;
    }
    const index = pendingFocus.current;
    if (index === null || list.total === 0) return;
    const element = listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] [data-primary]`);
    if (element) {
      element.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(maxIndex, index));
    setActive(target);
    pendingFocus.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 1);
    const keys: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: maxIndex,
    };
    const target = keys[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    if (event.key === 'Delete' && mode === 'library') {
      const story = list.rowAt(activeIndex);
      if (story) {
        event.preventDefault();
        onAction(story, activeIndex);
      }
    }
  };

  return (
    <div ref={scrollRef} className="story-list__scroll">
      <div
        ref={listRef}
        role="list"
        aria-label={label}
        className="story-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          focusInside.current = true;
        }}
        onBlur={(event) => {
          const { relatedTarget, currentTarget, target } = event;
          if (relatedTarget) {
            if (!currentTarget.contains(relatedTarget)) focusInside.current = false;
            return;
          }
          // Focus went nowhere: a click on the page, or the row was re-rendered away.
          queueMicrotask(() => {
            if (target.isConnected) focusInside.current = false;
          });
        }}
      >
        {items.map((item) => {
          const story = list.rowAt(item.index);
          const isActive = item.index === activeIndex;
          const focusRow = () => setActive(item.index);
          return (
            <div
              key={item.index}
              role="listitem"
              aria-setsize={list.totalCapped ? -1 : list.total}
              aria-posinset={item.index + 1}
              aria-busy={story ? undefined : true}
              aria-label={mode === 'trash' && story ? story.headline.trim() || UNTITLED : undefined}
              data-index={item.index}
              className={`story-row${isActive ? ' story-row--active' : ''}${story ? '' : ' story-row--placeholder'}`}
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {story ? (
                <StoryRow
                  story={story}
                  mode={mode}
                  now={now}
                  active={isActive}
                  onAction={(s) => onAction(s, item.index)}
                  onFocusRow={focusRow}
                />
              ) : (
                <PlaceholderRow active={isActive} onFocusRow={focusRow} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
