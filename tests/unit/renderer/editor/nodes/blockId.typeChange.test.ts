import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { registerMarkdownShortcuts } from '@lexical/markdown';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import {
  $copyNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  UNDO_COMMAND,
  type ElementNode,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockId } from '../../../../../shared/model/anatomy.ts';
import { STORY_TRANSFORMERS } from '../../../../../renderer/editor/markdown.ts';
import { $setBlocksTypeKeepingIds, registerBlockIds } from '../../../../../renderer/editor/nodes/blockId.ts';
import { body, exported, load, para, settle, storyEditor } from './headless.ts';

const A = 'b000000000000000a';
const B = 'b000000000000000b';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const stop of cleanup) stop();
  cleanup = [];
});

async function editorWith(doc = body(para('First.', A), para('Second.', B))): Promise<LexicalEditor> {
  const editor = storyEditor();
  load(editor, doc);
  cleanup.push(registerHistory(editor, createEmptyHistoryState(), 0));
  cleanup.push(registerBlockIds(editor, { loadTags: ['test-load'] }));
  await settle();
  return editor;
}

const blocks = (editor: LexicalEditor) =>
  exported(editor).root.children.map((block) => ({
    type: block.type === 'heading' ? (block as { tag?: string }).tag : block.type,
    id: (block.$ as { blockId?: string } | undefined)?.blockId,
  }));

/** Puts the caret in the first block, or selects from the first block's start to the second's end. */
function select(editor: LexicalEditor, both = false): void {
  editor.update(() => {
    const [first, second] = $getRoot().getChildren<ElementNode>();
    const selection = first!.select(0, 0);
    if (both) selection.focus.set(second!.getKey(), second!.getChildrenSize(), 'element');
  }, { discrete: true });
}

/** What the toolbar's block buttons do. */
function setType(editor: LexicalEditor, create: () => ElementNode): void {
  editor.update(() => $setBlocksTypeKeepingIds($getSelection(), create), { discrete: true });
}

describe('a block keeps its id when its type changes', () => {
  it('from the toolbar: paragraph → Heading 2 → Heading 3 → paragraph, always id A', async () => {
    const editor = await editorWith();
    select(editor);
    setType(editor, () => $createHeadingNode('h2'));
    expect(blocks(editor)).toEqual([{ type: 'h2', id: A }, { type: 'paragraph', id: B }]);
    setType(editor, () => $createHeadingNode('h3'));
    expect(blocks(editor)[0]).toEqual({ type: 'h3', id: A });
    setType(editor, $createParagraphNode);
    expect(blocks(editor)).toEqual([{ type: 'paragraph', id: A }, { type: 'paragraph', id: B }]);
    expect(exported(editor).root.children[0]?.children?.[0]?.text).toBe('First.');
  });

  it('from the toolbar over two blocks: each turns into a quote with its own id', async () => {
    const editor = await editorWith();
    select(editor, true);
    setType(editor, $createQuoteNode);
    expect(blocks(editor)).toEqual([{ type: 'quote', id: A }, { type: 'quote', id: B }]);
  });

  it('from Markdown shortcuts: "## " and "> " typed at the start of a paragraph', async () => {
    const editor = await editorWith(body(para('', A), para('', B)));
    cleanup.push(registerMarkdownShortcuts(editor, STORY_TRANSFORMERS));
    const type = async (index: number, text: string) => {
      for (const character of text) {
        editor.update(() => {
          const block = $getRoot().getChildAtIndex<ElementNode>(index)!;
          const selection = $getSelection();
          if (!$isRangeSelection(selection) || !block.isParentOf(selection.anchor.getNode())) block.selectEnd();
          $getSelection()?.insertText(character);
        });
        await settle();
      }
    };
    await type(0, '## ');
    await type(0, 'Heading');
    await type(1, '> ');
    await type(1, 'Quoted');
    expect(blocks(editor)).toEqual([{ type: 'h2', id: A }, { type: 'quote', id: B }]);
    expect(editor.getEditorState().read(() => $getRoot().getTextContent())).toBe('Heading\n\nQuoted');
  });

  it('undo gives back the paragraph, with the same id', async () => {
    const editor = await editorWith();
    select(editor);
    setType(editor, () => $createHeadingNode('h2'));
    editor.dispatchCommand(UNDO_COMMAND, undefined);
    await settle();
    expect(blocks(editor)).toEqual([{ type: 'paragraph', id: A }, { type: 'paragraph', id: B }]);
  });

  it('still gives a NEW block its own id: a paragraph added after the heading, and one split off it with Enter', async () => {
    const editor = await editorWith();
    select(editor);
    setType(editor, () => $createHeadingNode('h2'));
    editor.update(() => void $getRoot().append($createParagraphNode().append($createTextNode('Third.'))), { discrete: true });
    editor.update(() => {
      $getRoot().getFirstChildOrThrow<ElementNode>().getFirstChildOrThrow<TextNode>().select(3, 3);
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.insertParagraph();
    }, { discrete: true });
    const after = blocks(editor);
    expect(after.map((b) => b.type)).toEqual(['h2', 'h2', 'paragraph', 'paragraph']);
    expect(after[0]!.id).toBe(A);
    expect(after[2]!.id).toBe(B);
    for (const { id } of after) expect(BlockId.safeParse(id).success).toBe(true);
    expect(new Set(after.map((b) => b.id)).size).toBe(4);
  });

  it('still gives a duplicated block a new id; the original keeps its own', async () => {
    const editor = await editorWith();
    select(editor);
    setType(editor, $createQuoteNode);
    editor.update(() => {
      const quote = $getRoot().getFirstChildOrThrow();
      quote.insertAfter($copyNode(quote));
    }, { discrete: true });
    const [original, copy] = blocks(editor);
    expect(original).toEqual({ type: 'quote', id: A });
    expect(copy!.type).toBe('quote');
    expect(copy!.id).not.toBe(A);
    expect(BlockId.safeParse(copy!.id).success).toBe(true);
  });
});
