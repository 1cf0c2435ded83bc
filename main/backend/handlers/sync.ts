import type { SyncEngine } from '../../sync/syncEngine.ts';
import type { HandlersFor } from '../context.ts';

/**
 * `sync.*`: connecting to the newsroom hub and what the status bar and the
 * sync preview show (DESIGN.md §7). The work is the sync engine's
 * (main/sync/syncEngine.ts), which runs in this process beside the store.
 */
export function createSyncHandlers(engine: SyncEngine) {
  return {
    'sync.status': () => engine.status(),
    'sync.connect': (input) => engine.connect(input),
    'sync.disconnect': () => engine.disconnect(),
    'sync.now': () => engine.syncNow(),
    'sync.preview': () => ({ items: engine.preview() }),
    'sync.conflicts': () => ({ items: engine.conflicts() }),
    'sync.resolveField': (input) => ({ items: engine.resolveField(input) }),
    'sync.refused': () => ({ items: engine.refused() }),
    'sync.dismissRefused': () => engine.dismissRefused(),
  } satisfies HandlersFor<'sync.'>;
}
