import { describe, expect, it } from 'vitest';
import { SerializedDocumentSchema, documentText, type SerializedDocument, type SerializedNode } from '../../../../shared/model/document.ts';
import { stripUnsafeLinks } from '../../../../renderer/lib/sanitizeDocument.ts';
import { doc, link, list, listItem, paragraph, quote, text } from '../../../support/documents.ts';

/** Every link address left in a document, depth first. */
function linkUrls(document: SerializedDocument): unknown[] {
  const urls: unknown[] = [];
  const visit = (node: SerializedNode) => {
    if (node.type === 'link' || node.type === 'autolink') urls.push(node.url);
    for (const child of node.children ?? []) visit(child);
  };
  visit(document.root);
  return urls;
}

function autolink(url: string, value: string): SerializedNode {
  return { ...link(url, value), type: 'autolink' };
}

describe('stripUnsafeLinks: opening a stored story in the editor', () => {
  it.each([
    ['javascript:alert(document.cookie)'],
    ['  JavaScript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['file:///etc/passwd'],
    ['https://user:secret@bank.example.com/login'],
    ['/relative/path'],
    [''],
  ])('turns a link to %j into plain text, keeping its words', (url) => {
    const stored = doc(paragraph('Read ', link(url, 'the full report'), ' before the vote.'));
    const opened = stripUnsafeLinks(stored);
    expect(linkUrls(opened)).toEqual([]);
    expect(documentText(opened)).toBe('Read the full report before the vote.');
    expect(opened.root.children[0]!.children).toEqual([text('Read '), text('the full report'), text(' before the vote.')]);
  });

  it('drops a link that has no address at all, keeping its text', () => {
    const { url: _url, ...noUrl } = link('https://example.com/', 'orphan');
    const opened = stripUnsafeLinks(doc(paragraph(noUrl as SerializedNode)));
    expect(linkUrls(opened)).toEqual([]);
    expect(documentText(opened)).toBe('orphan');
  });

  it('keeps http, https and mailto links as they are', () => {
    const stored = doc(
      paragraph(link('https://example.com/news', 'news'), ' and ', link('http://example.org/a?b=c', 'archive')),
      paragraph('Write to ', link('mailto:desk@example.com', 'the desk')),
    );
    const opened = stripUnsafeLinks(stored);
    expect(opened).toEqual(stored);
    // Nothing to change: the very same object, so the editor state is not rebuilt needlessly.
    expect(opened).toBe(stored);
  });

  it('strips unsafe links inside lists, quotes and auto-detected links, and leaves the safe ones next to them', () => {
    const stored = doc(
      list('bullet', listItem(1, link('javascript:void(0)', 'first point')), listItem(2, link('https://example.com/ok', 'second point'))),
      quote('“', autolink('data:text/html,x', 'quoted link'), '”'),
      paragraph(autolink('https://example.com/auto', 'https://example.com/auto')),
    );
    const opened = stripUnsafeLinks(stored);
    expect(linkUrls(opened)).toEqual(['https://example.com/ok', 'https://example.com/auto']);
    expect(documentText(opened)).toBe(documentText(stored));
  });

  it('does not change the stored document it was given', () => {
    const stored = doc(paragraph(link('javascript:alert(1)', 'x')), quote(link('vbscript:y', 'y')));
    const before = structuredClone(stored);
    stripUnsafeLinks(stored);
    expect(stored).toEqual(before);
  });

  it('returns a body the backend accepts, so autosave does not fail on a link the editor showed', () => {
    const stored = doc(
      paragraph(link('javascript:alert(1)', 'bad'), ' ', link('example.com/page', 'bare host'), ' ', link(' https://example.com/padded ', 'padded')),
      quote(autolink('file:///C:/secret.txt', 'file')),
    );
    expect(SerializedDocumentSchema.safeParse(stored).success).toBe(false);
    const opened = stripUnsafeLinks(stored);
    expect(SerializedDocumentSchema.safeParse(opened).success).toBe(true);
    expect(documentText(opened)).toBe(documentText(stored));
  });
});
