import { describe, expect, it } from 'vitest';
import { documentText, emptyDocument, SerializedDocumentSchema } from '../../../../shared/model/document.ts';
import { doc, heading, lineBreak, link, list, listItem, paragraph, quote, text } from '../../../support/documents.ts';

describe('documentText', () => {
  it('gives one line per paragraph and heading, in order', () => {
    expect(documentText(doc(heading('h1', 'Title'), paragraph('First para.'), heading('h2', 'Sub'), paragraph('Second.')))).toBe(
      'Title\nFirst para.\nSub\nSecond.',
    );
  });

  it('joins the text runs of one paragraph without adding spaces (formatting splits runs mid-word)', () => {
    expect(documentText(doc(paragraph(text('Bo', 1), text('ld'), text(' and '), text('italic', 2))))).toBe('Bold and italic');
  });

  it('includes the visible text of links, not their addresses', () => {
    const body = doc(paragraph('Read ', link('https://example.com/secret-path', 'the report'), ' today.'));
    expect(documentText(body)).toBe('Read the report today.');
    expect(documentText(body)).not.toContain('example.com');
  });

  it('turns a line break inside a paragraph into a newline', () => {
    expect(documentText(doc(paragraph('line one', lineBreak(), 'line two')))).toBe('line one\nline two');
  });

  it('gives each list item its own line, including nested lists', () => {
    const body = doc(
      paragraph('Before'),
      list(
        'bullet',
        listItem(1, 'apples'),
        listItem(2, 'pears', list('number', listItem(1, 'conference'), listItem(2, 'williams'))),
        listItem(3, 'plums'),
      ),
      paragraph('After'),
    );
    expect(documentText(body)).toBe('Before\napples\npears\nconference\nwilliams\nplums\nAfter');
  });

  it('includes quotes as their own lines', () => {
    expect(documentText(doc(paragraph('He said:'), quote('“We will rebuild.”'), paragraph('Then left.')))).toBe(
      'He said:\n“We will rebuild.”\nThen left.',
    );
  });

  it('keeps tabs and ignores nodes that carry no text', () => {
    const body = doc(paragraph('a', { type: 'tab', version: 1, text: '\t' }, 'b'), { type: 'horizontalrule', version: 1 });
    expect(documentText(body)).toBe('a\tb\n');
  });

  it('is empty for an empty document', () => {
    expect(documentText(emptyDocument()).trim()).toBe('');
  });

  it('never lets words from adjacent blocks run together (search and counts depend on it)', () => {
    const text = documentText(doc(heading('h1', 'Budget'), paragraph('approved'), list('bullet', listItem(1, 'roads')), quote('schools')));
    expect(text.split(/\s+/)).toEqual(['Budget', 'approved', 'roads', 'schools']);
  });
});

describe('emptyDocument', () => {
  it('is a valid body with one empty paragraph, as Lexical starts', () => {
    const empty = emptyDocument();
    expect(SerializedDocumentSchema.safeParse(empty).success).toBe(true);
    expect(empty.root.children).toHaveLength(1);
    expect(empty.root.children[0]!.type).toBe('paragraph');
  });
});
