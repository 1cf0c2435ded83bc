import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Embedded PGlite is one process's database: a second process opening the
 * same folder would corrupt it. A lock file with the owner's pid keeps a
 * second hub (or `admin create` beside a running hub) out, and a lock left
 * by a process that no longer runs is taken over. Several hub processes
 * share a PostgreSQL server instead (DATABASE_URL).
 */
export class DataDirBusyError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `Another Copydesk hub process (pid ${pid}) is using ${dataDir}. Stop it first; ` +
        'to run several hub processes, give them one PostgreSQL server with DATABASE_URL.',
    );
    this.name = 'DataDirBusyError';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock; returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'hub.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) throw new DataDirBusyError(dataDir, pid);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
