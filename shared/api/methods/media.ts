import { z } from 'zod';
import { MediaRef, Sha256 } from '../../model/anatomy.ts';

/** Largest image Copydesk takes, in bytes (a full-resolution press photo is 5–25 MB). */
export const MEDIA_MAX_BYTES = 30 * 1024 * 1024;

/** Base64 length of {@link MEDIA_MAX_BYTES}: every 3 bytes become 4 characters. */
export const MEDIA_MAX_BASE64_CHARS = Math.ceil(MEDIA_MAX_BYTES / 3) * 4;

/** "30 MB", "1.4 MB", "812 KB": sizes as a person reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024);
    return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
  }
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The message for a file over the limit, the same in the picker and the backend. */
export function tooLargeMessage(fileName: string, bytes: number): string {
  return `“${fileName}” is ${formatBytes(bytes)}; Copydesk takes images up to ${formatBytes(MEDIA_MAX_BYTES)}. Choose a smaller file or export a smaller version of the photo.`;
}

/** A file name as the person chose it; only shown in messages and kept for reference. */
export const MediaFileName = z
  .string()
  .trim()
  .min(1, 'The image needs a file name')
  .max(255, 'File name is longer than 255 characters')
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'File name contains control characters');

/** Caption, credit, creator and alt text embedded in the image (IPTC/XMP); empty strings when absent. */
export const MediaMetadata = z.object({
  caption: z.string().max(2000),
  credit: z.string().max(300),
  creator: z.string().max(300),
  alt: z.string().max(1000),
});
export type MediaMetadata = z.infer<typeof MediaMetadata>;

/** A stored image: what a figure references, plus what the store knows about it. */
export const MediaInfo = z.object({
  media: MediaRef,
  size: z.number().int().min(1),
  fileName: z.string(),
  metadata: MediaMetadata,
});
export type MediaInfo = z.infer<typeof MediaInfo>;

/** The renditions stored beside an original; `r1600` is at most 1600 px wide, WebP. */
export const MEDIA_VARIANTS = ['r1600'] as const;
export const MediaVariant = z.enum(MEDIA_VARIANTS);
export type MediaVariant = z.infer<typeof MediaVariant>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Images in the content-addressed media store (DESIGN.md §4). */
export const mediaMethods = {
  /**
   * Stores an image chosen, dropped or pasted by the user. The bytes travel as
   * base64 because both transports carry JSON (IPC would take binary, HTTP
   * would not); at the 30 MB limit that is 40 MB of text, which both handle.
   * The size is checked from the base64 length before anything is decoded.
   */
  'media.import': {
    input: z
      .object({
        fileName: MediaFileName,
        dataBase64: z.string(),
      })
      .strict()
      .superRefine((value, ctx) => {
        const length = value.dataBase64.length;
        if (length > MEDIA_MAX_BASE64_CHARS) {
          ctx.addIssue({ code: 'custom', message: tooLargeMessage(value.fileName, Math.floor((length * 3) / 4)) });
          return;
        }
        if (length === 0) {
          ctx.addIssue({ code: 'custom', message: `“${value.fileName}” is empty. Choose a JPEG, PNG, WebP or GIF file.` });
          return;
        }
        if (length % 4 !== 0 || !BASE64.test(value.dataBase64)) {
          ctx.addIssue({ code: 'custom', path: ['dataBase64'], message: 'Image data must be base64' });
        }
      }),
    output: MediaInfo.extend({
      /** True when these exact bytes were already in the store (nothing new was written). */
      existing: z.boolean(),
    }),
  },
  'media.get': {
    input: z.object({ sha256: Sha256 }).strict(),
    output: MediaInfo,
  },
} as const;
