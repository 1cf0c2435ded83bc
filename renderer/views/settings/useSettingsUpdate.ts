import { useCallback, useState } from 'react';
import type { MethodInput } from '../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { useSettings } from '../../hooks/useSettings.ts';

/**
 * Sends one part of the publication settings. On success the shared settings
 * cache takes the reply at once; on failure the message is kept for the
 * section to show, and the caller keeps its draft so nothing typed is lost.
 */
export function useSettingsUpdate() {
  const api = useApi();
  const { put } = useSettings();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = useCallback(
    async (input: MethodInput<'settings.update'>): Promise<boolean> => {
      setBusy(true);
      try {
        put(await api.invoke('settings.update', input));
        setError(null);
        return true;
      } catch (reason) {
        setError(errorMessage(reason));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [api, put],
  );

  return { update, error, busy, clearError: useCallback(() => setError(null), []) };
}
