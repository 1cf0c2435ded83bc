import { useEffect, useRef } from 'react';
import { useApi } from '../api/context.tsx';

/** Calls `onChange` (coalesced) when the backend says stories changed. */
export function useLibraryEvents(onChange: () => void, delay = 250): void {
  const api = useApi();
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    let timer: number | undefined;
    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => latest.current(), delay);
    };
    const offLibrary = api.on('library.changed', schedule);
    const offStory = api.on('story.changed', schedule);
    return () => {
      window.clearTimeout(timer);
      offLibrary();
      offStory();
    };
  }, [api, delay]);
}
