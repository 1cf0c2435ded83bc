import { DEFAULT_SECTORS, captionText, type BylineEntry, type CaptionRun, type Dateline, type Sector } from '../model/anatomy.ts';
import type { SerializedNode } from '../model/document.ts';
import {
  captionRuns,
  cleanText,
  contributorNoteBlock,
  creatorFromCredit,
  describeDateline,
  figureBlock,
  inlineText,
  isMostlyCjk,
  isoDate,
  looksLikeCaption,
  matchSector,
  parseBylineLine,
  parseContributorNote,
  parseDatelinePrefix,
  quote,
  sectorHeadingBlock,
  splitCredit,
  type ImportReport,
} from './draft.ts';

/**
 * The passes every importer shares once it has blocks: the story header at
 * the top (headline, byline, dateline) and the anatomy inside the body
 * (sector headings, captions with credits, the contributor note).
 */

export interface StructureOptions {
  /** The publication's taxonomy; sector headings are made only for these. */
  sectors?: readonly Sector[];
}

export interface DetectedHeader {
  headline: string | null;
  byline: BylineEntry[];
  dateline: Dateline;
  blocks: SerializedNode[];
}

const TEXT_BLOCKS = new Set(['paragraph', 'heading']);

export function blockText(block: SerializedNode): string {
  return cleanText(inlineText(block.children ?? []));
}

/**
 * Reads the header off the top of a body: the headline (when `takeHeadline`),
 * a byline paragraph right after it, and the dateline that opens the first
 * paragraph ("Chongqing- Why …" loses its "Chongqing- "). The blocks that
 * held them are removed from the body.
 */
export function detectHeader(input: SerializedNode[], report: ImportReport, takeHeadline: boolean, findDateline = true): DetectedHeader {
  const blocks = [...input];
  let headline: string | null = null;
  if (takeHeadline) {
    const first = blocks[0];
    if (first && TEXT_BLOCKS.has(first.type) && blockText(first) !== '') {
      headline = blockText(first);
      blocks.shift();
      report.found.push('Headline');
    }
  }

  let byline: BylineEntry[] = [];
  let bylineDate: string | null = null;
  for (let i = 0; i < Math.min(2, blocks.length); i++) {
    const block = blocks[i]!;
    if (block.type !== 'paragraph') continue;
    const parsed = parseBylineLine(blockText(block));
    if (!parsed) continue;
    byline = parsed.byline;
    bylineDate = parsed.date;
    blocks.splice(i, 1);
    for (const entry of byline) report.found.push(`Byline: ${entry.name}${entry.role === 'author' ? '' : ` (${entry.role})`}`);
    break;
  }

  let dateline: Dateline = { place: '', date: bylineDate };
  const firstIndex = findDateline ? blocks.findIndex((b) => b.type === 'paragraph' && blockText(b) !== '') : -1;
  const first = firstIndex >= 0 ? blocks[firstIndex]! : null;
  const parsed = first ? parseDatelinePrefix(blockText(first)) : null;
  if (first && parsed && parsed.rest !== '') {
    const stated = parsed.date?.year ? isoDate(parsed.date.year, parsed.date.month, parsed.date.day) : null;
    dateline = { place: parsed.place.slice(0, 120), date: stated ?? bylineDate };
    blocks[firstIndex] = stripLeading(first, blockText(first).length - parsed.rest.length);
    const printed = parsed.date && !parsed.date.year ? printedDay(parsed.date.month, parsed.date.day, isMostlyCjk(parsed.place)) : undefined;
    report.found.push(`Dateline: ${describeDateline(dateline.place, dateline.date ? parseIso(dateline.date) : parsed.date, printed)}`);
    if (parsed.date && !parsed.date.year && !bylineDate) {
      report.notes.push('The dateline gives a day but no year, so its date is left empty. Set it in the story header.');
    }
  } else if (bylineDate) {
    report.found.push(`Dateline: ${bylineDate}`);
  }
  return { headline, byline, dateline, blocks };
}

const MONTH_NAMES = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

/** A day without a year as the desk writes it: "Sept. 6", "9月6日". */
function printedDay(month: number, day: number, cjk: boolean): string {
  return cjk ? `${month}月${day}日` : `${MONTH_NAMES[month - 1]} ${day}`;
}

function parseIso(date: string) {
  const [y, m, d] = date.split('-').map(Number);
  return { year: y!, month: m!, day: d! };
}

/**
 * The block with its first `count` visible characters removed (spaces do not
 * count, as the dateline was found on space-collapsed text), leading spaces trimmed.
 */
function stripLeading(block: SerializedNode, count: number): SerializedNode {
  let toRemove = count;
  const strip = (nodes: SerializedNode[]): SerializedNode[] => {
    const out: SerializedNode[] = [];
    for (const node of nodes) {
      if (toRemove <= 0) {
        out.push(node);
        continue;
      }
      if (typeof node.text === 'string') {
        let i = 0;
        const text = node.text;
        while (i < text.length && toRemove > 0) {
          // Collapsed runs of spaces count once, as in the cleaned text.
          if (/\s/.test(text[i]!)) {
            while (i < text.length && /\s/.test(text[i]!)) i++;
            toRemove--;
          } else {
            i++;
            toRemove--;
          }
        }
        const rest = text.slice(i).replace(/^\s+/, '');
        if (rest !== '') out.push({ ...node, text: rest });
        continue;
      }
      if (node.children) {
        const children = strip(node.children);
        if (children.length > 0) out.push({ ...node, children });
        continue;
      }
      out.push(node);
    }
    return out;
  };
  const children = strip(block.children ?? []);
  // A leading space left in the next text node.
  const firstText = children.find((c) => typeof c.text === 'string');
  if (firstText && typeof firstText.text === 'string') firstText.text = firstText.text.replace(/^\s+/, '');
  return { ...block, children };
}

export interface BodyOptions extends StructureOptions {
  /**
   * Treat a short paragraph ending in a parenthesised credit as a picture's
   * caption (web text and Word drafts lose the picture but keep the caption).
   */
  captionsFromParagraphs: boolean;
}

/**
 * Sector headings (a heading or a whole paragraph naming a known sector),
 * figure placeholders from caption paragraphs, and contributor notes.
 */
export function detectBodyStructure(blocks: readonly SerializedNode[], report: ImportReport, options: BodyOptions): SerializedNode[] {
  const sectors = options.sectors ?? DEFAULT_SECTORS;
  const out: SerializedNode[] = [];
  for (const block of blocks) {
    if (!TEXT_BLOCKS.has(block.type)) {
      if (block.type === 'sector-heading') {
        const id = String(block.sectorId);
        report.found.push(`Sector heading: ${sectors.find((s) => s.id === id)?.label ?? id}`);
      } else {
        listFound(block, report);
      }
      out.push(block);
      continue;
    }
    const text = blockText(block);
    const sector = text.length <= 80 ? matchSector(text, sectors) : null;
    if (sector) {
      out.push(keepId(sectorHeadingBlock(sector.id), block));
      report.found.push(`Sector heading: ${sector.label}${sector.label === text ? '' : ` (“${text}”)`}`);
      continue;
    }
    if (block.type !== 'paragraph') {
      out.push(block);
      continue;
    }
    const note = parseContributorNote(text);
    if (note) {
      out.push(keepId(contributorNoteBlock(note), block));
      report.found.push(`Contributor note: ${note.map((n) => `${n.name} (${NOTE_ROLE_WORDS[n.role]})`).join(', ')}`);
      continue;
    }
    const credited = options.captionsFromParagraphs ? splitCredit(text) : null;
    if (credited && looksLikeCaption(credited.caption)) {
      out.push(
        keepId(
          figureBlock({
            caption: cutRuns(captionRuns(block.children ?? []), credited.caption),
            credit: credited.credit,
            creator: creatorFromCredit(credited.credit),
          }),
          block,
        ),
      );
      listFound(out.at(-1)!, report);
      continue;
    }
    out.push(block);
  }
  return out;
}

/** A block that replaces another keeps its id (one carried over from Copydesk's export stays). */
function keepId(replacement: SerializedNode, original: SerializedNode): SerializedNode {
  return original.$ ? { ...replacement, $: original.$ } : replacement;
}

/** Lists the anatomy of a body that needs no detection (Copydesk's own export). */
export function listStructure(blocks: readonly SerializedNode[], report: ImportReport, sectors: readonly Sector[]): void {
  for (const block of blocks) {
    if (block.type === 'sector-heading') {
      const id = String(block.sectorId);
      report.found.push(`Sector heading: ${sectors.find((s) => s.id === id)?.label ?? id}`);
    } else if (block.type === 'contributor-note') {
      const entries = (block.contributors as Array<{ name: string; role: keyof typeof NOTE_ROLE_WORDS }>) ?? [];
      report.found.push(`Contributor note: ${entries.map((n) => `${n.name} (${NOTE_ROLE_WORDS[n.role] ?? n.role})`).join(', ')}`);
    } else {
      listFound(block, report);
    }
  }
}

const FIGURE_QUOTE = 80;

function shortQuote(text: string): string {
  const flat = quote(text);
  return flat.length > FIGURE_QUOTE ? `${flat.slice(0, FIGURE_QUOTE - 1)}…` : flat;
}

/** A figure, list or quote as the report lists it. */
function listFound(block: SerializedNode, report: ImportReport): void {
  if (block.type === 'figure') {
    const caption = captionText((block.caption as CaptionRun[] | undefined) ?? []);
    const credit = typeof block.credit === 'string' && block.credit ? ` — credit ${block.credit}` : '';
    report.found.push(caption ? `Figure: “${shortQuote(caption)}”${credit}` : `Figure without caption${credit}`);
  } else if (block.type === 'list') {
    const items = (block.children ?? []).filter((item) => !(item.children ?? []).some((c) => c.type === 'list')).length;
    report.found.push(`${block.listType === 'number' ? 'Numbered' : 'Bulleted'} list: ${items} ${items === 1 ? 'item' : 'items'}`);
  } else if (block.type === 'quote') {
    report.found.push('Block quote');
  }
}

const NOTE_ROLE_WORDS = {
  intern: 'intern',
  additional_reporting: 'additional reporting',
  translation: 'translation',
  photos: 'photos',
} as const;

/** Caption runs cut down to the caption (the credit in parentheses goes to its own field). */
export function cutRuns(runs: CaptionRun[], caption: string): CaptionRun[] {
  const wanted = cleanText(caption);
  const out: CaptionRun[] = [];
  let taken = '';
  for (const run of runs) {
    if (cleanText(taken).length >= wanted.length) break;
    const room = wanted.length - cleanText(taken).length;
    const text = cleanText(run.text).length <= room ? run.text : run.text.slice(0, room + (run.text.length - cleanText(run.text).length));
    out.push({ text, format: run.format });
    taken += text;
  }
  const last = out.at(-1);
  if (last) last.text = last.text.replace(/\s+$/, '');
  const result = out.filter((r) => r.text !== '');
  // Formatting could not be kept (e.g. the runs carry other spacing): fall back to the plain caption.
  return cleanText(result.map((r) => r.text).join('')) === wanted ? result : [{ text: wanted, format: 0 }];
}

/** Counts for the report's summary line. */
export function summarize(blocks: readonly SerializedNode[], report: ImportReport): void {
  const count = (type: string) => blocks.filter((b) => b.type === type).length;
  const parts: string[] = [];
  const add = (n: number, one: string, many: string) => {
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  add(count('paragraph'), 'paragraph', 'paragraphs');
  add(count('heading'), 'heading', 'headings');
  add(count('list'), 'list', 'lists');
  add(count('quote'), 'quote', 'quotes');
  if (parts.length > 0) report.found.push(`Body: ${parts.join(', ')}`);
  const placeholders = blocks.filter((b) => b.type === 'figure' && b.media === null).length;
  if (placeholders > 0) {
    report.notes.push(
      placeholders === 1
        ? 'One figure has its caption and credit but no photo yet: add the photo in the editor.'
        : `${placeholders} figures have their captions and credits but no photos yet: add the photos in the editor.`,
    );
  }
}
