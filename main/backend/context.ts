import type Database from 'better-sqlite3';
import type { EventName, EventPayload, MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract.ts';
import type { StoriesStore } from '../store/stories.ts';

/** What every area's handlers share: the open database, its stores, the clock, events. */
export interface BackendContext {
  db: Database.Database;
  dataDir: string;
  stores: {
    stories: StoriesStore;
  };
  now: () => Date;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

/** A handler per contract method. */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> };

/** The handlers of the methods whose names start with `Prefix` (e.g. 'stories.'). */
export type HandlersFor<Prefix extends string> = {
  [M in Extract<MethodName, `${Prefix}${string}`>]: (input: ParsedInput<M>) => MethodOutput<M>;
};
