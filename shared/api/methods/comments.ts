import { z } from 'zod';
import { BlockId, PersonId } from '../../model/anatomy.ts';
import { StoryId, Timestamp } from '../../model/story.ts';
import { MAX_QUOTE } from '../../review/anchor.ts';

/** A comment's id (a ULID); a thread is named by its first comment's id. */
export const CommentId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Comment id must be a ULID');

export const MAX_COMMENT_LENGTH = 5000;

/** A comment's text: plain text (never HTML), 1–5,000 characters, no control characters but new lines and tabs. */
export const CommentBody = z
  .string()
  .trim()
  .min(1, 'Write a comment first')
  .max(MAX_COMMENT_LENGTH, `A comment is at most ${MAX_COMMENT_LENGTH.toLocaleString('en')} characters`)
  .refine((text) => !/[\p{Cc}]/u.test(text.replace(/[\n\t]/g, '')), 'A comment cannot contain control characters');

/** People the comment mentions (ids from the people directory or the workstation's profiles). */
export const Mentions = z
  .array(PersonId)
  .max(50, 'A comment mentions at most 50 people')
  .default([])
  .transform((ids) => [...new Set(ids)]);

/** Where a new comment points: the selected text in one block of the story's body. */
export const NewAnchor = z
  .object({
    blockId: BlockId,
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    quote: z.string().min(1, 'Select some text to comment on').max(MAX_QUOTE, `Select at most ${MAX_QUOTE.toLocaleString('en')} characters to comment on`),
  })
  .strict()
  .refine((a) => a.end - a.start === a.quote.length, 'The anchor\'s offsets do not match its quote');

/** Where a thread's text is now (re-anchored against the story as saved). */
export const CommentAnchor = z.object({
  blockId: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  quote: z.string(),
  prefix: z.string(),
  suffix: z.string(),
});
export type CommentAnchor = z.infer<typeof CommentAnchor>;

export const MentionedPerson = z.object({ id: z.string(), name: z.string() });

export const CommentItem = z.object({
  id: CommentId,
  authorId: z.string().nullable(),
  authorName: z.string(),
  body: z.string(),
  mentions: z.array(MentionedPerson),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
});
export type CommentItem = z.infer<typeof CommentItem>;

export const CommentThread = CommentItem.extend({
  storyId: StoryId,
  /** Where the text is now; for an orphaned thread, where it last was. */
  anchor: CommentAnchor,
  /** The commented text is no longer in the story. */
  orphaned: z.boolean(),
  /** The words as first commented on. */
  quote: z.string(),
  resolvedAt: Timestamp.nullable(),
  replies: z.array(CommentItem),
});
export type CommentThread = z.infer<typeof CommentThread>;

/** Comments anchored to phrases of a story: threads, replies, resolve and reopen (DESIGN.md §6). */
export const commentMethods = {
  /**
   * The story's threads, each re-anchored against the story as saved: anchored
   * threads in document order, then orphaned ones; `openCount` counts open threads.
   */
  'comments.list': {
    input: z.object({ storyId: StoryId }).strict(),
    output: z.object({ threads: z.array(CommentThread), openCount: z.number().int().min(0) }),
  },
  /** Starts a thread on the selected text (which must be in the story as saved). */
  'comments.create': {
    input: z.object({ storyId: StoryId, anchor: NewAnchor, body: CommentBody, mentions: Mentions }).strict(),
    output: CommentThread,
  },
  'comments.reply': {
    input: z.object({ threadId: CommentId, body: CommentBody, mentions: Mentions }).strict(),
    output: CommentThread,
  },
  'comments.resolve': {
    input: z.object({ threadId: CommentId }).strict(),
    output: CommentThread,
  },
  'comments.reopen': {
    input: z.object({ threadId: CommentId }).strict(),
    output: CommentThread,
  },
} as const;
