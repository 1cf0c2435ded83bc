import { useCallback, useEffect, useState } from 'react';
import type { ConflictItem, ResolveFieldInput } from '../../../shared/api/methods/sync.ts';
import { useApi } from '../../api/context.tsx';

export type FieldConflictValues = NonNullable<ConflictItem['fieldValues']>;

/**
 * The header fields of one story that a merge with the newsroom hub left for
 * a person to decide (`sync.conflicts`), read again whenever the sync state
 * or the story changes, and `resolve` to keep one side (`sync.resolveField`).
 */
export function useFieldConflicts(storyId: string) {
  const api = useApi();
  const [fields, setFields] = useState<FieldConflictValues>([]);

  const read = useCallback(() => {
    api
      .invoke('sync.conflicts', {})
      .then(({ items }) => setFields(items.find((item) => item.storyId === storyId)?.fieldValues ?? []))
      // Not connected, or the backend is busy: nothing to show; the next change reads again.
      .catch(() => undefined);
  }, [api, storyId]);

  useEffect(() => {
    read();
    const offSync = api.on('sync.changed', read);
    const offStory = api.on('story.changed', ({ id }) => {
      if (id === storyId) read();
    });
    return () => {
      offSync();
      offStory();
    };
  }, [api, read, storyId]);

  const resolve = useCallback(
    async (field: ResolveFieldInput['field'], choice: 'mine' | 'theirs') => {
      const { items } = await api.invoke('sync.resolveField', { storyId, field, choice });
      setFields(items.find((item) => item.storyId === storyId)?.fieldValues ?? []);
    },
    [api, storyId],
  );

  return { fields, resolve };
}
