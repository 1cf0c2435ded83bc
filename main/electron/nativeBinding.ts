import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where a packaged app carries its Electron-ABI SQLite driver (see scripts/lib/afterPack.mjs). */
export const PACKAGED_BINDING = ['native', 'better_sqlite3.node'] as const;

/**
 * The better-sqlite3 binary the worker should load. `npm start` builds one for
 * Electron's ABI and passes it in `COPYDESK_SQLITE_BINDING`; a packaged app
 * ships it in its resources folder. Undefined means "the package's own build",
 * which is Node's and fails under Electron with a clear ABI message.
 */
export function resolveNativeBinding(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
  resourcesPath: string,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  if (env.COPYDESK_SQLITE_BINDING) return env.COPYDESK_SQLITE_BINDING;
  if (isPackaged) {
    const packaged = join(resourcesPath, ...PACKAGED_BINDING);
    if (exists(packaged)) return packaged;
  }
  return undefined;
}
