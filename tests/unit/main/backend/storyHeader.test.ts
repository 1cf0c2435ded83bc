import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';
import { doc, docOf, paragraph } from '../../../support/documents.ts';

let t: TestBackend;
beforeEach(() => {
  t = openTestBackend();
});
afterEach(() => t.close());

const sectorHeading = (sectorId: string) => ({ type: 'sector-heading', version: 1, sectorId }) as never;

const VIVIAN = { personId: null, name: 'Vivian Yan', role: 'author' } as const;

function create(headline = 'Chongqing pilot') {
  return t.ok('stories.create', { headline });
}

describe('dateline and byline', () => {
  it('a new story has an empty dateline and byline', () => {
    expect(create()).toMatchObject({ dateline: { place: '', date: null }, byline: [], sectors: [] });
  });

  it('are saved and read back; a save that leaves them out keeps what is stored', () => {
    const story = create();
    const person = t.ok('people.create', { name: 'Peng Qin' }).person;
    const byline = [VIVIAN, { personId: person.id, name: 'Peng Qin', role: 'photographer' as const }];
    t.ok('stories.save', { id: story.id, headline: story.headline, standfirst: '', body: docOf('x'), dateline: { place: 'Chongqing', date: '2021-09-06' }, byline });
    const saved = t.ok('stories.save', { id: story.id, headline: 'Headline only', standfirst: '', body: docOf('x') });
    expect(saved.revision).toBe(3);
    expect(t.ok('stories.get', { id: story.id })).toMatchObject({ headline: 'Headline only', dateline: { place: 'Chongqing', date: '2021-09-06' }, byline });
  });

  it('a change to the header alone is a new revision; the same header again is not', () => {
    const story = create();
    const base = { id: story.id, headline: story.headline, standfirst: '', body: story.body };
    expect(t.ok('stories.save', { ...base, byline: [VIVIAN] }).revision).toBe(2);
    expect(t.ok('stories.save', { ...base, byline: [VIVIAN] }).revision).toBe(2);
    expect(t.ok('stories.save', { ...base, dateline: { place: 'Chongqing', date: null } }).revision).toBe(3);
    expect(t.ok('stories.save', { ...base, byline: [] }).revision).toBe(4);
    expect(t.ok('stories.get', { id: story.id }).byline).toEqual([]);
  });

  it.each([
    ['an impossible dateline date', { dateline: { place: 'Chongqing', date: '2021-02-30' } }, /date/i],
    ['a dateline date in another format', { dateline: { place: 'Chongqing', date: 'Sep 06,2021' } }, /date/i],
    ['an over-long dateline place', { dateline: { place: 'x'.repeat(121), date: null } }, /longer than 120/],
    ['too many contributors', { byline: Array.from({ length: 31 }, (_, i) => ({ personId: null, name: `P${i}`, role: 'author' })) }, /at most 30/],
    ['an empty name', { byline: [{ personId: null, name: '   ', role: 'author' }] }, /needs a name/],
    ['an unknown role', { byline: [{ personId: null, name: 'Vivian Yan', role: 'ghostwriter' }] }, /role/],
    ['a malformed person id', { byline: [{ personId: '42', name: 'Vivian Yan', role: 'author' }] }, /ULID/],
  ])('refuse %s with VALIDATION and keep the stored story', (_name, header, message) => {
    const story = create();
    t.ok('stories.save', { id: story.id, headline: story.headline, standfirst: '', body: story.body, byline: [VIVIAN] });
    const error = t.fails('stories.save', { id: story.id, headline: 'Changed', standfirst: '', body: story.body, ...header });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(message);
    expect(t.ok('stories.get', { id: story.id })).toMatchObject({ headline: story.headline, revision: 2, byline: [VIVIAN] });
  });
});

describe('sectors', () => {
  it('are derived from the body on save: in order of first appearance, each once', () => {
    const story = create();
    const body = doc(
      paragraph('Lead'),
      sectorHeading('health-care'),
      paragraph('Hospitals'),
      sectorHeading('legal-protection'),
      sectorHeading('health-care'),
      sectorHeading('science-and-technology'),
    );
    t.ok('stories.save', { id: story.id, headline: story.headline, standfirst: '', body });
    expect(t.ok('stories.get', { id: story.id }).sectors).toEqual(['health-care', 'legal-protection', 'science-and-technology']);
    expect(t.ok('stories.list', {}).items[0]!.sectors).toEqual(['health-care', 'legal-protection', 'science-and-technology']);

    // Removing a heading removes the sector.
    t.ok('stories.save', { id: story.id, headline: story.headline, standfirst: '', body: doc(sectorHeading('legal-protection'), paragraph('Courts')) });
    expect(t.ok('stories.get', { id: story.id }).sectors).toEqual(['legal-protection']);
  });

  it('filter the library, the trash and search results', () => {
    const health = create('Hospitals expand');
    const both = create('Hospitals and courts');
    const none = create('Weather');
    t.ok('stories.save', { id: health.id, headline: health.headline, standfirst: '', body: doc(sectorHeading('health-care'), paragraph('beds')) });
    t.ok('stories.save', { id: both.id, headline: both.headline, standfirst: '', body: doc(sectorHeading('legal-protection'), sectorHeading('health-care')) });
    t.ok('stories.save', { id: none.id, headline: none.headline, standfirst: '', body: docOf('rain') });

    const headlines = (input: { sector?: string; query?: string; view?: 'library' | 'trash' }) => {
      const reply = t.ok('stories.list', input);
      expect(reply.total).toBe(reply.items.length);
      return reply.items.map((s) => s.headline);
    };
    expect(headlines({ sector: 'health-care' })).toEqual(['Hospitals and courts', 'Hospitals expand']);
    expect(headlines({ sector: 'legal-protection' })).toEqual(['Hospitals and courts']);
    expect(headlines({ sector: 'finance' })).toEqual([]);
    expect(headlines({})).toHaveLength(3);
    expect(headlines({ sector: 'health-care', query: 'courts' })).toEqual(['Hospitals and courts']);
    expect(headlines({ sector: 'legal-protection', query: 'expand' })).toEqual([]);

    t.ok('stories.trash', { id: both.id });
    expect(headlines({ sector: 'health-care' })).toEqual(['Hospitals expand']);
    expect(headlines({ sector: 'health-care', view: 'trash' })).toEqual(['Hospitals and courts']);
    expect(t.ok('stories.list', { sector: 'health-care', view: 'trash' }).items[0]!.sectors).toEqual(['legal-protection', 'health-care']);
  });

  it('refuse a malformed sector filter with VALIDATION', () => {
    expect(t.fails('stories.list', { sector: 'Health Care' }).code).toBe('VALIDATION');
  });
});
