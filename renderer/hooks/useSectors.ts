import { useEffect, useSyncExternalStore } from 'react';
import type { Sector } from '../../shared/model/anatomy.ts';
import { DEFAULT_PUBLICATION_SETTINGS, type PublicationSettings } from '../../shared/model/publication.ts';
import { useApi } from '../api/context.tsx';
import type { ClientApi } from '../api/types.ts';

/**
 * The publication settings every story renders with, shared by all
 * components of a window: loaded once per API client, reloaded when the
 * backend says they changed (so a sector renamed in Settings shows its new
 * label in every open story). Until they arrive, and if they cannot be
 * loaded, the defaults apply: a story stays readable either way.
 */
interface Store {
  value: PublicationSettings;
  listeners: Set<() => void>;
  loading: boolean;
  stop: (() => void) | null;
}

const stores = new WeakMap<ClientApi, Store>();

function storeFor(api: ClientApi): Store {
  let store = stores.get(api);
  if (!store) {
    store = { value: DEFAULT_PUBLICATION_SETTINGS, listeners: new Set(), loading: false, stop: null };
    stores.set(api, store);
  }
  return store;
}

function load(api: ClientApi, store: Store): void {
  if (store.loading) return;
  store.loading = true;
  api
    .invoke('settings.get', {})
    .then((value) => {
      store.value = value;
      for (const listener of store.listeners) listener();
    })
    // Settings are an enhancement of labels; the defaults keep every story usable.
    .catch(() => undefined)
    .finally(() => {
      store.loading = false;
    });
}

function subscribe(api: ClientApi, listener: () => void): () => void {
  const store = storeFor(api);
  store.listeners.add(listener);
  if (store.stop === null) {
    store.stop = api.on('settings.changed', () => load(api, store));
    load(api, store);
  }
  return () => {
    store.listeners.delete(listener);
    if (store.listeners.size === 0) {
      store.stop?.();
      store.stop = null;
    }
  };
}

/** Publication settings: sectors, byline format, contributor-note templates. */
export function usePublicationSettings(): PublicationSettings {
  const api = useApi();
  const store = storeFor(api);
  return useSyncExternalStore(
    (listener) => subscribe(api, listener),
    () => store.value,
    () => store.value,
  );
}

/** Every sector of the publication, retired ones included (stories keep using them). */
export function useSectors(): Sector[] {
  return usePublicationSettings().sectors;
}

/** Calls `onChange` with the settings whenever they change (for code outside React, e.g. exportDOM). */
export function usePublicationSettingsEffect(onChange: (settings: PublicationSettings) => void): void {
  const settings = usePublicationSettings();
  useEffect(() => onChange(settings), [settings, onChange]);
}
