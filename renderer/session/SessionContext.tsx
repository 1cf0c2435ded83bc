import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MethodInput, MethodOutput } from '../../shared/api/contract.ts';
import type { Profile } from '../../shared/api/methods/session.ts';
import { useApi } from '../api/context.tsx';
import { ErrorCode } from '../../shared/api/errors.ts';
import { ApiCallError, errorMessage } from '../api/errors.ts';
import { flushPendingSaves, UNSAVED_BEFORE_SWITCH } from '../lib/pendingSaves.ts';

/**
 * Who is writing: the current local profile and everyone who writes on this
 * workstation. The backend decides what each person may do; this only says
 * who is asking. (Hub accounts will take the place of local profiles behind
 * the same context.)
 */
export interface Session {
  profile: Profile | null;
  profiles: Profile[];
  /** Adds a person and makes them the one writing. */
  createProfile(input: MethodInput<'session.createProfile'>): Promise<Profile>;
  switchTo(profileId: string): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; value: MethodOutput<'session.get'> };

/** Loads the session, then renders `children(session)`; a failure to load is shown with a retry. */
export function SessionProvider({ children }: { children: (session: Session) => ReactNode }) {
  const api = useApi();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  const load = useCallback(() => {
    api
      .invoke('session.get', {})
      .then((value) => setState({ kind: 'ready', value }))
      .catch((error: unknown) => setState({ kind: 'failed', message: errorMessage(error) }));
  }, [api]);
  useEffect(load, [load]);

  const createProfile = useCallback(
    async (input: MethodInput<'session.createProfile'>) => {
      if (!(await flushPendingSaves())) throw new ApiCallError({ code: ErrorCode.CONFLICT, message: UNSAVED_BEFORE_SWITCH });
      const { profile, profiles } = await api.invoke('session.createProfile', input);
      setState({ kind: 'ready', value: { profile, profiles } });
      return profile;
    },
    [api],
  );
  const switchTo = useCallback(
    async (profileId: string) => {
      if (!(await flushPendingSaves())) throw new ApiCallError({ code: ErrorCode.CONFLICT, message: UNSAVED_BEFORE_SWITCH });
      const { profile } = await api.invoke('session.switch', { profileId });
      setState((current) => (current.kind === 'ready' ? { kind: 'ready', value: { ...current.value, profile } } : current));
    },
    [api],
  );

  const session = useMemo<Session | null>(
    () => (state.kind === 'ready' ? { ...state.value, createProfile, switchTo } : null),
    [state, createProfile, switchTo],
  );

  if (state.kind === 'loading') {
    return (
      <p className="page-message__text" role="status">
        Opening Copydesk…
      </p>
    );
  }
  if (state.kind === 'failed' || !session) {
    return (
      <div className="page-message" role="alert">
        <p className="page-message__text">Copydesk could not tell who is writing: {state.kind === 'failed' ? state.message : ''}</p>
        <button type="button" className="button" onClick={load}>
          Try again
        </button>
      </div>
    );
  }
  return <SessionContext.Provider value={session}>{children(session)}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}
