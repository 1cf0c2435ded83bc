import { useCallback, useEffect, useState } from 'react';
import type { ProposalSummary } from '../../../shared/api/methods/proposals.ts';
import { useApi } from '../../api/context.tsx';
import { useSession } from '../../session/SessionContext.tsx';

/**
 * The story's proposals the current person may see (`proposals.list`, newest
 * first), read again whenever one is saved, sent, withdrawn or decided
 * anywhere ('proposals.changed') and when the person switches. Null until
 * the first answer; a failed read keeps what was shown (the list is a
 * convenience beside the story, and the next change reads it again).
 */
export function useProposals(storyId: string): { items: ProposalSummary[] | null; reload: () => void } {
  const api = useApi();
  const personId = useSession().profile?.id;
  const [items, setItems] = useState<ProposalSummary[] | null>(null);
  const [reads, setReads] = useState(0);
  const reload = useCallback(() => setReads((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    api
      .invoke('proposals.list', { storyId })
      .then((reply) => live && setItems(reply.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, storyId, personId, reads]);

  useEffect(() => api.on('proposals.changed', (event) => event.storyId === storyId && reload()), [api, reload, storyId]);

  return { items, reload };
}
