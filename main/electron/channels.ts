import type { EventName } from '../../shared/api/contract.ts';

/**
 * IPC channel names and the event allow-list shared by the main process and
 * the preload. Type-only imports keep this file (and so the sandboxed preload
 * bundle) free of zod and the contract's runtime code.
 */
export const CHANNELS = {
  /** renderer → main: `(name, input)` → Result. */
  invoke: 'copydesk:invoke',
  /** main → renderer: `(eventName, payload)`. */
  event: 'copydesk:event',
} as const;

/** Every event of the contract; the `satisfies` below and a unit test keep it complete. */
export const EVENT_NAMES = ['story.changed', 'library.changed', 'settings.changed', 'proposals.changed', 'sync.changed'] as const satisfies readonly EventName[];

// A contract event missing from EVENT_NAMES fails to compile here.
type MissingEvents = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const allEventsListed: [MissingEvents] extends [never] ? true : MissingEvents = true;
void allEventsListed;

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
