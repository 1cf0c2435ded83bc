import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  UNORDERED_LIST,
  type ElementTransformer,
  type Transformer,
} from '@lexical/markdown';
import { $createHeadingNode, $isHeadingNode, $isQuoteNode, HeadingNode } from '@lexical/rich-text';
import { $getBlockId, $keepBlockId } from './nodes/blockId.ts';

/**
 * `# ` and `## ` make an H2, `### ` an H3. Stories have no H1 (the headline is
 * the H1) and no H4+, so deeper markers are left as typed.
 */
export const STORY_HEADING: ElementTransformer = {
  dependencies: [HeadingNode],
  export: (node, exportChildren) => {
    if (!$isHeadingNode(node)) return null;
    return `${node.getTag() === 'h3' ? '###' : '##'} ${exportChildren(node)}`;
  },
  regExp: /^(#{1,3})\s/,
  replace: (parentNode, children, match, isImport) => {
    // Like Lexical's own HEADING: a line inside a quote stays in the quote.
    if (!isImport && $isQuoteNode(parentNode)) return false;
    const heading = $keepBlockId(parentNode, $createHeadingNode(match[1]?.length === 3 ? 'h3' : 'h2'));
    heading.append(...children);
    parentNode.replace(heading);
    if (!isImport) heading.select(0, 0);
    return undefined;
  },
  type: 'element',
};

/**
 * `transformer` with the block it turns into keeping the replaced block's id
 * (see `$keepBlockId`). For Lexical's own transformers, whose new node we
 * don't get to see: it is the new, id-less node now where the block was. A
 * block merged into its neighbour (a quote line joining the quote above, on
 * import) leaves no such node and hands on nothing.
 */
export function keepingBlockId(transformer: ElementTransformer): ElementTransformer {
  return {
    ...transformer,
    replace: (parentNode, children, match, isImport) => {
      const parent = parentNode.getParent();
      const index = parentNode.getIndexWithinParent();
      const result = transformer.replace(parentNode, children, match, isImport);
      if (result === false || parent === null || parentNode.isAttached()) return result;
      const replacement = parent.getChildAtIndex(index);
      if (replacement !== null && $getBlockId(replacement) === '') $keepBlockId(parentNode, replacement);
      return result;
    },
  };
}

/** `> ` makes a quote that keeps the paragraph's block id. */
export const STORY_QUOTE = keepingBlockId(QUOTE);

/**
 * Markdown shortcuts limited to the nodes a story has: no code, no H1/H4+,
 * no checklists, no highlight, and no `[text](url)` (links go through the
 * link form, which checks the address).
 */
export const STORY_TRANSFORMERS: Transformer[] = [
  STORY_HEADING,
  STORY_QUOTE,
  UNORDERED_LIST,
  ORDERED_LIST,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  STRIKETHROUGH,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
];
