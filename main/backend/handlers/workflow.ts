import { monotonicFactory } from 'ulid';
import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import { STATUS_LABELS, type StoryStatus } from '../../../shared/model/story.ts';
import { unresolvedConflicts, unresolvedConflictsMessage } from '../../../shared/review/unresolvedConflicts.ts';
import { ACTION_LABELS, type TransitionAction } from '../../../shared/workflow/actions.ts';
import { transition } from '../../../shared/workflow/states.ts';
import type { WorkflowEvent, WorkflowState } from '../../store/workflow.ts';
import type { BackendContext, HandlersFor } from '../context.ts';

const GONE = 'That story no longer exists. It may have been deleted from the trash.';

/**
 * Moves that send the story's text on towards readers: a conflict block left
 * in it (shared/review/merge.ts) would go with neither version chosen. A
 * content check, not a permission, so it stays out of the pure policy.
 */
const NEEDS_RESOLVED_TEXT: Partial<Record<TransitionAction, string>> = {
  submit: 'submitting',
  approve: 'approving',
  schedule: 'scheduling',
  publish: 'publishing',
};

/**
 * `workflow.*`: moving a story through the desk (DESIGN.md §5). The permission
 * policy decides who may make each move; every move is written to the
 * story's timeline with its note and checkpointed in its history.
 */
export function createWorkflowHandlers(ctx: BackendContext) {
  const { db, stores, now, emit, access } = ctx;
  const workflow = stores.workflow;
  const newId = monotonicFactory();

  const stateOf = (storyId: string): WorkflowState => {
    const state = workflow.state(storyId);
    if (!state) throw new CopydeskError(ErrorCode.NOT_FOUND, GONE, { id: storyId });
    return state;
  };

  const publicState = (state: WorkflowState) => ({
    status: state.status,
    ownerId: state.ownerId,
    assigneeId: state.assigneeId,
    correction: state.correction,
    publishAt: state.publishAt,
  });

  const record = (
    storyId: string,
    action: string,
    from: StoryStatus,
    to: StoryStatus,
    note: string,
    at: string,
    revisionId: string | null = null,
  ): WorkflowEvent => {
    const profile = access.currentProfile();
    return workflow.record({
      id: newId(),
      storyId,
      actorId: profile?.id ?? null,
      actorName: profile?.name ?? '',
      action,
      fromStatus: from,
      toStatus: to,
      note,
      createdAt: at,
      revisionId,
    });
  };

  const changed = (storyId: string) => {
    const revision = stores.stories.getRaw(storyId)?.revision ?? 1;
    emit('story.changed', { id: storyId, revision });
    emit('library.changed', {});
  };

  return {
    'workflow.transition': ({ storyId, action, note, expectedStatus, publishAt }) => {
      const result = db
        .transaction(() => {
          const before = stateOf(storyId);
          if (before.trashedAt !== null) {
            throw new CopydeskError(ErrorCode.CONFLICT, 'This story is in the trash. Restore it to the library first.', { id: storyId });
          }
          // The person acted on a state that has since moved on (another window, another person).
          if (expectedStatus !== undefined && expectedStatus !== before.status) {
            throw new CopydeskError(ErrorCode.CONFLICT, `This story is already ${STATUS_LABELS[before.status].toLowerCase()}.`, {
              id: storyId,
              status: before.status,
            });
          }
          const actor = access.authorize(action, storyId);
          const to = transition(before.status, action, { intern: actor.role === 'intern' });
          if (to === null) {
            throw new CopydeskError(
              ErrorCode.CONFLICT,
              `This story is already ${STATUS_LABELS[before.status].toLowerCase()}; it cannot be moved that way now.`,
              { id: storyId, status: before.status },
            );
          }
          if (action === 'unpublish' && note === '') {
            throw new CopydeskError(ErrorCode.VALIDATION, 'A correction note is required', [
              { path: 'note', message: 'Say what was corrected: readers will see this note with the story' },
            ]);
          }
          if (action === 'schedule' && publishAt === undefined) {
            throw new CopydeskError(ErrorCode.VALIDATION, 'Choose when the story is to be published', [
              { path: 'publishAt', message: 'A publication time is required' },
            ]);
          }
          const doing = NEEDS_RESOLVED_TEXT[action];
          const body = doing === undefined ? undefined : stores.stories.get(storyId)?.body;
          const conflicts = body === undefined ? 0 : unresolvedConflicts(body);
          if (doing !== undefined && conflicts > 0) {
            const message = unresolvedConflictsMessage(conflicts, doing);
            throw new CopydeskError(ErrorCode.VALIDATION, message, [{ path: 'body', message }]);
          }
          const at = now().toISOString();
          if (!workflow.move(storyId, before.status, to, action === 'schedule' ? (publishAt ?? null) : null)) {
            throw new CopydeskError(ErrorCode.CONFLICT, 'This story moved on while you were acting. Look again before you try.', { id: storyId });
          }
          // Claiming takes the story for review; whoever claims it is its assignee.
          if (action === 'claim') workflow.setAssignee(storyId, actor.id);
          if (action === 'unpublish') workflow.setCorrection(storyId, note, at);
          // Every move is checkpointed; a story whose text has not changed since its last
          // checkpoint keeps that one (checkpoints are deduplicated), and the event points at it.
          const moved = `${STATUS_LABELS[before.status]} → ${STATUS_LABELS[to]}`;
          const checkpoint = ctx.revisions.checkpoint(storyId, action === 'submit' ? 'submit' : 'transition', {
            message: note ? `${moved}: ${note}` : `${moved} (${ACTION_LABELS[action]})`,
          });
          const event = record(storyId, action, before.status, to, note, at, checkpoint.revision.id);
          ctx.sync.transitioned(storyId, event.id, { action, note, expectedStatus: before.status, publishAt: action === 'schedule' ? publishAt : null });
          return { status: to, event, state: publicState(stateOf(storyId)) };
        })
        .immediate();
      changed(storyId);
      return result;
    },

    'workflow.timeline': ({ storyId }) => {
      const state = stateOf(storyId);
      return { items: workflow.timeline(storyId), state: publicState(state) };
    },

    'workflow.assign': ({ storyId, assigneeId, note }) => {
      const result = db
        .transaction(() => {
          const before = stateOf(storyId);
          access.authorize('assign', storyId);
          if (assigneeId !== null && !stores.profiles.get(assigneeId)) {
            throw new CopydeskError(ErrorCode.VALIDATION, 'That person is not on this workstation.', [
              { path: 'assigneeId', message: 'Unknown person' },
            ]);
          }
          workflow.setAssignee(storyId, assigneeId);
          const name = assigneeId === null ? null : stores.profiles.get(assigneeId)!.name;
          const text = name === null ? 'Unassigned' : `Assigned to ${name}`;
          const event = record(storyId, 'assign', before.status, before.status, note ? `${text}: ${note}` : text, now().toISOString());
          return { event, state: publicState(stateOf(storyId)) };
        })
        .immediate();
      changed(storyId);
      return result;
    },
  } satisfies HandlersFor<'workflow.'>;
}
