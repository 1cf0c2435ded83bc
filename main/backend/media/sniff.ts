import type { MediaRef } from '../../../shared/model/anatomy.ts';

/**
 * What a file really is, from its first bytes — never from its name. Copydesk
 * stores JPEG, PNG, WebP and GIF; anything else gets a plain description for
 * the refusal message ("it looks like text").
 */
export type Sniffed = { kind: 'image'; mime: MediaRef['mime'] } | { kind: 'other'; description: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { kind: 'other', description: 'it is empty' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mime: 'image/png' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { kind: 'image', mime: 'image/webp' };
  const head6 = ascii(bytes, 0, 6);
  if (head6 === 'GIF87a' || head6 === 'GIF89a') return { kind: 'image', mime: 'image/gif' };

  // Formats people do try to insert, named so they know what to do instead.
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (/^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(brand)) return { kind: 'other', description: 'it is a HEIC photo; export it as JPEG first' };
    if (/^avi[fs]$/.test(brand)) return { kind: 'other', description: 'it is an AVIF image; export it as JPEG or PNG first' };
    return { kind: 'other', description: 'it looks like a video' };
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: 'other', description: 'it is a TIFF or camera raw file; export it as JPEG first' };
  }
  if (ascii(bytes, 0, 2) === 'BM') return { kind: 'other', description: 'it is a BMP bitmap; save it as PNG first' };
  if (ascii(bytes, 0, 5) === '%PDF-') return { kind: 'other', description: 'it looks like a PDF document' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'other', description: 'it looks like a ZIP archive or an Office document' };
  if (looksLikeText(bytes)) {
    return /<svg[\s>]/i.test(ascii(bytes, 0, 1024)) ? { kind: 'other', description: 'it is an SVG drawing' } : { kind: 'other', description: 'it looks like text' };
  }
  return { kind: 'other', description: 'its contents are not a picture format Copydesk knows' };
}

/** Valid UTF-8 without control characters (other than tab and line breaks) in the first 1 KB. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  let text: string;
  try {
    // A multi-byte character cut at the 1 KB boundary is still text.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.length === 1024 ? trimPartialUtf8(head) : head);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- control characters are what tell text from binary
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    if (byte >= 0xc0) end -= back; // a lead byte whose sequence may be cut off
    break;
  }
  return bytes.subarray(0, end);
}

/**
 * True when a PNG's chunks run cleanly to IEND. The decoder accepts a PNG whose
 * image data is complete but whose IEND is missing, which still means the file
 * was cut short (an interrupted download or copy), so it is checked here.
 */
export function pngIsComplete(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = ascii(bytes, offset + 4, offset + 8);
    const next = offset + 12 + length;
    if (next > bytes.length) return false;
    if (type === 'IEND') return true;
    offset = next;
  }
  return false;
}
