import { monotonicFactory } from 'ulid';
import type { BackendContext, HandlersFor } from '../context.ts';

/** The contributor directory: autocomplete for bylines and contributor notes, and adding new names. */
export function createPeopleHandlers(ctx: BackendContext) {
  const { db, stores, now } = ctx;
  const people = stores.people;
  const newId = monotonicFactory();

  return {
    'people.list': ({ query, limit }) => ({ items: people.search(query, limit) }),

    'people.create': ({ name }) =>
      db.transaction(() => {
        // Adding a name twice (a double click, two windows) must not make two directory entries.
        const existing = people.findByName(name);
        if (existing) return { person: existing, created: false };
        return { person: people.create({ id: newId(), name, now: now().toISOString() }), created: true };
      }).immediate(),
  } satisfies HandlersFor<'people.'>;
}
