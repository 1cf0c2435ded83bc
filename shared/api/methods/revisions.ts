import { z } from 'zod';
import { Byline, Dateline } from '../../model/anatomy.ts';
import { SerializedDocumentSchema } from '../../model/document.ts';
import { StoryId, Timestamp } from '../../model/story.ts';

/** A revision's id: the sha256 (64 lowercase hex digits) of its canonical JSON. */
export const RevisionId = z.string().regex(/^[0-9a-f]{64}$/, 'Revision id must be 64 lowercase hexadecimal digits');
export type RevisionId = z.infer<typeof RevisionId>;

/** Why a checkpoint was made (DESIGN.md §4). */
export const REVISION_KINDS = ['save', 'submit', 'merge', 'proposal', 'restore', 'transition', 'idle', 'import'] as const;
export const RevisionKind = z.enum(REVISION_KINDS);
export type RevisionKind = z.infer<typeof RevisionKind>;

/** How the History panel names each kind. */
export const REVISION_KIND_LABELS: Record<RevisionKind, string> = {
  save: 'Saved',
  submit: 'Submitted',
  merge: 'Merged',
  proposal: 'Proposal',
  restore: 'Restore',
  transition: 'Status change',
  idle: 'Autosaved checkpoint',
  import: 'Imported',
};

/** What a checkpoint keeps: the story's text and header, not its workflow state. */
export const RevisionSnapshot = z.object({
  headline: z.string(),
  standfirst: z.string(),
  dateline: Dateline,
  byline: Byline,
  language: z.string(),
  body: SerializedDocumentSchema,
});
export type RevisionSnapshot = z.infer<typeof RevisionSnapshot>;

export const RevisionSummary = z.object({
  id: RevisionId,
  storyId: StoryId,
  /** [] for a story's first checkpoint, one parent usually, two for a merge. */
  parents: z.array(RevisionId),
  authorId: z.string().nullable(),
  /** The author's name when the checkpoint was made. */
  authorName: z.string(),
  createdAt: Timestamp,
  kind: RevisionKind,
  message: z.string(),
  /** Bytes of canonical JSON, and bytes stored after compression. */
  sizeRaw: z.number().int().min(0),
  sizeStored: z.number().int().min(0),
});
export type RevisionSummary = z.infer<typeof RevisionSummary>;

export const RevisionMessage = z
  .string()
  .trim()
  .max(500, 'A checkpoint note is at most 500 characters')
  .refine((text) => !/[\p{Cc}]/u.test(text.replace(/[\n\t]/g, '')), 'A checkpoint note cannot contain control characters');

/** A story's history: checkpoints, opening one read-only, restoring one. */
export const revisionMethods = {
  /** The story's checkpoints, newest first, and which one is its head. */
  'revisions.list': {
    input: z.object({ storyId: StoryId }).strict(),
    output: z.object({ items: z.array(RevisionSummary), headId: RevisionId.nullable() }),
  },
  /** One checkpoint with its snapshot (for reading; a revision never changes). */
  'revisions.get': {
    input: z.object({ id: RevisionId }).strict(),
    output: RevisionSummary.extend({ snapshot: RevisionSnapshot }),
  },
  /**
   * An explicit checkpoint of the stored working copy (Ctrl/Cmd+S, after the
   * save). Content equal to the head's is not stored again: the head comes back
   * with `created: false`.
   */
  'revisions.checkpoint': {
    input: z
      .object({
        storyId: StoryId,
        kind: z.literal('save').default('save'),
        message: RevisionMessage.default(''),
      })
      .strict(),
    output: z.object({ revision: RevisionSummary, created: z.boolean() }),
  },
  /**
   * Makes `revisionId` the working copy again. The current working copy is
   * checkpointed first, and the restore is itself a revision whose parent is
   * that checkpoint: nothing is lost.
   */
  'revisions.restore': {
    input: z.object({ storyId: StoryId, revisionId: RevisionId }).strict(),
    output: z.object({
      /** The checkpoint of what was there before. */
      before: RevisionSummary,
      /** The new revision holding the restored version (the story's head). */
      restored: RevisionSummary,
      /** The story's working-copy revision number after the restore. */
      storyRevision: z.number().int().min(1),
    }),
  },
} as const;
