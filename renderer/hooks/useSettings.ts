import { useCallback, useSyncExternalStore } from 'react';
import { DEFAULT_PUBLICATION_SETTINGS, type PublicationSettings } from '../../shared/model/publication.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import type { ClientApi } from '../api/types.ts';

export interface SettingsState {
  /** The publication's settings; the built-in defaults until the first load arrives. */
  settings: PublicationSettings;
  /** False until the stored settings have been read. */
  loaded: boolean;
  /** Why the last load failed, if it did (the defaults or the last good copy stay in use). */
  error: string | null;
}

interface SettingsCache {
  state: SettingsState;
  listeners: Set<() => void>;
  load(): void;
  /** Takes a reply of `settings.update` without waiting for the event round trip. */
  put(settings: PublicationSettings): void;
}

/** One cache per API (one per window): every component shares a single load. */
const caches = new WeakMap<ClientApi, SettingsCache>();

function cacheFor(api: ClientApi): SettingsCache {
  const existing = caches.get(api);
  if (existing) return existing;
  let generation = 0;
  const cache: SettingsCache = {
    state: { settings: DEFAULT_PUBLICATION_SETTINGS, loaded: false, error: null },
    listeners: new Set(),
    load() {
      const gen = ++generation;
      api
        .invoke('settings.get', {})
        .then((settings) => gen === generation && set({ settings, loaded: true, error: null }))
        .catch((reason: unknown) => gen === generation && set({ ...cache.state, error: errorMessage(reason) }));
    },
    put(settings) {
      generation++;
      set({ settings, loaded: true, error: null });
    },
  };
  const set = (state: SettingsState) => {
    cache.state = state;
    for (const listener of cache.listeners) listener();
  };
  caches.set(api, cache);
  // Changed in Settings (this window or another): read them again.
  api.on('settings.changed', () => cache.load());
  cache.load();
  return cache;
}

/**
 * The publication settings (sectors, byline format, note templates), loaded
 * once per window and refreshed whenever the backend says they changed.
 */
export function useSettings(): SettingsState & { put: (settings: PublicationSettings) => void } {
  const api = useApi();
  const cache = cacheFor(api);
  const subscribe = useCallback(
    (listener: () => void) => {
      cache.listeners.add(listener);
      return () => cache.listeners.delete(listener);
    },
    [cache],
  );
  const state = useSyncExternalStore(subscribe, () => cache.state);
  return { ...state, put: cache.put };
}
