import { describe, expect, it } from 'vitest';
import type { StorySnapshot } from '../../../../shared/review/metadataDiff.ts';
import { compareStories } from '../../../../shared/review/compare.ts';
import { proposalItems } from '../../../../shared/review/proposal.ts';
import { itemForBlock, itemForDetail, unshownItems } from '../../../../renderer/review/proposalReviewItems.ts';
import { doc, figure, id, para } from '../../shared/review/docs.ts';

/*
 * Each row of the compare view gets the proposal item the backend decides
 * by: the real compare result and the real items, matched.
 */

function snapshot(overrides: Partial<StorySnapshot>): StorySnapshot {
  return {
    headline: 'Night ferries for the harbour',
    standfirst: '',
    dateline: { place: 'Hong Kong', date: '2025-05-01' },
    byline: [{ personId: null, name: 'Vivian Yan', role: 'author' }],
    language: 'en',
    body: doc(),
    ...overrides,
  };
}

const [ONE, TWO, THREE, FIG, NEW] = [id(), id(), id(), id(), id()];

const base = snapshot({
  body: doc(para(ONE, 'Ferries will run all night.'), para(TWO, 'Demand has doubled.'), para(THREE, 'Fares stay the same.'), figure(FIG)),
});
const proposed = snapshot({
  headline: 'Night ferries for the whole harbour',
  byline: [
    { personId: null, name: 'Vivian Yan', role: 'author' },
    { personId: null, name: 'Peng Qin', role: 'author' },
    { personId: null, name: 'Li Wei', role: 'author' },
  ],
  body: doc(
    para(ONE, 'Ferries will run all night.'),
    para(TWO, 'Demand has doubled since March.'),
    para(NEW, 'Children ride free.'),
    figure(FIG, { caption: [{ text: 'The Star Ferry at night.', format: 0 }] }),
  ),
});

describe('proposal items on compare rows', () => {
  const items = proposalItems(base, proposed);
  const comparison = compareStories(base, proposed);

  it('puts each changed block’s item on its row, and none on unchanged rows', () => {
    const keys = comparison.blocks.map((entry) => itemForBlock(items, entry)?.key ?? null);
    const byId = new Map(comparison.blocks.map((entry, i) => [entry.blockId, keys[i]]));
    expect(byId.get(ONE)).toBeNull();
    expect(byId.get(TWO)).toBe(`block:${TWO}`);
    expect(byId.get(THREE)).toBe(`block:${THREE}`);
    expect(byId.get(NEW)).toBe(`block:${NEW}`);
    expect(byId.get(FIG)).toBe(`block:${FIG}`);
  });

  it('puts a header field on its first details row only, and a figure’s caption on the figure’s own row', () => {
    const rows = comparison.metadata.map((change) => [change.label, itemForDetail(items, change)?.key ?? null]);
    expect(rows).toEqual([
      ['Headline', 'field:headline'],
      ['Byline: added Peng Qin', 'field:byline'],
      ['Byline: added Li Wei', null],
      ['Caption of figure 1', null],
    ]);
  });

  it('leaves no item without a row', () => {
    expect(unshownItems(items, comparison)).toEqual([]);
  });

  it('matches a legacy paragraph without an id by its position', () => {
    const legacyBase = snapshot({ body: doc(para(null, 'Ferries will run all night.'), para(null, 'Demand has doubled.')) });
    const edited = snapshot({ body: doc(para(ONE, 'Ferries will run all night.'), para(TWO, 'Demand has doubled since March.')) });
    const legacyItems = proposalItems(legacyBase, edited);
    const legacyComparison = compareStories(legacyBase, edited);
    const shown = legacyComparison.blocks.map((entry) => itemForBlock(legacyItems, entry)?.key).filter(Boolean);
    expect(legacyItems.map((item) => item.key)).toEqual([`block:${TWO}`]);
    expect(shown).toEqual([`block:${TWO}`]);
    expect(unshownItems(legacyItems, legacyComparison)).toEqual([]);
  });
});
