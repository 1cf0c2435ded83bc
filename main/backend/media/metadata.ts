import exifr from 'exifr';
import type { MediaMetadata } from '../../../shared/api/methods/media.ts';

/**
 * Caption, credit, creator and alt text embedded in a photo by the agency or
 * photographer, read with exifr from IPTC-IIM, XMP and (last) EXIF. Each field
 * takes the first source that has it:
 *
 * - caption: XMP dc:description → IPTC Caption/Abstract (2:120) → EXIF ImageDescription
 * - creator: XMP dc:creator → IPTC By-line (2:80) → EXIF Artist
 * - credit:  XMP photoshop:Credit → IPTC Credit (2:110) → the creator, since a
 *            photo with a known photographer and no agency line is credited to them
 * - alt:     XMP Iptc4xmpCore:AltTextAccessibility only. The caption is not a
 *            fallback: alt text describes what the picture shows, and a screen
 *            reader would otherwise read the caption twice. An empty alt is left
 *            for the person (and the desk checks) to fill in.
 *
 * Damaged or unusual metadata never blocks an import: it reads as empty.
 */
export const EMPTY_METADATA: MediaMetadata = { caption: '', credit: '', creator: '', alt: '' };

const LIMITS = { caption: 2000, credit: 300, creator: 300, alt: 1000 } as const satisfies Record<keyof MediaMetadata, number>;

type Parsed = Record<string, Record<string, unknown> | undefined>;

export async function readEmbeddedMetadata(bytes: Uint8Array): Promise<MediaMetadata> {
  let parsed: Parsed | undefined;
  try {
    // exifr's types say `any`; it is an object of segments because mergeOutput is off.
    parsed = (await exifr.parse(bytes, {
      ifd0: { pick: ['ImageDescription', 'Artist'] },
      exif: false,
      gps: false,
      interop: false,
      ifd1: false,
      iptc: true,
      xmp: true,
      icc: false,
      jfif: false,
      ihdr: false,
      mergeOutput: false,
      multiSegment: true,
    })) as Parsed | undefined;
  } catch {
    return { ...EMPTY_METADATA };
  }
  if (!parsed) return { ...EMPTY_METADATA };

  const iptc = parsed.iptc ?? {};
  const dc = parsed.dc ?? {};
  const photoshop = parsed.photoshop ?? {};
  const core = parsed.Iptc4xmpCore ?? {};
  const ifd0 = parsed.ifd0 ?? {};

  const creator = first(dc.creator, iptc.Byline, ifd0.Artist);
  const metadata: MediaMetadata = {
    caption: first(dc.description, iptc.Caption, ifd0.ImageDescription),
    creator,
    credit: first(photoshop.Credit, iptc.Credit) || creator,
    alt: first(core.AltTextAccessibility),
  };
  for (const key of Object.keys(LIMITS) as (keyof MediaMetadata)[]) {
    metadata[key] = metadata[key].slice(0, LIMITS[key]);
  }
  return metadata;
}

/** The first source that yields non-empty text. */
function first(...sources: unknown[]): string {
  for (const source of sources) {
    const text = clean(textOf(source));
    if (text) return text;
  }
  return '';
}

/**
 * exifr gives XMP language alternatives as `{ lang, value }` (or an array of
 * them), sequences as arrays, IPTC repeatables as arrays, and plain strings
 * otherwise. The default language wins, then English, then the first.
 */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isLangAlt)) {
      const pick = value.find((v) => v.lang === 'x-default') ?? value.find((v) => /^en\b/i.test(v.lang)) ?? value[0];
      return textOf(pick);
    }
    return value.map(textOf).filter(Boolean).join(', ');
  }
  if (isLangAlt(value)) return textOf(value.value);
  return '';
}

function isLangAlt(value: unknown): value is { lang: string; value: unknown } {
  return typeof value === 'object' && value !== null && 'value' in value && typeof (value as { lang?: unknown }).lang === 'string';
}

/** Trims, folds runs of whitespace, drops control characters and NULs, normalizes to NFC. */
function clean(text: string): string {
  return text
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
