import { describe, expect, it } from 'vitest';
import { anchorBlocks, makeAnchor, reanchor, textLeaves, type Anchor } from '../../../../shared/review/anchor.ts';
import type { SerializedNode } from '../../../../shared/model/document.ts';
import { doc, id, para, sector } from './docs.ts';

const A = id('a');
const B = id('b');
const C = id('c');

/** An anchor on the first occurrence of `quote` in `text`. */
function anchorOn(blockId: string, text: string, quote: string): Anchor {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" not in "${text}"`);
  return makeAnchor(blockId, text, start, start + quote.length);
}

/** The text the re-anchored comment now covers, or 'orphaned'. */
function covered(anchor: Anchor, ...blocks: SerializedNode[]): string {
  const result = reanchor(anchor, doc(...blocks));
  if (result.orphaned) return 'orphaned';
  const block = anchorBlocks(doc(...blocks)).find((b) => b.id === result.anchor.blockId)!;
  expect(block.text.slice(result.anchor.start, result.anchor.end)).toBe(result.anchor.quote);
  return `${result.anchor.blockId}:${result.anchor.quote}`;
}

const ORIGINAL = 'The council voted on Tuesday to close the old bridge for repairs.';

describe('re-anchoring a comment after edits', () => {
  const anchor = anchorOn(A, ORIGINAL, 'close the old bridge');

  it('keeps an untouched quote where it was', () => {
    const result = reanchor(anchor, doc(para(A, ORIGINAL)));
    expect(result).toMatchObject({ orphaned: false, how: 'same', anchor: { start: anchor.start, end: anchor.end } });
  });

  it('follows the quote when text is typed before it', () => {
    const edited = 'After a long debate, the city council voted on Tuesday to close the old bridge for repairs.';
    const result = reanchor(anchor, doc(para(A, edited)));
    expect(result.orphaned).toBe(false);
    if (result.orphaned) return;
    expect(result.anchor.start).toBe(edited.indexOf('close the old bridge'));
    expect(covered(anchor, para(A, edited))).toBe(`${A}:close the old bridge`);
  });

  it('stays put when text is typed after it', () => {
    const edited = 'The council voted on Tuesday to close the old bridge for repairs, starting in May, despite protests.';
    expect(covered(anchor, para(A, edited))).toBe(`${A}:close the old bridge`);
  });

  it('stays on the quote when the sentence is rewritten around it', () => {
    const edited = 'On Tuesday, councillors agreed to close the old bridge, which needs urgent repairs.';
    expect(covered(anchor, para(A, edited))).toBe(`${A}:close the old bridge`);
  });

  it('follows a small change inside the quote to the changed text', () => {
    const edited = 'The council voted on Tuesday to close the historic bridge for repairs.';
    expect(covered(anchor, para(A, edited))).toBe(`${A}:close the historic bridge`);
  });

  it('picks the occurrence whose surroundings match when the quote appears twice', () => {
    const text = 'We will close the old bridge soon. The council voted on Tuesday to close the old bridge for repairs.';
    const result = reanchor(anchor, doc(para(A, text)));
    expect(result.orphaned).toBe(false);
    if (!result.orphaned) expect(result.anchor.start).toBe(text.lastIndexOf('close the old bridge'));
  });

  it('finds the quote when its paragraph moved elsewhere in the story', () => {
    const moved = [para(B, 'A new first paragraph.'), sector(C, 'health-care'), para(A, ORIGINAL)];
    expect(covered(anchor, ...moved)).toBe(`${A}:close the old bridge`);
  });

  it('finds the quote in the second half when its paragraph was split in two', () => {
    const split = [para(A, 'The council voted on Tuesday.'), para(B, 'It agreed to close the old bridge for repairs.')];
    expect(covered(anchor, ...split)).toBe(`${B}:close the old bridge`);
  });

  it('finds the quote when its block was deleted and the sentence pasted into another', () => {
    expect(covered(anchor, para(B, 'Elsewhere: the mayor wants to close the old bridge for repairs.'))).toBe(`${B}:close the old bridge`);
  });

  it('is orphaned when the quoted text is deleted', () => {
    expect(covered(anchor, para(A, 'The council voted on Tuesday for repairs.'))).toBe('orphaned');
  });

  it('is orphaned when the whole paragraph is gone', () => {
    expect(covered(anchor, para(B, 'Something else entirely, about the weather.'))).toBe('orphaned');
  });

  it('re-anchors Chinese text character by character', () => {
    const text = '重庆市政府周二宣布，将在西部地区试点服务业扩大开放。';
    const zh = anchorOn(A, text, '服务业扩大开放');
    const before = '据新华社报道，' + text;
    expect(covered(zh, para(A, before))).toBe(`${A}:服务业扩大开放`);
    const inside = '重庆市政府周二宣布，将在西部地区试点服务业全面开放。';
    expect(covered(zh, para(A, inside))).toBe(`${A}:服务业全面开放`);
    expect(covered(zh, para(A, '重庆市政府周二宣布。'))).toBe('orphaned');
  });
});

describe('block text for anchors', () => {
  it('reads text runs, line breaks and list items the way the editor shows them', () => {
    const list: SerializedNode = {
      type: 'list',
      version: 1,
      listType: 'bullet',
      $: { blockId: C },
      children: [
        { type: 'listitem', version: 1, children: [{ type: 'text', version: 1, text: 'one' }] },
        { type: 'listitem', version: 1, children: [{ type: 'text', version: 1, text: 'two ' }, { type: 'text', version: 1, text: 'bold', format: 1 }] },
      ],
    };
    const broken: SerializedNode = {
      type: 'paragraph',
      version: 1,
      $: { blockId: A },
      children: [{ type: 'text', version: 1, text: 'line' }, { type: 'linebreak', version: 1 }, { type: 'text', version: 1, text: 'next' }],
    };
    expect(textLeaves(list).text).toBe('one\ntwo bold');
    expect(textLeaves(broken).text).toBe('line\nnext');
    expect(anchorBlocks(doc(broken, sector(B, 'health-care'), list)).map((b) => b.id)).toEqual([A, C]);
  });
});
