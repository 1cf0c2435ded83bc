import {
  BLOCK_ID_STATE_KEY,
  captionText,
  DEFAULT_SECTORS,
  type CaptionRun,
  type NoteEntry,
  type Sector,
} from '../model/anatomy.ts';
import { DEFAULT_NOTE_TEMPLATES, formatContributorNote, type NoteTemplates } from '../model/credits.ts';
import { documentText, type SerializedDocument, type SerializedNode } from '../model/document.ts';
import { sectorLabel } from '../model/publication.ts';

/**
 * What the review diff reads from a top-level block: its id, a key that
 * changes exactly when its content does, the text a reader sees, and a name
 * for its kind ("Heading 2", "Figure").
 */

export interface ReviewOptions {
  /** BCP 47 tag of the story, for word boundaries. */
  language?: string;
  /** The publication's sectors, for sector labels; the defaults when left out. */
  sectors?: readonly Sector[];
  /** Contributor-note wording; the defaults when left out. */
  noteTemplates?: NoteTemplates;
}

/** The block's stable id (`$.blockId`), or null when it has none. */
export function blockIdOf(block: SerializedNode): string | null {
  const state = block.$;
  if (typeof state !== 'object' || state === null) return null;
  const id = (state as Record<string, unknown>)[BLOCK_ID_STATE_KEY];
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * Properties Lexical writes that a reader cannot see: the text direction it
 * detects, the format new text would get in an empty paragraph, the node
 * version. A block whose only difference is one of these is unchanged.
 */
const INVISIBLE_KEYS: ReadonlySet<string> = new Set(['direction', 'textFormat', 'textStyle', 'version']);

/**
 * A string equal for two blocks exactly when a reader would see the same
 * block: same type, text, inline formats, links and custom fields (sector,
 * caption runs, credit, alt, photo, contributors); the block id is left out.
 */
export function contentKey(block: SerializedNode): string {
  return JSON.stringify(canonical(block));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (INVISIBLE_KEYS.has(key)) continue;
    let field = (value as Record<string, unknown>)[key];
    if (key === '$' && typeof field === 'object' && field !== null) {
      const { [BLOCK_ID_STATE_KEY]: _id, ...rest } = field as Record<string, unknown>;
      if (Object.keys(rest).length === 0) continue;
      field = rest;
    }
    out[key] = canonical(field);
  }
  return out;
}

export function isFigure(block: SerializedNode): block is SerializedNode & { caption: CaptionRun[]; credit: string; alt: string; creator: string; media: { sha256: string } | null } {
  return block.type === 'figure' && Array.isArray(block.caption);
}

export function isContributorNote(block: SerializedNode): block is SerializedNode & { contributors: NoteEntry[] } {
  return block.type === 'contributor-note' && Array.isArray(block.contributors);
}

export function isSectorHeading(block: SerializedNode): block is SerializedNode & { sectorId: string } {
  return block.type === 'sector-heading' && typeof block.sectorId === 'string';
}

/** The block as a reader sees it in plain text: a figure by its caption, a sector heading by its label. */
export function blockText(block: SerializedNode, options: ReviewOptions = {}): string {
  if (isFigure(block)) return captionText(block.caption);
  if (isSectorHeading(block)) return sectorLabel(options.sectors ?? DEFAULT_SECTORS, block.sectorId);
  if (isContributorNote(block)) return formatContributorNote(block.contributors, options.noteTemplates ?? DEFAULT_NOTE_TEMPLATES);
  const doc: SerializedDocument = { root: { type: 'root', version: 1, children: [block] } };
  return documentText(doc);
}

const LIST_LABELS: Record<string, string> = { bullet: 'Bulleted list', number: 'Numbered list', check: 'Checklist' };

/** "Paragraph", "Heading 2", "Quote", "Bulleted list", "Figure", "Sector heading", "Contributor note", "Conflict". */
export function blockTypeLabel(block: SerializedNode): string {
  switch (block.type) {
    case 'paragraph':
      return 'Paragraph';
    case 'heading': {
      const level = typeof block.tag === 'string' ? /^h([1-6])$/.exec(block.tag)?.[1] : undefined;
      return level === undefined ? 'Heading' : `Heading ${level}`;
    }
    case 'quote':
      return 'Quote';
    case 'list':
      return LIST_LABELS[String(block.listType)] ?? 'List';
    case 'figure':
      return 'Figure';
    case 'sector-heading':
      return 'Sector heading';
    case 'contributor-note':
      return 'Contributor note';
    case 'merge-conflict':
      return 'Conflict';
    default:
      return block.type;
  }
}
