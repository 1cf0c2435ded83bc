import {
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  type LexicalEditor,
  type LexicalNode,
  type PointType,
} from 'lexical';
import { MAX_QUOTE, textLeaves, type AnchorBlock, type TextLeaf } from '../../../shared/review/anchor.ts';
import { $getBlockId } from '../nodes/blockId.ts';

/**
 * The bridge between comment anchors (block id + offsets into the block's
 * plain text, shared/review/anchor.ts) and the live editor: the selection as
 * an anchor, and an anchor as DOM ranges for the highlight. Offsets come from
 * the same `textLeaves` the backend uses over the saved document, run here
 * over a mirror of the live nodes, so both sides count alike.
 */

interface Mirror {
  type: string;
  text?: string;
  key: string;
  children?: Mirror[];
}

const TEXT_BLOCKS: ReadonlySet<string> = new Set(['paragraph', 'heading', 'quote', 'list']);

function $mirror(node: LexicalNode): Mirror {
  if ($isTextNode(node)) return { type: node.getType(), text: node.getTextContent(), key: node.getKey() };
  if ($isElementNode(node)) return { type: node.getType(), key: node.getKey(), children: node.getChildren().map($mirror) };
  return { type: node.getType(), key: node.getKey() };
}

function $blockLeaves(block: LexicalNode): { text: string; leaves: TextLeaf<Mirror>[] } {
  return textLeaves($mirror(block));
}

/** The text blocks of the live document, in order (what `anchorBlocks` reads from a saved one). */
export function $liveBlocks(): AnchorBlock[] {
  const blocks: AnchorBlock[] = [];
  for (const block of $getRoot().getChildren()) {
    if (!TEXT_BLOCKS.has(block.getType())) continue;
    const id = $getBlockId(block);
    if (!id) continue;
    blocks.push({ id, text: $blockLeaves(block).text });
  }
  return blocks;
}

export interface SelectionAnchor {
  blockId: string;
  start: number;
  end: number;
  quote: string;
}

export type SelectionResult = { ok: true; anchor: SelectionAnchor } | { ok: false; reason: string };

/** The current selection as a comment anchor, or why it cannot be one. */
export function $selectionAnchor(): SelectionResult {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || selection.isCollapsed()) return { ok: false, reason: 'Select some text in the story to comment on.' };
  const [first, last] = selection.isBackward() ? [selection.focus, selection.anchor] : [selection.anchor, selection.focus];
  const block = first.getNode().getTopLevelElement();
  const lastBlock = last.getNode().getTopLevelElement();
  if (!block || !TEXT_BLOCKS.has(block.getType())) return { ok: false, reason: 'Comments go on text: select words in a paragraph, heading, quote or list.' };
  const blockId = $getBlockId(block);
  if (!blockId) return { ok: false, reason: 'Select some text in the story to comment on.' };
  const { text, leaves } = $blockLeaves(block);
  const start = pointOffset(first, leaves, text.length);
  // A selection running into the next block is cut at the end of the first one.
  const end = lastBlock && lastBlock.is(block) ? pointOffset(last, leaves, text.length) : text.length;
  // Leading and trailing spaces are not part of what is commented on.
  let s = Math.min(start, end);
  let e = Math.max(start, end);
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e <= s) return { ok: false, reason: 'Select some text in the story to comment on.' };
  if (e - s > MAX_QUOTE) return { ok: false, reason: `Select at most ${MAX_QUOTE.toLocaleString('en')} characters to comment on.` };
  return { ok: true, anchor: { blockId, start: s, end: e, quote: text.slice(s, e) } };
}

/** A selection point as an offset into its block's plain text. */
function pointOffset(point: PointType, leaves: readonly TextLeaf<Mirror>[], length: number): number {
  if (point.type === 'text') {
    const leaf = leaves.find((l) => l.node.key === point.key);
    return leaf ? leaf.start + point.offset : 0;
  }
  // An element point: before its `offset`-th child, i.e. at the first leaf inside that child or after.
  const node = $getNodeByKey(point.key);
  if (!$isElementNode(node)) return 0;
  const child = node.getChildAtIndex(point.offset);
  if (child === null) {
    const lastLeaf = [...leaves].reverse().find((l) => isInside(l.node.key, node.getKey()));
    return lastLeaf ? lastLeaf.end : length;
  }
  const firstLeaf = leaves.find((l) => l.node.key === child.getKey() || isInside(l.node.key, child.getKey()));
  return firstLeaf ? firstLeaf.start : length;
}

function isInside(key: string, ancestorKey: string): boolean {
  const node = $getNodeByKey(key);
  return node !== null && node.getParents().some((p) => p.getKey() === ancestorKey);
}

/** DOM ranges covering [start, end) of block `blockId` as the editor shows it now (one per text node touched). */
export function anchorRanges(editor: LexicalEditor, blockId: string, start: number, end: number): Range[] {
  return editor.getEditorState().read(() => {
    const block = $getRoot()
      .getChildren()
      .find((b) => $getBlockId(b) === blockId);
    if (!block) return [];
    const ranges: Range[] = [];
    for (const leaf of $blockLeaves(block).leaves) {
      if (leaf.node.text === undefined || leaf.end <= start || leaf.start >= end) continue;
      const dom = textNodeOf(editor.getElementByKey(leaf.node.key));
      if (!dom) continue;
      const range = document.createRange();
      range.setStart(dom, Math.max(0, start - leaf.start));
      range.setEnd(dom, Math.min(dom.length, end - leaf.start));
      ranges.push(range);
    }
    return ranges;
  });
}

/** The DOM text node inside a Lexical text node's element (formats nest it in <strong>, <em> …). */
function textNodeOf(element: HTMLElement | null): Text | null {
  if (!element) return null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
}
