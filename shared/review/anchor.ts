import type { SerializedDocument } from '../model/document.ts';
import { blockIdOf } from './blockContent.ts';

/**
 * Comment anchors (DESIGN.md §6): a comment points at a block id, the quoted
 * text and its offsets in the block's plain text, with a little context on
 * either side. After edits, {@link reanchor} finds the quote again — at the
 * same place, elsewhere in the block, changed a little (fuzzy match), or in
 * another block (the paragraph was split or moved) — and reports it orphaned
 * only when it is really gone.
 */

/** How much text on each side of the quote an anchor remembers. */
export const ANCHOR_CONTEXT = 32;
/** The longest quote a comment can anchor to. */
export const MAX_QUOTE = 2000;

export interface Anchor {
  blockId: string;
  /** The text commented on, as it was when the anchor was last placed. */
  quote: string;
  /** Offsets into the block's plain text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** Up to {@link ANCHOR_CONTEXT} characters before and after the quote. */
  prefix: string;
  suffix: string;
}

export type Reanchored = { orphaned: false; anchor: Anchor; how: 'same' | 'moved' | 'fuzzy' | 'other-block' } | { orphaned: true };

/** A top-level block as comments see it: its id and its plain text. */
export interface AnchorBlock {
  id: string;
  text: string;
}

/** The least a tree node needs for its text to be read: Lexical's serialized nodes and a mirror of live nodes both fit. */
export interface TextTreeNode {
  type: string;
  text?: unknown;
  children?: readonly TextTreeNode[];
}

/** One leaf of a block and where its text sits in the block's plain text. */
export interface TextLeaf<N extends TextTreeNode = TextTreeNode> {
  node: N;
  start: number;
  end: number;
}

const BLOCK_CHILDREN: ReadonlySet<string> = new Set(['listitem', 'list', 'paragraph', 'heading', 'quote']);

/**
 * The block's plain text as the editor shows it — text runs as they are, a
 * line break as "\n", list items one per line — and the leaf each run comes
 * from. The editor computes offsets with this same function over its live
 * nodes, so a selection's offsets and the stored document's agree.
 */
export function textLeaves<N extends TextTreeNode>(block: N): { text: string; leaves: TextLeaf<N>[] } {
  const leaves: TextLeaf<N>[] = [];
  let text = '';
  const visit = (node: N): void => {
    if (typeof node.text === 'string') {
      leaves.push({ node, start: text.length, end: text.length + node.text.length });
      text += node.text;
      return;
    }
    if (node.type === 'linebreak') {
      leaves.push({ node, start: text.length, end: text.length + 1 });
      text += '\n';
      return;
    }
    const children = (node.children ?? []) as readonly N[];
    let previousWasBlock = false;
    children.forEach((child, index) => {
      const isBlock = BLOCK_CHILDREN.has(child.type);
      if (index > 0 && (isBlock || previousWasBlock) && !text.endsWith('\n')) text += '\n';
      visit(child);
      previousWasBlock = isBlock;
    });
  };
  visit(block);
  return { text, leaves };
}

/** Block types whose text a comment can point at (figures, sector headings and notes are edited in forms, not as text). */
const TEXT_BLOCKS: ReadonlySet<string> = new Set(['paragraph', 'heading', 'quote', 'list']);

/** Every text block of the document with its id and plain text, in document order. */
export function anchorBlocks(doc: SerializedDocument): AnchorBlock[] {
  const blocks: AnchorBlock[] = [];
  for (const block of doc.root.children) {
    const id = blockIdOf(block);
    if (id === null || !TEXT_BLOCKS.has(block.type)) continue;
    blocks.push({ id, text: textLeaves(block).text });
  }
  return blocks;
}

/** An anchor for `text.slice(start, end)` of block `blockId`, with its context. */
export function makeAnchor(blockId: string, text: string, start: number, end: number): Anchor {
  return {
    blockId,
    quote: text.slice(start, end),
    start,
    end,
    prefix: text.slice(Math.max(0, start - ANCHOR_CONTEXT), start),
    suffix: text.slice(end, end + ANCHOR_CONTEXT),
  };
}

/** Where the anchor's quote is in `doc` now, or `{ orphaned: true }` when the text is gone. */
export function reanchor(anchor: Anchor, doc: SerializedDocument): Reanchored {
  return reanchorInBlocks(anchor, anchorBlocks(doc));
}

/**
 * The search, in order of confidence:
 * 1. the quote still at its offsets in its block;
 * 2. the exact quote elsewhere in its block (best context, then nearest the old offset);
 * 3. the exact quote in another block whose surroundings match the old
 *    context (the paragraph was split or the sentence moved) — before a fuzzy
 *    match in the old block, which could otherwise latch onto look-alike text;
 * 4. a fuzzy match in its block (the quote itself was edited a little);
 * 5. the exact quote anywhere, then a fuzzy match anywhere;
 * otherwise orphaned.
 */
export function reanchorInBlocks(anchor: Anchor, blocks: readonly AnchorBlock[]): Reanchored {
  const { quote } = anchor;
  if (quote.length === 0) return { orphaned: true };
  const home = blocks.find((b) => b.id === anchor.blockId);
  const found = (block: AnchorBlock, start: number, end: number, how: 'same' | 'moved' | 'fuzzy' | 'other-block'): Reanchored => ({
    orphaned: false,
    how,
    anchor: makeAnchor(block.id, block.text, start, end),
  });

  if (home) {
    if (home.text.slice(anchor.start, anchor.end) === quote) return found(home, anchor.start, anchor.end, 'same');
    const best = bestExact(anchor, home.text);
    if (best !== null) return found(home, best.start, best.start + quote.length, 'moved');
  }

  const others = blocks.filter((b) => b !== home);
  const withContext = bestExactAcross(anchor, others, minimumContext(anchor));
  if (withContext) return found(withContext.block, withContext.start, withContext.start + quote.length, 'other-block');

  if (home) {
    const fuzzy = fuzzyFind(anchor, home.text);
    if (fuzzy) return found(home, fuzzy.start, fuzzy.end, 'fuzzy');
  }

  const anywhere = bestExactAcross(anchor, others, 0);
  if (anywhere) return found(anywhere.block, anywhere.start, anywhere.start + quote.length, 'other-block');

  let bestFuzzy: { block: AnchorBlock; start: number; end: number; cost: number } | null = null;
  for (const block of others) {
    const match = fuzzyFind(anchor, block.text);
    if (match && (bestFuzzy === null || match.cost < bestFuzzy.cost)) bestFuzzy = { block, ...match };
  }
  if (bestFuzzy) return found(bestFuzzy.block, bestFuzzy.start, bestFuzzy.end, 'other-block');
  return { orphaned: true };
}

/** Characters of context that must agree before an exact match in another block is trusted first. */
function minimumContext(anchor: Anchor): number {
  // A quote at the very start or end of its old block has no context on that side.
  return Math.min(8, Math.max(1, anchor.prefix.length + anchor.suffix.length));
}

/** How many characters of the remembered context agree with the text around [start, end). */
function contextScore(anchor: Anchor, text: string, start: number, end: number): number {
  let before = 0;
  while (before < anchor.prefix.length && start - before - 1 >= 0 && text[start - before - 1] === anchor.prefix[anchor.prefix.length - before - 1]) before++;
  let after = 0;
  while (after < anchor.suffix.length && end + after < text.length && text[end + after] === anchor.suffix[after]) after++;
  return before + after;
}

function occurrences(text: string, quote: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) at.push(i);
  return at;
}

/** The occurrence of the quote with the best context; equal context → nearest the old offset. */
function bestExact(anchor: Anchor, text: string): { start: number; context: number } | null {
  let best: { start: number; context: number; distance: number } | null = null;
  for (const start of occurrences(text, anchor.quote)) {
    const context = contextScore(anchor, text, start, start + anchor.quote.length);
    const distance = Math.abs(start - anchor.start);
    if (best === null || context > best.context || (context === best.context && distance < best.distance)) best = { start, context, distance };
  }
  return best;
}

function bestExactAcross(anchor: Anchor, blocks: readonly AnchorBlock[], minContext: number): { block: AnchorBlock; start: number } | null {
  let best: { block: AnchorBlock; start: number; context: number } | null = null;
  for (const block of blocks) {
    const match = bestExact(anchor, block.text);
    if (match && match.context >= minContext && (best === null || match.context > best.context)) best = { block, ...match };
  }
  return best;
}

/**
 * Approximate substring search (Sellers' algorithm: edit distance where the
 * match may start and end anywhere in the text), allowing up to 40% of the
 * quote's length in edits — a word changed inside a phrase still matches, a
 * different sentence does not. diff-match-patch's `match_main` does the same
 * with bitap but only for patterns of at most 32 characters, and quotes are
 * often whole sentences. Cost O(quote × text) in two rows of memory.
 */
export function fuzzyFind(anchor: Pick<Anchor, 'quote' | 'start' | 'prefix' | 'suffix'>, text: string): { start: number; end: number; cost: number } | null {
  const quote = anchor.quote;
  const m = quote.length;
  if (m < 4 || text.length === 0) return null;
  const maxCost = Math.floor(m * 0.4);
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let curStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    prev[i] = i;
    prevStart[i] = 0;
  }
  let best: { start: number; end: number; cost: number; context: number; distance: number } | null = null;
  const consider = (start: number, end: number, cost: number) => {
    if (cost > maxCost || end <= start) return;
    const context = contextScore(anchor as Anchor, text, start, end);
    const distance = Math.abs(start - anchor.start);
    if (
      best === null ||
      cost < best.cost ||
      (cost === best.cost && (context > best.context || (context === best.context && distance < best.distance)))
    ) {
      best = { start, end, cost, context, distance };
    }
  };
  for (let j = 1; j <= text.length; j++) {
    cur[0] = 0;
    curStart[0] = j;
    const t = text.charCodeAt(j - 1);
    for (let i = 1; i <= m; i++) {
      const substitute = prev[i - 1]! + (quote.charCodeAt(i - 1) === t ? 0 : 1);
      const skipQuote = cur[i - 1]! + 1;
      const skipText = prev[i]! + 1;
      if (substitute <= skipQuote && substitute <= skipText) {
        cur[i] = substitute;
        curStart[i] = prevStart[i - 1]!;
      } else if (skipText <= skipQuote) {
        cur[i] = skipText;
        curStart[i] = prevStart[i]!;
      } else {
        cur[i] = skipQuote;
        curStart[i] = curStart[i - 1]!;
      }
    }
    consider(curStart[m]!, j, cur[m]!);
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  if (best === null) return null;
  const found: { start: number; end: number; cost: number } = best;
  return trimWhitespace(text, found);
}

/** A fuzzy match does not begin or end with spaces the quote did not have. */
function trimWhitespace(text: string, match: { start: number; end: number; cost: number }) {
  let { start, end } = match;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, cost: match.cost };
}
