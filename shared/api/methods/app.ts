import { z } from 'zod';
import { Empty } from '../schemas.ts';

/** About this Copydesk and its store. */
export const appMethods = {
  'app.info': {
    input: Empty,
    output: z.object({
      name: z.literal('Copydesk'),
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
    }),
  },
} as const;
