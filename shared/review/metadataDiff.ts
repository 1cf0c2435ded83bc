import { captionText, type BylineEntry, type BylineRole, type Dateline } from '../model/anatomy.ts';
import { BYLINE_ROLE_LABELS } from '../model/credits.ts';
import type { SerializedDocument } from '../model/document.ts';
import { blockIdOf, isFigure, type ReviewOptions } from './blockContent.ts';
import { diffPeople, onlyOrderChanged } from './people.ts';
import { wordDiff, type WordDiffOp } from './wordDiff.ts';

/** A story as compared: its header fields and body, as one revision or the working copy holds them. */
export interface StorySnapshot {
  headline: string;
  standfirst: string;
  dateline: Dateline;
  byline: readonly BylineEntry[];
  language: string;
  body: SerializedDocument;
}

export const METADATA_FIELDS = ['headline', 'standfirst', 'dateline', 'byline', 'language', 'caption', 'credit', 'alt', 'photographer'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/**
 * One change to the story's header or to a figure's metadata, in words an
 * editor reads: `label` names it ("Headline", "Byline: added Peng Qin
 * (Author)", "Caption of figure 2"); `before` / `after` are the values shown
 * (null when there was none).
 */
export interface MetadataChange {
  field: MetadataField;
  label: string;
  before: string | null;
  after: string | null;
  /** For text fields (headline, standfirst, caption): the word diff. */
  words?: WordDiffOp[];
  /** For figure fields: the figure's block id, to jump to it. */
  blockId?: string;
}

/** Changes to the header (headline, standfirst, dateline, byline, language) and to each figure's caption, credit and alt text. */
export function diffMetadata(a: StorySnapshot, b: StorySnapshot, options: ReviewOptions = {}): MetadataChange[] {
  const changes: MetadataChange[] = [];
  const language = { language: b.language || options.language || 'en' };
  if (a.headline !== b.headline) {
    changes.push({ field: 'headline', label: 'Headline', before: orNull(a.headline), after: orNull(b.headline), words: wordDiff(a.headline, b.headline, language) });
  }
  if (a.standfirst !== b.standfirst) {
    changes.push({ field: 'standfirst', label: 'Standfirst', before: orNull(a.standfirst), after: orNull(b.standfirst), words: wordDiff(a.standfirst, b.standfirst, language) });
  }
  if (a.dateline.place !== b.dateline.place || a.dateline.date !== b.dateline.date) {
    changes.push({ field: 'dateline', label: 'Dateline', before: datelineText(a.dateline), after: datelineText(b.dateline) });
  }
  for (const change of diffPeople<BylineRole>(a.byline, b.byline)) {
    if (change.kind === 'added') {
      changes.push({ field: 'byline', label: `Byline: added ${change.person.name}`, before: null, after: credited(change.person) });
    } else if (change.kind === 'removed') {
      changes.push({ field: 'byline', label: `Byline: removed ${change.person.name}`, before: credited(change.person), after: null });
    } else {
      changes.push({ field: 'byline', label: `Byline: ${change.after.name}'s role changed`, before: credited(change.before), after: credited(change.after) });
    }
  }
  if (onlyOrderChanged(a.byline, b.byline)) {
    changes.push({ field: 'byline', label: 'Byline: order changed', before: a.byline.map((p) => p.name).join(', '), after: b.byline.map((p) => p.name).join(', ') });
  }
  if (a.language !== b.language) {
    changes.push({ field: 'language', label: 'Language', before: languageName(a.language), after: languageName(b.language) });
  }
  changes.push(...figureChanges(a.body, b.body, language));
  return changes;
}

interface FigureFields {
  blockId: string | null;
  caption: string;
  credit: string;
  alt: string;
  creator: string;
}

function figuresOf(body: SerializedDocument): FigureFields[] {
  return body.root.children.filter(isFigure).map((block) => ({
    blockId: blockIdOf(block),
    caption: captionText(block.caption),
    credit: block.credit,
    alt: block.alt,
    creator: block.creator,
  }));
}

/**
 * Caption, credit, alt text and photographer of each figure present in both
 * versions, matched by block id (by order among figures when ids are
 * missing). Added and removed figures are the block diff's to show.
 */
function figureChanges(a: SerializedDocument, b: SerializedDocument, language: { language: string }): MetadataChange[] {
  const old = figuresOf(a);
  const now = figuresOf(b);
  const changes: MetadataChange[] = [];
  now.forEach((figure, index) => {
    const previous = figure.blockId === null ? (old[index]?.blockId === null ? old[index] : undefined) : old.find((f) => f.blockId === figure.blockId);
    if (previous === undefined) return;
    const name = `figure ${index + 1}`;
    const where = figure.blockId === null ? {} : { blockId: figure.blockId };
    if (previous.caption !== figure.caption) {
      changes.push({ field: 'caption', label: `Caption of ${name}`, before: orNull(previous.caption), after: orNull(figure.caption), words: wordDiff(previous.caption, figure.caption, language), ...where });
    }
    if (previous.credit !== figure.credit) changes.push({ field: 'credit', label: `Credit of ${name}`, before: orNull(previous.credit), after: orNull(figure.credit), ...where });
    if (previous.creator !== figure.creator) changes.push({ field: 'photographer', label: `Photographer of ${name}`, before: orNull(previous.creator), after: orNull(figure.creator), ...where });
    if (previous.alt !== figure.alt) changes.push({ field: 'alt', label: `Alt text of ${name}`, before: orNull(previous.alt), after: orNull(figure.alt), ...where });
  });
  return changes;
}

function orNull(text: string): string | null {
  return text.trim() === '' ? null : text;
}

function credited(person: BylineEntry): string {
  return `${person.name} (${BYLINE_ROLE_LABELS[person.role] ?? person.role})`;
}

/** "Chongqing, 2021-09-06"; null when neither place nor date is set. */
export function datelineText(dateline: Dateline): string | null {
  const parts = [dateline.place.trim(), dateline.date ?? ''].filter((part) => part !== '');
  return parts.length === 0 ? null : parts.join(', ');
}

/** "Chinese (zh-Hans)" where the runtime knows the tag, else the tag. */
function languageName(tag: string): string | null {
  if (tag.trim() === '') return null;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag);
    return name === undefined || name === tag ? tag : `${name} (${tag})`;
  } catch {
    return tag;
  }
}
