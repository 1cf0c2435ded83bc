import {
  BLOCK_ID_STATE_KEY,
  type BylineEntry,
  type Dateline,
  type SerializedContributorNote,
  type SerializedFigure,
  type SerializedSectorHeading,
} from '../../model/anatomy.ts';
import type { SerializedDocument, SerializedNode } from '../../model/document.ts';
import { formatContributorNote } from '../../model/credits.ts';
import { isStoredLinkAllowed } from '../../model/links.ts';
import type { PublicationSettings } from '../../model/publication.ts';

/**
 * What the exporters read: a stored story (the contract's `Story` fits) and
 * the publication settings that print it (sector labels, byline format,
 * contributor-note templates). Exporters are pure: same input, same output.
 */
export interface ExportStory {
  id: string;
  headline: string;
  standfirst: string;
  body: SerializedDocument;
  language: string;
  dateline: Dateline;
  byline: readonly BylineEntry[];
  revision: number;
  createdAt: string;
  updatedAt: string;
  /**
   * The correction note of a published story taken down to be corrected
   * (its workflow state, DESIGN.md §5). It is part of the story, so every
   * format prints it first; null or left out for a story never corrected.
   */
  correction?: StoryCorrection | null;
  /**
   * The IANA time zone the correction's date prints in: the workstation's,
   * as the editor shows it. UTC when left out, so a test's output depends on
   * its input alone.
   */
  timeZone?: string;
}

export interface StoryCorrection {
  note: string;
  /** When the story was taken down (ISO 8601); '' when not recorded. */
  at: string;
}

export type ExportSettings = Pick<PublicationSettings, 'sectors' | 'bylineFormat' | 'noteTemplates'>;

/** Where a figure's image is found, relative to the exported file: `media/<sha256>.jpg`. */
export function mediaPath(media: { sha256: string; mime: string }): string {
  return `media/${media.sha256}.${MEDIA_EXTENSIONS[media.mime] ?? 'bin'}`;
}

const MEDIA_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export function blockIdOf(block: SerializedNode): string | null {
  const state = block.$;
  if (typeof state !== 'object' || state === null) return null;
  const id = (state as Record<string, unknown>)[BLOCK_ID_STATE_KEY];
  return typeof id === 'string' ? id : null;
}

export function isSectorHeading(block: SerializedNode): block is SerializedNode & SerializedSectorHeading {
  return block.type === 'sector-heading' && typeof block.sectorId === 'string';
}

export function isFigure(block: SerializedNode): block is SerializedNode & SerializedFigure {
  return block.type === 'figure' && Array.isArray(block.caption);
}

export function isContributorNote(block: SerializedNode): block is SerializedNode & SerializedContributorNote {
  return block.type === 'contributor-note' && Array.isArray(block.contributors);
}

/** A run of the story between two sector headings; the lead (before the first one) has no sector. */
export interface Section {
  sectorId: string | null;
  /** The sector heading block that starts the section (null for the lead). */
  heading: (SerializedNode & SerializedSectorHeading) | null;
  blocks: SerializedNode[];
}

/** The body cut into sections at each sector heading. An empty lead is left out. */
export function sectionsOf(doc: SerializedDocument): Section[] {
  const sections: Section[] = [];
  let current: Section = { sectorId: null, heading: null, blocks: [] };
  for (const block of doc.root.children) {
    if (isSectorHeading(block)) {
      if (current.heading !== null || current.blocks.some((b) => !isEmptyBlock(b))) sections.push(current);
      current = { sectorId: block.sectorId, heading: block, blocks: [] };
    } else {
      current.blocks.push(block);
    }
  }
  if (current.heading !== null || current.blocks.some((b) => !isEmptyBlock(b))) sections.push(current);
  return sections;
}

/** An empty paragraph (Lexical keeps one at the end of most documents) prints as nothing. */
export function isEmptyBlock(block: SerializedNode): boolean {
  return block.type === 'paragraph' && inlineOf(block.children ?? []).every((run) => run.kind === 'text' && run.text.trim() === '');
}

/** Sector ids in order of first appearance, each once. */
export function sectorsInOrder(doc: SerializedDocument): string[] {
  const seen = new Set<string>();
  for (const block of doc.root.children) if (isSectorHeading(block)) seen.add(block.sectorId);
  return [...seen];
}

export function sectorOf(settings: ExportSettings, id: string) {
  return settings.sectors.find((sector) => sector.id === id) ?? null;
}

/** The label a sector prints with; an id the taxonomy no longer knows prints as it is. */
export function sectorLabelOf(settings: ExportSettings, id: string): string {
  return sectorOf(settings, id)?.label ?? id;
}

// ── Inline content ───────────────────────────────────────────────────────────

/** Inline content reduced to what every output format can express. */
export type Inline =
  | { kind: 'text'; text: string; format: number }
  | { kind: 'link'; url: string; children: Inline[] }
  | { kind: 'break' };

/** Lexical's text-format bits beyond the four of the caption runs. */
export const FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16, subscript: 32, superscript: 64 } as const;

const LINK_TYPES = new Set(['link', 'autolink']);

/**
 * The inline children of a block as runs. Links that a story may not carry
 * (anything but http, https, mailto) are kept as their text only; unknown
 * inline elements give their text.
 */
export function inlineOf(nodes: readonly SerializedNode[]): Inline[] {
  const runs: Inline[] = [];
  for (const node of nodes) {
    if (typeof node.text === 'string') {
      runs.push({ kind: 'text', text: node.text, format: typeof node.format === 'number' ? node.format : 0 });
    } else if (node.type === 'linebreak') {
      runs.push({ kind: 'break' });
    } else if (node.type === 'tab') {
      runs.push({ kind: 'text', text: '\t', format: 0 });
    } else if (LINK_TYPES.has(node.type)) {
      const url = typeof node.url === 'string' ? node.url : '';
      const children = inlineOf(node.children ?? []);
      if (isStoredLinkAllowed(url)) runs.push({ kind: 'link', url, children });
      else runs.push(...children);
    } else if (node.children) {
      runs.push(...inlineOf(node.children));
    }
  }
  return runs;
}

/** Plain text of runs. */
export function inlineText(runs: readonly Inline[]): string {
  return runs.map((run) => (run.kind === 'text' ? run.text : run.kind === 'break' ? '\n' : inlineText(run.children))).join('');
}

/** Caption runs as inline runs. */
export function captionInline(caption: SerializedFigure['caption']): Inline[] {
  return caption.map((run) => ({ kind: 'text', text: run.text, format: run.format }));
}

/**
 * Body text that counts for length, one line per block, as a reader sees it:
 * sector headings by their labels, contributor notes as printed; not figures
 * (ninjs counts a body "excluding figure captions").
 */
export function bodyTextOf(doc: SerializedDocument, settings: ExportSettings): string {
  const lines: string[] = [];
  const walk = (block: SerializedNode) => {
    if (isFigure(block)) return;
    if (isSectorHeading(block)) {
      lines.push(sectorLabelOf(settings, block.sectorId));
      return;
    }
    if (isContributorNote(block)) {
      lines.push(formatContributorNote(block.contributors, settings.noteTemplates));
      return;
    }
    if (block.type === 'list') {
      for (const item of block.children ?? []) walkItem(item);
      return;
    }
    lines.push(inlineText(inlineOf(block.children ?? [])));
  };
  const walkItem = (item: SerializedNode) => {
    const nested = (item.children ?? []).filter((child) => child.type === 'list');
    lines.push(inlineText(inlineOf((item.children ?? []).filter((child) => child.type !== 'list'))));
    for (const list of nested) for (const inner of list.children ?? []) walkItem(inner);
  };
  for (const block of doc.root.children) walk(block);
  return lines.filter((line) => line.trim() !== '').join('\n');
}

/** "Sep 6, 2021" for a calendar date (never shifted by the reader's time zone). */
export function formatDatelineDate(date: string, language = 'en'): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  try {
    return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(parsed);
  } catch {
    return new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(parsed);
  }
}

/** The dateline as one line: "Chongqing, Sep 6, 2021"; empty when neither part is set. */
export function datelineText(dateline: Dateline, language = 'en'): string {
  const place = dateline.place.trim().replace(/[-–—,\s]+$/, '');
  const date = dateline.date ? formatDatelineDate(dateline.date, language) : '';
  return [place, date].filter((part) => part !== '').join(', ');
}

/** The story's correction, or null when it has none (an empty note counts as none). */
export function correctionOf(story: ExportStory): StoryCorrection | null {
  const correction = story.correction ?? null;
  if (correction === null || correction.note.trim() === '') return null;
  return { note: correction.note.trim(), at: correction.at };
}

/**
 * "Sep 6, 2021": the day a correction was made, in the story's language and
 * the export's time zone; '' when the time is missing or unreadable.
 */
export function formatCorrectionDate(at: string, language = 'en', timeZone = 'UTC'): string {
  const parsed = new Date(at);
  if (at === '' || Number.isNaN(parsed.getTime())) return '';
  const options = { year: 'numeric', month: 'short', day: 'numeric', timeZone } as const;
  try {
    return new Intl.DateTimeFormat(language, options).format(parsed);
  } catch {
    // A language tag or time zone this runtime does not know: English, UTC.
    return new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' }).format(parsed);
  }
}

/** The note's lines, each trimmed, blank ones dropped: a note typed over several lines prints as lines. */
export function correctionLines(correction: StoryCorrection): string[] {
  return correction.note
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

/**
 * A file name from the headline: "Why Chongqing's Piloting…" →
 * "why-chongqings-piloting-….md". Letters of any script are kept; characters
 * no file system accepts are not. Falls back to "story".
 */
export function exportFileName(headline: string, extension: string): string {
  const base = headline
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/['\u2019]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  let cut = [...base].slice(0, 80).join('').replace(/-+$/, '');
  if (cut === '') cut = 'story';
  return `${cut}.${extension}`;
}
