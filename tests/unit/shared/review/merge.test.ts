import { describe, expect, it } from 'vitest';
import type { BylineEntry } from '../../../../shared/model/anatomy.ts';
import { documentText, SerializedDocumentSchema, type SerializedNode } from '../../../../shared/model/document.ts';
import { blockIdOf, blockText } from '../../../../shared/review/blockContent.ts';
import { mergeStories, type MergeConflictBlock, type MergeResult } from '../../../../shared/review/merge.ts';
import type { StorySnapshot } from '../../../../shared/review/metadataDiff.ts';
import { doc, figure, id, note, para } from './docs.ts';

function story(blocks: SerializedNode[], header: Partial<StorySnapshot> = {}): StorySnapshot {
  return { headline: 'Pilot zone opens', standfirst: '', dateline: { place: 'Chongqing', date: '2021-09-06' }, byline: [], language: 'en', body: doc(...blocks), ...header };
}

const textsOf = (result: MergeResult): string[] => result.merged.body.root.children.map((block) => (block.type === 'merge-conflict' ? '<conflict>' : blockText(block)));
const idsOf = (s: StorySnapshot): Array<string | null> => s.body.root.children.map(blockIdOf);
const valid = (s: StorySnapshot): void => {
  const parsed = SerializedDocumentSchema.safeParse(s.body);
  expect(parsed.success, parsed.success ? '' : parsed.error.issues[0]!.message).toBe(true);
};

describe('mergeStories: blocks', () => {
  const [a, b, c, d, e] = [id(), id(), id(), id(), id()];
  const base = story([para(a, 'Chongqing was chosen.'), para(b, 'Hospitals may open.'), para(c, 'Banks follow.')]);

  it('takes each side’s edit when they edited different blocks', () => {
    const ours = story([para(a, 'Chongqing was picked.'), para(b, 'Hospitals may open.'), para(c, 'Banks follow.')]);
    const theirs = story([para(a, 'Chongqing was chosen.'), para(b, 'Hospitals may open.'), para(c, 'Banks follow soon.')]);
    const result = mergeStories(base, ours, theirs);
    expect(textsOf(result)).toEqual(['Chongqing was picked.', 'Hospitals may open.', 'Banks follow soon.']);
    expect(result.clean).toBe(true);
    expect(result.conflicts).toEqual([]);
    valid(result.merged);
  });

  it('merges two edits to different words of one paragraph', () => {
    const base1 = story([para(a, 'The quick brown fox jumps over the lazy dog.')]);
    const ours = story([para(a, 'The slow brown fox jumps over the lazy dog.')]);
    const theirs = story([para(a, 'The quick brown fox jumps over the sleepy dog.')]);
    const result = mergeStories(base1, ours, theirs);
    expect(textsOf(result)).toEqual(['The slow brown fox jumps over the sleepy dog.']);
    expect(result.clean).toBe(true);
  });

  it('puts a conflict block where the paragraph stood when both changed the same words', () => {
    const ours = story([para(a, 'Chongqing was chosen.'), para(b, 'Clinics may open.'), para(c, 'Banks follow.')]);
    const theirs = story([para(a, 'Chongqing was chosen.'), para(b, 'Schools may open.'), para(c, 'Banks follow.')]);
    const result = mergeStories(base, ours, theirs, { oursLabel: 'Your version', theirsLabel: 'Li Wei’s version' });
    expect(textsOf(result)).toEqual(['Chongqing was chosen.', '<conflict>', 'Banks follow.']);
    const block = result.merged.body.root.children[1] as MergeConflictBlock;
    expect(block).toMatchObject({ type: 'merge-conflict', version: 1, oursLabel: 'Your version', theirsLabel: 'Li Wei’s version', $: { blockId: b } });
    expect(blockText(block.ours!)).toBe('Clinics may open.');
    expect(blockText(block.theirs!)).toBe('Schools may open.');
    expect(blockText(block.base!)).toBe('Hospitals may open.');
    expect(result.clean).toBe(false);
    expect(result.conflicts).toEqual([{ kind: 'block', blockId: b, label: 'Paragraph “Clinics may open.”', needsDecision: true }]);
    valid(result.merged);
  });

  it('keeps a paragraph one side deleted and the other edited, and says so', () => {
    const ours = story([para(a, 'Chongqing was chosen.'), para(c, 'Banks follow.')]);
    const theirs = story([para(a, 'Chongqing was chosen.'), para(b, 'Hospitals may open in May.'), para(c, 'Banks follow.')]);
    for (const [x, y, by] of [[ours, theirs, 'ours'], [theirs, ours, 'theirs']] as const) {
      const result = mergeStories(base, x, y);
      expect(textsOf(result)).toEqual(['Chongqing was chosen.', 'Hospitals may open in May.', 'Banks follow.']);
      expect(result.conflicts).toEqual([{ kind: 'kept-edit', blockId: b, label: 'Paragraph “Hospitals may open in May.”', deletedBy: by, needsDecision: false }]);
      expect(result.clean).toBe(true);
    }
  });

  it('deletes a paragraph one side deleted and the other left alone', () => {
    const ours = story([para(a, 'Chongqing was chosen.'), para(c, 'Banks follow.')]);
    const theirs = story([para(a, 'Chongqing was chosen!'), para(b, 'Hospitals may open.'), para(c, 'Banks follow.')]);
    expect(textsOf(mergeStories(base, ours, theirs))).toEqual(['Chongqing was chosen!', 'Banks follow.']);
    expect(textsOf(mergeStories(base, theirs, ours))).toEqual(['Chongqing was chosen!', 'Banks follow.']);
  });

  it('keeps both sides’ additions at the same place, ours first, either way round', () => {
    const ours = story([para(a, 'Chongqing was chosen.'), para(d, 'Ours new.'), para(b, 'Hospitals may open.'), para(c, 'Banks follow.')]);
    const theirs = story([para(a, 'Chongqing was chosen.'), para(e, 'Theirs new.'), para(b, 'Hospitals may open.'), para(c, 'Banks follow.')]);
    expect(idsOf(mergeStories(base, ours, theirs).merged)).toEqual([a, d, e, b, c]);
    expect(idsOf(mergeStories(base, theirs, ours).merged)).toEqual([a, e, d, b, c]);
    const atStart = mergeStories(base, story([para(d, 'Ours first.'), ...base.body.root.children]), story([para(e, 'Theirs first.'), ...base.body.root.children]));
    expect(idsOf(atStart.merged)).toEqual([d, e, a, b, c]);
  });

  it('places an addition after its nearest preceding block that survived', () => {
    const ours = story([para(a, 'Chongqing was chosen.'), para(c, 'Banks follow.')]);
    const theirs = story([para(a, 'Chongqing was chosen.'), para(b, 'Hospitals may open.'), para(d, 'A new line.'), para(c, 'Banks follow.')]);
    expect(idsOf(mergeStories(base, ours, theirs).merged)).toEqual([a, d, c]);
  });

  it('moves a block one side moved, while taking the other side’s edit to it', () => {
    const ours = story([para(a, 'Chongqing was chosen.'), para(b, 'Hospitals may open soon.'), para(c, 'Banks follow.')]);
    const theirs = story([para(c, 'Banks follow.'), para(a, 'Chongqing was chosen.'), para(b, 'Hospitals may open.')]);
    const result = mergeStories(base, ours, theirs);
    expect(textsOf(result)).toEqual(['Banks follow.', 'Chongqing was chosen.', 'Hospitals may open soon.']);
    expect(result.conflicts).toEqual([]);
    expect(idsOf(mergeStories(base, theirs, ours).merged)).toEqual([c, a, b]);
  });

  it('leaves a block both moved to different places where ours put it, and notes it', () => {
    const four = story([...base.body.root.children, para(d, 'Shops too.')]);
    const ours = story([para(b, 'Hospitals may open.'), para(c, 'Banks follow.'), para(d, 'Shops too.'), para(a, 'Chongqing was chosen.')]);
    const theirs = story([para(b, 'Hospitals may open.'), para(c, 'Banks follow.'), para(a, 'Chongqing was chosen.'), para(d, 'Shops too.')]);
    const result = mergeStories(four, ours, theirs);
    expect(idsOf(result.merged)).toEqual([b, c, d, a]);
    expect(result.conflicts).toMatchObject([{ kind: 'position', blockId: a, needsDecision: false }]);
    expect(result.clean).toBe(true);
  });

  it('merges Chinese text character by character', () => {
    const base1 = story([para(a, '重庆被选为服务业扩大开放综合试点。')], { language: 'zh-Hans' });
    const ours = story([para(a, '重庆被选为服务业扩大开放国家综合试点。')], { language: 'zh-Hans' });
    const theirs = story([para(a, '重庆市被选为服务业扩大开放综合试点。')], { language: 'zh-Hans' });
    const result = mergeStories(base1, ours, theirs);
    expect(textsOf(result)).toEqual(['重庆市被选为服务业扩大开放国家综合试点。']);
    const clash = mergeStories(base1, story([para(a, '重庆被选为服务业扩大开放新试点。')]), story([para(a, '重庆被选为服务业扩大开放首个试点。')]));
    expect(textsOf(clash)).toEqual(['<conflict>']);
  });

  it('keeps bold and italic runs where neither side touched them', () => {
    const base1 = story([para(a, [['Chongqing ', 0], ['was chosen', 1], [' for the pilot.', 0]])]);
    const ours = story([para(a, [['Chongqing ', 0], ['was chosen', 1], [' for the national pilot.', 0]])]);
    const theirs = story([para(a, [['Big ', 2], ['Chongqing ', 0], ['was chosen', 1], [' for the pilot.', 0]])]);
    const result = mergeStories(base1, ours, theirs);
    const children = result.merged.body.root.children[0]!.children!;
    expect(children.map((child) => [child.text, child.format])).toEqual([
      ['Big ', 2],
      ['Chongqing ', 0],
      ['was chosen', 1],
      [' for the national pilot.', 0],
    ]);
    valid(result.merged);
  });

  it('merges a word made bold on one side with a word edit on the other', () => {
    const base1 = story([para(a, 'Chongqing was chosen for the pilot.')]);
    const ours = story([para(a, [['Chongqing', 1], [' was chosen for the pilot.', 0]])]);
    const theirs = story([para(a, 'Chongqing was chosen for the trial.')]);
    const children = mergeStories(base1, ours, theirs).merged.body.root.children[0]!.children!;
    expect(children.map((child) => [child.text, child.format])).toEqual([
      ['Chongqing', 1],
      [' was chosen for the trial.', 0],
    ]);
    const clash = mergeStories(base1, ours, story([para(a, 'Beijing was chosen for the pilot.')]));
    expect(textsOf(clash)).toEqual(['<conflict>']);
  });

  it('keeps a link around the words it covers', () => {
    const link = (words: string): SerializedNode => ({
      type: 'link',
      version: 1,
      url: 'https://example.com/pilot',
      rel: null,
      target: null,
      title: null,
      children: [{ type: 'text', version: 1, text: words, format: 0, detail: 0, mode: 'normal', style: '' }],
    });
    const withLink = (before: string, words: string, after: string): SerializedNode => {
      const block = para(a, before);
      return { ...block, children: [...block.children!, link(words), ...para(null, after).children!] };
    };
    const base1 = story([withLink('Read the ', 'pilot plan', ' today.')]);
    const ours = story([withLink('Read the ', 'full pilot plan', ' today.')]);
    const theirs = story([withLink('Please read the ', 'pilot plan', ' today.')]);
    const result = mergeStories(base1, ours, theirs);
    const block = result.merged.body.root.children[0]!;
    expect(blockText(block)).toBe('Please read the full pilot plan today.');
    expect(block.children!.map((child) => child.type)).toEqual(['text', 'link', 'text']);
    expect(block.children![1]!.children![0]!.text).toBe('full pilot plan');
    valid(result.merged);
  });

  it('merges list items item by item', () => {
    const item = (text: string, value: number): SerializedNode => ({ type: 'listitem', version: 1, value, indent: 0, direction: 'ltr', format: '', children: para(null, text).children! });
    const list = (...items: string[]): SerializedNode => ({ type: 'list', version: 1, listType: 'bullet', start: 1, tag: 'ul', direction: 'ltr', format: '', indent: 0, children: items.map((text, i) => item(text, i + 1)), $: { blockId: a } });
    const base1 = story([list('Hospitals', 'Banks', 'Schools')]);
    const ours = story([list('Clinics', 'Hospitals', 'Banks', 'Schools')]);
    const theirs = story([list('Hospitals', 'Banks', 'Private schools')]);
    const result = mergeStories(base1, ours, theirs);
    expect(documentText(result.merged.body).split('\n')).toEqual(['Clinics', 'Hospitals', 'Banks', 'Private schools']);
    expect(result.clean).toBe(true);
    valid(result.merged);
  });

  it('merges a figure’s caption and credit like text, and a clash of photos into a conflict block', () => {
    const base1 = story([figure(a)]);
    const ours = story([figure(a, { caption: [{ text: 'Chongqing at night, 2021.', format: 0 }] })]);
    const theirs = story([figure(a, { credit: 'iChongqing/ Vivian Yan' })]);
    const result = mergeStories(base1, ours, theirs);
    expect(result.merged.body.root.children[0]).toMatchObject({ caption: [{ text: 'Chongqing at night, 2021.', format: 0 }], credit: 'iChongqing/ Vivian Yan' });
    const photos = mergeStories(base1, story([figure(a, { sha: 'b'.repeat(64) })]), story([figure(a, { sha: 'c'.repeat(64) })]));
    expect(textsOf(photos)).toEqual(['<conflict>']);
    valid(photos.merged);
  });

  it('merges contributor notes person by person', () => {
    const peng = { personId: null, name: 'Peng Qin', role: 'intern' as const };
    const li = { personId: null, name: 'Li Wei', role: 'photos' as const };
    const zhao = { personId: null, name: 'Zhao Min', role: 'translation' as const };
    const result = mergeStories(story([note(a, [peng])]), story([note(a, [peng, li])]), story([note(a, [zhao, peng])]));
    expect(result.merged.body.root.children[0]).toMatchObject({ contributors: [zhao, peng, li] });
  });

  it('matches blocks without ids to the ids each side gave them', () => {
    const legacy = story([para(null, 'Chongqing was chosen.'), para(null, 'Hospitals may open.')]);
    const ours = story([para(a, 'Chongqing was picked.'), para(b, 'Hospitals may open.')]);
    const theirs = story([para(d, 'Chongqing was chosen.'), para(e, 'Hospitals may open soon.')]);
    const result = mergeStories(legacy, ours, theirs);
    expect(textsOf(result)).toEqual(['Chongqing was picked.', 'Hospitals may open soon.']);
    expect(idsOf(result.merged)).toEqual([a, b]);
    valid(result.merged);
  });

  it('keeps a conflict block nobody resolved yet and the other side’s new edit side by side', () => {
    const ours = story([para(a, 'Chongqing was chosen.'), para(b, 'Clinics may open.'), para(c, 'Banks follow.')]);
    const theirs = story([para(a, 'Chongqing was chosen.'), para(b, 'Schools may open.'), para(c, 'Banks follow.')]);
    const first = mergeStories(base, ours, theirs).merged;
    const again = story([para(a, 'Chongqing was chosen.'), para(b, 'Universities may open.'), para(c, 'Banks follow.')]);
    const result = mergeStories(theirs, first, again);
    expect(textsOf(result)).toEqual(['Chongqing was chosen.', '<conflict>', '<conflict>', 'Banks follow.']);
    const words = JSON.stringify(result.merged.body);
    for (const word of ['Clinics', 'Schools', 'Universities']) expect(words).toContain(word);
    valid(result.merged);
  });
});

describe('mergeStories: header fields', () => {
  const peng: BylineEntry = { personId: null, name: 'Peng Qin', role: 'author' };
  const li: BylineEntry = { personId: null, name: 'Li Wei', role: 'photographer' };
  const base = story([], { headline: 'Chongqing opens its service sector', standfirst: 'A pilot zone for the nation.', byline: [peng] });

  it('takes each side’s field changes and merges headline words', () => {
    const ours = { ...base, headline: 'Chongqing opens its entire service sector', dateline: { place: 'Chongqing', date: '2021-09-07' } };
    const theirs = { ...base, headline: 'Chongqing opens its service sector wide', byline: [peng, li], language: 'en-GB' };
    const result = mergeStories(base, ours, theirs);
    expect(result.merged).toMatchObject({
      headline: 'Chongqing opens its entire service sector wide',
      standfirst: 'A pilot zone for the nation.',
      dateline: { place: 'Chongqing', date: '2021-09-07' },
      byline: [peng, li],
      language: 'en-GB',
    });
    expect(result.clean).toBe(true);
  });

  it('keeps ours and offers theirs when both changed a field differently', () => {
    const ours = { ...base, standfirst: 'A pilot zone for China.', language: 'en-GB', dateline: { place: 'Chongqing', date: '2021-09-07' } };
    const theirs = { ...base, standfirst: 'A pilot zone for the west.', language: 'en-US', dateline: { place: 'Beijing', date: '2021-09-08' } };
    const result = mergeStories(base, ours, theirs);
    expect(result.merged).toMatchObject({ standfirst: 'A pilot zone for China.', language: 'en-GB', dateline: { place: 'Chongqing', date: '2021-09-07' } });
    expect(result.clean).toBe(false);
    expect(result.conflicts).toEqual([
      { kind: 'field', field: 'standfirst', label: 'Standfirst', base: 'A pilot zone for the nation.', ours: 'A pilot zone for China.', theirs: 'A pilot zone for the west.', needsDecision: true },
      {
        kind: 'field',
        field: 'dateline',
        label: 'Dateline',
        base: { place: 'Chongqing', date: '2021-09-06' },
        ours: { place: 'Chongqing', date: '2021-09-07' },
        theirs: { place: 'Beijing', date: '2021-09-08' },
        needsDecision: true,
      },
      { kind: 'field', field: 'language', label: 'Language', base: 'en', ours: 'en-GB', theirs: 'en-US', needsDecision: true },
    ]);
  });

  it('merges the dateline’s place and date separately, and the same change twice once', () => {
    const ours = { ...base, dateline: { place: 'Chongqing', date: '2021-09-07' }, headline: 'Same new headline' };
    const theirs = { ...base, dateline: { place: 'Yuzhong, Chongqing', date: '2021-09-06' }, headline: 'Same new headline' };
    const result = mergeStories(base, ours, theirs);
    expect(result.merged.dateline).toEqual({ place: 'Yuzhong, Chongqing', date: '2021-09-07' });
    expect(result.merged.headline).toBe('Same new headline');
    expect(result.conflicts).toEqual([]);
  });

  it('credits a person both sides added only once', () => {
    const result = mergeStories({ ...base, byline: [] }, { ...base, byline: [peng, li] }, { ...base, byline: [li, peng] });
    expect(result.merged.byline).toEqual([peng, li]);
  });
});

describe('mergeStories: algebra', () => {
  const [a, b, c] = [id(), id(), id()];
  const base = story([para(a, 'Chongqing was chosen.'), para(b, 'Hospitals may open.'), para(c, 'Banks follow.')], { headline: 'Pilot' });
  const edited = story([para(b, 'Hospitals may open in May.'), para(a, 'Chongqing was chosen.'), para(id(), 'A new paragraph.')], { headline: 'Pilot zone', byline: [{ personId: null, name: 'Peng Qin', role: 'author' }] });

  it('gives back the edit when both sides made the same one', () => {
    const result = mergeStories(base, edited, structuredClone(edited));
    expect(result.merged).toEqual(edited);
    expect(result.conflicts).toEqual([]);
  });

  it('gives back one side when the other did nothing', () => {
    expect(mergeStories(base, edited, base).merged).toEqual(edited);
    expect(mergeStories(base, base, edited).merged).toEqual(edited);
  });

  it('holds the same words whichever side is ours', () => {
    const other = story([para(a, 'Chongqing was selected.'), para(b, 'Hospitals will open.'), para(c, 'Banks follow.')], { headline: 'Pilot plan' });
    const words = (s: StorySnapshot): string[] => JSON.stringify(s.body).match(/[A-Za-z]+/g)!.filter((w) => !/^[a-z]+$/.test(w) || w.length > 3).sort();
    const one = mergeStories(base, edited, other);
    const two = mergeStories(base, other, edited);
    expect(words(one.merged)).toEqual(words(two.merged));
    expect(one.conflicts.length).toBe(two.conflicts.length);
  });

  it('does not change its inputs or share objects with them', () => {
    const snapshot = structuredClone([base, edited]);
    const result = mergeStories(base, edited, base);
    expect([base, edited]).toEqual(snapshot);
    result.merged.body.root.children[0]!.children![0]!.text = 'changed';
    expect(edited).toEqual(snapshot[1]);
  });
});

describe('conflict block in the story body schema', () => {
  const [a, b] = [id(), id()];
  const conflict = (fields: Record<string, unknown>): SerializedNode => ({
    type: 'merge-conflict',
    version: 1,
    ours: para(a, 'Clinics may open.'),
    theirs: para(a, 'Schools may open.'),
    base: null,
    oursLabel: 'Your version',
    theirsLabel: 'Version on the hub',
    $: { blockId: a },
    ...fields,
  });
  const check = (block: SerializedNode): string | null => {
    const parsed = SerializedDocumentSchema.safeParse(doc(para(b, 'Before.'), block));
    return parsed.success ? null : parsed.error.issues[0]!.message;
  };

  it('accepts a conflict block holding two versions, or one and a deletion', () => {
    expect(check(conflict({}))).toBeNull();
    expect(check(conflict({ theirs: null, base: para(a, 'Hospitals may open.') }))).toBeNull();
    expect(check(conflict({ ours: figure(a), theirs: figure(a, { credit: 'Xinhua' }) }))).toBeNull();
  });

  it('refuses conflict blocks that hold nothing, a conflict block, a malformed figure or an unsafe link', () => {
    expect(check(conflict({ ours: null, theirs: null }))).toMatch(/Block 2 is a malformed conflict block \(ours\): A conflict block needs at least one version/);
    expect(check(conflict({ theirs: conflict({}) }))).toMatch(/Block 2 is a conflict block holding a block of type "merge-conflict"/);
    expect(check(conflict({ theirs: { ...figure(a), media: 'nope' } }))).toMatch(/Block 2 is a conflict block holding a malformed figure/);
    const link = { type: 'link', version: 1, url: 'javascript:alert(1)', children: [{ type: 'text', version: 1, text: 'here' }] };
    expect(check(conflict({ ours: { ...para(a, 'Click '), children: [link] } }))).toMatch(/Block 2 is a conflict block with a link that is not http, https or mailto/);
    expect(check(conflict({ ours: { ...para(a, 'x'), children: 'oops' } }))).toMatch(/Block 2 is a conflict block holding a malformed block/);
    expect(check(conflict({ oursLabel: 'x'.repeat(201) }))).toMatch(/malformed conflict block \(oursLabel\)/);
  });
});
