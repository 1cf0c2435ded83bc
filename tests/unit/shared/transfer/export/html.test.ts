// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { SerializedNode } from '../../../../../shared/model/document.ts';
import { renderHtmlArticle, renderHtmlDocument } from '../../../../../shared/transfer/export/html.ts';
import { doc, link, paragraph, text } from '../../../../support/documents.ts';
import { SHA, anatomyStory, contributorNote, figure, sectorHeading, settings } from './anatomyStory.ts';

/** Parses exported HTML the way a browser would (jsdom), to assert on structure rather than strings. */
function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('HTML export', () => {
  const story = anatomyStory();
  const page = parse(renderHtmlDocument(story, settings));

  it('is an article in the story language with a header of headline, standfirst, byline and dateline', () => {
    const article = page.querySelector('article')!;
    expect(article.getAttribute('lang')).toBe('en');
    expect(page.documentElement.getAttribute('lang')).toBe('en');
    expect(page.title).toBe(story.headline);
    const header = article.querySelector(':scope > header')!;
    expect(header.querySelector('h1')!.textContent).toBe(story.headline);
    expect(header.querySelector('p.standfirst')!.textContent).toBe(story.standfirst);
    expect(header.querySelector('p.byline')!.textContent).toBe('By VIVIAN YAN · Photos by ZHANG HUA');
    expect(header.querySelector('p.dateline')!.textContent).toBe('Chongqing, Sep 6, 2021');
    expect(header.querySelector('p.dateline time')!.getAttribute('datetime')).toBe('2021-09-06');
    expect(page.querySelectorAll('h1')).toHaveLength(1);
  });

  it('has the lead in its own section and one section per sector, headed by the sector label', () => {
    const sections = [...page.querySelectorAll('article > section')];
    expect(sections.map((s) => s.getAttribute('data-sector'))).toEqual([null, 'health-care', 'legal-protection', 'science-and-technology']);
    expect(sections.slice(1).map((s) => s.querySelector(':scope > h2')!.textContent)).toEqual([
      'Health Care',
      'Legal Protection',
      'Science and Technology',
    ]);
    expect(sections[0]!.textContent).toContain('Chongqing was approved as a pilot city');
    expect(sections[2]!.querySelectorAll('ul > li')).toHaveLength(2);
    expect(sections[2]!.querySelector('blockquote')!.textContent).toBe('The rule of law is the best business environment.');
    expect(sections[3]!.querySelector('h3')!.textContent).toBe('Labs and data');
  });

  it('keeps inline formatting and http(s) links', () => {
    const p = page.querySelector('section[data-sector="health-care"] > p')!;
    expect(p.querySelector('b')!.textContent).toBe('may now');
    expect(p.querySelector('a')!.getAttribute('href')).toBe('https://example.com/health');
  });

  it('renders figures as figure/img/figcaption "caption (credit)" with formatted caption runs', () => {
    const fig = page.querySelector('section[data-sector="health-care"] figure')!;
    const img = fig.querySelector('img')!;
    expect(img.getAttribute('src')).toBe(`media/${SHA}.jpg`);
    expect(img.getAttribute('alt')).toBe('Chongqing skyline at night over the Yangtze');
    const caption = fig.querySelector('figcaption')!;
    expect(caption.textContent).toBe("A night view of Chongqing, one of China's pilot cities (iChongqing/ Vivian Yan)");
    expect(caption.querySelector('b')!.textContent).toBe('Chongqing');
    expect(caption.querySelector('i')!.textContent).toBe(", one of China's pilot cities");
    expect(caption.querySelector('span.credit')!.textContent).toBe('(iChongqing/ Vivian Yan)');
  });

  it('prints the contributor note from the publication template', () => {
    expect(page.querySelector('p.contributor-note')!.textContent).toBe(
      '(Peng Qin, as an intern, also contributed to this report. Translated by Li Wei.)',
    );
  });

  it('marks every top-level block with its block id', () => {
    const ids = [...page.querySelectorAll('[data-block-id]')].map((el) => el.getAttribute('data-block-id'));
    const expected = story.body.root.children.map((b) => (b.$ as { blockId: string }).blockId);
    expect(ids).toEqual(expected);
  });

  it('escapes hostile text everywhere and never writes a script, handler or javascript: link', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const evil: SerializedNode = paragraph(
      text(hostile),
      link('javascript:alert(3)', 'click me'),
      link('data:text/html,<script>alert(4)</script>', 'data link'),
    );
    const html = renderHtmlDocument(
      {
        ...story,
        headline: hostile,
        standfirst: hostile,
        language: 'en" onload="alert(5)',
        dateline: { place: hostile, date: '2021-09-06' },
        byline: [{ personId: null, name: hostile, role: 'author' }],
        body: doc(
          evil,
          sectorHeading('unknown-sector'),
          figure({ alt: hostile, credit: hostile, caption: [{ text: hostile, format: 1 }] }),
          { ...contributorNote(), contributors: [{ personId: null, name: hostile, role: 'intern' }] },
        ),
      },
      { ...settings, sectors: settings.sectors.map((s) => ({ ...s, label: hostile })) },
    );
    const parsed = parse(html);
    expect(parsed.querySelectorAll('script')).toHaveLength(0);
    expect(parsed.querySelectorAll('[onerror], [onload]')).toHaveLength(0);
    expect(parsed.querySelectorAll('a')).toHaveLength(0);
    expect(html).not.toContain('javascript:');
    expect(parsed.querySelector('h1')!.textContent).toBe(hostile);
    expect(parsed.querySelector('p.byline')!.textContent).toBe(`By ${hostile.toLocaleUpperCase('en')}`);
    expect(parsed.querySelector('p')!.textContent).toBe(hostile);
    expect(parsed.body.textContent).toContain('click me');
    expect(parsed.querySelector('figure img')!.getAttribute('alt')).toBe(hostile);
    expect(parsed.querySelector('figcaption b')!.textContent).toBe(hostile);
    expect(parsed.querySelector('p.contributor-note')!.textContent).toContain(hostile);
    // An id the taxonomy does not know prints as it is.
    expect(parsed.querySelector('section[data-sector="unknown-sector"] h2')!.textContent).toBe('unknown-sector');
  });

  it('writes a figure without a photo yet as a caption-only figure, and skips empty paragraphs', () => {
    const html = renderHtmlArticle(
      { ...story, body: doc(paragraph(), figure({ media: null }), paragraph('')) },
      settings,
    );
    const parsed = parse(html);
    expect(parsed.querySelector('figure img')).toBeNull();
    expect(parsed.querySelector('figcaption')!.textContent).toContain('(iChongqing/ Vivian Yan)');
    expect(parsed.querySelectorAll('article p:not(header p)')).toHaveLength(0);
  });

  describe('of a corrected story', () => {
    const correction = { note: 'An earlier version gave the wrong date for the <b>hearing</b> & named the wrong judge.', at: '2021-09-07T15:20:00.000Z' };
    const corrected = parse(renderHtmlDocument({ ...story, correction }, settings));

    it('opens the article with the correction note: a note aside, labelled, dated', () => {
      const article = corrected.querySelector('article')!;
      const aside = article.firstElementChild!;
      expect(aside.tagName).toBe('ASIDE');
      expect(aside.className).toBe('correction');
      expect(aside.getAttribute('role')).toBe('note');
      expect(aside.getAttribute('aria-label')).toBe('Correction');
      // The story's own text follows it.
      expect(aside.nextElementSibling!.tagName).toBe('HEADER');
      expect(aside.textContent).toBe(`Correction (Sep 7, 2021): ${correction.note}`);
      expect(aside.querySelector('strong')!.textContent).toBe('Correction');
      expect(aside.querySelector('time')!.getAttribute('datetime')).toBe(correction.at);
      // Escaped: the note's markup is text, not elements.
      expect(aside.querySelector('b')).toBeNull();
    });

    it("dates the note in the export's time zone and keeps the note's lines", () => {
      const late = { note: 'First line.\n\n  Second   line.', at: '2021-09-07T23:30:00.000Z' };
      const inTokyo = parse(renderHtmlArticle({ ...story, correction: late, timeZone: 'Asia/Tokyo' }, settings));
      expect(inTokyo.querySelector('aside.correction time')!.textContent).toBe('Sep 8, 2021');
      expect(inTokyo.querySelector('aside.correction p')!.innerHTML).toContain('First line.<br>Second line.');
      const undated = parse(renderHtmlArticle({ ...story, correction: { note: 'Fixed a name.', at: '' } }, settings));
      expect(undated.querySelector('aside.correction')!.textContent).toBe('Correction: Fixed a name.');
    });

    it('has no correction when the story has none or an empty one', () => {
      expect(page.querySelector('aside, .correction')).toBeNull();
      expect(parse(renderHtmlArticle({ ...story, correction: null }, settings)).querySelector('aside')).toBeNull();
      expect(parse(renderHtmlArticle({ ...story, correction: { note: '  ', at: correction.at } }, settings)).querySelector('aside')).toBeNull();
    });
  });
});
