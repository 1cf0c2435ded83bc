// @vitest-environment jsdom
import { createHeadlessEditor } from '@lexical/headless';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { $getRoot, UNDO_COMMAND, type LexicalEditor } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockId } from '../../../../../shared/model/anatomy.ts';
import { documentText, SerializedDocumentSchema, type SerializedDocument, type SerializedNode } from '../../../../../shared/model/document.ts';
import { countText } from '../../../../../shared/model/wordcount.ts';
import { mergeStories, type MergeConflictBlock } from '../../../../../shared/review/merge.ts';
import type { StorySnapshot } from '../../../../../shared/review/metadataDiff.ts';
import { registerBlockIds } from '../../../../../renderer/editor/nodes/blockId.ts';
import { $isMergeConflictNode } from '../../../../../renderer/editor/nodes/MergeConflictNode.tsx';
import { resolveMergeConflict, type ConflictChoice } from '../../../../../renderer/editor/nodes/mergeConflictResolve.ts';
import { STORY_NODES } from '../../../../../renderer/editor/nodes.ts';
import { body, exported, load, para, settle } from './headless.ts';

const A = 'b000000000000000a';
const B = 'b000000000000000b';
const C = 'b000000000000000c';

function story(...blocks: SerializedNode[]): StorySnapshot {
  return { headline: 'Flood defences', standfirst: '', dateline: { place: 'Chongqing', date: '2026-07-01' }, byline: [], language: 'en', body: body(...blocks) };
}

/** A body with a conflict block in the middle, made by the real merge of two edits of one paragraph. */
function conflicted(): { doc: SerializedDocument; conflict: MergeConflictBlock } {
  const base = story(para('The river rose overnight.', A), para('Flood defences held at Ciqikou.', B), para('Schools stay shut.', C));
  const ours = story(para('The river rose overnight.', A), para('Flood defences gave way at Ciqikou.', B), para('Schools stay shut.', C));
  const theirs = story(para('The river rose overnight.', A), para('Flood defences failed at Ciqikou.', B), para('Schools stay shut.', C));
  const { merged, clean } = mergeStories(base, ours, theirs, { oursLabel: 'Your version', theirsLabel: "Vivian Yan's version (newsroom)" });
  expect(clean).toBe(false);
  const conflict = merged.body.root.children[1] as MergeConflictBlock;
  expect(conflict.type).toBe('merge-conflict');
  return { doc: body(...merged.body.root.children), conflict };
}

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const stop of cleanup) stop();
  cleanup = [];
});

/** The story editor's nodes (STORY_NODES, as the app registers them), with block ids and undo running. */
async function editorWith(doc: SerializedDocument): Promise<LexicalEditor> {
  const editor = createHeadlessEditor({
    namespace: 'test',
    nodes: [...STORY_NODES],
    onError: (error) => {
      throw error;
    },
  });
  load(editor, doc);
  cleanup.push(registerHistory(editor, createEmptyHistoryState(), 0));
  cleanup.push(registerBlockIds(editor, { loadTags: ['test-load'] }));
  await settle();
  return editor;
}

function conflictKey(editor: LexicalEditor): string {
  return editor.getEditorState().read(() => {
    const node = $getRoot().getChildren().find($isMergeConflictNode);
    if (node === undefined) throw new Error('No conflict block in the editor');
    return node.getKey();
  });
}

async function choose(editor: LexicalEditor, choice: ConflictChoice): Promise<void> {
  resolveMergeConflict(editor, conflictKey(editor), choice);
  await settle();
}

const texts = (doc: SerializedDocument) => doc.root.children.map((block) => documentText(body(block)));
const ids = (doc: SerializedDocument) => doc.root.children.map((block) => (block.$ as { blockId?: string } | undefined)?.blockId);
const withId = (block: SerializedNode, blockId: string): SerializedNode => ({ ...block, $: { blockId } });

describe('MergeConflictNode JSON', () => {
  it('round-trips the serialized conflict block exactly, block id included, and the result is a valid body', async () => {
    const { doc, conflict } = conflicted();
    const editor = await editorWith(doc);
    const out = exported(editor);
    expect(out).toEqual(doc);
    expect(out.root.children[1]).toEqual(conflict);
    expect(conflict.$).toEqual({ blockId: B });
    expect(SerializedDocumentSchema.safeParse(out).success).toBe(true);
  });

  it('round-trips a side that deleted the block and a block new on both sides (null versions)', async () => {
    const lone: MergeConflictBlock = { type: 'merge-conflict', version: 1, ours: para('Kept here.', B), theirs: null, base: null, oursLabel: 'Your version', theirsLabel: 'Version on the hub', $: { blockId: B } };
    const doc = body(para('Before.', A), lone);
    const editor = await editorWith(doc);
    expect(exported(editor)).toEqual(doc);
  });
});

describe('MergeConflictNode text: word counts and search keep the words while the decision waits', () => {
  it('reads as our version, in the editor as in the backend, and not as both', async () => {
    const { doc } = conflicted();
    expect(documentText(doc)).toBe('The river rose overnight.\nFlood defences gave way at Ciqikou.\nSchools stay shut.');
    const editor = await editorWith(doc);
    const editorText = editor.getEditorState().read(() => $getRoot().getTextContent());
    expect(editorText).toContain('Flood defences gave way at Ciqikou.');
    expect(editorText).not.toContain('failed');
    // The editor's status line and the library row count the same words.
    expect(countText(editorText, 'en').words).toBe(countText(documentText(doc), 'en').words);
  });

  it('reads as theirs when our side deleted the block', () => {
    const deletedHere: MergeConflictBlock = { type: 'merge-conflict', version: 1, ours: null, theirs: para('Only on the hub.', B), base: para('Old.', B), oursLabel: 'Your version', theirsLabel: 'Li Wei' };
    expect(documentText(body(para('First.', A), deletedHere))).toBe('First.\nOnly on the hub.');
  });
});

describe('Keep mine / Keep theirs / Keep both', () => {
  it('Keep mine puts our paragraph in the conflict’s place, under the conflict’s block id', async () => {
    const { doc, conflict } = conflicted();
    const editor = await editorWith(doc);
    await choose(editor, 'ours');
    expect(exported(editor)).toEqual(body(doc.root.children[0]!, withId(conflict.ours!, B), doc.root.children[2]!));
  });

  it('Keep theirs puts their paragraph there, under the same id', async () => {
    const { doc, conflict } = conflicted();
    const editor = await editorWith(doc);
    await choose(editor, 'theirs');
    const out = exported(editor);
    expect(out).toEqual(body(doc.root.children[0]!, withId(conflict.theirs!, B), doc.root.children[2]!));
    expect(texts(out)).toEqual(['The river rose overnight.', 'Flood defences failed at Ciqikou.', 'Schools stay shut.']);
  });

  it('Keep both puts ours (conflict’s id) then theirs (a new id), and the body is valid', async () => {
    const { doc } = conflicted();
    const editor = await editorWith(doc);
    await choose(editor, 'both');
    const out = exported(editor);
    expect(texts(out)).toEqual(['The river rose overnight.', 'Flood defences gave way at Ciqikou.', 'Flood defences failed at Ciqikou.', 'Schools stay shut.']);
    const [a, b, fresh, c] = ids(out);
    expect([a, b, c]).toEqual([A, B, C]);
    expect(BlockId.safeParse(fresh).success).toBe(true);
    expect([A, B, C]).not.toContain(fresh);
    expect(SerializedDocumentSchema.safeParse(out).success).toBe(true);
  });

  it('a side that deleted the block: keeping it removes the block; Keep both keeps the other version alone', async () => {
    const deletedThere: MergeConflictBlock = { type: 'merge-conflict', version: 1, ours: para('Edited here.', B), theirs: null, base: para('Old.', B), oursLabel: 'Your version', theirsLabel: 'Li Wei', $: { blockId: B } };
    const doc = body(para('First.', A), deletedThere, para('Last.', C));

    const gone = await editorWith(doc);
    await choose(gone, 'theirs');
    expect(exported(gone)).toEqual(body(para('First.', A), para('Last.', C)));

    const both = await editorWith(doc);
    await choose(both, 'both');
    expect(exported(both)).toEqual(body(para('First.', A), para('Edited here.', B), para('Last.', C)));
  });

  it('removing the only block of a story leaves an empty paragraph to type in', async () => {
    const only: MergeConflictBlock = { type: 'merge-conflict', version: 1, ours: null, theirs: para('Theirs.', B), base: para('Old.', B), oursLabel: 'Your version', theirsLabel: 'Li Wei', $: { blockId: B } };
    const editor = await editorWith(body(only));
    await choose(editor, 'ours');
    const out = exported(editor);
    expect(texts(out)).toEqual(['']);
    expect(out.root.children[0]!.type).toBe('paragraph');
  });

  it('turns a heading version into a real heading node (not only paragraphs)', async () => {
    const heading: SerializedNode = { type: 'heading', version: 1, tag: 'h2', direction: null, format: '', indent: 0, children: [{ type: 'text', version: 1, text: 'Rescue', format: 0, detail: 0, mode: 'normal', style: '' }] };
    const block: MergeConflictBlock = { type: 'merge-conflict', version: 1, ours: para('Rescue', B), theirs: withId(heading, B), base: para('Help', B), oursLabel: 'Your version', theirsLabel: 'Li Wei', $: { blockId: B } };
    const editor = await editorWith(body(block));
    await choose(editor, 'theirs');
    expect(exported(editor)).toEqual(body(withId(heading, B)));
  });

  it('each decision is one undo step: Undo brings the conflict block back as it was, and the other choice still works', async () => {
    const { doc, conflict } = conflicted();
    const editor = await editorWith(doc);
    await choose(editor, 'both');
    expect(exported(editor).root.children).toHaveLength(4);
    editor.dispatchCommand(UNDO_COMMAND, undefined);
    await settle();
    expect(exported(editor)).toEqual(doc);
    await choose(editor, 'theirs');
    expect(exported(editor)).toEqual(body(doc.root.children[0]!, withId(conflict.theirs!, B), doc.root.children[2]!));
  });

  it('does nothing in a read-only editor (a history version, a story in the trash)', async () => {
    const { doc } = conflicted();
    const editor = await editorWith(doc);
    editor.setEditable(false);
    await choose(editor, 'ours');
    expect(exported(editor)).toEqual(doc);
  });
});
