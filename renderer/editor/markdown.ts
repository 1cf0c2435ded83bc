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
    const heading = $createHeadingNode(match[1]?.length === 3 ? 'h3' : 'h2');
    heading.append(...children);
    parentNode.replace(heading);
    if (!isImport) heading.select(0, 0);
    return undefined;
  },
  type: 'element',
};

/**
 * Markdown shortcuts limited to the nodes a story has: no code, no H1/H4+,
 * no checklists, no highlight, and no `[text](url)` (links go through the
 * link form, which checks the address).
 */
export const STORY_TRANSFORMERS: Transformer[] = [
  STORY_HEADING,
  QUOTE,
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
