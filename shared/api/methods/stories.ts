import { z } from 'zod';
import { Byline, Dateline, SectorId } from '../../model/anatomy.ts';
import { SerializedDocumentSchema } from '../../model/document.ts';
import { LIMITS, LanguageTag, StoryHeadline, StoryId, StoryStandfirst, StoryStatus, Timestamp } from '../../model/story.ts';
import { Empty, LibraryView, Story, StorySummary } from '../schemas.ts';
import { ProfileId } from './session.ts';

/**
 * The library's desk views: 'mine' = stories the current person owns or is
 * assigned; 'review_queue' = submitted or in review; 'needs_signoff' = interns'
 * stories waiting for the current person, their supervisor.
 */
export const DeskView = z.enum(['all', 'mine', 'review_queue', 'needs_signoff']);
export type DeskView = z.infer<typeof DeskView>;

/** The library and the story editor. */
export const storyMethods = {
  'stories.list': {
    input: z
      .object({
        view: LibraryView.default('library'),
        /** Any text a person types; it is never parsed as query syntax that could fail. */
        query: z.string().max(LIMITS.query, `Search text is longer than ${LIMITS.query} characters`).default(''),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        /** Only stories with a section of this sector. */
        sector: SectorId.optional(),
        /** One of the desk's views (library only). */
        desk: DeskView.default('all'),
        /** Only stories in this workflow state. */
        status: StoryStatus.optional(),
        /** Only stories assigned to this person. */
        assigneeId: ProfileId.optional(),
      })
      .strict(),
    output: z.object({
      items: z.array(StorySummary),
      /** Number of stories in the view (or search matches, up to `totalCap`). */
      total: z.number().int().min(0),
      /** True when a search matched more than could be counted quickly. */
      totalCapped: z.boolean(),
    }),
  },
  'stories.create': {
    input: z
      .object({
        headline: StoryHeadline.default(''),
        language: LanguageTag.default('en'),
      })
      .strict(),
    output: Story,
  },
  'stories.get': {
    input: z.object({ id: StoryId }).strict(),
    output: Story,
  },
  'stories.save': {
    input: z
      .object({
        id: StoryId,
        headline: StoryHeadline,
        standfirst: StoryStandfirst,
        body: SerializedDocumentSchema,
        language: LanguageTag.optional(),
        /** Left out: the stored dateline stays. */
        dateline: Dateline.optional(),
        /** Left out: the stored byline stays. */
        byline: Byline.optional(),
        /** The revision this edit started from; a different stored revision is a CONFLICT. */
        baseRevision: z.number().int().min(1).optional(),
      })
      .strict(),
    output: z.object({
      id: StoryId,
      revision: z.number().int().min(1),
      updatedAt: Timestamp,
      wordCount: z.number().int().min(0),
    }),
  },
  'stories.trash': {
    input: z.object({ id: StoryId }).strict(),
    output: z.object({ id: StoryId, trashedAt: Timestamp }),
  },
  'stories.restore': {
    input: z.object({ id: StoryId }).strict(),
    output: z.object({ id: StoryId }),
  },
  'stories.emptyTrash': {
    input: Empty,
    output: z.object({ deleted: z.number().int().min(0) }),
  },
} as const;
