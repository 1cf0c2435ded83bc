import { z } from 'zod';
import { Byline, Dateline, SectorId } from '../model/anatomy.ts';
import { SerializedDocumentSchema } from '../model/document.ts';
import { StoryId, StoryStatus, Timestamp } from '../model/story.ts';

/** Shapes that several methods of the contract share. */

export const Story = z.object({
  id: StoryId,
  headline: z.string(),
  standfirst: z.string(),
  body: SerializedDocumentSchema,
  /** Where and when the story was filed ("Chongqing-, Sep 06,2021"). */
  dateline: Dateline,
  /** Who is credited, in print order; printed with the publication's byline format. */
  byline: Byline,
  /** Sectors of the body's sector headings, in order of first appearance, each once. */
  sectors: z.array(SectorId),
  language: z.string(),
  status: StoryStatus,
  wordCount: z.number().int().min(0),
  /** Increases by one with every save; a save may name the revision it was based on. */
  revision: z.number().int().min(1),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  trashedAt: Timestamp.nullable(),
});
export type Story = z.infer<typeof Story>;

export const StorySummary = z.object({
  id: StoryId,
  headline: z.string(),
  status: StoryStatus,
  wordCount: z.number().int().min(0),
  updatedAt: Timestamp,
  trashedAt: Timestamp.nullable(),
  /** Sectors of the story's sections, in order (ids; labels come from settings). */
  sectors: z.array(SectorId),
  /** Open comment threads on the story. */
  commentCount: z.number().int().min(0),
  /**
   * For search results: an excerpt around the match. Matched terms are wrapped
   * in {@link SNIPPET_MARK}.start / .end so the UI can highlight them without
   * ever interpreting the text as HTML.
   */
  snippet: z.string().nullable(),
});
export type StorySummary = z.infer<typeof StorySummary>;

/** Private-use characters that bracket highlighted terms inside snippets. */
export const SNIPPET_MARK = { start: '\uE000', end: '\uE001' } as const;

export const LibraryView = z.enum(['library', 'trash']);
export type LibraryView = z.infer<typeof LibraryView>;


/** Input of methods that take nothing. */
export const Empty = z.object({}).strict();
