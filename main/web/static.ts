import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { mimeTypeFor, resolveInside } from '../common/staticFiles.ts';

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** Vite's hashed assets never change; everything else is revalidated. */
  immutable: boolean;
}

/**
 * Resolves a URL path to a file inside `root`, refusing anything that would
 * escape it (`..`, encoded separators, absolute paths). Unknown paths fall back
 * to index.html so client-side routes survive a reload.
 */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  const target = resolveInside(root, urlPath);
  if (target === null) return null;
  // A path with no extension is a client-side route: serve the app shell.
  const file = (await isFile(target)) ? target : extname(target) === '' ? join(resolve(root), 'index.html') : null;
  if (!file || !(await isFile(file))) return null;
  return {
    body: await readFile(file),
    contentType: mimeTypeFor(file),
    immutable: file.includes(`${sep}assets${sep}`),
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
