import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../../main/backend/backend.ts';
import { mediaFilePath, sha256Hex } from '../../../../main/backend/media/files.ts';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import type { ApiError, Result } from '../../../../shared/api/errors.ts';
import { MEDIA_MAX_BYTES } from '../../../../shared/api/methods/media.ts';
import { makeTempDir } from '../../../support/tempDir.ts';

const IMAGES = join(process.cwd(), '..', 'shared', 'fixtures', 'images');
const fixture = (name: string) => readFileSync(join(IMAGES, name));

/** Every file under the media folder, relative to it (temp files included). */
function mediaFiles(dataDir: string): string[] {
  const root = join(dataDir, 'media');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

describe('media.import', () => {
  let backend: Backend;
  let dataDir: string;
  let remove: () => void;

  beforeEach(() => {
    ({ dir: dataDir, remove } = makeTempDir('copydesk-media-'));
    backend = createBackend({ dataDir });
  });
  afterEach(() => {
    backend.close();
    remove();
  });

  const importBytes = (fileName: string, bytes: Buffer) =>
    backend.call('media.import', { fileName, dataBase64: bytes.toString('base64') }) as Promise<Result<MethodOutput<'media.import'>>>;

  async function ok(fileName: string, bytes: Buffer): Promise<MethodOutput<'media.import'>> {
    const result = await importBytes(fileName, bytes);
    if (!result.ok) throw new Error(`media.import failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  async function refused(fileName: string, bytes: Buffer): Promise<ApiError> {
    const result = await importBytes(fileName, bytes);
    expect(result.ok, `${fileName} should have been refused`).toBe(false);
    return (result as { ok: false; error: ApiError }).error;
  }

  it('reads caption, credit, creator and alt text exactly as embedded in the IPTC/XMP fixture', async () => {
    const bytes = fixture('chongqing-night-iptc.jpg');
    const imported = await ok('chongqing-night-iptc.jpg', bytes);
    expect(imported.metadata).toEqual({
      caption: 'A picture of Chongqing at night.',
      credit: 'iChongqing',
      creator: 'Vivian Yan',
      alt: 'City skyline lit up at night over the river',
    });
    expect(imported.media).toEqual({ sha256: sha256Hex(bytes), mime: 'image/jpeg', width: 1200, height: 800 });
    expect(imported.size).toBe(bytes.length);
    expect(imported.existing).toBe(false);

    // The original is kept byte for byte under its hash, and media.get knows it.
    const original = mediaFilePath(dataDir, imported.media.sha256);
    expect(original).toBe(join(dataDir, 'media', imported.media.sha256.slice(0, 2), imported.media.sha256));
    expect(readFileSync(original).equals(bytes)).toBe(true);
    const got = backend.callSync('media.get', { sha256: imported.media.sha256 });
    expect(got).toEqual({ ok: true, value: { media: imported.media, size: bytes.length, fileName: 'chongqing-night-iptc.jpg', metadata: imported.metadata } });
  });

  it('makes a smaller WebP rendition beside the original', async () => {
    const bytes = fixture('chongqing-night-iptc.jpg');
    const { media } = await ok('photo.jpg', bytes);
    const rendition = mediaFilePath(dataDir, media.sha256, 'r1600');
    expect(rendition.endsWith(`${media.sha256}.r1600.webp`)).toBe(true);
    const info = await sharp(readFileSync(rendition)).metadata();
    expect(info.format).toBe('webp');
    expect(info.width).toBe(1200); // never enlarged
    expect(statSync(rendition).size).toBeLessThan(bytes.length);
  });

  it('downscales a wide photo to 1600 px and keeps its aspect ratio', async () => {
    const wide = await sharp({ create: { width: 4000, height: 2000, channels: 3, background: '#345' } }).jpeg().toBuffer();
    const { media } = await ok('wide.jpg', wide);
    expect([media.width, media.height]).toEqual([4000, 2000]);
    const info = await sharp(readFileSync(mediaFilePath(dataDir, media.sha256, 'r1600'))).metadata();
    expect([info.width, info.height]).toEqual([1600, 800]);
  });

  it('accepts a PNG without metadata and leaves the fields empty', async () => {
    const imported = await ok('no-metadata.png', fixture('no-metadata.png'));
    expect(imported.media.mime).toBe('image/png');
    expect([imported.media.width, imported.media.height]).toEqual([800, 500]);
    expect(imported.metadata).toEqual({ caption: '', credit: '', creator: '', alt: '' });
  });

  it('detects the type from the bytes, not the name', async () => {
    const imported = await ok('actually-a-png.jpg', fixture('no-metadata.png'));
    expect(imported.media.mime).toBe('image/png');
  });

  it('refuses a text file named .jpg with a clear message and writes nothing', async () => {
    const error = await refused('not-an-image.jpg', fixture('not-an-image.jpg'));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('“not-an-image.jpg” is not an image Copydesk can use (it looks like text). Choose a JPEG, PNG, WebP or GIF file.');
    expect(mediaFiles(dataDir)).toEqual([]);
  });

  it('refuses a truncated JPEG as damaged and writes nothing', async () => {
    const error = await refused('truncated.jpg', fixture('truncated.jpg'));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/^“truncated\.jpg” is damaged or incomplete/);
    expect(mediaFiles(dataDir)).toEqual([]);
    expect(backend.callSync('media.get', { sha256: sha256Hex(fixture('truncated.jpg')) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a PNG cut off before its IEND chunk', async () => {
    const png = fixture('no-metadata.png');
    const error = await refused('cut.png', png.subarray(0, png.length - 12));
    expect(error.message).toMatch(/^“cut\.png” is damaged or incomplete/);
    expect(mediaFiles(dataDir)).toEqual([]);
  });

  it('refuses a file over the size limit before decoding it', async () => {
    // Zero bytes would be an empty JPEG; the size check comes first, so this never reaches a decoder.
    const huge = Buffer.alloc(MEDIA_MAX_BYTES + 3);
    const error = await refused('huge.jpg', huge);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('“huge.jpg” is 30 MB; Copydesk takes images up to 30 MB. Choose a smaller file or export a smaller version of the photo.');
    expect(mediaFiles(dataDir)).toEqual([]);
  });

  it('refuses absurd dimensions from the header, before decoding the pixels', async () => {
    // A 1 × 40,000 strip: small on disk, absurd as a photo.
    const strip = await sharp({ create: { width: 40_000, height: 1, channels: 3, background: '#000' } }).png().toBuffer();
    const error = await refused('strip.png', strip);
    expect(error.message).toMatch(/^“strip\.png” is 40,000 × 1 pixels, more than Copydesk can handle/);
    expect(mediaFiles(dataDir)).toEqual([]);
  });

  it('refuses malformed base64 and an empty file', async () => {
    expect((await refused('x.jpg', Buffer.alloc(0))).message).toBe('“x.jpg” is empty. Choose a JPEG, PNG, WebP or GIF file.');
    const bad = await backend.call('media.import', { fileName: 'x.jpg', dataBase64: 'not base64!' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('stores the same bytes once, whatever they are called', async () => {
    const bytes = fixture('chongqing-night-iptc.jpg');
    const first = await ok('a.jpg', bytes);
    const second = await ok('b.jpg', bytes);
    expect(second.existing).toBe(true);
    expect(second.media).toEqual(first.media);
    expect(second.metadata).toEqual(first.metadata);
    const sha = first.media.sha256;
    expect(mediaFiles(dataDir)).toEqual([join(sha.slice(0, 2), sha), join(sha.slice(0, 2), `${sha}.r1600.webp`)]);
  });
});
