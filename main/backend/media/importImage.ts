import { statSync } from 'node:fs';
import sharp from 'sharp';
import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import { MEDIA_MAX_BYTES, tooLargeMessage, type MediaInfo } from '../../../shared/api/methods/media.ts';
import type { MediaRef } from '../../../shared/model/anatomy.ts';
import type { MediaStore } from '../../store/media.ts';
import { fileHasHash, mediaFilePath, sha256Hex, writeFileAtomic } from './files.ts';
import { readEmbeddedMetadata } from './metadata.ts';
import { pngIsComplete, sniffImage } from './sniff.ts';

/** Longest side and pixel count Copydesk accepts; a 100-megapixel medium-format frame fits. */
export const MAX_IMAGE_SIDE = 30_000;
export const MAX_IMAGE_PIXELS = 200_000_000;
/** The editor's rendition: at most this wide, WebP. */
export const RENDITION_WIDTH = 1600;

const SHARP_FORMAT: Record<MediaRef['mime'], string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

const FORMAT_NAME: Record<MediaRef['mime'], string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
};

export interface MediaImportDeps {
  dataDir: string;
  media: MediaStore;
  now: () => Date;
}

export type ImportedMedia = MediaInfo & { existing: boolean };

const refuse = (message: string, details?: unknown) => new CopydeskError(ErrorCode.VALIDATION, message, details);

export function notAnImageMessage(fileName: string, description: string): string {
  return `“${fileName}” is not an image Copydesk can use (${description}). Choose a JPEG, PNG, WebP or GIF file.`;
}

export function damagedMessage(fileName: string, format: string): string {
  return `“${fileName}” is damaged or incomplete: its ${format} data ends too early or cannot be read, so Copydesk cannot show it. Copy or download the file again and retry.`;
}

/**
 * Stores one image in the content-addressed media store and returns what a
 * figure needs. Nothing is written unless the whole file decodes:
 *
 * 1. size limit, then the real type from magic bytes (the extension is ignored);
 * 2. dimensions from the header, refused when absurd (before any full decode);
 * 3. a full decode, which also makes the downscaled rendition — a truncated or
 *    corrupt file fails here;
 * 4. embedded IPTC/XMP metadata;
 * 5. original and rendition written atomically (hash verified), then the row.
 *
 * The same bytes imported twice are stored once (`existing: true`).
 * Also used by importers (e.g. images inside a .docx).
 */
export async function importImage(deps: MediaImportDeps, fileName: string, bytes: Buffer): Promise<ImportedMedia> {
  if (bytes.length > MEDIA_MAX_BYTES) throw refuse(tooLargeMessage(fileName, bytes.length));
  const sniffed = sniffImage(bytes);
  if (sniffed.kind !== 'image') throw refuse(notAnImageMessage(fileName, sniffed.description));
  const mime = sniffed.mime;
  const format = FORMAT_NAME[mime];
  const sha256 = sha256Hex(bytes);
  const originalPath = mediaFilePath(deps.dataDir, sha256);
  const renditionPath = mediaFilePath(deps.dataDir, sha256, 'r1600');

  const known = deps.media.get(sha256);
  if (known && fileHasHash(originalPath, sha256)) {
    // Already stored and validated once; only a lost rendition is remade.
    if (!fileHasAnyBytes(renditionPath)) writeStored(renditionPath, await makeRendition(bytes, fileName, format));
    return { ...known, existing: true };
  }

  if (mime === 'image/png' && !pngIsComplete(bytes)) throw refuse(damagedMessage(fileName, format), { reason: 'PNG ends before its IEND chunk' });

  let header: sharp.Metadata;
  try {
    header = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch (error) {
    throw refuse(damagedMessage(fileName, format), { reason: reasonOf(error) });
  }
  if (header.format !== SHARP_FORMAT[mime]) throw refuse(damagedMessage(fileName, format), { reason: `decoder saw ${header.format}` });
  const width = header.autoOrient?.width ?? header.width;
  const height = header.autoOrient?.height ?? header.height;
  if (!width || !height) throw refuse(damagedMessage(fileName, format), { reason: 'no dimensions' });
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw refuse(
      `“${fileName}” is ${width.toLocaleString('en')} × ${height.toLocaleString('en')} pixels, more than Copydesk can handle ` +
        `(at most ${MAX_IMAGE_SIDE.toLocaleString('en')} pixels a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels). Export a smaller version of the photo.`,
      { width, height },
    );
  }

  const rendition = await makeRendition(bytes, fileName, format);
  const metadata = await readEmbeddedMetadata(bytes);
  const info: MediaInfo = { media: { sha256, mime, width, height }, size: bytes.length, fileName, metadata };

  if (!fileHasHash(originalPath, sha256)) writeStored(originalPath, bytes, sha256);
  writeStored(renditionPath, rendition);
  deps.media.insert({ ...info, createdAt: deps.now().toISOString() });
  // Another import of the same bytes may have won the race; report the row that is stored.
  const stored = deps.media.get(sha256) ?? info;
  return { ...stored, existing: false };
}

/** Decodes the whole image (so damage is caught) into an upright WebP at most 1600 px wide. */
async function makeRendition(bytes: Buffer, fileName: string, format: string): Promise<Buffer> {
  try {
    return await sharp(bytes, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS, animated: false })
      .autoOrient()
      .resize({ width: RENDITION_WIDTH, withoutEnlargement: true })
      .webp({ quality: 82, effort: 4 })
      .toBuffer();
  } catch (error) {
    throw refuse(damagedMessage(fileName, format), { reason: reasonOf(error) });
  }
}

function writeStored(path: string, bytes: Uint8Array, sha256?: string): void {
  try {
    writeFileAtomic(path, bytes, sha256);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'the media folder is not writable' : reasonOf(error);
    throw new CopydeskError(ErrorCode.STORAGE, `The image could not be saved to Copydesk's media folder (${why}). The story was not changed.`, { code });
  }
}

function fileHasAnyBytes(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
