import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Copydesk';

/**
 * The per-user folder Electron uses as `app.getPath('userData')` for a product
 * named Copydesk, so browser mode and the desktop app share one story store:
 * Linux `$XDG_CONFIG_HOME/Copydesk` (or `~/.config/Copydesk`), macOS
 * `~/Library/Application Support/Copydesk`, Windows `%APPDATA%\Copydesk`.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

/** `--data-dir` wins over `COPYDESK_DATA_DIR`, which wins over the per-user default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.COPYDESK_DATA_DIR || defaultDataDir(env);
}
