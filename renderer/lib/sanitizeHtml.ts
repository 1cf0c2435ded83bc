import DOMPurify, { type Config } from 'dompurify';
import { safeLinkUrl } from '../../shared/model/links.ts';

/**
 * Pasted and imported HTML, cut down to what the story body can represent:
 * paragraphs, line breaks, H2/H3, bold/italic/underline/strikethrough, lists,
 * block quotes and links with a safe address. No script, style, event
 * handler, image or frame survives; neither does an unsafe link (its text stays).
 */
export const PASTE_ALLOWED_TAGS = [
  'p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del',
  'ul', 'ol', 'li', 'blockquote', 'a',
] as const;
export const PASTE_ALLOWED_ATTRIBUTES = ['href'] as const;

const PURIFY_CONFIG = {
  ALLOWED_TAGS: [...PASTE_ALLOWED_TAGS],
  ALLOWED_ATTR: [...PASTE_ALLOWED_ATTRIBUTES],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true,
} satisfies Config;

/** Tags whose text is never story text, even though DOMPurify would keep it. */
const DROP_WITH_CONTENT = 'script, style, template, noscript, title, head, iframe, object, embed, svg, math, select, textarea';

/**
 * Returns a detached fragment holding only allowed markup. The input is first
 * parsed into an inert document (no scripts run, no images load) where
 * presentational markup from word processors is turned into semantic tags,
 * then DOMPurify removes everything outside the allow-list.
 */
export function sanitizePastedHtml(html: string): DocumentFragment {
  const inert = new DOMParser().parseFromString(html, 'text/html');
  normalizeWordProcessorMarkup(inert);
  // Handed over as a string: DOMPurify parses it into its own inert document.
  const fragment = DOMPurify.sanitize(inert.body.innerHTML, PURIFY_CONFIG);
  for (const anchor of Array.from(fragment.querySelectorAll('a'))) {
    const check = safeLinkUrl(anchor.getAttribute('href') ?? '');
    if (check.ok) anchor.setAttribute('href', check.url);
    else unwrap(anchor);
  }
  return fragment;
}

/** Same as {@link sanitizePastedHtml}, serialized; for tests and debugging. */
export function sanitizePastedHtmlToString(html: string): string {
  const container = document.createElement('div');
  container.append(sanitizePastedHtml(html));
  return container.innerHTML;
}

const STYLE_TAGS = [
  { test: /font-weight\s*:\s*(bold|[6-9]00)/i, tag: 'strong' },
  { test: /font-style\s*:\s*italic/i, tag: 'em' },
  { test: /text-decoration[^;]*underline/i, tag: 'u' },
  { test: /text-decoration[^;]*line-through/i, tag: 's' },
] as const;

function normalizeWordProcessorMarkup(doc: Document): void {
  for (const element of Array.from(doc.querySelectorAll(DROP_WITH_CONTENT))) element.remove();

  // Google Docs wraps a whole paste in <b style="font-weight:normal" id="docs-internal-guid-…">.
  for (const element of Array.from(doc.querySelectorAll('b[id^="docs-internal-guid"]'))) unwrap(element);

  // Inline styles become semantic tags before styles are stripped.
  for (const span of Array.from(doc.querySelectorAll('span[style], font[style]'))) {
    const style = span.getAttribute('style') ?? '';
    let inner: Element = span;
    for (const { test, tag } of STYLE_TAGS) {
      if (!test.test(style)) continue;
      const wrapper = doc.createElement(tag);
      wrapper.append(...Array.from(inner.childNodes));
      inner.append(wrapper);
      inner = wrapper;
    }
  }

  // Only H2 and H3 exist in a story.
  for (const heading of Array.from(doc.querySelectorAll('h1, h4, h5, h6'))) {
    rename(heading, heading.tagName === 'H1' ? 'h2' : 'h3');
  }

  // A div of text is a paragraph; a div of blocks is just a wrapper.
  for (const div of Array.from(doc.querySelectorAll('div')).reverse()) {
    if (div.querySelector('p, div, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, table')) unwrap(div);
    else rename(div, 'p');
  }
}

function rename(element: Element, tag: string): void {
  const replacement = element.ownerDocument.createElement(tag);
  replacement.append(...Array.from(element.childNodes));
  element.replaceWith(replacement);
}

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}
