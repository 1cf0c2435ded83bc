import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MethodInput } from '../../shared/api/contract.ts';
import type { SyncStatus } from '../../shared/api/methods/sync.ts';
import { ErrorCode } from '../../shared/api/errors.ts';
import { useApi } from '../api/context.tsx';
import { ApiCallError, errorMessage } from '../api/errors.ts';
import { flushPendingSaves } from '../lib/pendingSaves.ts';

/**
 * The workstation's sync with the newsroom hub, as every part of the window
 * sees it: the latest {@link SyncStatus} (from `sync.status`, then from each
 * `sync.changed` event and a re-read whenever the window gets focus) and the
 * four things a person can ask for. Sync runs in the backend; nothing here
 * waits on the hub before letting anyone type.
 */
export interface Sync {
  /** Null until the first answer (or when it could not be read: see `loadError`). */
  status: SyncStatus | null;
  loadError: string | null;
  refresh(): void;
  /** Saves open editors, signs in, and tells the session to re-read who is writing. Rejects with the hub's message. */
  connect(input: MethodInput<'sync.connect'>): Promise<SyncStatus>;
  /** Signs out; what is not uploaded stays in the outbox. */
  disconnect(): Promise<SyncStatus>;
  /** "Try again": one push and pull now; resolves with the state after it. */
  syncNow(): Promise<SyncStatus>;
}

const SyncContext = createContext<Sync | null>(null);

const UNSAVED_BEFORE = {
  connect: 'Your latest changes could not be saved, so Copydesk did not connect. Try again once the story says "Saved".',
  disconnect: 'Your latest changes could not be saved, so you are still signed in. Try again once the story says "Saved".',
} as const;

/**
 * Like Switch user: what was typed is saved as the person who typed it
 * before another one (the hub account, or the local profile again) takes over.
 */
async function saveOpenEditors(before: keyof typeof UNSAVED_BEFORE): Promise<void> {
  if (!(await flushPendingSaves())) throw new ApiCallError({ code: ErrorCode.CONFLICT, message: UNSAVED_BEFORE[before] });
}

interface SyncProviderProps {
  /**
   * Called after this window signed in or out: the person writing changed
   * (the hub account replaces the local profile), so the session is read again.
   */
  onAccountChange: () => void;
  children: ReactNode;
}

export function SyncProvider({ onAccountChange, children }: SyncProviderProps) {
  const api = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Every applied status bumps this. A `sync.status` answer that set out before a newer
  // event or action result arrived is older than what is shown, so it is dropped.
  const generation = useRef(0);
  const accountChanged = useRef(onAccountChange);
  useEffect(() => {
    accountChanged.current = onAccountChange;
  });

  const apply = useCallback((next: SyncStatus) => {
    generation.current += 1;
    setStatus(next);
    setLoadError(null);
  }, []);

  const refresh = useCallback(() => {
    const asked = generation.current;
    api
      .invoke('sync.status', {})
      .then((next) => {
        if (generation.current === asked) apply(next);
      })
      .catch((error: unknown) => {
        if (generation.current === asked) setLoadError(errorMessage(error));
      });
  }, [api, apply]);

  useEffect(() => {
    refresh();
    const off = api.on('sync.changed', apply);
    window.addEventListener('focus', refresh);
    return () => {
      off();
      window.removeEventListener('focus', refresh);
    };
  }, [api, apply, refresh]);

  const connect = useCallback(
    async (input: MethodInput<'sync.connect'>) => {
      await saveOpenEditors('connect');
      const next = await api.invoke('sync.connect', input);
      apply(next);
      accountChanged.current();
      return next;
    },
    [api, apply],
  );

  const disconnect = useCallback(async () => {
    await saveOpenEditors('disconnect');
    const next = await api.invoke('sync.disconnect', {});
    apply(next);
    accountChanged.current();
    return next;
  }, [api, apply]);

  const syncNow = useCallback(async () => {
    const next = await api.invoke('sync.now', {});
    apply(next);
    return next;
  }, [api, apply]);

  const value = useMemo<Sync>(
    () => ({ status, loadError, refresh, connect, disconnect, syncNow }),
    [status, loadError, refresh, connect, disconnect, syncNow],
  );
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

export function useSync(): Sync {
  const sync = useContext(SyncContext);
  if (!sync) throw new Error('useSync() needs a <SyncProvider> above it');
  return sync;
}
