import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../../shared/transfer/export/markdown.ts';
import { doc, lineBreak, link, list, listItem, paragraph, text } from '../../../../support/documents.ts';
import { SHA, anatomyStory, figure, settings } from './anatomyStory.ts';

describe('Markdown export', () => {
  const story = anatomyStory();
  const md = renderMarkdown(story, settings);

  it('starts with the headline, then standfirst, byline and dateline lines', () => {
    expect(md.split('\n\n').slice(0, 4)).toEqual([
      "# Why Chongqing's Piloting in Western China's Service Industry?",
      '*The city opens hospitals, courts and labs to foreign investment.*',
      'By VIVIAN YAN · Photos by ZHANG HUA',
      'Chongqing, Sep 6, 2021',
    ]);
  });

  it('heads each sector section with "## Label", the lead before the first', () => {
    const headings = md.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## Health Care', '## Legal Protection', '## Science and Technology']);
    expect(md.indexOf('Chongqing was approved')).toBeLessThan(md.indexOf('## Health Care'));
    expect(md).toContain('### Labs and data');
  });

  it('writes inline formatting, links, lists and quotes', () => {
    expect(md).toContain('Foreign-funded hospitals **may now** open in the city, [officials said](https://example.com/health).');
    expect(md).toContain('- arbitration centres\n- mediation services');
    expect(md).toContain('> The rule of law is the best business environment.');
  });

  it('writes a figure as an image from media/ and a "*caption* (credit)" line', () => {
    expect(md).toContain(
      `![Chongqing skyline at night over the Yangtze](media/${SHA}.jpg)\n*A night view of **Chongqing**_, one of China's pilot cities_* (iChongqing/ Vivian Yan)`,
    );
  });

  it('ends with the contributor note as a paragraph', () => {
    expect(md.trimEnd().split('\n\n').at(-1)).toBe('(Peng Qin, as an intern, also contributed to this report. Translated by Li Wei.)');
  });

  it("escapes a story's own Markdown characters so they stay text", () => {
    const out = renderMarkdown(
      {
        ...story,
        headline: '*Not* [a link](x) # or <b>',
        standfirst: '',
        byline: [],
        dateline: { place: '', date: null },
        body: doc(
          paragraph('# not a heading'),
          paragraph('- not a list'),
          paragraph('1. not numbered'),
          paragraph('> not a quote'),
          paragraph('2*3*4 and snake_case_name and `tick` and a|b and &amp;'),
          paragraph(link('javascript:alert(1)', 'no link here')),
          paragraph('first line', lineBreak(), '# second line'),
          figure({ alt: 'alt ] with bracket', credit: 'Credit_*', caption: [{ text: '*stars*', format: 0 }] }),
        ),
      },
      settings,
    );
    expect(out.startsWith('# \\*Not\\* \\[a link\\](x) # or \\<b\\>\n')).toBe(true);
    expect(out).toContain('\n\\# not a heading\n');
    expect(out).toContain('\n\\- not a list\n');
    expect(out).toContain('\n1\\. not numbered\n');
    expect(out).toContain('\n\\> not a quote\n');
    expect(out).toContain('2\\*3\\*4 and snake\\_case\\_name and \\`tick\\` and a\\|b and \\&amp;');
    expect(out).toContain('\nno link here\n');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('first line\\\n\\# second line');
    expect(out).toContain('![alt \\] with bracket](media/');
    expect(out).toContain('*\\*stars\\** (Credit\\_\\*)');
  });

  it('numbers ordered lists from their start and indents nested lists', () => {
    const nested = list('bullet', listItem(1, 'inner'));
    const ordered = { ...list('number', listItem(3, 'three', nested), listItem(4, 'four')), start: 3 };
    const out = renderMarkdown({ ...story, body: doc(ordered) }, settings);
    expect(out).toContain('3. three\n   - inner\n4. four');
  });

  it('keeps spaces outside emphasis markers and code as code', () => {
    const out = renderMarkdown({ ...story, body: doc(paragraph('a', text(' bold ', 1), 'b ', text('x`y', 16))) }, settings);
    expect(out).toContain('a **bold** b ``x`y``');
  });

  it('opens a corrected story with the correction note as a blockquote, escaped, before the headline', () => {
    const correction = { note: 'An earlier version called the *hearing* a trial.\n# Not a heading', at: '2021-09-07T15:20:00.000Z' };
    const out = renderMarkdown({ ...story, correction }, settings);
    expect(out.split('\n\n').slice(0, 2)).toEqual([
      '> **Correction (Sep 7, 2021):** An earlier version called the \\*hearing\\* a trial.\\\n> \\# Not a heading',
      "# Why Chongqing's Piloting in Western China's Service Industry?",
    ]);
    expect(renderMarkdown({ ...story, correction: { note: 'Fixed a name.', at: '' } }, settings).startsWith('> **Correction:** Fixed a name.\n\n# ')).toBe(true);
  });

  it('has no correction when the story has none', () => {
    expect(md).not.toContain('Correction');
    expect(md.startsWith('# ')).toBe(true);
  });
});
