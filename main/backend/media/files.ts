import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MediaVariant } from '../../../shared/api/methods/media.ts';
import { sniffImage } from './sniff.ts';

/**
 * Where media bytes live: `<dataDir>/media/<aa>/<sha256>` for an original and
 * `<sha256>.r1600.webp` beside it for its rendition. Names are derived only
 * from a validated hex digest, so no request can name another file. No sharp
 * here: the Electron main process and browser mode import this to serve files.
 */
export const MEDIA_FOLDER = 'media';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function mediaRoot(dataDir: string): string {
  return join(dataDir, MEDIA_FOLDER);
}

/** Rendition file suffixes and their Content-Type. */
export const VARIANT_FILES: Readonly<Record<MediaVariant, { suffix: string; mime: string }>> = {
  r1600: { suffix: '.r1600.webp', mime: 'image/webp' },
};

/** The file of an original (variant null) or of one of its renditions. Throws on a malformed hash. */
export function mediaFilePath(dataDir: string, sha256: string, variant: MediaVariant | null = null): string {
  if (!isSha256Hex(sha256)) throw new Error('Not a sha256 hex digest');
  const name = variant === null ? sha256 : `${sha256}${VARIANT_FILES[variant].suffix}`;
  return join(mediaRoot(dataDir), sha256.slice(0, 2), name);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes bytes so that the target either does not exist or is complete: a
 * temp file in the same folder, fsync, rename over the target, fsync the
 * folder. With `expectSha256` the temp file is read back and hashed before
 * the rename, so a disk that silently mangles writes never yields a file
 * whose name lies about its contents.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array, expectSha256?: string): void {
  const folder = dirname(target);
  mkdirSync(folder, { recursive: true });
  const temp = join(folder, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (expectSha256 !== undefined && sha256Hex(readFileSync(temp)) !== expectSha256) {
      throw new Error('The image was not written correctly (its checksum differs after writing)');
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(folder);
}

/** Makes a rename durable; some platforms (Windows) cannot open a folder, which is fine there. */
function syncFolder(folder: string): void {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on platforms without directory fsync.
  } finally {
    closeSync(fd);
  }
}

/** True when the file exists and holds exactly the bytes its name promises. */
export function fileHasHash(path: string, sha256: string): boolean {
  try {
    return sha256Hex(readFileSync(path)) === sha256;
  } catch {
    return false;
  }
}

/**
 * Parses a media request path `/media/<sha256>` plus an optional
 * `variant=r1600` query; null for anything else (other names, `..`, encoded
 * separators, upper case, unknown variants).
 */
export function parseMediaRequest(pathname: string, variant: string | null): { sha256: string; variant: MediaVariant | null } | null {
  const match = /^\/media\/([0-9a-f]{64})$/.exec(pathname);
  if (!match) return null;
  if (variant === null || variant === '') return { sha256: match[1]!, variant: null };
  if (!Object.prototype.hasOwnProperty.call(VARIANT_FILES, variant)) return null;
  return { sha256: match[1]!, variant: variant as MediaVariant };
}

/**
 * Reads a stored original or rendition for serving, with its Content-Type.
 * The original's type comes from its own magic bytes: only files that passed
 * import validation are ever stored under a hash name, so this equals the
 * mime recorded in the media table without needing the database (the
 * Electron main process serves files while the store lives in a worker).
 */
export async function readMediaFile(
  dataDir: string,
  sha256: string,
  variant: MediaVariant | null,
): Promise<{ body: Buffer; mime: string } | null> {
  let body: Buffer;
  try {
    body = await readFile(mediaFilePath(dataDir, sha256, variant));
  } catch {
    return null;
  }
  if (variant !== null) return { body, mime: VARIANT_FILES[variant].mime };
  const sniffed = sniffImage(body);
  return sniffed.kind === 'image' ? { body, mime: sniffed.mime } : null;
}
