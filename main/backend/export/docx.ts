import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import { captionText, type MediaRef, type SerializedFigure } from '../../../shared/model/anatomy.ts';
import { formatByline, formatContributorNote } from '../../../shared/model/credits.ts';
import type { SerializedNode } from '../../../shared/model/document.ts';
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
  sectionsOf,
  sectorLabelOf,
  type ExportSettings,
  type ExportStory,
  type Inline,
} from '../../../shared/transfer/export/story.ts';

/**
 * The story as a Word document (docx package): the correction note of a
 * corrected story first ("Correction (date): note", in a Correction style), Title, a subtitle for the
 * standfirst, byline and dateline lines, sector sections as Heading 2, the
 * body's own headings, lists, quotes and hyperlinks, figures as the image
 * itself with a Caption paragraph "caption (credit)", and the contributor note.
 */

export interface DocxOptions {
  /** The original bytes of a figure's image, or null when they are not on this machine. */
  image: (media: MediaRef) => Uint8Array | null;
}

export interface DocxResult {
  bytes: Uint8Array;
  /** Figures printed without their picture (bytes missing or a format Word cannot hold). */
  missingImages: number;
}

const IMAGE_TYPES: Partial<Record<MediaRef['mime'], 'jpg' | 'png' | 'gif'>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
};

/** Widest an image is placed, in pixels at 96 dpi (6.25 in, inside A4 and Letter margins). */
const MAX_IMAGE_WIDTH = 600;

export async function renderDocx(story: ExportStory, settings: ExportSettings, options: DocxOptions): Promise<DocxResult> {
  const state = { settings, options, missingImages: 0 };
  const children: Paragraph[] = [];

  const correction = correctionParagraph(story);
  if (correction !== null) children.push(correction);
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(story.headline.trim() || 'Untitled story')] }));
  if (story.standfirst.trim() !== '') children.push(new Paragraph({ style: 'Standfirst', children: [new TextRun(story.standfirst)] }));
  const byline = formatByline(story.byline, settings.bylineFormat);
  if (byline !== '') children.push(new Paragraph({ style: 'Byline', children: [new TextRun(byline)] }));
  const dateline = datelineText(story.dateline, story.language);
  if (dateline !== '') children.push(new Paragraph({ style: 'Dateline', children: [new TextRun(dateline)] }));

  for (const section of sectionsOf(story.body)) {
    if (section.heading !== null) {
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(sectorLabelOf(settings, section.heading.sectorId))] }),
      );
    }
    for (const block of section.blocks) children.push(...renderBlock(block, state));
  }

  const doc = new Document({
    title: story.headline,
    description: story.standfirst,
    creator: byline || 'Copydesk',
    styles: {
      default: { document: { run: { font: 'Georgia', size: 24 } } },
      paragraphStyles: [
        { id: 'Standfirst', name: 'Standfirst', basedOn: 'Normal', next: 'Normal', run: { size: 28, italics: true, color: '444444' } },
        { id: 'Byline', name: 'Byline', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 20 } },
        { id: 'Dateline', name: 'Dateline', basedOn: 'Normal', next: 'Normal', run: { size: 20, color: '555555' } },
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', run: { italics: true }, paragraph: { indent: { left: 720 } } },
        {
          id: 'Correction',
          name: 'Correction',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 22 },
          paragraph: {
            spacing: { after: 240 },
            indent: { left: 240 },
            border: { left: { style: BorderStyle.SINGLE, size: 24, color: 'B4542D', space: 8 } },
          },
        },
        { id: 'ContributorNote', name: 'Contributor Note', basedOn: 'Normal', next: 'Normal', run: { italics: true } },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: listLevels(LevelFormat.BULLET) },
        { reference: 'numbers', levels: listLevels(LevelFormat.DECIMAL) },
      ],
    },
    sections: [{ children }],
  });
  return { bytes: await Packer.toBuffer(doc), missingImages: state.missingImages };
}

/** "Correction (Sep 6, 2021): note" as one paragraph, the label in bold; the note's lines stay lines. */
function correctionParagraph(story: ExportStory): Paragraph | null {
  const correction = correctionOf(story);
  if (correction === null) return null;
  const date = formatCorrectionDate(correction.at, story.language, story.timeZone);
  const runs: TextRun[] = [new TextRun({ text: `Correction${date === '' ? '' : ` (${date})`}:`, bold: true })];
  correctionLines(correction).forEach((line, index) => runs.push(new TextRun({ text: index === 0 ? ` ${line}` : line, break: index === 0 ? undefined : 1 })));
  return new Paragraph({ style: 'Correction', children: runs });
}

function listLevels(format: (typeof LevelFormat)[keyof typeof LevelFormat]) {
  const bullets = ['\u2022', '\u25E6', '\u25AA'];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format,
    text: format === LevelFormat.BULLET ? bullets[level % bullets.length]! : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

interface State {
  settings: ExportSettings;
  options: DocxOptions;
  missingImages: number;
}

const HEADINGS = {
  h2: HeadingLevel.HEADING_2,
  h3: HeadingLevel.HEADING_3,
  h4: HeadingLevel.HEADING_4,
  h5: HeadingLevel.HEADING_5,
  h6: HeadingLevel.HEADING_6,
} as const;

function renderBlock(block: SerializedNode, state: State): Paragraph[] {
  if (isFigure(block)) return renderFigure(block, state);
  if (isContributorNote(block)) {
    const text = formatContributorNote(block.contributors, state.settings.noteTemplates);
    return text === '' ? [] : [new Paragraph({ style: 'ContributorNote', children: [new TextRun(text)] })];
  }
  const runs = () => toRuns(inlineOf(block.children ?? []));
  switch (block.type) {
    case 'paragraph':
      return isEmptyBlock(block) ? [] : [new Paragraph({ children: runs() })];
    case 'heading': {
      const tag = typeof block.tag === 'string' && block.tag in HEADINGS ? (block.tag as keyof typeof HEADINGS) : 'h2';
      return [new Paragraph({ heading: HEADINGS[tag], children: runs() })];
    }
    case 'quote':
      return [new Paragraph({ style: 'Quote', children: runs() })];
    case 'list':
      return renderList(block, 0);
    default: {
      const children = runs();
      return children.length === 0 ? [] : [new Paragraph({ children })];
    }
  }
}

function renderList(list: SerializedNode, level: number): Paragraph[] {
  const reference = list.listType === 'number' ? 'numbers' : 'bullets';
  const out: Paragraph[] = [];
  for (const item of list.children ?? []) {
    const inline = (item.children ?? []).filter((child) => child.type !== 'list');
    out.push(new Paragraph({ numbering: { reference, level: Math.min(level, 8) }, children: toRuns(inlineOf(inline)) }));
    for (const nested of (item.children ?? []).filter((child) => child.type === 'list')) out.push(...renderList(nested, level + 1));
  }
  return out;
}

function renderFigure(figure: SerializedFigure, state: State): Paragraph[] {
  const out: Paragraph[] = [];
  const type = figure.media ? IMAGE_TYPES[figure.media.mime] : undefined;
  const bytes = figure.media && type ? state.options.image(figure.media) : null;
  if (figure.media && type && bytes) {
    const scale = Math.min(1, MAX_IMAGE_WIDTH / figure.media.width);
    const alt = figure.alt.trim() || captionText(figure.caption).trim();
    out.push(
      new Paragraph({
        keepNext: true,
        children: [
          new ImageRun({
            type,
            data: bytes,
            transformation: { width: Math.round(figure.media.width * scale), height: Math.round(figure.media.height * scale) },
            altText: { name: `Figure`, description: alt, title: alt },
          }),
        ],
      }),
    );
  } else if (figure.media) {
    state.missingImages += 1;
  }
  const caption = toRuns(captionInline(figure.caption));
  const credit = figure.credit.trim();
  if (caption.length > 0 || credit !== '') {
    const creditRun = credit === '' ? [] : [new TextRun({ text: `${caption.length > 0 ? ' ' : ''}(${credit})` })];
    out.push(new Paragraph({ style: 'Caption', children: [...caption, ...creditRun] }));
  }
  return out;
}

function toRuns(runs: readonly Inline[], link = false): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const run of runs) {
    if (run.kind === 'break') out.push(new TextRun({ text: '', break: 1 }));
    else if (run.kind === 'link') {
      const children = toRuns(run.children, true).filter((child): child is TextRun => child instanceof TextRun);
      out.push(new ExternalHyperlink({ link: run.url, children: children.length > 0 ? children : [new TextRun({ text: run.url, style: 'Hyperlink' })] }));
    } else if (run.text !== '') out.push(textRun(run.text, run.format, link));
  }
  return out;
}

function textRun(text: string, format: number, link: boolean): TextRun {
  return new TextRun({
    text,
    bold: (format & FORMAT.bold) !== 0,
    italics: (format & FORMAT.italic) !== 0,
    underline: (format & FORMAT.underline) !== 0 ? {} : undefined,
    strike: (format & FORMAT.strikethrough) !== 0,
    subScript: (format & FORMAT.subscript) !== 0,
    superScript: (format & FORMAT.superscript) !== 0,
    font: (format & FORMAT.code) !== 0 ? 'Consolas' : undefined,
    style: link ? 'Hyperlink' : undefined,
  });
}
