import { captionText, type SerializedFigure } from '../../model/anatomy.ts';
import { formatByline, formatContributorNote } from '../../model/credits.ts';
import type { SerializedNode } from '../../model/document.ts';
import {
  FORMAT,
  captionInline,
  correctionLines,
  correctionOf,
  datelineText,
  formatCorrectionDate,
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
 * The story as CommonMark: the correction note of a corrected story as a
 * leading blockquote "> **Correction (date):** note", "# Headline", the standfirst, byline and dateline
 * lines, "## Sector" per section, lists, quotes, links, figures as
 * `![alt](media/<sha256>.jpg)` with a "*caption* (credit)" line, and the
 * contributor note. Text is escaped so a story's own asterisks, brackets or
 * leading "#" stay text.
 */
export function renderMarkdown(story: ExportStory, settings: ExportSettings): string {
  const blocks: string[] = [];
  const correction = renderCorrection(story);
  if (correction !== '') blocks.push(correction);
  blocks.push(`# ${escapeLine(oneLine(story.headline)) || 'Untitled story'}`);
  if (story.standfirst.trim() !== '') blocks.push(emphasize(escapeLine(oneLine(story.standfirst)), '*'));
  const byline = formatByline(story.byline, settings.bylineFormat);
  if (byline !== '') blocks.push(escapeLine(byline));
  const dateline = datelineText(story.dateline, story.language);
  if (dateline !== '') blocks.push(escapeLine(dateline));

  for (const section of sectionsOf(story.body)) {
    if (section.heading !== null) blocks.push(`## ${escapeLine(sectorLabelOf(settings, section.heading.sectorId))}`);
    for (const block of section.blocks) {
      const text = renderBlock(block, settings);
      if (text !== '') blocks.push(text);
    }
  }
  return `${blocks.join('\n\n')}\n`;
}

/** The correction note as a blockquote; its lines end in hard breaks so they stay lines. */
function renderCorrection(story: ExportStory): string {
  const correction = correctionOf(story);
  if (correction === null) return '';
  const date = formatCorrectionDate(correction.at, story.language, story.timeZone);
  const label = `**Correction${date === '' ? '' : ` (${escapeText(date)})`}:**`;
  const lines = correctionLines(correction).map(escapeLine);
  return `> ${label} ${lines.join('\\\n> ')}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function renderBlock(block: SerializedNode, settings: ExportSettings): string {
  if (isFigure(block)) return renderFigure(block);
  if (isContributorNote(block)) return escapeLine(formatContributorNote(block.contributors, settings.noteTemplates));
  switch (block.type) {
    case 'paragraph':
      return isEmptyBlock(block) ? '' : renderInline(inlineOf(block.children ?? []));
    case 'heading': {
      const level = block.tag === 'h3' ? 3 : block.tag === 'h4' ? 4 : block.tag === 'h5' ? 5 : block.tag === 'h6' ? 6 : 2;
      return `${'#'.repeat(level)} ${renderInline(inlineOf(block.children ?? [])).replace(/\n/g, ' ')}`;
    }
    case 'quote':
      return renderInline(inlineOf(block.children ?? []))
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'list':
      return renderList(block, '');
    default:
      return renderInline(inlineOf(block.children ?? []));
  }
}

function renderList(list: SerializedNode, indent: string): string {
  const ordered = list.listType === 'number';
  let n = ordered && typeof list.start === 'number' ? Math.max(0, Math.trunc(list.start)) : 1;
  const lines: string[] = [];
  for (const item of list.children ?? []) {
    const marker = ordered ? `${n++}. ` : '- ';
    const inner = `${indent}${' '.repeat(marker.length)}`;
    const text = renderInline(inlineOf((item.children ?? []).filter((child) => child.type !== 'list')));
    lines.push(`${indent}${marker}${text.split('\n').join(`\n${inner}`)}`);
    for (const nested of (item.children ?? []).filter((child) => child.type === 'list')) lines.push(renderList(nested, inner));
  }
  return lines.join('\n');
}

function renderFigure(figure: SerializedFigure): string {
  const lines: string[] = [];
  if (figure.media) {
    const alt = escapeText(oneLine(figure.alt.trim() || captionText(figure.caption)));
    lines.push(`![${alt}](${mediaPath(figure.media)})`);
  }
  const caption = renderInline(captionInline(figure.caption)).replace(/\n/g, ' ').trim();
  const credit = figure.credit.trim();
  const captionLine = [caption === '' ? '' : emphasize(caption, '*'), credit === '' ? '' : `(${escapeText(oneLine(credit))})`]
    .filter(Boolean)
    .join(' ');
  if (captionLine !== '') lines.push(captionLine);
  return lines.join('\n');
}

// ── Inline ───────────────────────────────────────────────────────────────────

const MARKERS: Array<[number, string]> = [
  [FORMAT.bold, '**'],
  [FORMAT.italic, '_'],
  [FORMAT.strikethrough, '~~'],
];

export function renderInline(runs: readonly Inline[]): string {
  const out = runs
    .map((run) => {
      if (run.kind === 'break') return '\\\n';
      if (run.kind === 'link') {
        const label = renderInline(run.children) || escapeText(run.url);
        return `[${label}](${linkDestination(run.url)})`;
      }
      return renderText(run.text, run.format);
    })
    .join('');
  return escapeLineStart(out);
}

function renderText(text: string, format: number): string {
  if (text === '') return '';
  if (format & FORMAT.code) return codeSpan(text);
  let body = escapeText(text);
  for (const [bit, marker] of [...MARKERS].reverse()) if (format & bit) body = emphasize(body, marker);
  // Markdown has no underline; the HTML tag is the common way to keep it.
  if (format & FORMAT.underline) body = `<u>${body}</u>`;
  if (format & FORMAT.superscript) body = `<sup>${body}</sup>`;
  if (format & FORMAT.subscript) body = `<sub>${body}</sub>`;
  return body;
}

/** Wraps with a marker, keeping spaces outside it ("** bold **" is not bold in Markdown). */
function emphasize(text: string, marker: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  const [, lead, core, trail] = match;
  return core === '' ? text : `${lead}${marker}${core}${marker}${trail}`;
}

function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A link destination: spaces and parentheses encoded so the link cannot end early. */
function linkDestination(url: string): string {
  return url.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Escapes characters that mean something anywhere in a line. */
export function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/** Escapes text that is a whole line of its own (a heading, the byline). */
function escapeLine(text: string): string {
  return escapeLineStart(escapeText(text));
}

/** Characters that mean something only at the start of a line: "# ", "> ", "- ", "1. ", "+ ", "=". */
function escapeLineStart(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^(\s*)([#>+=-])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])(\s|$)/, '$1\\$2$3'),
    )
    .join('\n');
}
