import type Database from 'better-sqlite3';
import type { EventName, EventPayload, MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract.ts';
import type { StoriesStore } from '../store/stories.ts';
import type { MediaStore } from '../store/media.ts';
import type { PeopleStore } from '../store/people.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { RevisionsStore } from '../store/revisions.ts';
import type { ProfilesStore } from '../store/profiles.ts';
import type { CommentsStore } from '../store/comments.ts';
import type { WorkflowStore } from '../store/workflow.ts';
import type { ProposalsStore } from '../store/proposals.ts';
import type { Access } from './access.ts';
import type { Actor } from '../../shared/workflow/policy.ts';
import type { RevisionService } from './handlers/revisions.ts';
import type { SyncRecorder } from '../sync/recorder.ts';

/** What every area's handlers share: the open database, its stores, the clock, events. */
export interface BackendContext {
  db: Database.Database;
  dataDir: string;
  stores: {
    stories: StoriesStore;
    media: MediaStore;
    people: PeopleStore;
    settings: SettingsStore;
    revisions: RevisionsStore;
    profiles: ProfilesStore;
    comments: CommentsStore;
    workflow: WorkflowStore;
    proposals: ProposalsStore;
  };
  /** Checkpoints (explicit save, transitions, restore, merge, idle editing): see handlers/revisions.ts. */
  revisions: RevisionService;
  /**
   * The person acting (the current local profile; later a hub account) and the
   * permission policy applied to them: `ctx.actor()`, `ctx.access.authorize(action, storyId)`.
   */
  actor: () => Actor;
  access: Access;
  now: () => Date;
  /** Records changes the newsroom hub must know in the outbox, in the caller's transaction (main/sync/recorder.ts). */
  sync: SyncRecorder;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

/**
 * What a handler returns: its output, or a promise of it for work that cannot
 * be synchronous (image decoding with sharp). Such methods are answered by
 * `Backend.call`; `callSync` refuses them.
 */
export type HandlerResult<M extends MethodName> = MethodOutput<M> | Promise<MethodOutput<M>>;

/** A handler per contract method. */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => HandlerResult<M> };

/** The handlers of the methods whose names start with `Prefix` (e.g. 'stories.'). */
export type HandlersFor<Prefix extends string> = {
  [M in Extract<MethodName, `${Prefix}${string}`>]: (input: ParsedInput<M>) => HandlerResult<M>;
};
