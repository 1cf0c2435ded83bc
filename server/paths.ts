import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The hub's default folder (PGlite's files, later media), per user like the
 * workstation's but separate from it: Linux `$XDG_DATA_HOME/copydesk-hub`
 * (or `~/.local/share/copydesk-hub`), macOS
 * `~/Library/Application Support/Copydesk Hub`, Windows
 * `%LOCALAPPDATA%\Copydesk Hub`.
 */
export function defaultHubDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Copydesk Hub');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Copydesk Hub');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'copydesk-hub');
}

/** `--data-dir` wins over `COPYDESK_HUB_DATA_DIR`, which wins over the per-user default. */
export function resolveHubDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.COPYDESK_HUB_DATA_DIR || defaultHubDataDir(env);
}
