import { BLOCK_ID_STATE_KEY, BlockId, DEFAULT_SECTORS, TEXT_FORMAT, type Dateline, type Sector } from '../model/anatomy.ts';
import type { SerializedNode } from '../model/document.ts';
import { isStoredLinkAllowed, safeLinkUrl } from '../model/links.ts';
import { LIMITS } from '../model/story.ts';
import {
  captionRuns,
  cleanText,
  creatorFromCredit,
  documentOf,
  emptyReport,
  figureBlock,
  guessLanguage,
  headingBlock,
  inlineText,
  lineBreakNode,
  linkNode,
  listBlock,
  listItemNode,
  listNode,
  paragraphBlock,
  parseDate,
  quote,
  quoteBlock,
  sectorHeadingBlock,
  splitCredit,
  textNode,
  type ImportReport,
  type ImportResult,
} from './draft.ts';
import { blockText, cutRuns, detectBodyStructure, detectHeader, summarize } from './structure.ts';

/**
 * Sanitized HTML (a DOM `Document` or `Element`, in the browser or under
 * jsdom) → story blocks. Only the structural subset of the DOM is used, so
 * this file stays pure: the caller parses and sanitizes (DOMPurify).
 */

/** The parts of a DOM node this module reads (browser DOM and jsdom both fit). */
export interface DomNodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNodeLike>;
}

export interface DomElementLike extends DomNodeLike {
  getAttribute(name: string): string | null;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** An image found in the HTML, for the caller to upload (docx) and attach to its figure. */
export interface FoundImage {
  blockId: string;
  src: string;
  alt: string;
}

export interface HtmlOptions {
  sectors?: readonly Sector[];
  /**
   * Keep images without a caption as figures (Word drafts: the bytes are
   * there). Otherwise they are dropped as "image without caption".
   */
  keepUncaptionedImages?: boolean;
}

export interface HtmlBlocks {
  blocks: SerializedNode[];
  images: FoundImage[];
}

const FORMAT_TAGS: Record<string, number> = {
  B: TEXT_FORMAT.bold,
  STRONG: TEXT_FORMAT.bold,
  I: TEXT_FORMAT.italic,
  EM: TEXT_FORMAT.italic,
  U: TEXT_FORMAT.underline,
  S: TEXT_FORMAT.strikethrough,
  STRIKE: TEXT_FORMAT.strikethrough,
  DEL: TEXT_FORMAT.strikethrough,
};

const CONTAINERS = new Set(['HTML', 'BODY', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'CENTER', 'FORM', 'HGROUP']);
const BLOCK_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'FIGURE', 'PRE', 'TD', 'TH', 'DL', 'DT', 'DD', 'HR', ...CONTAINERS]);

function isElement(node: DomNodeLike): node is DomElementLike {
  return node.nodeType === ELEMENT_NODE;
}

function tagOf(node: DomNodeLike): string {
  return node.nodeName.toUpperCase();
}

function childrenOf(node: DomNodeLike): DomNodeLike[] {
  return Array.from(node.childNodes);
}

function hasClass(element: DomElementLike, name: string): boolean {
  return (element.getAttribute('class') ?? '').split(/\s+/).includes(name);
}

/** The images (any depth) inside a node. */
function imagesIn(node: DomNodeLike): DomElementLike[] {
  const found: DomElementLike[] = [];
  const walk = (n: DomNodeLike) => {
    for (const child of childrenOf(n)) {
      if (!isElement(child)) continue;
      if (tagOf(child) === 'IMG') found.push(child);
      else walk(child);
    }
  };
  walk(node);
  return found;
}

function findFirst(node: DomNodeLike, test: (e: DomElementLike) => boolean): DomElementLike | null {
  for (const child of childrenOf(node)) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const inner = findFirst(child, test);
    if (inner) return inner;
  }
  return null;
}

/**
 * Converts the children of `root` to blocks: p, h1/h2 → H2 (a sector heading
 * when it names a sector; see detectBodyStructure), h3–h6 → H3, lists,
 * block quotes, links (http, https and mailto only; others keep their text),
 * bold/italic/underline/strikethrough, figure/img/figcaption → a figure with
 * caption and credit apart. Empty paragraphs are left out.
 */
export function htmlToBlocks(root: DomNodeLike, report: ImportReport, options: HtmlOptions = {}): HtmlBlocks {
  const converter = new Converter(report, options);
  converter.blocksOf(root);
  converter.flushInline();
  return { blocks: converter.blocks, images: converter.images };
}

class Converter {
  readonly blocks: SerializedNode[] = [];
  readonly images: FoundImage[] = [];
  private inline: SerializedNode[] = [];
  private readonly usedIds = new Set<string>();
  private skip = new Set<DomNodeLike>();
  /** The sector of the <section data-sector> being read; its first H1/H2 is that sector's heading. */
  private pendingSector: string | null = null;

  constructor(
    private readonly report: ImportReport,
    private readonly options: HtmlOptions,
  ) {}

  /** Keeps a block id carried over from Copydesk's own export (data-block-id), once. */
  private push(block: SerializedNode, source?: DomElementLike): void {
    const carried = source?.getAttribute('data-block-id') ?? null;
    if (carried && BlockId.safeParse(carried).success && !this.usedIds.has(carried)) {
      block = { ...block, $: { [BLOCK_ID_STATE_KEY]: carried } };
    }
    const id = (block.$ as Record<string, unknown> | undefined)?.[BLOCK_ID_STATE_KEY];
    if (typeof id === 'string') this.usedIds.add(id);
    this.blocks.push(block);
  }

  flushInline(): void {
    const children = tidyInline(this.inline);
    this.inline = [];
    if (children.length > 0) this.push(paragraphBlock(children));
  }

  blocksOf(node: DomNodeLike): void {
    const children = childrenOf(node);
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (this.skip.has(child)) continue;
      if (!isElement(child)) {
        if (child.nodeType === TEXT_NODE) this.inline.push(...inlineOf(child, 0));
        continue;
      }
      const tag = tagOf(child);
      if (!BLOCK_TAGS.has(tag) && tag !== 'IMG') {
        // Inline content at block level (text straight in <body>, a <span> …); images inside are figures.
        if (imagesIn(child).length > 0) this.paragraphWithImages(child, children.slice(i + 1));
        else this.inline.push(...inlineOf(child, 0));
        continue;
      }
      this.flushInline();
      this.block(child, children.slice(i + 1));
    }
  }

  private block(element: DomElementLike, following: DomNodeLike[]): void {
    const tag = tagOf(element);
    if (CONTAINERS.has(tag) || tag === 'TD' || tag === 'TH' || tag === 'DL' || tag === 'DD' || tag === 'DT') {
      const sectorId = tag === 'SECTION' ? element.getAttribute('data-sector') : null;
      if (sectorId && (this.options.sectors ?? DEFAULT_SECTORS).some((s) => s.id === sectorId)) this.pendingSector = sectorId;
      this.blocksOf(element);
      this.pendingSector = null;
      this.flushInline();
      return;
    }
    switch (tag) {
      case 'P':
      case 'PRE':
        if (imagesIn(element).length > 0) this.paragraphWithImages(element, following);
        else this.pushText(paragraphBlock(tidyInline(inlineOf(element, 0))), element);
        return;
      case 'H1':
      case 'H2':
        if (this.pendingSector) {
          this.push(sectorHeadingBlock(this.pendingSector), element);
          this.pendingSector = null;
          return;
        }
        this.pushText(headingBlock('h2', tidyInline(inlineOf(element, 0))), element);
        return;
      case 'H3':
      case 'H4':
      case 'H5':
      case 'H6':
        this.pushText(headingBlock('h3', tidyInline(inlineOf(element, 0))), element);
        return;
      case 'UL':
      case 'OL': {
        const items = listItems(element);
        if (items.length > 0) this.push(listBlock(tag === 'OL' ? 'number' : 'bullet', items), element);
        return;
      }
      case 'LI':
        // A stray <li> outside a list.
        this.pushText(paragraphBlock(tidyInline(inlineOf(element, 0))), element);
        return;
      case 'BLOCKQUOTE':
        this.pushText(quoteBlock(quoteInline(element)), element);
        return;
      case 'FIGURE':
        this.figure(element);
        return;
      case 'IMG':
        this.image(element, following);
        return;
      case 'HR':
        return;
    }
  }

  private pushText(block: SerializedNode, source: DomElementLike): void {
    const children = block.children ?? [];
    if (children.length === 0) return;
    this.push(block, source);
  }

  /** A paragraph holding images: text before and after stays in paragraphs, each image becomes a figure. */
  private paragraphWithImages(element: DomElementLike, following: DomNodeLike[]): void {
    for (const child of childrenOf(element)) {
      if (isElement(child) && tagOf(child) === 'IMG') {
        this.flushInline();
        this.image(child, following);
      } else if (isElement(child) && imagesIn(child).length > 0) {
        this.paragraphWithImages(child, following);
      } else {
        this.inline.push(...inlineOf(child, 0));
      }
    }
    this.flushInline();
  }

  /** A <figure>: its image, and its <figcaption> with the credit apart (a .credit element, or "(credit)" at the end). */
  private figure(element: DomElementLike): void {
    const img = imagesIn(element)[0] ?? null;
    const figcaption = findFirst(element, (e) => tagOf(e) === 'FIGCAPTION');
    const creditElement = figcaption ? findFirst(figcaption, (e) => hasClass(e, 'credit')) : null;
    let credit = creditElement ? cleanText(creditElement.textContent ?? '').replace(/^[（(]\s*|\s*[)）]$/g, '') : '';
    let runs = figcaption ? captionRuns(inlineOf(figcaption, 0, creditElement)) : [];
    if (!creditElement && runs.length > 0) {
      const split = splitCredit(runs.map((r) => r.text).join(''));
      if (split) {
        credit = split.credit;
        runs = cutRuns(runs, split.caption);
      }
    }
    if (!img && runs.length === 0) return;
    const alt = cleanText(img?.getAttribute('alt') ?? '');
    const src = img?.getAttribute('src') ?? '';
    if (runs.length === 0 && !this.options.keepUncaptionedImages) {
      this.report.dropped.push({ text: alt ? `Image: ${quote(alt)}` : 'Image', reason: 'image without caption' });
      return;
    }
    this.addFigure(element, runs, credit, alt, src);
  }

  /**
   * An image outside a <figure>. Its caption is the paragraph right after it
   * when that is styled as a caption (Word's "Image Caption" → p.caption) or
   * ends with a credit in parentheses; failing that, its alt text.
   */
  private image(img: DomElementLike, following: DomNodeLike[]): void {
    const alt = cleanText(img.getAttribute('alt') ?? '');
    const src = img.getAttribute('src') ?? '';
    const next = following.find((n) => (isElement(n) ? true : cleanText(n.textContent ?? '') !== ''));
    let runs: ReturnType<typeof captionRuns> = [];
    let credit = '';
    if (next && isElement(next) && tagOf(next) === 'P' && imagesIn(next).length === 0) {
      const nextRuns = captionRuns(inlineOf(next, 0));
      const text = nextRuns.map((r) => r.text).join('');
      const split = splitCredit(text);
      if (hasClass(next, 'caption') || (split && text.length <= 400)) {
        this.skip.add(next);
        runs = split ? cutRuns(nextRuns, split.caption) : nextRuns;
        credit = split?.credit ?? '';
      }
    }
    if (runs.length === 0 && alt) {
      // Word keeps the caption as the picture's description too: "Chongqing at night. (iChongqing/ Vivian Yan)".
      const split = splitCredit(alt);
      if (split) {
        runs = [{ text: split.caption, format: 0 }];
        credit = split.credit;
      }
    }
    if (runs.length === 0 && !this.options.keepUncaptionedImages) {
      this.report.dropped.push({ text: alt ? `Image: ${quote(alt)}` : 'Image', reason: 'image without caption' });
      return;
    }
    this.addFigure(img, runs, credit, alt, src);
  }

  private addFigure(source: DomElementLike, runs: ReturnType<typeof captionRuns>, credit: string, alt: string, src: string): void {
    const captionText = runs.map((r) => r.text).join('');
    // An alt text that only repeats the caption (and credit) says nothing more; keep the caption part.
    const altText = alt && splitCredit(alt)?.caption === cleanText(captionText) ? cleanText(captionText) : alt;
    const block = figureBlock({ caption: runs, credit, creator: creatorFromCredit(credit), alt: altText });
    this.push(block, source);
    const pushed = this.blocks.at(-1)!;
    const blockId = String((pushed.$ as Record<string, unknown>)[BLOCK_ID_STATE_KEY]);
    if (src) this.images.push({ blockId, src, alt: altText });
  }
}

/** Inline content of an element: text with formats, links, line breaks. `exclude` is left out (a figure's credit). */
function inlineOf(node: DomNodeLike, format: number, exclude: DomNodeLike | null = null): SerializedNode[] {
  if (node === exclude) return [];
  if (node.nodeType === TEXT_NODE) {
    const text = (node.textContent ?? '').replace(/[\t\n\r\f ]+/g, ' ');
    return text === '' ? [] : [textNode(text, format)];
  }
  if (!isElement(node)) return [];
  const tag = tagOf(node);
  if (tag === 'BR') return [lineBreakNode()];
  if (tag === 'IMG') return [];
  const inner = format | (FORMAT_TAGS[tag] ?? 0);
  const children = childrenOf(node).flatMap((child) => inlineOf(child, inner, exclude));
  if (tag === 'A') {
    const href = node.getAttribute('href') ?? '';
    const check = safeLinkUrl(href);
    if (check.ok && isStoredLinkAllowed(check.url) && children.length > 0) return [linkNode(check.url, children)];
    return children;
  }
  // A block inside inline content (e.g. <p> inside <li>) reads as a line of its own.
  if (BLOCK_TAGS.has(tag) && tag !== 'UL' && tag !== 'OL') return [...children, lineBreakNode()];
  return children;
}

/** Whitespace as a browser shows it: collapsed, trimmed at the ends and around line breaks; empty runs gone. */
function tidyInline(nodes: SerializedNode[]): SerializedNode[] {
  const out: SerializedNode[] = [];
  const merged = mergeText(nodes);
  let atLineStart = true;
  for (const node of merged) {
    if (node.type === 'linebreak') {
      trimEnd(out);
      if (out.length > 0) out.push(node);
      atLineStart = true;
      continue;
    }
    if (typeof node.text === 'string') {
      const text = atLineStart ? node.text.replace(/^ +/, '') : node.text;
      if (text !== '') {
        out.push({ ...node, text });
        atLineStart = false;
      }
      continue;
    }
    if (node.type === 'link') {
      const children = tidyInline(node.children ?? []);
      if (children.length === 0) continue;
      out.push({ ...node, children });
      atLineStart = false;
      continue;
    }
    out.push(node);
    atLineStart = false;
  }
  while (out.at(-1)?.type === 'linebreak') out.pop();
  trimEnd(out);
  return out;
}

function trimEnd(nodes: SerializedNode[]): void {
  const last = nodes.at(-1);
  if (last && typeof last.text === 'string') {
    const text = last.text.replace(/ +$/, '');
    if (text === '') nodes.pop();
    else nodes[nodes.length - 1] = { ...last, text };
  }
}

/** Adjacent text with the same format as one node; a space between two runs kept once. */
function mergeText(nodes: SerializedNode[]): SerializedNode[] {
  const out: SerializedNode[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (last && typeof last.text === 'string' && typeof node.text === 'string') {
      const text = last.text.endsWith(' ') ? node.text.replace(/^ +/, '') : node.text;
      if (last.format === node.format) {
        out[out.length - 1] = { ...last, text: last.text + text };
        continue;
      }
      if (text !== node.text) {
        if (text !== '') out.push({ ...node, text });
        continue;
      }
    }
    out.push(node);
  }
  return out;
}

function quoteInline(element: DomElementLike): SerializedNode[] {
  // Paragraphs inside a quote become lines of one quote block.
  return tidyInline(childrenOf(element).flatMap((child) => inlineOf(child, 0)));
}

function listItems(list: DomElementLike): SerializedNode[] {
  const items: SerializedNode[] = [];
  let value = 1;
  for (const child of childrenOf(list)) {
    if (!isElement(child)) continue;
    const tag = tagOf(child);
    if (tag === 'UL' || tag === 'OL') {
      const nested = listItems(child);
      if (nested.length > 0) items.push(listItemNode(value, [listNode(tag === 'OL' ? 'number' : 'bullet', nested)]));
      continue;
    }
    if (tag !== 'LI') continue;
    const inline: SerializedNode[] = [];
    const nestedLists: SerializedNode[] = [];
    for (const part of childrenOf(child)) {
      if (isElement(part) && (tagOf(part) === 'UL' || tagOf(part) === 'OL')) {
        const nested = listItems(part);
        if (nested.length > 0) nestedLists.push(listNode(tagOf(part) === 'OL' ? 'number' : 'bullet', nested));
      } else {
        inline.push(...inlineOf(part, 0));
      }
    }
    const text = tidyInline(inline);
    if (text.length > 0) items.push(listItemNode(value++, text));
    for (const nested of nestedLists) items.push(listItemNode(value, [nested]));
  }
  return items;
}

// ── The whole story ──────────────────────────────────────────────────────────

export interface HtmlDraftOptions extends HtmlOptions {
  language?: string;
}

export interface HtmlImportResult extends ImportResult {
  images: FoundImage[];
}

/**
 * A story from sanitized HTML: the headline from the first <h1> (or the
 * first heading at the top), a standfirst from p.standfirst, then the byline
 * and dateline at the top of the body, and the body's anatomy.
 */
export function htmlToDraft(root: DomNodeLike, options: HtmlDraftOptions = {}): HtmlImportResult {
  const report = emptyReport();
  const { blocks, images } = htmlToBlocks(root, report, options);

  // The headline: a leading H1/H2 that does not name a sector.
  const first = blocks[0];
  const takeHeadline = first !== undefined && first.type === 'heading';
  let standfirst = '';
  const standfirstElement = findFirst(root, (e) => tagOf(e) === 'P' && (hasClass(e, 'standfirst') || hasClass(e, 'subtitle')));
  if (standfirstElement) {
    standfirst = cleanText(standfirstElement.textContent ?? '').slice(0, LIMITS.standfirst);
    const index = blocks.findIndex((b) => blockText(b) === standfirst);
    if (index >= 0) blocks.splice(index, 1);
  }
  // An explicit dateline (Copydesk's HTML export: <p class="dateline"><span class="dateline-place">…</span>, <time datetime>).
  const datelineElement = findFirst(root, (e) => tagOf(e) === 'P' && hasClass(e, 'dateline'));
  let explicitDateline: Dateline | null = null;
  if (datelineElement) {
    const placeElement = findFirst(datelineElement, (e) => hasClass(e, 'dateline-place'));
    const time = findFirst(datelineElement, (e) => tagOf(e) === 'TIME');
    const datetime = time?.getAttribute('datetime') ?? '';
    const place = cleanText(placeElement?.textContent ?? '').slice(0, 120);
    explicitDateline = { place, date: /^\d{4}-\d{2}-\d{2}$/.test(datetime) && parseDate(datetime) ? datetime : null };
    const text = cleanText(datelineElement.textContent ?? '');
    const index = blocks.findIndex((b) => blockText(b) === text);
    if (index >= 0) blocks.splice(index, 1);
  }
  const header = detectHeader(blocks, report, takeHeadline, explicitDateline === null);
  if (explicitDateline && (explicitDateline.place || explicitDateline.date)) {
    header.dateline = explicitDateline;
    report.found.push(`Dateline: ${[explicitDateline.place, explicitDateline.date].filter(Boolean).join(', ')}`);
  }
  if (standfirst) report.found.splice(1, 0, 'Standfirst');
  const body = detectBodyStructure(header.blocks, report, { sectors: options.sectors, captionsFromParagraphs: true });
  summarize(body, report);
  if (header.headline === null) report.notes.push('No headline was found; type one in the editor.');
  const textForLanguage = body.map((b) => inlineText(b.children ?? [])).join(' ');
  return {
    draft: {
      headline: (header.headline ?? '').slice(0, LIMITS.headline),
      standfirst,
      dateline: header.dateline,
      byline: header.byline,
      language: options.language ?? guessLanguage(`${header.headline ?? ''} ${textForLanguage}`),
      body: documentOf(body),
    },
    report,
    // Only images whose figures are still in the body (a figure may have been read as something else).
    images: images.filter((image) => body.some((b) => (b.$ as Record<string, unknown> | undefined)?.[BLOCK_ID_STATE_KEY] === image.blockId)),
  };
}
