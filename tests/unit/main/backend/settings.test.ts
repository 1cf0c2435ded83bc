import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS, type Sector } from '../../../../shared/model/anatomy.ts';
import { DEFAULT_BYLINE_FORMAT, DEFAULT_NOTE_TEMPLATES } from '../../../../shared/model/credits.ts';
import { sectorIdFor } from '../../../../shared/model/publication.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';
import { doc, paragraph } from '../../../support/documents.ts';

let t: TestBackend;
let events: string[];
beforeEach(() => {
  t = openTestBackend();
  events = [];
  t.backend.subscribe((event) => events.push(event));
});
afterEach(() => t.close());

const sectorHeading = (sectorId: string) => ({ type: 'sector-heading', version: 1, sectorId });

function storyWithSectors(...sectorIds: string[]) {
  const story = t.ok('stories.create', { headline: `Story of ${sectorIds.join(', ')}` });
  const body = doc(...sectorIds.flatMap((id) => [sectorHeading(id) as never, paragraph(`About ${id}`)]));
  t.ok('stories.save', { id: story.id, headline: story.headline, standfirst: '', body });
  return story.id;
}

const withSectors = (change: (sectors: Sector[]) => Sector[]) => change(structuredClone(t.ok('settings.get', {}).sectors));

describe('publication settings', () => {
  it('start with the default taxonomy, byline format and note templates', () => {
    expect(t.ok('settings.get', {})).toEqual({
      sectors: DEFAULT_SECTORS,
      bylineFormat: DEFAULT_BYLINE_FORMAT,
      noteTemplates: DEFAULT_NOTE_TEMPLATES,
    });
  });

  it('add and rename sectors, keep them across restarts, and announce the change', () => {
    const sectors = withSectors((list) => [
      ...list.map((s) => (s.id === 'data' ? { ...s, label: 'Data and Statistics' } : s)),
      { id: 'energy', label: 'Energy', mediaTopicUri: 'http://cv.iptc.org/newscodes/mediatopic/20000249', retired: false },
    ]);
    const updated = t.ok('settings.update', { sectors });
    expect(updated.sectors.at(-1)).toMatchObject({ id: 'energy', label: 'Energy' });
    expect(updated.sectors[0]).toMatchObject({ id: 'data', label: 'Data and Statistics' });
    expect(events).toContain('settings.changed');
    // Parts left out stay as they were.
    expect(updated.bylineFormat).toEqual(DEFAULT_BYLINE_FORMAT);
    expect(t.ok('settings.get', {})).toEqual(updated);
  });

  it('update the byline format and note templates', () => {
    const updated = t.ok('settings.update', {
      bylineFormat: { prefix: 'Story by', uppercaseNames: false },
      noteTemplates: { ...DEFAULT_NOTE_TEMPLATES, intern: { one: 'Intern {names} helped.', many: 'Interns {names} helped.' } },
    });
    expect(updated.bylineFormat).toEqual({ prefix: 'Story by', uppercaseNames: false });
    expect(updated.noteTemplates.intern.one).toBe('Intern {names} helped.');
    expect(updated.sectors).toEqual(DEFAULT_SECTORS);
  });

  it('an update that changes nothing announces nothing', () => {
    t.ok('settings.update', { bylineFormat: DEFAULT_BYLINE_FORMAT });
    expect(events).not.toContain('settings.changed');
  });
});

describe('sector rules', () => {
  it('refuse duplicate ids, empty labels, duplicate active labels and non-http URIs', () => {
    const cases: Array<[string, (list: Sector[]) => Sector[], RegExp]> = [
      ['duplicate id', (l) => [...l, { ...l[0]!, label: 'Other' }], /share the id "data"/],
      ['empty label', (l) => [{ ...l[0]!, label: '   ' }, ...l.slice(1)], /needs a label/],
      ['duplicate label', (l) => [...l, { id: 'data-2', label: 'data', mediaTopicUri: null, retired: false }], /both called "data"/],
      ['javascript uri', (l) => [{ ...l[0]!, mediaTopicUri: 'javascript:alert(1)' }, ...l.slice(1)], /http or https/],
      ['ftp uri', (l) => [{ ...l[0]!, mediaTopicUri: 'ftp://cv.iptc.org/x' }, ...l.slice(1)], /http or https/],
      ['bad id', (l) => [...l, { id: 'Bad Id', label: 'Bad', mediaTopicUri: null, retired: false }], /lowercase/],
    ];
    for (const [name, change, message] of cases) {
      const error = t.fails('settings.update', { sectors: withSectors(change) });
      expect(error.code, name).toBe('VALIDATION');
      expect(error.message, name).toMatch(message);
    }
    expect(t.ok('settings.get', {}).sectors).toEqual(DEFAULT_SECTORS);
  });

  it('allow a retired sector to share its label with a new active one', () => {
    const retired = withSectors((l) => l.map((s) => (s.id === 'talents' ? { ...s, retired: true } : s)));
    const sectors = [...retired, { id: 'talents-2', label: 'Talents', mediaTopicUri: null, retired: false }];
    expect(t.ok('settings.update', { sectors }).sectors.filter((s) => s.label === 'Talents')).toHaveLength(2);
  });

  it('retiring a sector keeps the stories that use it valid, in the library and its filter', () => {
    const id = storyWithSectors('health-care', 'finance');
    t.ok('settings.update', { sectors: withSectors((l) => l.map((s) => (s.id === 'finance' ? { ...s, retired: true } : s))) });
    const story = t.ok('stories.get', { id });
    expect(story.sectors).toEqual(['health-care', 'finance']);
    // The story still saves with its retired sector's section.
    t.ok('stories.save', { id, headline: 'Edited after retiring', standfirst: '', body: story.body });
    expect(t.ok('stories.list', { sector: 'finance' }).items.map((s) => s.headline)).toEqual(['Edited after retiring']);
    expect(t.ok('settings.get', {}).sectors.find((s) => s.id === 'finance')).toMatchObject({ retired: true, label: 'Finance' });
  });

  it('refuse to drop a sector that stories use, naming how many, and allow dropping an unused one', () => {
    storyWithSectors('health-care');
    storyWithSectors('health-care', 'education');
    const error = t.fails('settings.update', { sectors: withSectors((l) => l.filter((s) => s.id !== 'health-care')) });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('The sector "Health Care" cannot be removed: 2 stories use it. Retire it instead.');
    expect(t.ok('settings.get', {}).sectors.map((s) => s.id)).toContain('health-care');

    expect(t.ok('settings.sectorUsage', {}).counts).toEqual({ 'health-care': 2, education: 1 });
    const dropped = t.ok('settings.update', { sectors: withSectors((l) => l.filter((s) => s.id !== 'talents')) });
    expect(dropped.sectors.map((s) => s.id)).not.toContain('talents');
  });

  it('count trashed stories as users of a sector: they can be restored', () => {
    const id = storyWithSectors('education');
    t.ok('stories.trash', { id });
    expect(t.fails('settings.update', { sectors: withSectors((l) => l.filter((s) => s.id !== 'education')) }).message).toMatch(/1 story uses it/);
    t.ok('stories.emptyTrash', {});
    expect(t.ok('settings.sectorUsage', {}).counts).toEqual({});
  });
});

describe('sectorIdFor', () => {
  it('makes a slug from the label, unique among the ids taken', () => {
    expect(sectorIdFor('Commerce, Culture, and Tourism', [])).toBe('commerce-culture-and-tourism');
    expect(sectorIdFor('Énergie', [])).toBe('energie');
    expect(sectorIdFor('Data', ['data', 'data-2'])).toBe('data-3');
    expect(sectorIdFor('数据', [])).toBe('sector');
  });
});
