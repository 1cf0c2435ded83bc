import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlockId, DEFAULT_SECTORS, type CaptionRun, type Sector } from '../../../../shared/model/anatomy.ts';
import { documentText, type SerializedNode } from '../../../../shared/model/document.ts';
import { StoryDraft } from '../../../../shared/transfer/draft.ts';
import { importWebText } from '../../../../shared/transfer/importWebText.ts';

const fixture = (name: string) => readFileSync(join(process.cwd(), '..', 'shared', 'fixtures', 'articles', name), 'utf8');

const blocks = (result: ReturnType<typeof importWebText>) => result.draft.body.root.children;
const ofType = (list: SerializedNode[], type: string) => list.filter((b) => b.type === type);
const label = (id: unknown) => DEFAULT_SECTORS.find((s) => s.id === id)?.label;

describe('importing the Chongqing web page text', () => {
  const result = importWebText(fixture('chongqing-service-pilot.web.txt'));
  const body = blocks(result);

  it('reads the header: headline, byline and dateline', () => {
    expect(result.draft.headline).toBe("Why Chongqing's Piloting in Western China's Service Industry?");
    expect(result.draft.byline).toEqual([{ personId: null, name: 'Vivian Yan', role: 'author' }]);
    expect(result.draft.dateline).toEqual({ place: 'Chongqing', date: '2021-09-06' });
    expect(result.draft.language).toBe('en');
    expect(result.report.found.slice(0, 3)).toEqual(['Headline', 'Byline: Vivian Yan', 'Dateline: Chongqing, 2021-09-06']);
  });

  it('takes the dateline off the first paragraph', () => {
    const first = documentText({ root: { ...result.draft.body.root, children: [ofType(body, 'paragraph')[0]!] } });
    expect(first.startsWith('Why Chongqing has become the only city')).toBe(true);
    expect(documentText(result.draft.body)).not.toContain('Chongqing- ');
  });

  it('makes sector headings of the lines that name a sector, in order', () => {
    expect(ofType(body, 'sector-heading').map((b) => label(b.sectorId))).toEqual([
      'Health Care',
      'Legal Protection',
      'Science and Technology',
      'Commerce, Culture, and Tourism',
    ]);
    // Passages without a heading (data, education, talents, finance) stay paragraphs in the section before.
    expect(result.report.found.filter((f) => f.startsWith('Sector heading:'))).toHaveLength(4);
  });

  it('turns the two caption paragraphs into figure placeholders with caption and credit apart', () => {
    const figures = ofType(body, 'figure');
    expect(figures).toHaveLength(2);
    const captions = figures.map((f) => (f.caption as CaptionRun[]).map((r) => r.text).join(''));
    expect(captions[0]).toMatch(/^Chongqing has become the only city in the central and western regions .* service industry\.$/);
    expect(captions[1]).toBe('A picture of Chongqing at night.');
    for (const figure of figures) {
      expect(figure.credit).toBe('iChongqing/ Vivian Yan');
      expect(figure.creator).toBe('Vivian Yan');
      expect(figure.media).toBeNull();
    }
    expect(result.report.notes.join(' ')).toMatch(/2 figures .* no photos yet/);
  });

  it('makes a contributor-note block of the intern’s note', () => {
    const notes = ofType(body, 'contributor-note');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.contributors).toEqual([{ personId: null, name: 'Peng Qin', role: 'intern' }]);
    expect(body.at(-1)!.type).toBe('contributor-note');
    expect(result.report.found).toContain('Contributor note: Peng Qin (intern)');
  });

  it('drops the site chrome and says why', () => {
    const reasons = result.report.dropped.map((d) => d.reason);
    expect(reasons).toContain('site title');
    expect(reasons).toContain('cookie notice');
    expect(reasons).toContain('licence number');
    expect(reasons).toContain('report hotline');
    expect(reasons).toContain('navigation');
    expect(result.report.dropped.filter((d) => d.reason === 'related links').map((d) => d.text)).toEqual([
      'A Tour in Chongqing, A Gain in Vision',
      'A Land of Natural Beauty, A City with Cultural Appeal',
    ]);
    const text = documentText(result.draft.body);
    for (const chrome of ['iChongqing Title', 'Cookie Policy', 'ICP', '67230470', 'About Us', 'A Tour in Chongqing']) {
      expect(text).not.toContain(chrome);
    }
  });

  it('keeps the story text, including the figure a desk check should question', () => {
    const text = documentText(result.draft.body);
    expect(text).toContain('598 million yuan');
    expect(text).toContain('International Dedicated Connectivity');
    expect(text).toContain('Chongqing will continue to support the regular delivery of China Railway Express');
  });

  it('gives every top-level block its own block id and passes the draft schema', () => {
    const ids = body.map((b) => (b.$ as { blockId?: string } | undefined)?.blockId);
    for (const id of ids) expect(BlockId.safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(StoryDraft.safeParse(result.draft).success).toBe(true);
    // Importing again makes new ids.
    const again = blocks(importWebText(fixture('chongqing-service-pilot.web.txt'))).map((b) => (b.$ as { blockId: string }).blockId);
    expect(again.some((id) => ids.includes(id))).toBe(false);
  });

  it('uses the publication’s taxonomy: a sector it does not have is not a heading', () => {
    const sectors: Sector[] = DEFAULT_SECTORS.filter((s) => s.id !== 'legal-protection');
    const narrow = importWebText(fixture('chongqing-service-pilot.web.txt'), { sectors });
    expect(ofType(blocks(narrow), 'sector-heading').map((b) => b.sectorId)).toEqual(['health-care', 'science-and-technology', 'commerce-culture-tourism']);
    expect(documentText(narrow.draft.body)).toContain('Legal Protection');
  });
});

describe('importing the Chinese story', () => {
  const result = importWebText(fixture('zh-short.txt'));
  const body = blocks(result);

  it('reads headline, 记者 byline and 电 dateline', () => {
    expect(result.draft.headline).toBe('重庆服务业扩大开放综合试点');
    expect(result.draft.byline).toEqual([{ personId: null, name: '严薇', role: 'author' }]);
    expect(result.draft.dateline).toEqual({ place: '重庆', date: null });
    expect(result.draft.language).toBe('zh-Hans');
    expect(result.report.found).toContain('Dateline: 重庆, 9月6日');
    expect(result.report.notes.join(' ')).toMatch(/no year/);
    const first = documentText({ root: { ...result.draft.body.root, children: [body[0]!] } });
    expect(first.startsWith('重庆市商务委员会9月2日表示')).toBe(true);
  });

  it('finds its sector heading and the intern’s note', () => {
    expect(body.map((b) => b.type)).toEqual(['paragraph', 'sector-heading', 'paragraph', 'contributor-note']);
    expect(body[1]!.sectorId).toBe('health-care');
    expect(body[3]!.contributors).toEqual([{ personId: null, name: '秦鹏', role: 'intern' }]);
    expect(StoryDraft.safeParse(result.draft).success).toBe(true);
  });
});

describe('plain text edge cases', () => {
  it('refuses text with nothing in it', () => {
    expect(() => importWebText('  \n\n \n')).toThrow(/no text/);
  });

  it('keeps a story without byline or dateline as paragraphs under its headline', () => {
    const result = importWebText('Harbour plan passes\n\nThe council voted 7-2 on Tuesday.\n\nWork starts in May.');
    expect(result.draft.headline).toBe('Harbour plan passes');
    expect(result.draft.byline).toEqual([]);
    expect(result.draft.dateline).toEqual({ place: '', date: null });
    expect(ofType(blocks(result), 'paragraph')).toHaveLength(2);
    expect(result.report.dropped).toEqual([]);
  });

  it('reads notes for several people and roles', () => {
    const result = importWebText('Headline\n\nBody text here.\n\n(Peng Qin and Li Wei, as interns, also contributed to this report. Translated by Zhang Min.)');
    expect(ofType(blocks(result), 'contributor-note')[0]!.contributors).toEqual([
      { personId: null, name: 'Peng Qin', role: 'intern' },
      { personId: null, name: 'Li Wei', role: 'intern' },
      { personId: null, name: 'Zhang Min', role: 'translation' },
    ]);
  });

  it('leaves a parenthesised aside that is no credit inside its paragraph', () => {
    const result = importWebText('Headline\n\nThe city grew fast (about 5 percent).');
    expect(ofType(blocks(result), 'figure')).toHaveLength(0);
  });
});
