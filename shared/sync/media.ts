/**
 * The images the hub's media store takes (`PUT /v1/media/<sha256>`), told
 * apart by their magic bytes — never by a name or a Content-Type header a
 * client chose. The same four formats as the workstation's media store
 * (main/backend/media/sniff.ts, which also names other formats in its
 * refusals; the hub only needs yes or no).
 */

export const HUB_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type HubMediaType = (typeof HUB_MEDIA_TYPES)[number];

/** Largest image the hub stores, in bytes: the workstation's limit (a full-resolution press photo is 5–25 MB). */
export const HUB_MEDIA_MAX_BYTES = 30 * 1024 * 1024;

/** A sha256 as it names media: 64 lowercase hexadecimal digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

/** The image type of `bytes` from its first bytes, or null when it is none of {@link HUB_MEDIA_TYPES}. */
export function imageTypeOf(bytes: Uint8Array): HubMediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  const head6 = ascii(bytes, 0, 6);
  if (head6 === 'GIF87a' || head6 === 'GIF89a') return 'image/gif';
  return null;
}
