import { z } from 'zod';

/**
 * The structured parts of a story (DESIGN.md §1) as they are stored and
 * exchanged: header metadata (dateline, byline) and the serialized form of the
 * custom body blocks (sector heading, figure, contributor note). The editor's
 * Lexical nodes, the backend's validation, import and export all use these.
 */

// ── Block ids ────────────────────────────────────────────────────────────────

/** Lexical NodeState key under `"$"` in a serialized top-level block. */
export const BLOCK_ID_STATE_KEY = 'blockId';
/** `b` + 16 lowercase base-32 characters, made once per block and kept for good. */
export const BlockId = z.string().regex(/^b[0-9a-hjkmnp-tv-z]{16}$/, 'Block id must look like b + 16 base-32 characters');
export type BlockId = z.infer<typeof BlockId>;

const BLOCK_ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A new block id from 80 random bits (`getRandomValues` exists in browsers and Node). */
export function newBlockId(): BlockId {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let id = 'b';
  for (const byte of bytes) id += BLOCK_ID_ALPHABET[byte & 31];
  return id;
}

// ── People and roles ─────────────────────────────────────────────────────────

export const PersonId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Person id must be a ULID');

/** Roles in a story's byline. */
export const BYLINE_ROLES = ['author', 'photographer', 'translator', 'editor', 'contributor'] as const;
export const BylineRole = z.enum(BYLINE_ROLES);
export type BylineRole = z.infer<typeof BylineRole>;

/** Roles in a contributor note ("… as an intern, also contributed to this report."). */
export const NOTE_ROLES = ['intern', 'additional_reporting', 'translation', 'photos'] as const;
export const NoteRole = z.enum(NOTE_ROLES);
export type NoteRole = z.infer<typeof NoteRole>;

const PersonName = z.string().trim().min(1, 'A contributor needs a name').max(120, 'Name is longer than 120 characters');

/** A person credited on a story: a directory entry when known, always with the name as credited. */
export const BylineEntry = z.object({ personId: PersonId.nullable(), name: PersonName, role: BylineRole });
export type BylineEntry = z.infer<typeof BylineEntry>;

export const NoteEntry = z.object({ personId: PersonId.nullable(), name: PersonName, role: NoteRole });
export type NoteEntry = z.infer<typeof NoteEntry>;

// ── Header ───────────────────────────────────────────────────────────────────

/** "Chongqing-, Sep 06,2021": where and when the story was filed. */
export const Dateline = z.object({
  place: z.string().trim().max(120, 'Dateline place is longer than 120 characters'),
  /** Calendar date (YYYY-MM-DD) or null when not set. */
  date: z.iso.date().nullable(),
});
export type Dateline = z.infer<typeof Dateline>;

export const EMPTY_DATELINE: Dateline = { place: '', date: null };

export const Byline = z.array(BylineEntry).max(30, 'A byline has at most 30 people');

// ── Taxonomy ─────────────────────────────────────────────────────────────────

export const SectorId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'Sector id must be lowercase letters, digits and hyphens');
export type SectorId = z.infer<typeof SectorId>;

export const Sector = z.object({
  id: SectorId,
  label: z.string().trim().min(1).max(80),
  /** IPTC Media Topic, e.g. http://cv.iptc.org/newscodes/mediatopic/20000446 */
  mediaTopicUri: z.url().nullable(),
  /** Retired sectors stay valid in existing stories but are not offered for new sections. */
  retired: z.boolean(),
});
export type Sector = z.infer<typeof Sector>;

/** The publication's default sectors (settings can add, rename and retire). */
export const DEFAULT_SECTORS: Sector[] = [
  { id: 'data', label: 'Data', mediaTopicUri: null, retired: false },
  { id: 'health-care', label: 'Health Care', mediaTopicUri: 'http://cv.iptc.org/newscodes/mediatopic/07000000', retired: false },
  { id: 'legal-protection', label: 'Legal Protection', mediaTopicUri: 'http://cv.iptc.org/newscodes/mediatopic/02000000', retired: false },
  { id: 'education', label: 'Education', mediaTopicUri: 'http://cv.iptc.org/newscodes/mediatopic/05000000', retired: false },
  { id: 'talents', label: 'Talents', mediaTopicUri: null, retired: false },
  { id: 'science-and-technology', label: 'Science and Technology', mediaTopicUri: 'http://cv.iptc.org/newscodes/mediatopic/13000000', retired: false },
  { id: 'commerce-culture-tourism', label: 'Commerce, Culture, and Tourism', mediaTopicUri: null, retired: false },
  { id: 'finance', label: 'Finance', mediaTopicUri: 'http://cv.iptc.org/newscodes/mediatopic/20000344', retired: false },
  { id: 'investment-logistics', label: 'Investment Facilitation and Logistics', mediaTopicUri: null, retired: false },
];

// ── Custom body blocks (serialized Lexical nodes) ────────────────────────────

/** Lexical text-format bits, as stored in text nodes and caption runs. */
export const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8 } as const;

/** A run of caption text with inline formatting (bits of {@link TEXT_FORMAT}). */
export const CaptionRun = z.object({ text: z.string().max(2000), format: z.number().int().min(0).max(15) });
export type CaptionRun = z.infer<typeof CaptionRun>;

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'Media reference must be a sha256 hex digest');

export const MediaRef = z.object({
  sha256: Sha256,
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/gif']),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});
export type MediaRef = z.infer<typeof MediaRef>;

const NodeState = z.looseObject({ [BLOCK_ID_STATE_KEY]: BlockId.optional() }).optional();

export const SerializedSectorHeading = z.looseObject({
  type: z.literal('sector-heading'),
  version: z.literal(1),
  sectorId: SectorId,
  $: NodeState,
});
export type SerializedSectorHeading = z.infer<typeof SerializedSectorHeading>;

export const SerializedFigure = z.looseObject({
  type: z.literal('figure'),
  version: z.literal(1),
  /** Null for a placeholder (an imported caption whose photo is not here yet). */
  media: MediaRef.nullable(),
  alt: z.string().max(1000),
  caption: z.array(CaptionRun).max(200),
  credit: z.string().max(300),
  creator: z.string().max(300),
  $: NodeState,
});
export type SerializedFigure = z.infer<typeof SerializedFigure>;

export const SerializedContributorNote = z.looseObject({
  type: z.literal('contributor-note'),
  version: z.literal(1),
  contributors: z.array(NoteEntry).max(30),
  $: NodeState,
});
export type SerializedContributorNote = z.infer<typeof SerializedContributorNote>;

/**
 * One version of a block inside a conflict block: any serialized top-level
 * block (the story body's rules for it are checked in shared/model/document.ts).
 */
const ConflictVersion = z.looseObject({ type: z.string().min(1).max(64), version: z.number().int().min(0) }).nullable();

/**
 * A block both sides of a sync changed in ways that do not merge
 * (shared/review/merge.ts): it stands where the block stood and holds both
 * versions (null: that side deleted it) and their common ancestor (null: the
 * block is new), until a person keeps one or both.
 */
export const SerializedMergeConflict = z
  .looseObject({
    type: z.literal('merge-conflict'),
    version: z.literal(1),
    ours: ConflictVersion,
    theirs: ConflictVersion,
    base: ConflictVersion,
    /** "Your version". */
    oursLabel: z.string().max(200),
    /** "Li Wei's version". */
    theirsLabel: z.string().max(200),
    $: NodeState,
  })
  .refine((block) => block.ours !== null || block.theirs !== null, { message: 'A conflict block needs at least one version', path: ['ours'] });
export type SerializedMergeConflict = z.infer<typeof SerializedMergeConflict>;

/** Schemas of the custom block types, by their Lexical type name. */
export const CUSTOM_BLOCKS = {
  'sector-heading': SerializedSectorHeading,
  figure: SerializedFigure,
  'contributor-note': SerializedContributorNote,
  'merge-conflict': SerializedMergeConflict,
} as const;

export type CustomBlockType = keyof typeof CUSTOM_BLOCKS;

export function isCustomBlockType(type: string): type is CustomBlockType {
  return Object.prototype.hasOwnProperty.call(CUSTOM_BLOCKS, type);
}

/** Top-level block types a story body may contain. */
export const BLOCK_TYPES = ['paragraph', 'heading', 'quote', 'list', ...Object.keys(CUSTOM_BLOCKS)] as const;

/** Caption as plain text (search, word counts, alt text fallbacks). */
export function captionText(caption: readonly CaptionRun[]): string {
  return caption.map((run) => run.text).join('');
}
