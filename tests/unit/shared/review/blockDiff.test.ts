import { describe, expect, it } from 'vitest';
import { BlockId } from '../../../../shared/model/anatomy.ts';
import { SerializedDocumentSchema, type SerializedNode } from '../../../../shared/model/document.ts';
import { blockTypeLabel } from '../../../../shared/review/blockContent.ts';
import { diffBlocks, type BlockDiffEntry } from '../../../../shared/review/blockDiff.ts';
import { sideText } from '../../../../shared/review/wordDiff.ts';
import { doc, figure, heading, id, note, para, sector } from './docs.ts';

function kinds(entries: readonly BlockDiffEntry[]): string[] {
  return entries.map((entry) => `${entry.kind}:${entry.blockId ?? '-'}`);
}

function changesOf(entries: readonly BlockDiffEntry[]): BlockDiffEntry[] {
  return entries.filter((entry) => entry.kind !== 'unchanged');
}

describe('diffBlocks', () => {
  const [p1, p2, p3, p4, p5] = [id(), id(), id(), id(), id()];

  it('uses well-formed block ids in its documents', () => {
    expect(BlockId.safeParse(p1).success).toBe(true);
    expect(SerializedDocumentSchema.safeParse(doc(para(p1, 'One'), sector(p2, 'data'), figure(p3))).success).toBe(true);
  });

  it('finds nothing to show between a story and itself', () => {
    const story = doc(heading(p1, 'Pilot zone'), para(p2, 'Chongqing opens its service sector.'), sector(p3, 'data'), figure(p4), note(p5, []));
    const entries = diffBlocks(story, structuredClone(story));
    expect(entries.map((e) => e.kind)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(entries.map((e) => e.blockId)).toEqual([p1, p2, p3, p4, p5]);
  });

  it('ignores what Lexical writes but a reader cannot see (direction, textFormat, version)', () => {
    const before = doc(para(p1, 'Same words.'));
    const after = doc({ ...para(p1, 'Same words.'), direction: null, textFormat: 1, version: 2 });
    expect(kinds(diffBlocks(before, after))).toEqual([`unchanged:${p1}`]);
  });

  it('reports added, removed and changed blocks by id, removed ones where they stood', () => {
    const before = doc(para(p1, 'First.'), para(p2, 'Second, to be cut.'), para(p3, 'Third sentence here.'));
    const after = doc(para(p1, 'First.'), para(p3, 'Third sentence there.'), para(p4, 'A new fourth.'));
    const entries = diffBlocks(before, after);
    expect(kinds(entries)).toEqual([`unchanged:${p1}`, `removed:${p2}`, `changed:${p3}`, `added:${p4}`]);
    const changed = entries[2]!;
    expect(changed.words).toEqual([
      { op: 'equal', text: 'Third sentence ' },
      { op: 'delete', text: 'here' },
      { op: 'insert', text: 'there' },
      { op: 'equal', text: '.' },
    ]);
    expect(entries[1]!.before).toBeDefined();
    expect(entries[1]!.after).toBeUndefined();
    expect(entries[3]!.afterIndex).toBe(2);
  });

  it('keeps a rewritten paragraph the same block: changed, not removed + added', () => {
    const before = doc(para(p1, 'The committee met on Tuesday.'));
    const after = doc(para(p1, 'Nobody from the committee turned up.'));
    const entries = diffBlocks(before, after);
    expect(kinds(entries)).toEqual([`changed:${p1}`]);
    expect(sideText(entries[0]!.words!, 'before')).toBe('The committee met on Tuesday.');
    expect(sideText(entries[0]!.words!, 'after')).toBe('Nobody from the committee turned up.');
  });

  it('detects a moved block and a block moved and changed', () => {
    const before = doc(para(p1, 'Alpha.'), para(p2, 'Bravo.'), para(p3, 'Charlie.'), para(p4, 'Delta.'), para(p5, 'Echo.'));
    const after = doc(para(p5, 'Echo, rewritten.'), para(p2, 'Bravo.'), para(p3, 'Charlie.'), para(p1, 'Alpha.'), para(p4, 'Delta.'));
    const entries = diffBlocks(before, after);
    expect(kinds(entries)).toEqual([`moved+changed:${p5}`, `unchanged:${p2}`, `unchanged:${p3}`, `moved:${p1}`, `unchanged:${p4}`]);
    const movedChanged = entries[0]!;
    expect(movedChanged.beforeIndex).toBe(4);
    expect(movedChanged.afterIndex).toBe(0);
    expect(movedChanged.words).toEqual([
      { op: 'equal', text: 'Echo' },
      { op: 'insert', text: ', rewritten' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('counts only the smaller of two swapped sections as moved', () => {
    const health = [sector(id(), 'health-care'), para(id(), 'Clinics.'), para(id(), 'Insurance.'), para(id(), 'Hospitals.')];
    const legal = [sector(id(), 'legal-protection'), para(id(), 'Law firms.')];
    const entries = diffBlocks(doc(...health, ...legal), doc(...legal, ...health));
    const moved = entries.filter((e) => e.kind === 'moved');
    expect(moved.map((e) => e.blockId)).toEqual(legal.map((b) => (b.$ as { blockId: string }).blockId));
    expect(entries.filter((e) => e.kind === 'unchanged')).toHaveLength(4);
    expect(entries.map((e) => e.afterIndex)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lists a removed block before a block added in its place', () => {
    const entries = diffBlocks(doc(para(p1, 'Keep.'), para(p2, 'Old.'), para(p3, 'Keep too.')), doc(para(p1, 'Keep.'), para(p4, 'New.'), para(p3, 'Keep too.')));
    expect(kinds(entries)).toEqual([`unchanged:${p1}`, `removed:${p2}`, `added:${p4}`, `unchanged:${p3}`]);
  });

  it('sees a paragraph turned into a heading (same id) as changed, with the type change spelled out', () => {
    const entries = diffBlocks(doc(para(p1, 'Services')), doc(heading(p1, 'Services', 'h3')));
    expect(entries[0]!.kind).toBe('changed');
    expect(entries[0]!.details).toEqual(['Paragraph → Heading 3']);
    expect(entries[0]!.words).toBeUndefined();
  });

  it('sees bold added to a word as a formatting change', () => {
    const entries = diffBlocks(doc(para(p1, 'A bold move.')), doc(para(p1, [['A ', 0], ['bold', 1], [' move.', 0]])));
    expect(entries[0]!.kind).toBe('changed');
    expect(entries[0]!.details).toEqual(['Formatting']);
  });

  describe('custom blocks', () => {
    it('a sector heading whose sector changed is changed, with both labels', () => {
      const entries = diffBlocks(doc(sector(p1, 'health-care')), doc(sector(p1, 'education')));
      expect(kinds(entries)).toEqual([`changed:${p1}`]);
      expect(entries[0]!.details).toEqual(['Sector: Health Care → Education']);
    });

    it('a figure whose caption, credit or photo changed is changed, with a word diff of the caption', () => {
      const before = doc(figure(p1), figure(p2), figure(p3));
      const after = doc(
        figure(p1, { caption: [{ text: 'Chongqing by day.', format: 0 }] }),
        figure(p2, { credit: 'Xinhua', alt: 'Skyline' }),
        figure(p3, { sha: 'b'.repeat(64) }),
      );
      const entries = diffBlocks(before, after);
      expect(entries.map((e) => e.kind)).toEqual(['changed', 'changed', 'changed']);
      expect(entries[0]!.details).toEqual(['Caption']);
      expect(entries[0]!.words).toEqual([
        { op: 'equal', text: 'Chongqing ' },
        { op: 'delete', text: 'at night' },
        { op: 'insert', text: 'by day' },
        { op: 'equal', text: '.' },
      ]);
      expect(entries[1]!.details).toEqual(['Credit: “iChongqing” → “Xinhua”', 'Alt text: “City skyline at night” → “Skyline”']);
      expect(entries[2]!.details).toEqual(['Photo replaced']);
    });

    it('a figure whose caption only got italics is changed (caption formatting)', () => {
      const entries = diffBlocks(doc(figure(p1)), doc(figure(p1, { caption: [{ text: 'Chongqing at night.', format: 2 }] })));
      expect(entries[0]!.kind).toBe('changed');
      expect(entries[0]!.details).toEqual(['Caption formatting']);
    });

    it('a contributor note with a person added or re-roled is changed, naming them', () => {
      const qin = { personId: null, name: 'Peng Qin', role: 'intern' as const };
      const li = { personId: null, name: 'Li Wei', role: 'photos' as const };
      const entries = diffBlocks(doc(note(p1, [qin])), doc(note(p1, [{ ...qin, role: 'additional_reporting' }, li])));
      expect(entries[0]!.kind).toBe('changed');
      expect(entries[0]!.details).toEqual(['Peng Qin: Intern → Additional reporting', 'Added Li Wei (Photos)']);
      expect(sideText(entries[0]!.words!, 'after')).toBe('(Peng Qin contributed additional reporting. Photos by Li Wei.)');
    });
  });

  describe('blocks without ids', () => {
    it('are matched by position and type: identical ones unchanged, an edited one changed', () => {
      const before = doc(para(null, 'One.'), para(null, 'Two.'), para(null, 'Three.'));
      const after = doc(para(null, 'One.'), para(null, 'Two, edited.'), para(null, 'Three.'));
      expect(diffBlocks(before, after).map((e) => e.kind)).toEqual(['unchanged', 'changed', 'unchanged']);
    });

    it('a block inserted among them is added, not a cascade of changes', () => {
      const before = doc(para(null, 'One.'), para(null, 'Two.'));
      const after = doc(para(null, 'One.'), para(null, 'New.'), para(null, 'Two.'));
      expect(diffBlocks(before, after).map((e) => e.kind)).toEqual(['unchanged', 'added', 'unchanged']);
    });
  });

  it('aligns a long story quickly and exactly', () => {
    const blocks = Array.from({ length: 2000 }, (_, n) => para(id(), `Paragraph number ${n}.`));
    const edited = blocks.slice();
    edited.splice(1500, 1);
    edited.splice(10, 0, para(id(), 'Inserted.'));
    edited.push(edited.splice(500, 1)[0]!);
    const entries = diffBlocks(doc(...blocks), doc(...edited));
    expect(changesOf(entries).map((e) => e.kind)).toEqual(['added', 'removed', 'moved']);
  });
});

describe('block type labels', () => {
  it('names every story block type in words, a sync conflict block included', () => {
    const labels = [
      { type: 'paragraph', version: 1 },
      { type: 'heading', tag: 'h3', version: 1 },
      { type: 'list', listType: 'number', version: 1 },
      { type: 'contributor-note', version: 1 },
      { type: 'merge-conflict', version: 1 },
    ].map((block) => blockTypeLabel(block as unknown as SerializedNode));
    expect(labels).toEqual(['Paragraph', 'Heading 3', 'Numbered list', 'Contributor note', 'Conflict']);
  });
});
