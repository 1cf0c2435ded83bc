import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/api/contract.ts';
import type { StoryStatus } from '../../../shared/model/story.ts';
import { useApi } from '../../api/context.tsx';

export type WorkflowState = MethodOutput<'workflow.timeline'>['state'];

/**
 * Where a story stands in the workflow (status, assignee, correction note),
 * starting from what the editor opened and read again from the backend, and
 * whenever the story changes elsewhere (another window, another person).
 * `version` increases with every change, for views that depend on it.
 */
export function useWorkflowState(storyId: string, initialStatus: StoryStatus) {
  const api = useApi();
  const [state, setState] = useState<WorkflowState>({
    status: initialStatus,
    ownerId: null,
    assigneeId: null,
    correction: null,
    publishAt: null,
  });
  const [version, setVersion] = useState(0);

  const update = useCallback((next: WorkflowState) => {
    setState(next);
    setVersion((n) => n + 1);
  }, []);

  const reload = useCallback(() => {
    api
      .invoke('workflow.timeline', { storyId })
      .then((reply) => update(reply.state))
      .catch(() => undefined);
  }, [api, storyId, update]);

  useEffect(() => {
    reload();
    return api.on('story.changed', ({ id }) => {
      if (id === storyId) reload();
    });
  }, [api, reload, storyId]);

  return { state, version, update };
}
