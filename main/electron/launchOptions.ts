import { isAbsolute, resolve } from 'node:path';

export interface LaunchOptions {
  /** Folder for the story store and Electron's own profile, when not the per-user default. */
  dataDir: string | null;
}

/**
 * Reads `--data-dir DIR` / `--data-dir=DIR` from the command line, else
 * `COPYDESK_DATA_DIR`. Relative paths are taken from the working directory.
 * Other arguments (Chromium switches, Playwright's) are ignored.
 */
export function parseLaunchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string): LaunchOptions {
  let fromFlag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) fromFlag = next;
      i++;
    } else if (arg.startsWith('--data-dir=')) {
      fromFlag = arg.slice('--data-dir='.length);
    }
  }
  const chosen = fromFlag || env.COPYDESK_DATA_DIR || '';
  if (chosen === '') return { dataDir: null };
  return { dataDir: isAbsolute(chosen) ? chosen : resolve(cwd, chosen) };
}
