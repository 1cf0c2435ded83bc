import { z } from 'zod';
import {
  BLOCK_ID_STATE_KEY,
  Byline,
  Dateline,
  newBlockId,
  type BylineEntry,
  type CaptionRun,
  type MediaRef,
  type NoteEntry,
  type Sector,
  type SectorId,
} from '../model/anatomy.ts';
import { SerializedDocumentSchema, type SerializedDocument, type SerializedNode } from '../model/document.ts';
import { LanguageTag, StoryHeadline, StoryStandfirst } from '../model/story.ts';

/**
 * An imported story before it is saved: what the importers (web text, HTML,
 * Word, ninjs) produce, what the import preview shows, and what
 * `transfer.import` turns into a stored story in one call. The body uses the
 * story anatomy's serialized nodes; every top-level block has a fresh block id.
 */

export const StoryDraft = z
  .object({
    headline: StoryHeadline,
    standfirst: StoryStandfirst,
    dateline: Dateline,
    byline: Byline,
    language: LanguageTag,
    body: SerializedDocumentSchema,
  })
  .strict();
export type StoryDraft = z.infer<typeof StoryDraft>;

/** A passage the importer left out, and why ("cookie notice", "licence number", …). */
export interface DroppedPassage {
  text: string;
  reason: string;
}

/**
 * What an import found and what it left out, for the preview shown before
 * anything is saved. `found` lists the structure in reading order
 * ("Headline", "Byline: Vivian Yan", "Sector heading: Health Care", …);
 * `notes` are things the person should know (a figure still needs its photo).
 */
export interface ImportReport {
  found: string[];
  dropped: DroppedPassage[];
  notes: string[];
}

export interface ImportResult {
  draft: StoryDraft;
  report: ImportReport;
}

export function emptyReport(): ImportReport {
  return { found: [], dropped: [], notes: [] };
}

/** Longest passage quoted back in a report; the rest is elided. */
const QUOTE_LIMIT = 160;

export function quote(text: string): string {
  const flat = cleanText(text);
  return flat.length > QUOTE_LIMIT ? `${flat.slice(0, QUOTE_LIMIT - 1)}…` : flat;
}

// ── Text helpers ─────────────────────────────────────────────────────────────

/** Spaces of every kind (no-break, thin, ideographic …) as plain spaces, runs collapsed, ends trimmed. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** How labels compare: case, accents, spacing and a trailing colon do not matter. */
export function labelKey(label: string): string {
  return cleanText(label)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[:：]$/, '')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the text is mostly Chinese, Japanese or Korean characters. */
export function isMostlyCjk(text: string): boolean {
  const letters = text.match(/[\p{L}]/gu)?.length ?? 0;
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  return letters > 0 && cjk / letters > 0.5;
}

/** A guess at the language of a passage: Chinese when it is mostly Han characters, else English. */
export function guessLanguage(text: string): string {
  if (!isMostlyCjk(text)) return 'en';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
  if (/\p{Script=Hangul}/u.test(text)) return 'ko';
  return 'zh-Hans';
}

// ── Sectors ──────────────────────────────────────────────────────────────────

/**
 * Other names the default sectors go by, by sector id: the Chinese section
 * titles of the same publication. Matched like labels.
 */
export const SECTOR_ALIASES: Readonly<Record<string, readonly string[]>> = {
  data: ['数据'],
  'health-care': ['医疗', '医疗卫生', '医疗健康'],
  'legal-protection': ['法律', '法律服务', '法治保障'],
  education: ['教育'],
  talents: ['人才'],
  'science-and-technology': ['科技', '科技创新'],
  'commerce-culture-tourism': ['商贸文旅', '商务文旅', '商业文化旅游'],
  finance: ['金融'],
  'investment-logistics': ['投资便利和物流', '投资便利化和物流'],
};

/**
 * The sector a heading names, if any: an active sector's label first, then a
 * retired one (stories may still carry it), then the aliases.
 */
export function matchSector(text: string, sectors: readonly Sector[]): Sector | null {
  const key = labelKey(text);
  if (key === '' || key.length > 80) return null;
  const byLabel = (retired: boolean) => sectors.find((s) => s.retired === retired && labelKey(s.label) === key);
  const direct = byLabel(false) ?? byLabel(true);
  if (direct) return direct;
  for (const sector of sectors) {
    if ((SECTOR_ALIASES[sector.id] ?? []).some((alias) => labelKey(alias) === key)) return sector;
  }
  return null;
}

/** A sector by the IPTC Media Topic URI (or its code) it carries. */
export function matchSectorUri(uri: string, sectors: readonly Sector[]): Sector | null {
  const code = mediaTopicCode(uri);
  if (code === null) return null;
  return sectors.find((s) => s.mediaTopicUri !== null && mediaTopicCode(s.mediaTopicUri) === code) ?? null;
}

function mediaTopicCode(uri: string): string | null {
  const match = /(?:mediatopic[/:])(\d{8})\b/i.exec(uri);
  return match?.[1] ?? null;
}

// ── Serialized blocks (shaped like what the editor exports) ──────────────────

export type TextFormat = number;

export function textNode(text: string, format: TextFormat = 0): SerializedNode {
  return { type: 'text', version: 1, text, format, detail: 0, mode: 'normal', style: '' };
}

export function lineBreakNode(): SerializedNode {
  return { type: 'linebreak', version: 1 };
}

export function linkNode(url: string, children: SerializedNode[]): SerializedNode {
  return { type: 'link', version: 1, url, rel: 'noreferrer', target: null, title: null, direction: null, format: '', indent: 0, children };
}

function withId(node: SerializedNode): SerializedNode {
  return { ...node, $: { [BLOCK_ID_STATE_KEY]: newBlockId() } };
}

export function paragraphBlock(children: SerializedNode[]): SerializedNode {
  return withId({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children });
}

export function headingBlock(tag: 'h2' | 'h3', children: SerializedNode[]): SerializedNode {
  return withId({ type: 'heading', version: 1, tag, direction: null, format: '', indent: 0, children });
}

export function quoteBlock(children: SerializedNode[]): SerializedNode {
  return withId({ type: 'quote', version: 1, direction: null, format: '', indent: 0, children });
}

export function listItemNode(value: number, children: SerializedNode[]): SerializedNode {
  return { type: 'listitem', version: 1, value, direction: null, format: '', indent: 0, children };
}

/** A list; nested lists sit inside list items, as Lexical keeps them. */
export function listNode(listType: 'bullet' | 'number', items: SerializedNode[]): SerializedNode {
  return { type: 'list', version: 1, listType, start: 1, tag: listType === 'bullet' ? 'ul' : 'ol', direction: null, format: '', indent: 0, children: items };
}

export function listBlock(listType: 'bullet' | 'number', items: SerializedNode[]): SerializedNode {
  return withId(listNode(listType, items));
}

export function sectorHeadingBlock(sectorId: SectorId): SerializedNode {
  return withId({ type: 'sector-heading', version: 1, sectorId });
}

export interface FigureFields {
  media?: MediaRef | null;
  alt?: string;
  caption?: CaptionRun[];
  credit?: string;
  creator?: string;
}

/** A figure; `media: null` is a placeholder whose photo is not in Copydesk yet. */
export function figureBlock(fields: FigureFields): SerializedNode {
  return withId({
    type: 'figure',
    version: 1,
    media: fields.media ?? null,
    alt: (fields.alt ?? '').slice(0, 1000),
    caption: fields.caption ?? [],
    credit: (fields.credit ?? '').slice(0, 300),
    creator: (fields.creator ?? '').slice(0, 300),
  });
}

export function contributorNoteBlock(contributors: NoteEntry[]): SerializedNode {
  return withId({ type: 'contributor-note', version: 1, contributors });
}

export function documentOf(blocks: SerializedNode[]): SerializedDocument {
  const children = blocks.length > 0 ? blocks : [paragraphBlock([])];
  return { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } };
}

/** Plain text of inline content (text, links, breaks). */
export function inlineText(nodes: readonly SerializedNode[]): string {
  return nodes
    .map((node) => {
      if (typeof node.text === 'string') return node.text;
      if (node.type === 'linebreak') return '\n';
      return inlineText(node.children ?? []);
    })
    .join('');
}

/** Inline nodes as caption runs (links keep their text; line breaks become spaces). */
export function captionRuns(nodes: readonly SerializedNode[]): CaptionRun[] {
  const runs: CaptionRun[] = [];
  const push = (text: string, format: number) => {
    if (text === '') return;
    const last = runs.at(-1);
    if (last && last.format === format) last.text += text;
    else runs.push({ text, format });
  };
  const walk = (list: readonly SerializedNode[]) => {
    for (const node of list) {
      if (typeof node.text === 'string') push(node.text, typeof node.format === 'number' ? node.format & 15 : 0);
      else if (node.type === 'linebreak') push(' ', 0);
      else walk(node.children ?? []);
    }
  };
  walk(nodes);
  // Tidy the ends only: inner spacing is the writer's.
  if (runs[0]) runs[0].text = runs[0].text.replace(/^\s+/, '');
  const last = runs.at(-1);
  if (last) last.text = last.text.replace(/\s+$/, '');
  return runs.filter((run) => run.text !== '').map((run) => ({ text: run.text.slice(0, 2000), format: run.format }));
}

// ── Credits: captions, bylines, contributor notes ────────────────────────────

/** Words that mark a parenthesised tail as a photo credit rather than an aside. */
const CREDIT_WORDS = /\b(photo|photos|photograph|file|courtesy|xinhua|reuters|ap|afp|getty|epa|cnsphoto|vcg|ichongqing|handout)\b/i;

/**
 * A caption and its credit, when the passage ends with one in parentheses:
 * "A picture of Chongqing at night. (iChongqing/ Vivian Yan)".
 */
export function splitCredit(text: string): { caption: string; credit: string } | null {
  const match = /^(.*\S)\s*[（(]([^()（）]{2,100})[)）]\s*$/su.exec(cleanText(text));
  if (!match) return null;
  const caption = match[1]!.trim();
  const credit = match[2]!.trim();
  const looksLikeCredit = credit.includes('/') || /^(photo|photos|图|摄)[:：\s]/i.test(credit) || CREDIT_WORDS.test(credit);
  if (!looksLikeCredit || /^\d+$/.test(credit)) return null;
  return { caption, credit };
}

/** The person in a credit such as "iChongqing/ Vivian Yan" (after the agency), or "". */
export function creatorFromCredit(credit: string): string {
  const parts = credit.split('/').map((p) => p.trim()).filter(Boolean);
  return parts.length >= 2 ? parts.at(-1)! : '';
}

/** A caption is short and describes a picture; body paragraphs that quote a source are not captions. */
export function looksLikeCaption(caption: string): boolean {
  const words = caption.split(/\s+/).filter(Boolean).length;
  if (isMostlyCjk(caption)) return caption.length <= 120;
  return words >= 2 && words <= 45 && caption.length <= 400;
}

/** "VIVIAN YAN" → "Vivian Yan"; names already in mixed case or in CJK stay as written. */
export function properCaseName(name: string): string {
  const clean = cleanText(name);
  if (clean !== clean.toLocaleUpperCase('en') || !/\p{Lu}/u.test(clean)) return clean;
  return clean.toLocaleLowerCase('en').replace(/(^|[\s\-'’.])(\p{Ll})/gu, (_, sep: string, letter: string) => sep + letter.toLocaleUpperCase('en'));
}

/** "Paulo Santalucia and Frances d'Emilio", "A, B and C", "A、B" → names. */
export function splitNames(text: string): string[] {
  return cleanText(text)
    .split(/\s*(?:,|;|、|，|\band\b|&|和|与)\s*/u)
    .map((n) => n.trim())
    .filter((n) => n.length > 0 && n.length <= 120);
}

const BYLINE_LEADS: Array<{ pattern: RegExp; role: BylineEntry['role'] }> = [
  { pattern: /^(?:photos?|photographs?) by\s+/i, role: 'photographer' },
  { pattern: /^translated by\s+/i, role: 'translator' },
  { pattern: /^edited by\s+/i, role: 'editor' },
  { pattern: /^by\s+/i, role: 'author' },
  { pattern: /^(?:记者|文)[\s:：]*/u, role: 'author' },
  { pattern: /^(?:摄影|图)[\s:：]*/u, role: 'photographer' },
];

export interface ParsedByline {
  byline: BylineEntry[];
  /** A date printed with the byline ("By VIVIAN YAN|Sep 06,2021"). */
  date: string | null;
}

/**
 * A byline line: "By VIVIAN YAN|Sep 06,2021", "By Vivian Yan and Tan Yue",
 * "记者 严薇", "Photos by Li Wei". Null when the line is not a byline.
 */
export function parseBylineLine(line: string): ParsedByline | null {
  const clean = cleanText(line);
  if (clean.length === 0 || clean.length > 200) return null;
  const byline: BylineEntry[] = [];
  let date: string | null = null;
  for (const part of clean.split(/\s*[|·•]\s*/u)) {
    const lead = BYLINE_LEADS.find(({ pattern }) => pattern.test(part));
    if (lead) {
      const names = splitNames(part.replace(lead.pattern, ''));
      if (names.length === 0 || names.some((n) => n.split(/\s+/).length > 5)) return null;
      for (const name of names) byline.push({ personId: null, name: properCaseName(name), role: lead.role });
      continue;
    }
    const parsed = parseDate(part);
    if (parsed?.year) {
      date = isoDate(parsed.year, parsed.month, parsed.day);
      continue;
    }
    return null;
  }
  return byline.length > 0 ? { byline, date } : null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

export interface ParsedDate {
  year: number | null;
  month: number;
  day: number;
}

function monthNumber(name: string): number | null {
  const key = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 4)] ?? MONTHS[key.slice(0, 3)] ?? null;
}

/**
 * A date as newsrooms print it: "Sep 06,2021", "Sept. 6, 2021", "6 September 2021",
 * "2021-09-06", "2021年9月6日", or without a year ("Sept. 6", "9月6日").
 */
export function parseDate(text: string): ParsedDate | null {
  const t = cleanText(text);
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+Z?)?$/.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日$/u.exec(t);
  if (m) return valid(m[1] ? Number(m[1]) : null, Number(m[2]), Number(m[3]));
  m = /^([A-Za-z]{3,9}\.?)\s*(\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)?(\d{4})?$/.exec(t);
  if (m) {
    const month = monthNumber(m[1]!);
    return month ? valid(m[3] ? Number(m[3]) : null, month, Number(m[2])) : null;
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,9}\.?),?\s*(\d{4})?$/.exec(t);
  if (m) {
    const month = monthNumber(m[2]!);
    return month ? valid(m[3] ? Number(m[3]) : null, month, Number(m[1])) : null;
  }
  return null;
}

function valid(year: number | null, month: number, day: number): ParsedDate | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (year !== null) {
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCMonth() !== month - 1 || year < 1800 || year > 2200) return null;
  }
  return { year, month, day };
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface ParsedDateline {
  place: string;
  date: ParsedDate | null;
  /** The paragraph without the dateline. */
  rest: string;
}

/**
 * The dateline at the start of a first paragraph: "Chongqing- Why …",
 * "CHONGQING, Sept. 6 — Chongqing is …", "GROSSETO, Italy (AP) -- The trial …",
 * "重庆9月6日电 重庆市…". Null when the paragraph does not start with one.
 */
export function parseDatelinePrefix(paragraph: string): ParsedDateline | null {
  const text = cleanText(paragraph);
  // Chinese wire style: place + date + 电 (or 讯).
  let m = /^(?:[（(]?[^\s，。]{0,12}社?)?([\p{Script=Han}]{2,8}?)((?:\d{4}年)?\d{1,2}月\d{1,2}日)(?:电|讯)[）)]?\s*/u.exec(text);
  if (m) return { place: m[1]!, date: parseDate(m[2]!), rest: text.slice(m[0].length) };

  // "PLACE[, Region][, Date] [(Agency)] — " with a dash of any kind.
  m = /^([A-Z][\p{L}.'’]*(?:\s[A-Z][\p{L}.'’]*){0,3})((?:,\s*[A-Z][\p{L}.'’]*(?:\s[A-Z][\p{L}.'’]*){0,2})?)(?:,\s*([A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*(?:\([A-Za-z ]{1,20}\))?\s*(?:-{1,2}|–|—)\s+(?=\S)/u.exec(text);
  if (m) {
    const region = m[2] ? m[2].replace(/^,\s*/, '') : '';
    const place = [m[1]!, region].filter(Boolean).map(properCaseName).join(', ');
    const date = m[3] ? parseDate(m[3]) : null;
    return { place, date, rest: text.slice(m[0].length) };
  }
  return null;
}

/** "Chongqing, 2021-09-06", "重庆, 9月6日", "Chongqing, Sept. 6" as the report lists it. */
export function describeDateline(place: string, date: ParsedDate | null, printed?: string): string {
  const when = date?.year ? isoDate(date.year, date.month, date.day) : (printed ?? (date ? `${date.month}/${date.day}` : ''));
  return [place, when].filter(Boolean).join(', ');
}

// ── Contributor notes (the templates of shared/model/credits.ts, read backwards) ──

const NOTE_PATTERNS: Array<{ pattern: RegExp; role: NoteEntry['role'] }> = [
  { pattern: /^(.+?),? as an intern,? also contributed to this report\.?$/i, role: 'intern' },
  { pattern: /^(.+?),? as interns,? also contributed to this report\.?$/i, role: 'intern' },
  { pattern: /^(.+?) contributed additional reporting\.?$/i, role: 'additional_reporting' },
  { pattern: /^additional reporting by (.+?)\.?$/i, role: 'additional_reporting' },
  { pattern: /^translated by (.+?)\.?$/i, role: 'translation' },
  { pattern: /^photos? by (.+?)\.?$/i, role: 'photos' },
  { pattern: /^实习生(.+?)(?:对本文)?(?:亦|也)有贡献[。.]?$/u, role: 'intern' },
  { pattern: /^(.+?)(?:对本文)?(?:亦|也)有贡献[。.]?$/u, role: 'additional_reporting' },
  { pattern: /^(.+?)(?:翻译|译)[。.]?$/u, role: 'translation' },
  { pattern: /^(.+?)(?:摄影|摄)[。.]?$/u, role: 'photos' },
];

/**
 * A contributor note, read back into people and roles:
 * "(Peng Qin, as an intern, also contributed to this report.)" → Peng Qin / intern;
 * "(Translated by A. Photos by B.)" → two entries. Null unless every sentence
 * of the parenthesised passage is one of the note's sentences.
 */
export function parseContributorNote(text: string): NoteEntry[] | null {
  const clean = cleanText(text);
  const inner = /^[（(](.+)[)）]$/su.exec(clean)?.[1]?.trim();
  if (!inner || inner.length > 600) return null;
  const sentences = inner.match(/[^.。]+(?:\.(?=\s|$)|。|$)/gu)?.map((s) => s.trim()).filter(Boolean) ?? [];
  // Initials ("A. B. Smith") split a sentence; glue pieces that start lowercase or are one letter back on.
  const merged: string[] = [];
  for (const sentence of sentences) {
    const previous = merged.at(-1);
    if (previous !== undefined && /(?:^|\s)\p{L}\.$/u.test(previous)) merged[merged.length - 1] = `${previous} ${sentence}`;
    else merged.push(sentence);
  }
  const entries: NoteEntry[] = [];
  for (const sentence of merged) {
    const hit = NOTE_PATTERNS.map(({ pattern, role }) => ({ match: pattern.exec(sentence), role })).find((h) => h.match);
    if (!hit?.match) return null;
    const names = splitNames(hit.match[1]!);
    if (names.length === 0 || names.some((n) => n.split(/\s+/).length > 5)) return null;
    for (const name of names) entries.push({ personId: null, name, role: hit.role });
  }
  return entries.length > 0 ? entries : null;
}

// ── Site chrome ──────────────────────────────────────────────────────────────

const CHROME_RULES: Array<{ test: RegExp; reason: string }> = [
  { test: /\bcookies?\b|privacy (statement|policy)|terms of use|^i agree$|隐私政策/i, reason: 'cookie notice' },
  { test: /ICP\s*(备|证)|许可证|licen[cs]e (no|number)|备案号|互联网新闻信息服务/iu, reason: 'licence number' },
  { test: /can be reported|report(ing)? hotline|举报(电话|热线)|illegal and undesirable information/i, reason: 'report hotline' },
  { test: /^(about us|contact us|leaving a message|home|share|print|back to top|menu|subscribe)\b|^about us\s*contact us$/i, reason: 'navigation' },
  { test: /^for (any )?(inquiries|enquiries)|please e-?mail|^copyright\b|all rights reserved|^©/i, reason: 'site footer' },
];

/** Why a passage is site chrome rather than story, or null when it is story. */
export function chromeReason(text: string): string | null {
  const clean = cleanText(text);
  if (clean === '') return null;
  for (const rule of CHROME_RULES) if (rule.test.test(clean)) return rule.reason;
  return null;
}

/** A short line without closing punctuation: a link title in a "related" list. */
export function looksLikeLinkTitle(text: string): boolean {
  const clean = cleanText(text);
  const words = clean.split(/\s+/).length;
  return clean.length > 0 && clean.length <= 140 && words <= 16 && !/[.!?。！？:”"')）]$/u.test(clean);
}
