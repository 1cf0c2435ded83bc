import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importWebText } from '../../../../shared/transfer/importWebText.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';

const chongqing = () => importWebText(readFileSync(join(process.cwd(), '..', 'shared', 'fixtures', 'articles', 'chongqing-service-pilot.web.txt'), 'utf8')).draft;
const standard = (name: string) => readFileSync(join(process.cwd(), '..', 'shared', 'standards', 'ninjs', name), 'utf8');

let t: TestBackend;
beforeEach(() => {
  t = openTestBackend();
});
afterEach(() => t.close());

describe('stories.import', () => {
  it('creates the story in one call: header, byline, dateline, body, sectors', () => {
    const draft = chongqing();
    const story = t.ok('stories.import', draft);
    expect(story.headline).toBe("Why Chongqing's Piloting in Western China's Service Industry?");
    expect(story.byline).toEqual([{ personId: null, name: 'Vivian Yan', role: 'author' }]);
    expect(story.dateline).toEqual({ place: 'Chongqing', date: '2021-09-06' });
    expect(story.body).toEqual(draft.body);
    expect(story.sectors).toEqual(['health-care', 'legal-protection', 'science-and-technology', 'commerce-culture-tourism']);
    expect(story.wordCount).toBeGreaterThan(500);
    // Stored for good: it reads back the same and is found by search.
    expect(t.ok('stories.get', { id: story.id })).toEqual(story);
    expect(t.ok('stories.list', { query: '598 million' }).items.map((s) => s.id)).toEqual([story.id]);
  });

  it('refuses a malformed draft with VALIDATION and creates nothing', () => {
    const draft = chongqing();
    const broken = { ...draft, body: { root: { ...draft.body.root, children: [{ type: 'figure', version: 1, media: null, caption: 'not runs' }] } } };
    expect(t.fails('stories.import', broken).code).toBe('VALIDATION');
    expect(t.fails('stories.import', { ...draft, dateline: { place: 'Chongqing', date: '6 Sept' } }).code).toBe('VALIDATION');
    expect(t.fails('stories.import', { ...draft, extra: true }).code).toBe('VALIDATION');
    expect(t.ok('stories.list', {}).total).toBe(0);
  });
});

describe('transfer.validateNinjs', () => {
  it("passes IPTC's examples", () => {
    for (const name of ['004_simple_text_article.json', '005_complex_text_article.json', '006_photo_only.json']) {
      expect(t.ok('transfer.validateNinjs', { text: standard(name) })).toEqual({ json: true, issues: [] });
    }
  });

  it('names the problems of an invalid document, and says when it is not JSON', () => {
    const checked = t.ok('transfer.validateNinjs', { text: JSON.stringify({ uri: 1, headlines: [{}] }) });
    expect(checked.json).toBe(true);
    expect(checked.issues).toEqual(
      expect.arrayContaining([
        { path: '/uri', message: 'must be string' },
        { path: '/headlines/0', message: "must have required property 'value'" },
      ]),
    );
    expect(t.ok('transfer.validateNinjs', { text: '{ not json' })).toEqual({ json: false, issues: [] });
  });
});
