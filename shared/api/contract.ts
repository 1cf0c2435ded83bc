import { z } from 'zod';
import { StoryId } from '../model/story.ts';
import { appMethods } from './methods/app.ts';
import { storyMethods } from './methods/stories.ts';
import { mediaMethods } from './methods/media.ts';
import { settingsMethods } from './methods/settings.ts';
import { peopleMethods } from './methods/people.ts';
import { exportMethods } from './methods/export.ts';
import { transferMethods } from './methods/transfer.ts';
import { sessionMethods } from './methods/session.ts';
import { revisionMethods } from './methods/revisions.ts';
import { commentMethods } from './methods/comments.ts';
import { workflowMethods } from './methods/workflow.ts';
import { proposalMethods } from './methods/proposals.ts';
import { syncMethods, SyncStatus } from './methods/sync.ts';
import { hubPeopleMethods } from './methods/hubPeople.ts';

export * from './schemas.ts';

/**
 * The one contract between the renderer and the backend. Every call is
 * declared once, with the zod schemas of its input and output, in the method
 * table of its area (shared/api/methods/); both transports (Electron IPC and
 * browser-mode HTTP) and the backend's handlers are typed from this table.
 */
export const contract = {
  ...appMethods,
  ...storyMethods,
  ...mediaMethods,
  ...settingsMethods,
  ...peopleMethods,
  ...exportMethods,
  ...transferMethods,
  ...sessionMethods,
  ...revisionMethods,
  ...commentMethods,
  ...workflowMethods,
  ...proposalMethods,
  ...syncMethods,
  ...hubPeopleMethods,
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
  /** Publication settings (sectors, byline format, note templates) were changed. */
  'settings.changed': z.object({}),
  /** A proposal on the story was saved, sent, withdrawn or decided. */
  'proposals.changed': z.object({ storyId: StoryId }),
  /** The sync state changed (a push or pull ran, the outbox grew, the hub went away or came back). */
  'sync.changed': SyncStatus,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** The API a renderer sees, whatever the transport. */
export interface CopydeskApi {
  invoke<M extends MethodName>(name: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
