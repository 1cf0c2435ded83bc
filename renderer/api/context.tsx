import { createContext, useContext, type ReactNode } from 'react';
import type { ClientApi } from './types.ts';

const ApiContext = createContext<ClientApi | null>(null);

export function ApiProvider({ api, children }: { api: ClientApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): ClientApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it');
  return api;
}
