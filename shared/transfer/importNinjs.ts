import { DEFAULT_SECTORS, type BylineEntry, type BylineRole, type Dateline, type NoteEntry, type Sector } from '../model/anatomy.ts';
import type { SerializedNode } from '../model/document.ts';
import { LanguageTag, LIMITS } from '../model/story.ts';
import {
  cleanText,
  contributorNoteBlock,
  creatorFromCredit,
  documentOf,
  emptyReport,
  figureBlock,
  guessLanguage,
  matchSector,
  matchSectorUri,
  paragraphBlock,
  parseDate,
  properCaseName,
  splitCredit,
  splitNames,
  textNode,
  type ImportReport,
  type ImportResult,
} from './draft.ts';
import { htmlToBlocks, type DomNodeLike } from './htmlToBlocks.ts';
import { CORRECTION_BODY_ROLE, readCopydeskExtension, readCorrectionBody } from './export/ninjsExtension.ts';
import { detectBodyStructure, detectHeader, listStructure, summarize } from './structure.ts';

/** A schema problem: where in the document (JSON Pointer, "" for the item) and what. */
export interface NinjsIssue {
  path: string;
  message: string;
}

/** A ninjs document that cannot be imported, with what is wrong in it. */
export class ImportError extends Error {
  readonly issues: string[];

  constructor(message: string, issues: string[] = []) {
    super(message);
    this.name = 'ImportError';
    this.issues = issues;
  }
}

export interface NinjsOptions {
  sectors?: readonly Sector[];
  /**
   * Validates against the ninjs 3.1 schema (export/ninjsSchema.ts with ajv on
   * the Node side; the renderer asks the backend, `transfer.validateNinjs`,
   * since ajv compiles with `new Function`, which the renderer's CSP forbids).
   * Runs before anything is read.
   */
  validate: (document: unknown) => NinjsIssue[] | Promise<NinjsIssue[]>;
  /**
   * Parses and sanitizes HTML into a DOM (DOMPurify in the renderer, jsdom in
   * tests). Without it, HTML bodies are read as plain text.
   */
  parseHtml?: (html: string) => DomNodeLike;
}

/** Most issues listed in one refusal; the rest are counted. */
const ISSUES_SHOWN = 6;

type Json = Record<string, unknown>;

/**
 * An IPTC ninjs 3.x news item → a story draft: headline, byline (people with
 * author-like roles, else the `by` line), dateline (`located` and the
 * creation date), sectors from `subjects` that match the taxonomy by Media
 * Topic URI or name, the body (HTML through the HTML pipeline, or plain
 * text), figures from picture associations with caption and credit, and the
 * language. The document is validated against the schema first.
 */
export async function importNinjs(text: string, options: NinjsOptions): Promise<ImportResult> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`This file is not valid JSON, so it cannot be read as ninjs. ${error instanceof Error ? error.message : ''}`.trim());
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new ImportError('This JSON is not a ninjs news item: a ninjs file holds one JSON object.');
  }
  const issues = await options.validate(document);
  if (issues.length > 0) {
    const lines = issues.slice(0, ISSUES_SHOWN).map((issue) => `${issue.path || '(the item)'} ${issue.message}`);
    if (issues.length > ISSUES_SHOWN) lines.push(`… and ${issues.length - ISSUES_SHOWN} more`);
    throw new ImportError(`This file is not valid IPTC ninjs 3.1 (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}): ${lines.join('; ')}`, lines);
  }
  const item = document as Json;
  // Copydesk's own export carries the exact story (block ids, caption formatting, roles) beside the standard fields.
  const own = readCopydeskExtension(item as Parameters<typeof readCopydeskExtension>[0]);
  const result = own.ok ? ownExport(item, own.extension, options) : ninjsToDraft(item, options);
  if (!own.ok && own.reason === 'body-changed') {
    result.report.notes.push('This is a Copydesk export whose body was changed elsewhere, so it was read from its standard ninjs fields.');
  }
  noteCorrection(item, result.report);
  return result;
}

/**
 * A correction note (a body with role "correction", as Copydesk exports a
 * corrected story) is named in the report, not put into the draft: an
 * imported story starts as a draft, and a correction belongs to a story
 * that was published — in Copydesk an editor writes one when taking a
 * published story down. Its text stays out of the body too.
 */
function noteCorrection(item: Json, report: ImportReport): void {
  const note = readCorrectionBody(item);
  if (note === null) return;
  const shown = note.length > 300 ? `${note.slice(0, 300)}…` : note;
  report.notes.push(
    `The item's correction note was not imported (an imported story starts as a draft; an editor writes a correction note when taking a published story down): “${shown}”`,
  );
}

/** A Copydesk ninjs export whose body is unchanged: the story exactly as it was exported. */
function ownExport(item: Json, extension: { dateline: Dateline; byline: BylineEntry[]; body: ImportResult['draft']['body'] }, options: NinjsOptions): ImportResult {
  const report = emptyReport();
  const headline = cleanText(String(pickByRole(array(item.headlines), ['main'])?.value ?? ''));
  if (headline) report.found.push('Headline');
  const standfirst = array(item.descriptions).find((d) => d.role === 'standfirst' && isPlain(d))?.value;
  if (typeof standfirst === 'string' && standfirst.trim()) report.found.push('Standfirst');
  for (const entry of extension.byline) report.found.push(`Byline: ${entry.name}${entry.role === 'author' ? '' : ` (${entry.role})`}`);
  const { place, date } = extension.dateline;
  if (place || date) report.found.push(`Dateline: ${[place, date].filter(Boolean).join(', ')}`);
  listStructure(extension.body.root.children, report, options.sectors ?? DEFAULT_SECTORS);
  summarize(extension.body.root.children, report);
  report.notes.push('Read from Copydesk’s own export: block ids and formatting are kept exactly.');
  const language = typeof item.language === 'string' && LanguageTag.safeParse(item.language).success ? item.language : 'en';
  return {
    draft: {
      headline: headline.slice(0, LIMITS.headline),
      standfirst: typeof standfirst === 'string' ? standfirst.slice(0, LIMITS.standfirst) : '',
      dateline: extension.dateline,
      byline: extension.byline,
      language,
      body: extension.body,
    },
    report,
  };
}

function ninjsToDraft(item: Json, options: NinjsOptions): ImportResult {
  const report = emptyReport();
  const sectors = options.sectors ?? DEFAULT_SECTORS;

  const headline = pickByRole(array(item.headlines), ['main', 'headline'])?.value;
  const headlineText = cleanText(typeof headline === 'string' ? headline : typeof item.title === 'string' ? item.title : '');
  if (headlineText) report.found.push('Headline');

  const standfirstValue = pickByRole(array(item.descriptions).filter((d) => isPlain(d)), ['standfirst', 'summary', 'abstract', 'teaser', 'lead'])?.value;
  const standfirst = item.type === 'picture' ? '' : cleanText(typeof standfirstValue === 'string' ? standfirstValue : '').slice(0, LIMITS.standfirst);
  if (standfirst) report.found.push('Standfirst');

  const { byline, noteEntries } = people(item, report, item.type === 'picture' ? 'photographer' : 'author');

  // The body: HTML through the HTML pipeline when we can parse it, else plain text.
  let blocks: SerializedNode[] = [];
  // A correction note is not the story's body (see noteCorrection).
  const bodies = array(item.bodies).filter((b) => b.role !== CORRECTION_BODY_ROLE);
  const html = bodies.find((b) => isHtml(b) && typeof b.value === 'string');
  const plain = bodies.find((b) => isPlain(b) && typeof b.value === 'string');
  if (html && options.parseHtml) {
    blocks = htmlToBlocks(options.parseHtml(String(html.value)), report).blocks;
  } else if (plain || html) {
    const source = String((plain ?? html)!.value);
    const textBody = plain ? source : source.replace(/<[^>]*>/g, ' ');
    blocks = textBody
      .split(/\n\s*\n|\r\n\s*\r\n/)
      .map(cleanText)
      .filter(Boolean)
      .map((p) => paragraphBlock([textNode(p)]));
  }

  // Dateline: the place from `located` (or the body's opening), the date from when the content was made.
  const header = detectHeader(blocks, report, false);
  const located = typeof item.located === 'string' ? cleanText(item.located).slice(0, 120) : '';
  const when = [item.contentCreated, item.firstCreated, item.versionCreated].find((v): v is string => typeof v === 'string');
  const date = when ? (parseDate(when.slice(0, 10))?.year ? when.slice(0, 10) : null) : null;
  const dateline: Dateline = { place: located || header.dateline.place, date: header.dateline.date ?? date };
  if (dateline.place || dateline.date) {
    // detectHeader may have listed the dateline it found in the body; the combined one replaces it.
    const index = report.found.findIndex((f) => f.startsWith('Dateline:'));
    const line = `Dateline: ${[dateline.place, dateline.date].filter(Boolean).join(', ')}`;
    if (index >= 0) report.found[index] = line;
    else report.found.push(line);
  }
  if (header.byline.length > 0 && byline.length === 0) byline.push(...header.byline);

  // Picture associations (and a picture item itself) → figures at the top, as the lead photo.
  const figures: SerializedNode[] = [];
  const pictures = item.type === 'picture' ? [item] : array(item.associations).filter((a) => a.type === 'picture' || a.type === 'graphic');
  const inBody = new Set(header.blocks.filter((b) => b.type === 'figure').map((b) => cleanText(((b.caption as Array<{ text: string }>) ?? []).map((r) => r.text).join(''))));
  for (const picture of pictures) {
    const figure = figureFrom(picture, report);
    // The body's HTML already shows this picture (Copydesk's export does): one figure, not two.
    const caption = cleanText(((figure.caption as Array<{ text: string }>) ?? []).map((r) => r.text).join(''));
    if (caption !== '' && inBody.has(caption)) continue;
    figures.push(figure);
  }

  let body = detectBodyStructure([...figures, ...header.blocks], report, { sectors, captionsFromParagraphs: true });
  if (noteEntries.length > 0 && !body.some((b) => b.type === 'contributor-note')) {
    body = [...body, contributorNoteBlock(noteEntries)];
    report.found.push(`Contributor note: ${noteEntries.map((n) => `${n.name} (${n.role.replace('_', ' ')})`).join(', ')}`);
  }

  // Subjects that are sectors of ours: listed; sections for them come from the body's headings.
  const headed = new Set(body.filter((b) => b.type === 'sector-heading').map((b) => String(b.sectorId)));
  for (const subject of array(item.subjects)) {
    const name = typeof subject.name === 'string' ? subject.name : '';
    const uri = typeof subject.uri === 'string' ? subject.uri : '';
    const sector = (uri ? matchSectorUri(uri, sectors) : null) ?? (name ? matchSector(name, sectors) : null);
    if (!sector) continue;
    report.found.push(`Subject: ${sector.label} (sector)`);
    if (!headed.has(sector.id)) {
      report.notes.push(`The item's subjects include the sector ${sector.label}, but no heading in the body starts its section: add a sector heading where it begins.`);
    }
  }

  summarize(body, report);
  if (!headlineText) report.notes.push('No headline was found; type one in the editor.');
  const language = typeof item.language === 'string' && LanguageTag.safeParse(item.language).success ? item.language : null;
  if (language) report.found.push(`Language: ${language}`);
  const bodyText = body.map((b) => JSON.stringify(b.children ?? '')).join(' ');
  // People named in the body's contributor note are credited there, not in the byline.
  const noted = new Set(body.filter((b) => b.type === 'contributor-note').flatMap((b) => ((b.contributors as NoteEntry[]) ?? []).map((c) => c.name.toLocaleLowerCase('en'))));
  const credited = byline.filter((entry) => entry.role === 'author' || !noted.has(entry.name.toLocaleLowerCase('en')));
  report.found = report.found.filter((line) => !line.startsWith('Byline: ') || credited.some((e) => line.startsWith(`Byline: ${e.name}`)));
  return {
    draft: {
      headline: headlineText.slice(0, LIMITS.headline),
      standfirst,
      dateline,
      byline: credited,
      language: language ?? guessLanguage(`${headlineText} ${bodyText}`),
      body: documentOf(body),
    },
    report,
  };
}

const BYLINE_RELS: Array<[RegExp, BylineRole]> = [
  [/author|creator|writer|reporter|correspondent|byline/i, 'author'],
  [/photo/i, 'photographer'],
  [/translat/i, 'translator'],
  [/editor/i, 'editor'],
  [/contributor/i, 'contributor'],
];

const NOTE_RELS: Array<[RegExp, NoteEntry['role']]> = [
  [/intern/i, 'intern'],
  [/additional[-_ ]?reporting/i, 'additional_reporting'],
];

/** Byline from people with credit roles; failing that, the `by` line ("Paulo Santalucia and Frances d'Emilio"). */
function people(item: Json, report: ImportReport, byRole: BylineRole): { byline: BylineEntry[]; noteEntries: NoteEntry[] } {
  const byline: BylineEntry[] = [];
  const noteEntries: NoteEntry[] = [];
  for (const person of array(item.people)) {
    const name = typeof person.name === 'string' ? cleanText(person.name).slice(0, 120) : '';
    const rel = typeof person.rel === 'string' ? person.rel : '';
    if (!name || !rel) continue;
    const note = NOTE_RELS.find(([test]) => test.test(rel));
    if (note) {
      noteEntries.push({ personId: null, name, role: note[1] });
      continue;
    }
    const role = BYLINE_RELS.find(([test]) => test.test(rel));
    if (role) byline.push({ personId: null, name, role: role[1] });
  }
  if (byline.length === 0 && typeof item.by === 'string') {
    const by = cleanText(item.by).replace(/^by\s+/i, '');
    for (const name of splitNames(by)) byline.push({ personId: null, name: properCaseName(name), role: byRole });
  }
  for (const entry of byline.slice(0, 30)) report.found.push(`Byline: ${entry.name}${entry.role === 'author' ? '' : ` (${entry.role})`}`);
  return { byline: byline.slice(0, 30), noteEntries: noteEntries.slice(0, 30) };
}

/** A picture item as a figure placeholder: caption from its description (or headline), credit from its credit line. */
function figureFrom(picture: Json, report: ImportReport): SerializedNode {
  const description = pickByRole(array(picture.descriptions).filter(isPlain), ['caption', 'text', 'main', 'description'])?.value;
  const headline = pickByRole(array(picture.headlines), ['main'])?.value;
  let caption = cleanText(typeof description === 'string' ? description : typeof headline === 'string' ? headline : '');
  const by = typeof picture.by === 'string' ? cleanText(picture.by) : '';
  const holder = typeof picture.copyrightHolder === 'string' ? cleanText(picture.copyrightHolder) : '';
  let credit = holder && by && holder !== by ? `${holder}/ ${by}` : holder || by;
  const split = caption ? splitCredit(caption) : null;
  if (split) {
    caption = split.caption;
    credit = credit || split.credit;
  }
  const alt = array(picture.descriptions).find((d) => d.role === 'alt' || d.role === 'alttext')?.value;
  if (!caption) report.notes.push('A picture in the item has no caption.');
  const creatorPerson = array(picture.people).find((p) => p.rel === 'creator' || p.rel === 'photographer')?.name;
  const creator = typeof creatorPerson === 'string' ? cleanText(creatorPerson) : credit.includes('/') ? creatorFromCredit(credit) : by;
  return figureBlock({
    caption: caption ? [{ text: caption.slice(0, 2000), format: 0 }] : [],
    credit,
    creator,
    alt: typeof alt === 'string' ? cleanText(alt) : '',
  });
}

function array(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : [];
}

function pickByRole(entries: Json[], roles: string[]): Json | undefined {
  for (const role of roles) {
    const hit = entries.find((e) => e.role === role);
    if (hit) return hit;
  }
  return entries[0];
}

function contentType(entry: Json): string {
  return typeof entry.contentType === 'string' ? entry.contentType.toLowerCase() : '';
}

function isHtml(entry: Json): boolean {
  const type = contentType(entry);
  return type.includes('html') || type.includes('xhtml') || entry.role === 'richtext';
}

function isPlain(entry: Json): boolean {
  const type = contentType(entry);
  return type === '' || type === 'text/plain';
}
