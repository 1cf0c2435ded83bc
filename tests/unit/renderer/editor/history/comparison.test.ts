import { describe, expect, it } from 'vitest';
import type { RevisionSummary } from '../../../../../shared/api/methods/revisions.ts';
import { comparisonOf, revisionLabel, revisionTime, selectedIn, toggleSelected } from '../../../../../renderer/editor/history/comparison.ts';

const id = (n: number) => n.toString(16).padStart(64, '0');

function revision(n: number, overrides: Partial<RevisionSummary> = {}): RevisionSummary {
  return {
    id: id(n),
    storyId: '01JBCDEFGHJKMNPQRSTVWXYZ00',
    parents: [],
    authorId: null,
    authorName: 'Vivian Yan',
    createdAt: `2025-03-01T09:0${n}:00.000Z`,
    kind: 'save',
    message: '',
    sizeRaw: 100,
    sizeStored: 60,
    ...overrides,
  };
}

/** Newest first, as `revisions.list` answers. */
const list = [revision(3, { kind: 'transition', authorName: 'Mei Chen' }), revision(2), revision(1, { kind: 'import', authorName: '' })];

describe('selecting checkpoints to compare', () => {
  it('ticks and unticks, and never holds more than two', () => {
    let selected = toggleSelected([], id(1));
    selected = toggleSelected(selected, id(3));
    expect(selected).toEqual([id(1), id(3)]);
    expect(toggleSelected(selected, id(2))).toEqual([id(1), id(3)]);
    expect(toggleSelected(selected, id(1))).toEqual([id(3)]);
  });

  it('forgets checkpoints no longer in the list', () => {
    expect(selectedIn(list, [id(9), id(2)])).toEqual([id(2)]);
  });
});

describe('the comparison of two selected checkpoints', () => {
  it('puts the older on the left whichever was ticked first', () => {
    for (const ticked of [
      [id(1), id(3)],
      [id(3), id(1)],
    ]) {
      const pair = comparisonOf(list, ticked)!;
      expect(pair.before).toEqual({ revisionId: id(1), label: `Imported · Unknown author · ${revisionTime(list[2]!.createdAt)}` });
      expect(pair.after).toEqual({ revisionId: id(3), label: `Status change · Mei Chen · ${revisionTime(list[0]!.createdAt)}` });
    }
  });

  it("goes by the list's order when two checkpoints share a time", () => {
    const same = [revision(5, { createdAt: '2025-03-01T09:00:00.000Z' }), revision(4, { createdAt: '2025-03-01T09:00:00.000Z' })];
    const pair = comparisonOf(same, [id(5), id(4)])!;
    expect(pair.before).toMatchObject({ revisionId: id(4) });
    expect(pair.after).toMatchObject({ revisionId: id(5) });
  });

  it('names two checkpoints of the same kind, author and minute to the second', () => {
    const quick = [revision(7, { createdAt: '2025-03-01T09:00:41.000Z' }), revision(6, { createdAt: '2025-03-01T09:00:12.000Z' })];
    const pair = comparisonOf(quick, [id(6), id(7)])!;
    if (pair.before === 'current' || pair.after === 'current') throw new Error('two checkpoints expected');
    expect(pair.before.label).not.toBe(pair.after.label);
    expect(pair.before.label).toBe(revisionLabel(quick[1]!, true));
    expect(pair.before.label).not.toBe(revisionLabel(quick[1]!));
    // Told apart by the minute already: no seconds.
    expect((comparisonOf(list, [id(1), id(2)])!.before as { label: string }).label).toBe(revisionLabel(list[2]!));
  });

  it('is nothing until exactly two listed checkpoints are selected', () => {
    expect(comparisonOf(list, [])).toBeNull();
    expect(comparisonOf(list, [id(2)])).toBeNull();
    expect(comparisonOf(list, [id(2), id(9)])).toBeNull();
  });

  it('names a checkpoint by kind, author and time', () => {
    expect(revisionLabel(list[1]!)).toBe(`Saved · Vivian Yan · ${revisionTime('2025-03-01T09:02:00.000Z')}`);
  });
});
