import { z } from 'zod';
import { Byline, Dateline } from '../../model/anatomy.ts';
import { SerializedDocumentSchema, type SerializedDocument } from '../../model/document.ts';

/**
 * The Copydesk extension of a ninjs export: what standard ninjs cannot say
 * (block ids, caption runs with their formatting, the dateline's date,
 * contributor-note roles, directory ids) so that importing Copydesk's own
 * export gives back the same story.
 *
 * ninjs 3.1 allows no property of our own (`unevaluatedProperties: false`
 * everywhere), so the extension travels as an alternative id: an `altIds`
 * entry with role {@link COPYDESK_EXTENSION_ROLE} whose value is JSON. It
 * is trusted only while the ninjs main body is the one it was exported with
 * ({@link bodyDigest}); a body edited by another system is read as HTML.
 */

export const COPYDESK_EXTENSION_ROLE = 'copydesk:story+json';
export const COPYDESK_STORY_ID_ROLE = 'copydesk:story-id';
export const COPYDESK_URI_PREFIX = 'urn:copydesk:story:';
export const COPYDESK_MEDIA_URI_PREFIX = 'urn:copydesk:media:';
export const COPYDESK_PERSON_URI_PREFIX = 'urn:copydesk:person:';
export const COPYDESK_SECTOR_LITERAL_PREFIX = 'copydesk:sector:';

/**
 * The `bodies` role of a corrected story's correction note (see ninjs.ts).
 * Not an extension: ninjs leaves body roles to the provider, and IPTC's own
 * examples use roles beside "main" ("richtext", "text").
 */
export const CORRECTION_BODY_ROLE = 'correction';

export const CopydeskExtension = z.object({
  format: z.literal('copydesk-story'),
  version: z.literal(1),
  /** {@link bodyDigest} of the ninjs main body this extension belongs to. */
  bodyDigest: z.string().regex(/^[0-9a-f]{16}$/),
  dateline: Dateline,
  byline: Byline,
  body: SerializedDocumentSchema,
});
export type CopydeskExtension = z.infer<typeof CopydeskExtension>;

/**
 * A 64-bit digest (two FNV-1a-style lanes) of a string, in hex. It detects a
 * body changed elsewhere; it is not a security check (the imported body is
 * validated like any other document).
 */
export function bodyDigest(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 = (h2 ^ (h2 >>> 13)) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

interface NinjsLike {
  altIds?: Array<{ role?: string; value?: string }>;
  bodies?: Array<{ role?: string; contentType?: string; value?: string }>;
}

/**
 * The correction note a ninjs item carries as a body with role
 * {@link CORRECTION_BODY_ROLE}: its plain-text entry, else its HTML with the
 * tags taken out (no "Correction (date):" label either way, when it is
 * Copydesk's). Null when there is none.
 */
export function readCorrectionBody(ninjs: { bodies?: unknown }): string | null {
  const bodies = Array.isArray(ninjs.bodies) ? (ninjs.bodies as Array<Record<string, unknown>>) : [];
  const entries = bodies.filter((b) => typeof b === 'object' && b !== null && b.role === CORRECTION_BODY_ROLE && typeof b.value === 'string');
  const plain = entries.find((b) => b.contentType === undefined || b.contentType === 'text/plain');
  const text = plain
    ? String(plain.value)
    : entries.length > 0
      ? String(entries[0]!.value)
          .replace(/<strong>Correction<\/strong>(?:\s*\([^)]*\))?:\s*/i, '')
          .replace(/<br\s*\/?>/gi, '\n')
          .replace(/<[^>]*>/g, '')
          .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => HTML_ENTITIES[name]!)
      : '';
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** The main HTML body of a ninjs object, as Copydesk writes it. */
export function mainHtmlBody(ninjs: NinjsLike): string | null {
  const body = ninjs.bodies?.find((b) => b.role === 'main' && b.contentType === 'text/html');
  return typeof body?.value === 'string' ? body.value : null;
}

export type ExtensionRead =
  | { ok: true; extension: CopydeskExtension & { body: SerializedDocument } }
  | { ok: false; reason: 'absent' | 'malformed' | 'body-changed' };

/**
 * The Copydesk extension of a ninjs object, when there is one and it still
 * matches the ninjs body. Importers use it for an exact restore and fall
 * back to the standard fields otherwise.
 */
export function readCopydeskExtension(ninjs: NinjsLike): ExtensionRead {
  const entry = ninjs.altIds?.find((alt) => alt.role === COPYDESK_EXTENSION_ROLE);
  if (!entry || typeof entry.value !== 'string') return { ok: false, reason: 'absent' };
  let raw: unknown;
  try {
    raw = JSON.parse(entry.value);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = CopydeskExtension.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const html = mainHtmlBody(ninjs);
  if (html === null || bodyDigest(html) !== parsed.data.bodyDigest) return { ok: false, reason: 'body-changed' };
  return { ok: true, extension: parsed.data };
}
