import { createHeadlessEditor } from '@lexical/headless';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { LexicalEditor } from 'lexical';
import { FigureNode } from '../../../../../renderer/editor/nodes/FigureNode.tsx';

/** A headless editor with the story's built-in nodes and the figure. */
export function figureEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'test',
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, FigureNode],
    onError: (error) => {
      throw error;
    },
  });
}

export const SHA = 'ab'.repeat(32);

/** A figure exactly as SerializedFigure describes it. */
export function figureJson(overrides: Record<string, unknown> = {}, blockId?: string) {
  return {
    type: 'figure',
    version: 1,
    media: { sha256: SHA, mime: 'image/jpeg', width: 1200, height: 800 },
    alt: 'City skyline lit up at night over the river',
    caption: [
      { text: 'A picture of ', format: 0 },
      { text: 'Chongqing', format: 1 },
      { text: ' at night.', format: 2 },
    ],
    credit: 'iChongqing',
    creator: 'Vivian Yan',
    ...overrides,
    ...(blockId ? { $: { blockId } } : {}),
  };
}
