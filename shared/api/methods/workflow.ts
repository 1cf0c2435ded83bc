import { z } from 'zod';
import { TRANSITION_ACTIONS } from '../../workflow/actions.ts';
import { StoryId, StoryStatus, Timestamp } from '../../model/story.ts';
import { ProfileId } from './session.ts';

/** Actions that move a story between workflow states (DESIGN.md §5). */
export const TransitionAction = z.enum(TRANSITION_ACTIONS);
export type TransitionAction = z.infer<typeof TransitionAction>;

/** A note for the timeline (and the correction note of an unpublished story). */
export const WorkflowNote = z
  .string()
  .trim()
  .max(2000, 'A note is at most 2,000 characters')
  .refine((text) => !/[\p{Cc}]/u.test(text.replace(/[\n\t]/g, '')), 'A note cannot contain control characters');

export const WorkflowEvent = z.object({
  id: z.string(),
  storyId: StoryId,
  actorId: z.string().nullable(),
  /** The person's name when they made the move. */
  actorName: z.string(),
  /** A transition action, or 'assign'. */
  action: z.string(),
  fromStatus: StoryStatus,
  toStatus: StoryStatus,
  note: z.string(),
  createdAt: Timestamp,
  /** The checkpoint in History the story was moved at (null for assignments). */
  revisionId: z.string().nullable(),
});
export type WorkflowEvent = z.infer<typeof WorkflowEvent>;

/** The correction note of a published story that was taken down to be corrected: part of the story. */
export const Correction = z.object({ note: z.string(), at: z.string() });

export const WorkflowState = z.object({
  status: StoryStatus,
  ownerId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  correction: Correction.nullable(),
  /** When a scheduled story is due to be published. */
  publishAt: z.string().nullable(),
});

/** Moving a story through the desk, and its timeline. */
export const workflowMethods = {
  /**
   * Moves the story: the permission policy decides (FORBIDDEN with its
   * reason); `expectedStatus` is the state the person saw — if the story has
   * moved on since, CONFLICT. Unpublish needs a correction note, schedule a time.
   */
  'workflow.transition': {
    input: z
      .object({
        storyId: StoryId,
        action: TransitionAction,
        note: WorkflowNote.default(''),
        expectedStatus: StoryStatus.optional(),
        /** For schedule: when the story is due to be published. */
        publishAt: Timestamp.optional(),
      })
      .strict(),
    output: z.object({ status: StoryStatus, event: WorkflowEvent, state: WorkflowState }),
  },
  /** The story's timeline, newest first, and where it stands now. */
  'workflow.timeline': {
    input: z.object({ storyId: StoryId }).strict(),
    output: z.object({ items: z.array(WorkflowEvent), state: WorkflowState }),
  },
  /** Gives the story to someone on the desk to write or review (null: nobody). */
  'workflow.assign': {
    input: z.object({ storyId: StoryId, assigneeId: ProfileId.nullable(), note: WorkflowNote.default('') }).strict(),
    output: z.object({ event: WorkflowEvent, state: WorkflowState }),
  },
} as const;
