import { useEffect, useRef, useState } from 'react';
import type { Story } from '../../shared/api/contract.ts';
import type { ClientApi } from '../api/types.ts';
import { Autosaver, type SaveMethod, type SaveReply, type SaveState, type StorySnapshot } from './autosave.ts';
import { registerPendingSave } from '../lib/pendingSaves.ts';

/** What the editor saves into: the story, or the person's draft proposal on it. */
export interface SaveTarget {
  method: SaveMethod;
  /** The revision the editor's text is at (the story's, or the draft's save counter). */
  revision: number;
  savedAt: Date;
}

/**
 * One Autosaver per open story, wired to the page's lifecycle: Ctrl/Cmd+S
 * saves now, hiding the window saves, closing or reloading the page sends
 * what is pending with a request that outlives the page, and leaving the
 * story (route change, unmount) saves before it goes. `onExplicitSave` runs
 * after a Ctrl/Cmd+S save succeeded (it checkpoints; autosave never does).
 * `target` and `onSaved` are read once: an editor saves into one place for
 * its whole life (pass a stable `onSaved`).
 */
export function useAutosaver(
  api: ClientApi,
  story: Story,
  snapshot: () => StorySnapshot,
  onExplicitSave?: () => void,
  target: SaveTarget = { method: 'stories.save', revision: story.revision, savedAt: new Date(story.updatedAt) },
  onSaved?: (reply: SaveReply) => void,
) {
  const explicitSaveRef = useRef(onExplicitSave);
  useEffect(() => {
    explicitSaveRef.current = onExplicitSave;
  }, [onExplicitSave]);
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: target.savedAt });
  const [saver] = useState(
    () =>
      new Autosaver({
        api,
        id: story.id,
        method: target.method,
        revision: target.revision,
        lastSavedAt: target.savedAt,
        snapshot,
        onState: setState,
        onSaved,
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
    // Before someone else starts writing, what this person typed is saved as theirs.
    const unregister = registerPendingSave(async () => {
      await saver.saveNow();
      return !saver.hasUnsavedChanges;
    });
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onUnload);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onUnload);
      window.removeEventListener('beforeunload', onUnload);
      unregister();
      void saver.saveNow();
      saver.detach();
    };
  }, [saver]);

  return { saver, state };
}
