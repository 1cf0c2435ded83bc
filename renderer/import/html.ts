import DOMPurify, { type Config } from 'dompurify';
import { DEFAULT_SECTORS } from '../../shared/model/anatomy.ts';
import { chromeReason, cleanText, quote, type ImportReport } from '../../shared/transfer/draft.ts';
import { htmlToDraft, type HtmlDraftOptions, type HtmlImportResult } from '../../shared/transfer/htmlToBlocks.ts';
import { PASTE_ALLOWED_TAGS } from '../lib/sanitizeHtml.ts';

/**
 * Imported HTML (a saved web page, Copydesk's own HTML export, or what
 * mammoth makes of a Word file) → a story draft. Sanitized with DOMPurify
 * first, with the same allow-list idea as pasting (renderer/lib/sanitizeHtml.ts)
 * plus what an import needs to see the story's structure: figures and their
 * images (as data, never loaded), sections, class names and the data
 * attributes of Copydesk's own export.
 */

export const IMPORT_ALLOWED_TAGS = [
  ...PASTE_ALLOWED_TAGS,
  'img', 'figure', 'figcaption', 'section', 'article', 'header', 'span', 'time', 'div', 'pre',
  'table', 'thead', 'tbody', 'tr', 'td', 'th',
] as const;

export const IMPORT_ALLOWED_ATTRIBUTES = ['href', 'src', 'alt', 'class', 'datetime', 'data-sector', 'data-block-id', 'data-association'] as const;

const PURIFY_CONFIG = {
  ALLOWED_TAGS: [...IMPORT_ALLOWED_TAGS],
  ALLOWED_ATTR: [...IMPORT_ALLOWED_ATTRIBUTES],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
  // A string, parsed again below into an inert document: nodes imported into
  // the live page would start loading their images (a tracking pixel would fire).
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
} satisfies Config;

/** Elements whose text is never story text; removed with their content before DOMPurify. */
const NEVER_TEXT = 'script, style, template, noscript, title, head, iframe, object, embed, svg, math, select, textarea, button, input';

/** Page furniture around a story, dropped with its content and listed in the report. */
const CHROME: Array<{ selector: string; reason: string }> = [
  { selector: 'nav, [role="navigation"], menu', reason: 'navigation' },
  { selector: 'footer, [role="contentinfo"]', reason: 'site footer' },
  { selector: 'aside, [role="complementary"]', reason: 'related links' },
  { selector: 'form', reason: 'form' },
];

/**
 * An inert document holding only allowed markup: parsed with DOMParser (no
 * scripts run, nothing loads), page chrome and script-like elements removed,
 * then DOMPurify's allow-list. Links are checked later, when blocks are made.
 */
export function sanitizeImportHtml(html: string, report?: ImportReport): Document {
  const inert = new DOMParser().parseFromString(html, 'text/html');
  const scripts = inert.querySelectorAll('script').length;
  if (scripts > 0 && report) report.dropped.push({ text: `${scripts} ${scripts === 1 ? 'script' : 'scripts'}`, reason: 'script (never run)' });
  for (const element of Array.from(inert.querySelectorAll(NEVER_TEXT))) element.remove();

  for (const { selector, reason } of CHROME) {
    for (const element of Array.from(inert.body.querySelectorAll(selector))) {
      const text = cleanText(element.textContent ?? '');
      if (text !== '' && report) report.dropped.push({ text: quote(text), reason });
      element.remove();
    }
  }
  // A page with one <article> is that article; the rest is the site around it.
  const articles = inert.querySelectorAll('article');
  const scope: Element = articles.length === 1 ? articles[0]! : inert.body;
  const clean = DOMPurify.sanitize(scope === inert.body ? inert.body.innerHTML : scope.outerHTML, PURIFY_CONFIG) as unknown as string;
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${clean}</body>`, 'text/html');
  // The page title is the headline when the body has no <h1>.
  const title = cleanText(inert.querySelector('title')?.textContent ?? '');
  if (title && !doc.querySelector('h1')) {
    const h1 = doc.createElement('h1');
    h1.textContent = title;
    doc.body.prepend(h1);
  }
  return doc;
}

/** A draft from HTML text; the report lists what was found and dropped (scripts, navigation, cookie notices …). */
export function importHtml(html: string, options: HtmlDraftOptions = {}): HtmlImportResult {
  const dropped: ImportReport = { found: [], dropped: [], notes: [] };
  const doc = sanitizeImportHtml(html, dropped);
  dropTrailingChrome(doc, dropped);
  const result = htmlToDraft(doc.body, { sectors: options.sectors ?? DEFAULT_SECTORS, ...options });
  result.report.dropped.unshift(...dropped.dropped);
  return result;
}

/** Cookie notices, licence numbers and hotlines at the end of a page. */
function dropTrailingChrome(doc: Document, report: ImportReport): void {
  const blocks = Array.from(doc.body.querySelectorAll('p, li, div')).filter((e) => !e.querySelector('p, li, div'));
  for (const element of blocks.reverse()) {
    const text = cleanText(element.textContent ?? '');
    if (text === '') continue;
    const reason = chromeReason(text);
    if (!reason) break;
    report.dropped.push({ text: quote(text), reason });
    element.remove();
  }
}
