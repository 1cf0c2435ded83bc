import { z } from 'zod';
import { StoryDraft } from '../../transfer/draft.ts';
import { Story } from '../schemas.ts';

/** Largest file the import dialog reads (web text, HTML, Word, ninjs). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** Importing stories from files: the draft is made in the renderer, then created here in one call. */
export const transferMethods = {
  /**
   * Creates a story from an import's draft in one step: headline, standfirst,
   * dateline, byline, language and body, validated as `stories.save`
   * validates them (a malformed body is VALIDATION and nothing is created).
   */
  'stories.import': {
    input: StoryDraft,
    output: Story,
  },
  /**
   * Checks a ninjs document against IPTC's ninjs 3.1 schema. Done here because
   * ajv compiles schemas with `new Function`, which the renderer's
   * Content-Security-Policy forbids.
   */
  'transfer.validateNinjs': {
    input: z
      .object({
        text: z.string().max(IMPORT_MAX_BYTES, 'The ninjs file is larger than 20 MB'),
      })
      .strict(),
    output: z.object({
      /** Empty when the document is valid ninjs 3.1; `json` false when it is not JSON at all. */
      json: z.boolean(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).max(200),
    }),
  },
} as const;
