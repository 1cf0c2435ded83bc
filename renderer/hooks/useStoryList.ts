import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryView, StorySummary } from '../../shared/api/contract.ts';
import type { DeskView } from '../../shared/api/methods/stories.ts';
import type { StoryStatus } from '../../shared/model/story.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';

export const PAGE_SIZE = 100;

/** The desk's views and filters on the library (see `stories.list`). */
export interface DeskFilters {
  desk?: DeskView;
  status?: StoryStatus;
  assigneeId?: string;
}

export interface StoryListState {
  /** False until the first reply for the current view and query. */
  ready: boolean;
  total: number;
  totalCapped: boolean;
  error: string | null;
  /** The story at a row, or undefined while its page loads. */
  rowAt(index: number): StorySummary | undefined;
  /** Tells the list which rows are on screen, so their pages get fetched. */
  showRange(start: number, end: number): void;
  /** Fetches the visible pages again, keeping what is shown until they arrive. */
  refresh(): void;
}

interface Snapshot {
  generation: number;
  pages: Map<number, StorySummary[]>;
  total: number;
  totalCapped: boolean;
}

/**
 * A paged, on-demand view of `stories.list` for a virtualized list of any
 * size: only pages that come on screen are fetched, `total` sizes the scroll
 * area, and replies for an older query or view are ignored.
 */
export function useStoryList(view: LibraryView, query: string, sector?: string, filters: DeskFilters = {}): StoryListState {
  const { desk, status, assigneeId } = filters;
  const api = useApi();
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const current = useRef<Snapshot | null>(null);
  const pending = useRef(new Set<number>());
  const range = useRef({ start: 0, end: 0 });

  const fetchPage = useCallback(
    (page: number, gen: number) =>
      api
        .invoke('stories.list', {
          view,
          query,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
          ...(sector ? { sector } : {}),
          ...(desk ? { desk } : {}),
          ...(status ? { status } : {}),
          ...(assigneeId ? { assigneeId } : {}),
        })
        .then((reply) => ({ page, gen, reply })),
    [api, view, query, sector, desk, status, assigneeId],
  );

  /** Loads the pages covering the visible range into a fresh snapshot, then swaps it in. */
  const reload = useCallback(() => {
    const gen = ++generation.current;
    pending.current = new Set();
    const pages = pagesFor(range.current.start, range.current.end);
    Promise.all(pages.map((page) => fetchPage(page, gen)))
      .then((replies) => {
        if (gen !== generation.current) return;
        const next: Snapshot = { generation: gen, pages: new Map(), total: 0, totalCapped: false };
        for (const { page, reply } of replies) {
          next.pages.set(page, reply.items);
          next.total = reply.total;
          next.totalCapped = reply.totalCapped;
        }
        current.current = next;
        setSnapshot(next);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (gen === generation.current) setError(errorMessage(reason));
      });
  }, [fetchPage]);

  // A new view, query or sector filter starts from the top.
  useEffect(() => {
    range.current = { start: 0, end: 0 };
    reload();
  }, [reload]);

  const showRange = useCallback(
    (start: number, end: number) => {
      range.current = { start, end };
      const snap = current.current;
      if (!snap) return;
      for (const page of pagesFor(start, end)) {
        if (snap.pages.has(page) || pending.current.has(page) || page * PAGE_SIZE >= snap.total) continue;
        pending.current.add(page);
        const gen = snap.generation;
        fetchPage(page, gen)
          .then(({ reply }) => {
            // Merge into whatever is current now: other pages may have arrived meanwhile.
            const latest = current.current;
            if (gen !== generation.current || latest?.generation !== gen) return;
            const next: Snapshot = {
              ...latest,
              pages: new Map(latest.pages).set(page, reply.items),
              total: reply.total,
              totalCapped: reply.totalCapped,
            };
            current.current = next;
            setSnapshot(next);
          })
          .catch((reason: unknown) => {
            if (gen === generation.current) setError(errorMessage(reason));
          })
          .finally(() => pending.current.delete(page));
      }
    },
    [fetchPage],
  );

  const rowAt = useCallback(
    (index: number) => snapshot?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [snapshot],
  );

  return {
    ready: snapshot !== null,
    total: snapshot?.total ?? 0,
    totalCapped: snapshot?.totalCapped ?? false,
    error,
    rowAt,
    showRange,
    refresh: reload,
  };
}

function pagesFor(start: number, end: number): number[] {
  const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
  const last = Math.floor(Math.max(start, end) / PAGE_SIZE);
  const pages: number[] = [];
  for (let page = first; page <= last; page++) pages.push(page);
  return pages;
}
