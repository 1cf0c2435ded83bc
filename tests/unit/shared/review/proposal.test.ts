import { describe, expect, it } from 'vitest';
import { SerializedDocumentSchema, type SerializedDocument } from '../../../../shared/model/document.ts';
import { blockIdOf, blockText } from '../../../../shared/review/blockContent.ts';
import type { StorySnapshot } from '../../../../shared/review/metadataDiff.ts';
import { applyProposalItem, creditIntern, firstWords, proposalItems, withBlockIds } from '../../../../shared/review/proposal.ts';
import { doc, figure, heading, id, note, para } from './docs.ts';

const A = id('a');
const B = id('b');
const C = id('c');
const D = id('d');
const E = id('e');
const F = id('f');
const G = id('g');

function snap(body: SerializedDocument, fields: Partial<StorySnapshot> = {}): StorySnapshot {
  return {
    headline: 'Flood defences hold',
    standfirst: 'Engineers say the new walls worked.',
    dateline: { place: 'Chongqing', date: '2025-03-01' },
    byline: [{ personId: null, name: 'Vivian Yan', role: 'author' }],
    language: 'en',
    body,
    ...fields,
  };
}

/** The body as [id, text] pairs, the way a reader would check it. */
const blocks = (s: StorySnapshot) => s.body.root.children.map((block) => [blockIdOf(block), blockText(block)]);

const BASE = snap(doc(para(A, 'The river rose overnight.'), para(B, 'Walls held along the bank.'), para(C, 'Residents stayed home.'), heading(D, 'What comes next')));

describe('proposalItems', () => {
  it('lists one item per changed block and per changed header field, nothing for what stayed', () => {
    const proposed = snap(
      doc(para(A, 'The river rose sharply overnight.'), para(C, 'Residents stayed home.'), para(E, 'Schools closed for the day.'), heading(D, 'What comes next')),
      { headline: 'Flood defences hold in Chongqing' },
    );
    const items = proposalItems(BASE, proposed);
    expect(items.map((item) => item.key)).toEqual(['field:headline', `block:${A}`, `block:${B}`, `block:${E}`]);
    expect(items.map((item) => item.label)).toEqual([
      'changed the headline',
      'changed paragraph “The river rose sharply overnight.”',
      'removed paragraph “Walls held along the bank.”',
      'added paragraph “Schools closed for the day.”',
    ]);
    expect(items.map((item) => (item.type === 'block' ? item.change : item.field))).toEqual(['headline', 'changed', 'removed', 'added']);
  });

  it('names a moved block, and a block moved and changed', () => {
    const moved = proposalItems(BASE, snap(doc(para(C, 'Residents stayed home.'), para(A, 'The river rose overnight.'), para(B, 'Walls held along the bank.'), heading(D, 'What comes next'))));
    expect(moved.map((item) => [item.key, item.type === 'block' && item.change])).toEqual([[`block:${C}`, 'moved']]);
    const both = proposalItems(BASE, snap(doc(para(C, 'Residents stayed at home.'), para(A, 'The river rose overnight.'), para(B, 'Walls held along the bank.'), heading(D, 'What comes next'))));
    expect(both.map((item) => [item.key, item.label])).toEqual([[`block:${C}`, 'moved and changed paragraph “Residents stayed at home.”']]);
  });

  it('makes one byline item however many people changed, and one item per other field', () => {
    const proposed = snap(BASE.body, {
      byline: [
        { personId: null, name: 'Peng Qin', role: 'author' },
        { personId: null, name: 'Li Wei', role: 'photographer' },
      ],
      standfirst: 'Engineers say the walls worked.',
      dateline: { place: 'Chongqing', date: '2025-03-02' },
      language: 'en-GB',
    });
    const items = proposalItems(BASE, proposed);
    expect(items.map((item) => item.key)).toEqual(['field:standfirst', 'field:dateline', 'field:byline', 'field:language']);
    const byline = items.find((item) => item.key === 'field:byline')!;
    expect(byline.type === 'field' && byline.changes.map((c) => c.label)).toEqual(['Byline: removed Vivian Yan', 'Byline: added Peng Qin', 'Byline: added Li Wei']);
  });

  it("keeps a figure's caption and credit changes in the figure's own item", () => {
    const base = snap(doc(para(A, 'Intro.'), figure(F)));
    const proposed = snap(doc(para(A, 'Intro.'), figure(F, { caption: [{ text: 'Chongqing after the rain.', format: 0 }], credit: 'Li Wei' })));
    const items = proposalItems(base, proposed);
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item!.key).toBe(`block:${F}`);
    expect(item!.type === 'block' && item!.metadata.map((c) => c.field)).toEqual(['caption', 'credit']);
  });

  it('finds nothing to review between equal versions', () => {
    expect(proposalItems(BASE, structuredClone(BASE))).toEqual([]);
  });

  it('labels Chinese text by its first characters', () => {
    const zh = '重庆市政府周二宣布，新建的防洪堤在昨夜的洪水中经受住了考验，沿江居民无需撤离，学校照常上课。';
    const base = snap(doc(para(A, '长江水位上涨。')), { language: 'zh-Hans' });
    const proposed = snap(doc(para(A, zh)), { language: 'zh-Hans' });
    const [item] = proposalItems(base, proposed);
    expect(item!.label).toBe(`changed paragraph “${Array.from(zh).slice(0, 40).join('')}…”`);
    expect(firstWords('The council said on Tuesday that the new budget would fund schools')).toBe('The council said on Tuesday that the new…');
  });

  it('pairs the blocks of an old story without ids with the ids the editor gave them', () => {
    const legacy = snap(doc(para(null, 'The river rose overnight.'), para(null, 'Walls held along the bank.')));
    const proposed = snap(doc(para(A, 'The river rose overnight.'), para(B, 'Walls held firm along the bank.')));
    const items = proposalItems(legacy, proposed);
    expect(items.map((item) => [item.key, item.type === 'block' && item.change])).toEqual([[`block:${B}`, 'changed']]);
    // Applied to the story, still without ids, the paragraph is replaced where it stands.
    const merged = applyProposalItem(legacy, legacy, proposed, `block:${B}`);
    expect(blocks(merged)).toEqual([
      [null, 'The river rose overnight.'],
      [B, 'Walls held firm along the bank.'],
    ]);
    // The owner's editor gave the same blocks ids of its own meanwhile: the paragraph is still found, and keeps the owner's id.
    const owners = snap(doc(para(E, 'The river rose overnight.'), para(F, 'Walls held along the bank.'), para(G, 'Later paragraph.')));
    expect(blocks(applyProposalItem(owners, legacy, proposed, `block:${B}`))).toEqual([
      [E, 'The river rose overnight.'],
      [F, 'Walls held firm along the bank.'],
      [G, 'Later paragraph.'],
    ]);
  });
});

describe('applyProposalItem', () => {
  // The owner kept writing after the proposal started: a new first paragraph, an edit to C, D deleted.
  const CURRENT = snap(
    doc(para(E, 'Breaking: water levels fall.'), para(A, 'The river rose overnight.'), para(B, 'Walls held along the bank.'), para(C, 'Residents mostly stayed home.')),
    { headline: 'Flood defences hold, owner says' },
  );

  it('replaces a changed block where it now stands and leaves the rest of the current story alone', () => {
    const proposed = snap(doc(para(A, 'The river rose sharply overnight.'), para(B, 'Walls held along the bank.'), para(C, 'Residents stayed home.'), heading(D, 'What comes next')));
    const merged = applyProposalItem(CURRENT, BASE, proposed, `block:${A}`);
    expect(blocks(merged)).toEqual([
      [E, 'Breaking: water levels fall.'],
      [A, 'The river rose sharply overnight.'],
      [B, 'Walls held along the bank.'],
      [C, 'Residents mostly stayed home.'],
    ]);
    expect(merged.headline).toBe('Flood defences hold, owner says');
  });

  it('brings back a changed block the owner deleted meanwhile, where the proposal has it', () => {
    const proposed = snap(doc(para(A, 'The river rose overnight.'), para(B, 'Walls held along the bank.'), para(C, 'Residents stayed home.'), heading(D, 'What happens next')));
    const merged = applyProposalItem(CURRENT, BASE, proposed, `block:${D}`);
    expect(blocks(merged).map(([blockId]) => blockId)).toEqual([E, A, B, C, D]);
    expect(blocks(merged).at(-1)).toEqual([D, 'What happens next']);
  });

  it('inserts an added block after the nearest block before it that the story still has, else first', () => {
    const proposed = snap(doc(para(F, 'Overnight, in brief.'), para(A, 'The river rose overnight.'), para(B, 'Walls held along the bank.'), para(C, 'Residents stayed home.'), heading(D, 'What comes next'), heading(G, 'Schools')));
    // The heading added after D, which the owner deleted: it goes after C, the nearest that is still there.
    expect(blocks(applyProposalItem(CURRENT, BASE, proposed, `block:${G}`)).map(([blockId]) => blockId)).toEqual([E, A, B, C, G]);
    expect(blocks(applyProposalItem(CURRENT, BASE, proposed, `block:${F}`))[0]).toEqual([F, 'Overnight, in brief.']);
    // Added again when the story already has it (accepted twice over two proposals): replaced, not doubled.
    const twice = applyProposalItem(applyProposalItem(CURRENT, BASE, proposed, `block:${F}`), BASE, proposed, `block:${F}`);
    expect(blocks(twice).map(([blockId]) => blockId)).toEqual([F, E, A, B, C]);
  });

  it('removes a removed block if it is still there, and does nothing if it is gone', () => {
    const proposed = snap(doc(para(A, 'The river rose overnight.'), para(C, 'Residents stayed home.'), heading(D, 'What comes next')));
    expect(blocks(applyProposalItem(CURRENT, BASE, proposed, `block:${B}`)).map(([blockId]) => blockId)).toEqual([E, A, C]);
    const withoutD = snap(doc(para(A, 'The river rose overnight.'), para(B, 'Walls held along the bank.'), para(C, 'Residents stayed home.')));
    expect(blocks(applyProposalItem(CURRENT, BASE, withoutD, `block:${D}`))).toEqual(blocks(CURRENT));
  });

  it('moves a block after its predecessor in the proposal, keeping the current text unless it was changed too', () => {
    const moved = snap(doc(para(A, 'The river rose overnight.'), para(C, 'Residents stayed home.'), para(B, 'Walls held along the bank.'), heading(D, 'What comes next')));
    const [item] = proposalItems(BASE, moved);
    // The block diff calls the fewest blocks moved: of two swapped paragraphs, B. It goes after C and keeps the owner's text.
    expect(item!.key).toBe(`block:${B}`);
    expect(blocks(applyProposalItem(CURRENT, BASE, moved, `block:${B}`))).toEqual([
      [E, 'Breaking: water levels fall.'],
      [A, 'The river rose overnight.'],
      [C, 'Residents mostly stayed home.'],
      [B, 'Walls held along the bank.'],
    ]);
    // C moved to the top: it has no predecessor in the proposal, so it goes first, with the owner's wording.
    const toTop = snap(doc(para(C, 'Residents stayed home.'), para(A, 'The river rose overnight.'), para(B, 'Walls held along the bank.'), heading(D, 'What comes next')));
    expect(blocks(applyProposalItem(CURRENT, BASE, toTop, `block:${C}`))[0]).toEqual([C, 'Residents mostly stayed home.']);
    const movedAndChanged = snap(doc(para(C, 'Residents stayed indoors.'), para(A, 'The river rose overnight.'), para(B, 'Walls held along the bank.'), heading(D, 'What comes next')));
    expect(blocks(applyProposalItem(CURRENT, BASE, movedAndChanged, `block:${C}`))).toEqual([
      [C, 'Residents stayed indoors.'],
      [E, 'Breaking: water levels fall.'],
      [A, 'The river rose overnight.'],
      [B, 'Walls held along the bank.'],
    ]);
  });

  it('sets a header field to the proposed value', () => {
    const proposed = snap(BASE.body, { byline: [{ personId: null, name: 'Peng Qin', role: 'author' }], dateline: { place: 'Wanzhou', date: null } });
    const withByline = applyProposalItem(CURRENT, BASE, proposed, 'field:byline');
    expect(withByline.byline).toEqual([{ personId: null, name: 'Peng Qin', role: 'author' }]);
    expect(withByline.dateline).toEqual(CURRENT.dateline);
    expect(withByline.body).toEqual(CURRENT.body);
    expect(applyProposalItem(CURRENT, BASE, proposed, 'field:dateline').dateline).toEqual({ place: 'Wanzhou', date: null });
  });

  it('changes none of its inputs and shares no block with the proposal', () => {
    const proposed = snap(doc(para(A, 'The river rose sharply overnight.'), para(B, 'Walls held along the bank.'), para(C, 'Residents stayed home.'), heading(D, 'What comes next')));
    const inputs = JSON.stringify([CURRENT, BASE, proposed]);
    const merged = applyProposalItem(CURRENT, BASE, proposed, `block:${A}`);
    expect(JSON.stringify([CURRENT, BASE, proposed])).toBe(inputs);
    // Editing the result later leaves the proposal as it was sent.
    (merged.body.root.children[1]!.children![0] as { text: string }).text = 'edited later';
    expect(JSON.stringify([CURRENT, BASE, proposed])).toBe(inputs);
  });

  it('refuses a key that is not a change in the proposal', () => {
    expect(() => applyProposalItem(CURRENT, BASE, BASE, `block:${A}`)).toThrow(RangeError);
  });
});

describe('creditIntern', () => {
  const peng = { personId: '01J0000000000000000000PENG', name: 'Peng Qin' };

  it('adds the intern to the first contributor note', () => {
    const story = snap(doc(para(A, 'Text.'), note(B, [{ personId: null, name: 'Li Wei', role: 'photos' }]), note(C, [])));
    const { snapshot, credited } = creditIntern(story, peng);
    expect(credited).toBe(true);
    expect(snapshot.body.root.children[1]).toMatchObject({ contributors: [{ name: 'Li Wei', role: 'photos' }, { ...peng, role: 'intern' }] });
    expect(snapshot.body.root.children[2]).toEqual(story.body.root.children[2]);
    expect(blockText(snapshot.body.root.children[1]!)).toBe('(Peng Qin, as an intern, also contributed to this report. Photos by Li Wei.)');
    // The story passed in is left as it was.
    expect(story.body.root.children[1]).toMatchObject({ contributors: [{ name: 'Li Wei' }] });
  });

  it('does not credit someone twice, by directory id or by name in any case', () => {
    const byId = snap(doc(note(B, [{ personId: peng.personId, name: 'P. Qin', role: 'intern' }])));
    expect(creditIntern(byId, peng)).toEqual({ snapshot: byId, credited: false });
    const byName = snap(doc(para(A, 'x'), note(B, [{ personId: null, name: 'peng qin', role: 'intern' }])));
    expect(creditIntern(byName, { personId: null, name: 'Peng Qin' }).credited).toBe(false);
    // Credited for something else (a translation) is not credited as an intern.
    const translator = snap(doc(note(B, [{ personId: null, name: 'Peng Qin', role: 'translation' }])));
    expect(creditIntern(translator, peng).credited).toBe(true);
  });

  it('appends a contributor note, shaped as the editor saves one, to a story without one', () => {
    const story = snap(doc(para(A, '长江水位上涨。')), { language: 'zh-Hans' });
    const { snapshot, credited } = creditIntern(story, { personId: null, name: '秦鹏' });
    expect(credited).toBe(true);
    const added = snapshot.body.root.children.at(-1)!;
    expect(added).toEqual({ type: 'contributor-note', version: 1, contributors: [{ personId: null, name: '秦鹏', role: 'intern' }], $: { blockId: expect.stringMatching(/^b[0-9a-hjkmnp-tv-z]{16}$/) } });
    expect(blockIdOf(added)).not.toBe(A);
    expect(SerializedDocumentSchema.safeParse(snapshot.body).success).toBe(true);
    expect(story.body.root.children).toHaveLength(1);
  });
});

describe('withBlockIds', () => {
  it('gives blocks without an id a fresh one and keeps the others', () => {
    const body = doc(para(A, 'One.'), para(null, 'Two.'), para(null, 'Three.'));
    const ids = withBlockIds(body).root.children.map(blockIdOf);
    expect(ids[0]).toBe(A);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((blockId) => blockId !== null && /^b[0-9a-hjkmnp-tv-z]{16}$/.test(blockId))).toBe(true);
    const complete = doc(para(A, 'One.'));
    expect(withBlockIds(complete)).toBe(complete);
  });
});
