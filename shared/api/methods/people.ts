import { z } from 'zod';
import { PersonId } from '../../model/anatomy.ts';
import { Timestamp } from '../../model/story.ts';

/** A person in the contributor directory (reporters, photographers, translators, interns …). */
export const Person = z.object({
  id: PersonId,
  name: z.string(),
  createdAt: Timestamp,
});
export type Person = z.infer<typeof Person>;

export const PersonName = z
  .string()
  .trim()
  .min(1, 'A person needs a name')
  .max(120, 'Name is longer than 120 characters')
  .refine((name) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(name.replace(/\u200d/g, '')), 'A name cannot contain control characters');

/** The contributor directory behind the byline editor's autocomplete. */
export const peopleMethods = {
  /**
   * People whose name, or any word of it, starts with `query` — ignoring case
   * and accents ("jose" finds "José Álvarez"); Chinese, Japanese and Korean
   * names match from any character ("小明" finds "王小明"). An empty query
   * lists everyone alphabetically, up to `limit`.
   */
  'people.list': {
    input: z
      .object({
        query: z.string().max(120, 'Search text is longer than 120 characters').default(''),
        limit: z.number().int().min(1).max(200).default(20),
      })
      .strict(),
    output: z.object({ items: z.array(Person) }),
  },
  /** Adds a person; a name already in the directory (same letters, any case) returns that person instead. */
  'people.create': {
    input: z.object({ name: PersonName }).strict(),
    output: z.object({ person: Person, created: z.boolean() }),
  },
} as const;
