import { describe, expect, it } from 'vitest';
import { compareStories } from '../../../../shared/review/compare.ts';
import { diffMetadata, type StorySnapshot } from '../../../../shared/review/metadataDiff.ts';
import { doc, figure, id, para } from './docs.ts';

const YAN = { personId: '01J0000000000000000000000A', name: 'Vivian Yan', role: 'author' as const };
const QIN = { personId: null, name: 'Peng Qin', role: 'author' as const };
const FIGURE = id();
const PARA = id();

function story(overrides: Partial<StorySnapshot> = {}): StorySnapshot {
  return {
    headline: 'Chongqing expands service sector pilot',
    standfirst: 'Nine fields open to foreign providers.',
    dateline: { place: 'Chongqing', date: '2021-09-06' },
    byline: [YAN],
    language: 'en',
    body: doc(para(PARA, 'Body.'), figure(FIGURE)),
    ...overrides,
  };
}

describe('diffMetadata', () => {
  it('finds nothing between a story and itself', () => {
    expect(diffMetadata(story(), story())).toEqual([]);
  });

  it('lists a headline change with its word diff', () => {
    const [change, ...rest] = diffMetadata(story(), story({ headline: 'Chongqing widens service sector pilot' }));
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ field: 'headline', label: 'Headline', before: 'Chongqing expands service sector pilot', after: 'Chongqing widens service sector pilot' });
    expect(change!.words?.filter((w) => w.op !== 'equal')).toEqual([
      { op: 'delete', text: 'expands' },
      { op: 'insert', text: 'widens' },
    ]);
  });

  it('lists standfirst, dateline and language changes in words', () => {
    const changes = diffMetadata(story(), story({ standfirst: '', dateline: { place: 'Chengdu', date: '2021-09-07' }, language: 'zh-Hans' }));
    expect(changes.map(({ field, before, after }) => ({ field, before, after }))).toEqual([
      { field: 'standfirst', before: 'Nine fields open to foreign providers.', after: null },
      { field: 'dateline', before: 'Chongqing, 2021-09-06', after: 'Chengdu, 2021-09-07' },
      { field: 'language', before: 'English (en)', after: 'Simplified Chinese (zh-Hans)' },
    ]);
  });

  it('names people added to and removed from the byline, and a changed role', () => {
    const changes = diffMetadata(story({ byline: [YAN, QIN] }), story({ byline: [{ ...YAN, role: 'photographer' }, { personId: null, name: 'Li Wei', role: 'translator' }] }));
    expect(changes.map(({ label, before, after }) => ({ label, before, after }))).toEqual([
      { label: "Byline: Vivian Yan's role changed", before: 'Vivian Yan (Author)', after: 'Vivian Yan (Photographer)' },
      { label: 'Byline: removed Peng Qin', before: 'Peng Qin (Author)', after: null },
      { label: 'Byline: added Li Wei', before: null, after: 'Li Wei (Translator)' },
    ]);
  });

  it('matches hand-typed names ignoring case, and reports a reordered byline', () => {
    expect(diffMetadata(story({ byline: [QIN] }), story({ byline: [{ ...QIN, name: 'peng qin ' }] }))).toEqual([]);
    const changes = diffMetadata(story({ byline: [YAN, QIN] }), story({ byline: [QIN, YAN] }));
    expect(changes).toEqual([{ field: 'byline', label: 'Byline: order changed', before: 'Vivian Yan, Peng Qin', after: 'Peng Qin, Vivian Yan' }]);
  });

  it('lists caption, credit and alt text changes of a figure, by its block id', () => {
    const after = story({ body: doc(para(PARA, 'Body.'), figure(FIGURE, { caption: [{ text: 'Chongqing by day.', format: 0 }], credit: 'Xinhua', alt: '' })) });
    const changes = diffMetadata(story(), after);
    expect(changes.map(({ field, label, before, after: now, blockId }) => ({ field, label, before, after: now, blockId }))).toEqual([
      { field: 'caption', label: 'Caption of figure 1', before: 'Chongqing at night.', after: 'Chongqing by day.', blockId: FIGURE },
      { field: 'credit', label: 'Credit of figure 1', before: 'iChongqing', after: 'Xinhua', blockId: FIGURE },
      { field: 'alt', label: 'Alt text of figure 1', before: 'City skyline at night', after: null, blockId: FIGURE },
    ]);
  });
});

describe('compareStories', () => {
  it('sums up block and detail changes in one sentence', () => {
    const [a, b, c, d, e] = [id(), id(), id(), id(), id()];
    const before = story({ body: doc(para(a, 'One.'), para(b, 'Two.'), para(c, 'Three.'), para(d, 'Four.')) });
    const after = story({
      headline: 'New headline',
      body: doc(para(d, 'Four.'), para(a, 'One!'), para(b, 'Two!'), para(c, 'Three!'), para(e, 'Five.')),
    });
    const result = compareStories(before, after);
    expect(result.summary).toBe('3 blocks changed, 1 added, 1 moved, 1 detail changed');
    expect(result.counts).toMatchObject({ changed: 3, added: 1, moved: 1, removed: 0, unchanged: 0, metadata: 1 });
    expect(compareStories(before, before).summary).toBe('No changes');
  });
});
