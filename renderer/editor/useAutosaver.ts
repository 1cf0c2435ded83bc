import { useEffect, useRef, useState } from 'react';
import type { Story } from '../../shared/api/contract.ts';
import type { ClientApi } from '../api/types.ts';
import { Autosaver, type SaveState, type StorySnapshot } from './autosave.ts';

/**
 * One Autosaver per open story, wired to the page's lifecycle: Ctrl/Cmd+S
 * saves now, hiding the window saves, closing or reloading the page sends
 * what is pending with a request that outlives the page, and leaving the
 * story (route change, unmount) saves before it goes. `onExplicitSave` runs
 * after a Ctrl/Cmd+S save succeeded (it checkpoints; autosave never does).
 */
export function useAutosaver(api: ClientApi, story: Story, snapshot: () => StorySnapshot, onExplicitSave?: () => void) {
  const explicitSaveRef = useRef(onExplicitSave);
  useEffect(() => {
    explicitSaveRef.current = onExplicitSave;
  }, [onExplicitSave]);
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: new Date(story.updatedAt) });
  const [saver] = useState(
    () =>
      new Autosaver({
        api,
        id: story.id,
        revision: story.revision,
        lastSavedAt: new Date(story.updatedAt),
        snapshot,
        onState: setState,
      }),
  );

  useEffect(() => {
    saver.attach();
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saver.saveNow().then(() => {
          if (saver.currentState.kind === 'saved') explicitSaveRef.current?.();
        });
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void saver.saveNow();
    };
    const onUnload = () => saver.flushOnUnload();
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onUnload);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onUnload);
      window.removeEventListener('beforeunload', onUnload);
      void saver.saveNow();
      saver.detach();
    };
  }, [saver]);

  return { saver, state };
}
