import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import {
  $copyNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $parseSerializedNode,
  PASTE_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type ElementNode,
  type LexicalEditor,
  type SerializedLexicalNode,
} from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockId } from '../../../../../shared/model/anatomy.ts';
import { $getBlockId, registerBlockIds } from '../../../../../renderer/editor/nodes/blockId.ts';
import { $createSectorHeadingNode } from '../../../../../renderer/editor/nodes/SectorHeadingNode.tsx';
import { clipboardNodes, registerBlockPaste } from '../../../../../renderer/editor/plugins/BlockPastePlugin.tsx';
import { body, exported, load, para, settle, storyEditor } from './headless.ts';

const A = 'b000000000000000a';
const B = 'b000000000000000b';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const stop of cleanup) stop();
  cleanup = [];
});

/** An editor holding `doc`, with block ids (and optionally history) running. */
async function editorWith(doc = body(para('First.', A), para('Second.', B)), withHistory = false): Promise<LexicalEditor> {
  const editor = storyEditor();
  load(editor, doc);
  if (withHistory) cleanup.push(registerHistory(editor, createEmptyHistoryState(), 0));
  cleanup.push(registerBlockIds(editor, { loadTags: ['test-load'] }));
  await settle();
  return editor;
}

const ids = (editor: LexicalEditor) => exported(editor).root.children.map((block) => (block.$ as { blockId?: string } | undefined)?.blockId);

describe('block ids', () => {
  it('gives a loaded body without ids an id per top-level block, tagged as a load rather than an edit', async () => {
    const editor = storyEditor();
    load(editor, body(para('One.'), para('Two.')));
    const tags: string[][] = [];
    cleanup.push(editor.registerUpdateListener(({ tags: t }) => void tags.push([...t])));
    cleanup.push(registerBlockIds(editor, { loadTags: ['test-load'] }));
    await settle();
    const [one, two] = ids(editor);
    expect(BlockId.safeParse(one).success).toBe(true);
    expect(BlockId.safeParse(two).success).toBe(true);
    expect(one).not.toBe(two);
    expect(tags.every((t) => t.includes('test-load'))).toBe(true);
  });

  it('keeps stored ids as they are', async () => {
    const editor = await editorWith();
    expect(ids(editor)).toEqual([A, B]);
  });

  it('gives a new block an id in the same update that creates it', async () => {
    const editor = await editorWith();
    editor.update(() => void $getRoot().append($createParagraphNode().append($createTextNode('Third.'))), { discrete: true });
    const [a, b, third] = ids(editor);
    expect([a, b]).toEqual([A, B]);
    expect(BlockId.safeParse(third).success).toBe(true);
  });

  it('gives a custom block (sector heading) an id too', async () => {
    const editor = await editorWith();
    editor.update(() => void $getRoot().getFirstChildOrThrow().insertAfter($createSectorHeadingNode('finance')), { discrete: true });
    expect(ids(editor)[1]).toMatch(/^b[0-9a-z]{16}$/);
  });

  it('gives a pasted copy of a block a new id and leaves the original its own, wherever the copy lands', async () => {
    const editor = await editorWith();
    const copyOfA = para('First.', A) as unknown as SerializedLexicalNode;
    // Below the original…
    editor.update(() => void $getRoot().append($parseSerializedNode(copyOfA)), { discrete: true });
    // …and above it.
    editor.update(() => void $getRoot().getFirstChildOrThrow().insertBefore($parseSerializedNode(copyOfA)), { discrete: true });
    const [aboveCopy, original, second, belowCopy] = ids(editor);
    expect(original).toBe(A);
    expect(second).toBe(B);
    expect(new Set([aboveCopy, belowCopy, A, B]).size).toBe(4);
    expect(exported(editor).root.children.map((c) => c.children?.[0]?.text)).toEqual(['First.', 'First.', 'Second.', 'First.']);
  });

  it('gives a duplicated node ($copyNode) a new id', async () => {
    const editor = await editorWith();
    editor.update(() => {
      const first = $getRoot().getFirstChildOrThrow();
      first.insertAfter($copyNode(first));
    }, { discrete: true });
    const [a, copy] = ids(editor);
    expect(a).toBe(A);
    expect(copy).not.toBe(A);
    expect(BlockId.safeParse(copy).success).toBe(true);
  });

  it('keeps every id through undo and redo (including the new block\'s own)', async () => {
    const editor = await editorWith(undefined, true);
    editor.update(() => void $getRoot().append($createParagraphNode().append($createTextNode('Third.'))), { discrete: true });
    const withThird = ids(editor);
    editor.dispatchCommand(UNDO_COMMAND, undefined);
    await settle();
    expect(ids(editor)).toEqual([A, B]);
    editor.dispatchCommand(REDO_COMMAND, undefined);
    await settle();
    expect(ids(editor)).toEqual(withThird);
  });

  it('keeps ids of moved blocks (a moved node is the same block)', async () => {
    const editor = await editorWith();
    editor.update(() => {
      const root = $getRoot();
      root.getFirstChildOrThrow().insertBefore(root.getLastChildOrThrow());
    }, { discrete: true });
    expect(ids(editor)).toEqual([B, A]);
  });

  it('repairs a loaded body where two blocks share an id: the first keeps it', async () => {
    const editor = await editorWith(body(para('One.', A), para('Two.', A)));
    const [one, two] = ids(editor);
    expect(one).toBe(A);
    expect(two).not.toBe(A);
    expect(editor.getEditorState().read(() => $getRoot().getChildren().map($getBlockId))).toEqual([one, two]);
  });
});

describe('pasting Copydesk blocks (Lexical JSON on the clipboard)', () => {
  const pasteEvent = (data: Record<string, string>) =>
    ({ clipboardData: { getData: (type: string) => data[type] ?? '' }, preventDefault: () => undefined }) as unknown as ClipboardEvent;

  it('pastes a copied sector heading whole, with a new block id; the original keeps its own', async () => {
    const editor = await editorWith(body({ type: 'sector-heading', version: 1, sectorId: 'health-care', $: { blockId: A } }, para('Text.', B)));
    cleanup.push(registerBlockPaste(editor));
    editor.update(() => $getRoot().getLastChildOrThrow<ElementNode>().selectEnd(), { discrete: true });
    const clipboard = JSON.stringify({ namespace: 'test', nodes: [{ type: 'sector-heading', version: 1, sectorId: 'health-care', $: { blockId: A } }] });
    editor.update(() => void editor.dispatchCommand(PASTE_COMMAND, pasteEvent({ 'application/x-lexical-editor': clipboard })), { discrete: true });
    const blocks = exported(editor).root.children;
    const headings = blocks.filter((b) => b.type === 'sector-heading');
    expect(headings.map((h) => h.sectorId)).toEqual(['health-care', 'health-care']);
    expect(ids(editor)[0]).toBe(A);
    expect(new Set(ids(editor)).size).toBe(blocks.length);
  });

  it('leaves to the HTML path what is not this editor\'s, malformed, or unsafe', () => {
    const editor = storyEditor();
    const nodes = (n: unknown[]) => JSON.stringify({ namespace: 'test', nodes: n });
    expect(clipboardNodes(editor, nodes([{ type: 'sector-heading', version: 1, sectorId: 'health-care' }]))).not.toBeNull();
    expect(clipboardNodes(editor, JSON.stringify({ namespace: 'other-app', nodes: [para('x')] }))).toBeNull();
    expect(clipboardNodes(editor, nodes([{ type: 'sector-heading', version: 1, sectorId: 'Not An Id' }]))).toBeNull();
    expect(clipboardNodes(editor, nodes([{ type: 'unknown-widget', version: 1 }]))).toBeNull();
    expect(clipboardNodes(editor, '{not json')).toBeNull();
    const withLink = clipboardNodes(editor, nodes([{ ...para(''), children: [{ type: 'link', version: 1, url: 'javascript:alert(1)', children: [{ type: 'text', version: 1, text: 'click' }] }] }]));
    expect(JSON.stringify(withLink)).not.toContain('javascript:');
    expect(JSON.stringify(withLink)).toContain('click');
  });
});
