import { captionText, type MediaRef, type SerializedFigure } from '../../model/anatomy.ts';
import { formatByline, formatContributorNote } from '../../model/credits.ts';
import type { SerializedNode } from '../../model/document.ts';
import {
  FORMAT,
  blockIdOf,
  captionInline,
  correctionLines,
  correctionOf,
  datelineText,
  formatCorrectionDate,
  formatDatelineDate,
  inlineOf,
  isContributorNote,
  isEmptyBlock,
  isFigure,
  mediaPath,
  sectionsOf,
  sectorLabelOf,
  type ExportSettings,
  type ExportStory,
  type Inline,
} from './story.ts';

/**
 * Semantic HTML of a story: `<article lang>` opening with the correction
 * note of a corrected story (`<aside class="correction" role="note">`), a
 * header (headline, standfirst, byline, dateline), one `<section data-sector>` per sector
 * section (the lead in a section of its own), figures as
 * figure/img/figcaption "caption (credit)", the contributor note. Every text
 * is escaped and only http, https and mailto links are written, so the output
 * is safe to open whatever the story contains.
 */

export interface HtmlOptions {
  /** The `src` of a figure's image; `media/<sha256>.<ext>` unless given. */
  imageSrc?: (media: MediaRef) => string;
  /** Mark figures with `data-association="figure-N"` (the names ninjs associations use). */
  associationNames?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value, escaped for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Name of the n-th figure (1-based) in ninjs associations and the HTML body. */
export function figureName(n: number): string {
  return `figure-${n}`;
}

/** A whole HTML page holding the article (UTF-8, no scripts, no remote resources). */
export function renderHtmlDocument(story: ExportStory, settings: ExportSettings, options: HtmlOptions = {}): string {
  const title = escapeHtml(story.headline.trim() || 'Untitled story');
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(story.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Copydesk">`,
    `<title>${title}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    renderHtmlArticle(story, settings, options),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const PAGE_STYLE = [
  'body{font:18px/1.6 Georgia,serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}',
  'h1{font-size:2rem;line-height:1.2}',
  '.standfirst{font-size:1.2rem;color:#444}',
  '.byline,.dateline{font:600 .85rem/1.4 system-ui,sans-serif;text-transform:none;color:#555;margin:.2rem 0}',
  'figure{margin:1.5rem 0}img{max-width:100%;height:auto}',
  'figcaption{font:.85rem/1.4 system-ui,sans-serif;color:#555}',
  'blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid #d6d0c4;color:#444}',
  '.contributor-note{font-style:italic}',
  '.correction{margin:0 0 1.5rem;padding:.6rem .9rem;border-left:4px solid #b4542d;background:#fbf3ee;font:.95rem/1.5 system-ui,sans-serif}',
  '.correction p{margin:0}',
].join('');

/** The `<article>` element: header and body. */
export function renderHtmlArticle(story: ExportStory, settings: ExportSettings, options: HtmlOptions = {}): string {
  const header: string[] = [`<h1>${escapeHtml(story.headline)}</h1>`];
  if (story.standfirst.trim() !== '') header.push(`<p class="standfirst">${escapeHtml(story.standfirst)}</p>`);
  const byline = formatByline(story.byline, settings.bylineFormat);
  if (byline !== '') header.push(`<p class="byline">${escapeHtml(byline)}</p>`);
  const dateline = renderDateline(story);
  if (dateline !== '') header.push(dateline);
  const correction = renderCorrection(story);
  return [
    `<article lang="${escapeHtml(story.language)}">`,
    ...(correction === '' ? [] : [correction]),
    '<header>',
    ...header,
    '</header>',
    renderHtmlBody(story, settings, options),
    '</article>',
  ].join('\n');
}

/**
 * The correction note as readers see it, first in the article, as the editor
 * shows it above the story: `<aside class="correction" role="note">` with
 * "Correction (date): note" ('' for a story without one). The note's lines
 * stay lines.
 */
export function renderCorrection(story: ExportStory): string {
  const correction = correctionOf(story);
  if (correction === null) return '';
  const date = formatCorrectionDate(correction.at, story.language, story.timeZone);
  const when = date === '' ? '' : ` (<time datetime="${escapeHtml(correction.at)}">${escapeHtml(date)}</time>)`;
  const note = correctionLines(correction).map(escapeHtml).join('<br>');
  return `<aside class="correction" role="note" aria-label="Correction"><p><strong>Correction</strong>${when}: ${note}</p></aside>`;
}

function renderDateline(story: ExportStory): string {
  const { place, date } = story.dateline;
  if (datelineText(story.dateline, story.language) === '') return '';
  const parts: string[] = [];
  const cleanPlace = place.trim().replace(/[-–—,\s]+$/, '');
  if (cleanPlace !== '') parts.push(`<span class="dateline-place">${escapeHtml(cleanPlace)}</span>`);
  if (date) parts.push(`<time datetime="${escapeHtml(date)}">${escapeHtml(formatDatelineDate(date, story.language))}</time>`);
  return `<p class="dateline">${parts.join(', ')}</p>`;
}

/** The body alone (sections, figures, contributor note): what ninjs carries as its main body. */
export function renderHtmlBody(story: ExportStory, settings: ExportSettings, options: HtmlOptions = {}): string {
  const state: RenderState = { settings, options, figures: 0 };
  const out: string[] = [];
  for (const section of sectionsOf(story.body)) {
    if (section.heading === null) {
      out.push('<section>');
    } else {
      out.push(`<section data-sector="${escapeHtml(section.heading.sectorId)}">`);
      const label = escapeHtml(sectorLabelOf(settings, section.heading.sectorId));
      out.push(`<h2${blockIdAttr(section.heading)}>${label}</h2>`);
    }
    for (const block of section.blocks) {
      const html = renderBlock(block, state);
      if (html !== '') out.push(html);
    }
    out.push('</section>');
  }
  return out.join('\n');
}

interface RenderState {
  settings: ExportSettings;
  options: HtmlOptions;
  figures: number;
}

function blockIdAttr(block: SerializedNode): string {
  const id = blockIdOf(block);
  return id === null ? '' : ` data-block-id="${escapeHtml(id)}"`;
}

const HEADING_TAGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

function renderBlock(block: SerializedNode, state: RenderState): string {
  const id = blockIdAttr(block);
  if (isFigure(block)) return renderFigure(block, id, state);
  if (isContributorNote(block)) {
    const text = formatContributorNote(block.contributors, state.settings.noteTemplates);
    return text === '' ? '' : `<p class="contributor-note"${id}>${escapeHtml(text)}</p>`;
  }
  switch (block.type) {
    case 'paragraph':
      return isEmptyBlock(block) ? '' : `<p${id}>${renderInline(inlineOf(block.children ?? []))}</p>`;
    case 'heading': {
      // The headline is the page's only h1.
      const tag = typeof block.tag === 'string' && HEADING_TAGS.has(block.tag) ? block.tag : block.tag === 'h1' ? 'h2' : 'h3';
      return `<${tag}${id}>${renderInline(inlineOf(block.children ?? []))}</${tag}>`;
    }
    case 'quote':
      return `<blockquote${id}><p>${renderInline(inlineOf(block.children ?? []))}</p></blockquote>`;
    case 'list':
      return renderList(block, id);
    default: {
      // A block type this exporter does not know: its text, never its markup.
      const inline = renderInline(inlineOf(block.children ?? []));
      return inline === '' ? '' : `<p${id}>${inline}</p>`;
    }
  }
}

function renderList(list: SerializedNode, id: string): string {
  const ordered = list.listType === 'number';
  const tag = ordered ? 'ol' : 'ul';
  const start = ordered && typeof list.start === 'number' && list.start !== 1 ? ` start="${Math.trunc(list.start)}"` : '';
  const items = (list.children ?? []).map((item) => {
    const inline = (item.children ?? []).filter((child) => child.type !== 'list');
    const nested = (item.children ?? []).filter((child) => child.type === 'list').map((child) => renderList(child, ''));
    return `<li>${renderInline(inlineOf(inline))}${nested.join('')}</li>`;
  });
  return `<${tag}${start}${id}>${items.join('')}</${tag}>`;
}

function renderFigure(figure: SerializedNode & SerializedFigure, id: string, state: RenderState): string {
  state.figures += 1;
  const assoc = state.options.associationNames ? ` data-association="${figureName(state.figures)}"` : '';
  const parts: string[] = [`<figure${id}${assoc}>`];
  if (figure.media) {
    const src = (state.options.imageSrc ?? mediaPath)(figure.media);
    const alt = figure.alt.trim() || captionText(figure.caption).trim();
    parts.push(
      `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" width="${figure.media.width}" height="${figure.media.height}">`,
    );
  }
  const caption = renderInline(captionInline(figure.caption));
  const credit = figure.credit.trim();
  if (caption.trim() !== '' || credit !== '') {
    const creditHtml = credit === '' ? '' : `<span class="credit">(${escapeHtml(credit)})</span>`;
    parts.push(`<figcaption>${[caption.trim() === '' ? '' : caption, creditHtml].filter(Boolean).join(' ')}</figcaption>`);
  }
  parts.push('</figure>');
  return parts.join('');
}

/** Tags for the format bits, outermost first. */
const FORMAT_TAGS: Array<[number, string]> = [
  [FORMAT.bold, 'b'],
  [FORMAT.italic, 'i'],
  [FORMAT.underline, 'u'],
  [FORMAT.strikethrough, 's'],
  [FORMAT.subscript, 'sub'],
  [FORMAT.superscript, 'sup'],
  [FORMAT.code, 'code'],
];

export function renderInline(runs: readonly Inline[]): string {
  return runs
    .map((run) => {
      if (run.kind === 'break') return '<br>';
      if (run.kind === 'link') return `<a href="${escapeHtml(run.url)}">${renderInline(run.children)}</a>`;
      let html = escapeHtml(run.text);
      for (const [bit, tag] of [...FORMAT_TAGS].reverse()) if (run.format & bit) html = `<${tag}>${html}</${tag}>`;
      return html;
    })
    .join('');
}
