import { type Sector } from '../model/anatomy.ts';
import { LIMITS } from '../model/story.ts';
import {
  chromeReason,
  cleanText,
  documentOf,
  emptyReport,
  guessLanguage,
  looksLikeLinkTitle,
  paragraphBlock,
  parseBylineLine,
  parseContributorNote,
  quote,
  textNode,
  type ImportResult,
} from './draft.ts';
import { detectBodyStructure, detectHeader, summarize } from './structure.ts';

export interface WebTextOptions {
  /** The publication's taxonomy (default: DEFAULT_SECTORS). */
  sectors?: readonly Sector[];
  /** BCP 47 tag; guessed from the text when left out. */
  language?: string;
}

/** A passage: lines with no blank line between them. */
interface Passage {
  lines: string[];
  text: string;
}

/** How far down the page the byline may sit (site title, headline, byline …). */
const BYLINE_SEARCH = 6;
/** Passages this short may be site chrome even in the middle of a page (a stray "I Agree"). */
const SHORT_PASSAGE_WORDS = 30;

/**
 * A story copied from its web page as plain text, site chrome included (the
 * Chongqing fixture): headline, byline ("By VIVIAN YAN|Sep 06,2021"),
 * dateline ("Chongqing- …"), sector headings for known sector names,
 * caption paragraphs ("… (iChongqing/ Vivian Yan)") as figure placeholders,
 * the contributor note; the site title, cookie notice, licence number,
 * hotline, navigation and related-link lists are dropped and listed.
 */
export function importWebText(input: string, options: WebTextOptions = {}): ImportResult {
  const report = emptyReport();
  const passages = splitPassages(input);
  if (passages.length === 0) throw new Error('There is no text to import.');

  // The bottom of the page: site chrome and related links after the story ends.
  let end = passages.length;
  while (end > 0) {
    const passage = passages[end - 1]!;
    if (parseContributorNote(passage.text)) break;
    const reason = chromeReason(passage.text) ?? passage.lines.map(chromeReason).find((r) => r !== null) ?? null;
    if (reason === null && !looksLikeLinkTitle(passage.text) && !passage.lines.every(looksLikeLinkTitle)) break;
    end--;
  }
  const bottom = passages.slice(end).map((passage) => ({
    text: passage.text,
    reason: chromeReason(passage.text) ?? passage.lines.map(chromeReason).find((r) => r !== null) ?? 'related links',
  }));

  // The top of the page: whatever comes before the headline (the line above the byline).
  let start = 0;
  const bylineAt = passages.slice(0, Math.min(BYLINE_SEARCH, end)).findIndex((p) => p.lines.length === 1 && parseBylineLine(p.text));
  if (bylineAt > 0) start = bylineAt - 1;
  else while (start < end && chromeReason(passages[start]!.text)) start++;
  for (const passage of passages.slice(0, start)) {
    report.dropped.push({ text: quote(passage.text), reason: chromeReason(passage.text) ?? 'site title' });
  }

  // The story: one paragraph per line; short chrome in between (a stray "I Agree") is dropped.
  const blocks = [];
  for (const passage of passages.slice(start, end)) {
    const words = passage.text.split(/\s+/).length;
    const reason = words <= SHORT_PASSAGE_WORDS ? chromeReason(passage.text) : null;
    if (reason) {
      report.dropped.push({ text: quote(passage.text), reason });
      continue;
    }
    for (const line of passage.lines) blocks.push(paragraphBlock([textNode(line)]));
  }
  for (const dropped of bottom) report.dropped.push({ text: quote(dropped.text), reason: dropped.reason });

  const header = detectHeader(blocks, report, true);
  const body = detectBodyStructure(header.blocks, report, { sectors: options.sectors, captionsFromParagraphs: true });
  summarize(body, report);

  const headline = (header.headline ?? '').slice(0, LIMITS.headline);
  if (header.headline === null) report.notes.push('No headline was found; type one in the editor.');
  return {
    draft: {
      headline,
      standfirst: '',
      dateline: header.dateline,
      byline: header.byline,
      language: options.language ?? guessLanguage(passages.map((p) => p.text).join(' ')),
      body: documentOf(body),
    },
    report,
  };
}

function splitPassages(input: string): Passage[] {
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  const passages: Passage[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) passages.push({ lines: current, text: current.join(' ') });
    current = [];
  };
  for (const raw of lines) {
    const line = cleanText(raw);
    if (line === '') flush();
    else current.push(line);
  }
  flush();
  return passages;
}
