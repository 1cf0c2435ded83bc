import { z } from 'zod';
import { SerializedDocumentSchema } from '../model/document.ts';
import {
  LIMITS,
  LanguageTag,
  StoryHeadline,
  StoryId,
  StoryStandfirst,
  StoryStatus,
  Timestamp,
} from '../model/story.ts';

/**
 * The one contract between the renderer and the backend. Every call is
 * declared here once, with the zod schemas of its input and output; both
 * transports (Electron IPC and browser-mode HTTP) and the backend's handlers
 * are typed from this table.
 */

export const Story = z.object({
  id: StoryId,
  headline: z.string(),
  standfirst: z.string(),
  body: SerializedDocumentSchema,
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

const Empty = z.object({}).strict();

export const contract = {
  'app.info': {
    input: Empty,
    output: z.object({
      name: z.literal('Copydesk'),
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
    }),
  },
  'stories.list': {
    input: z
      .object({
        view: LibraryView.default('library'),
        /** Any text a person types; it is never parsed as query syntax that could fail. */
        query: z.string().max(LIMITS.query, `Search text is longer than ${LIMITS.query} characters`).default(''),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
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

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** What a caller passes (defaults may be left out). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events the backend pushes to every open window. */
export const events = {
  /** A story changed outside this window (another window, or later: sync). */
  'story.changed': z.object({ id: StoryId, revision: z.number().int().min(1) }),
  /** The trash was emptied or a story moved in or out of it. */
  'library.changed': z.object({}),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** The API a renderer sees, whatever the transport. */
export interface CopydeskApi {
  invoke<M extends MethodName>(name: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
