import {
  $createNodeSelection,
  $createParagraphNode,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  $parseSerializedNode,
  $setSelection,
  HISTORY_PUSH_TAG,
  type LexicalEditor,
  type LexicalNode,
  type SerializedLexicalNode,
} from 'lexical';
import { BLOCK_ID_STATE_KEY, newBlockId } from '../../../shared/model/anatomy.ts';
import type { SerializedNode } from '../../../shared/model/document.ts';
import { $getBlockId, $setBlockId } from './blockId.ts';
import { $isMergeConflictNode, type MergeConflictNode } from './MergeConflictNode.tsx';

/** What a person can do with a conflict block: "Keep mine", "Keep theirs", "Keep both". */
export const CONFLICT_CHOICES = ['ours', 'theirs', 'both'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

/**
 * Puts the chosen version(s) of a conflict block in its place as real blocks:
 * - `ours` / `theirs`: that version, carrying the conflict block's id (for
 *   comments, the review diff and the next merge it is the same block); a
 *   side that deleted the block leaves nothing;
 * - `both`: ours, then theirs under a new id (two blocks cannot share one).
 * The caret goes to the start of what was kept, or next to where the block
 * was, so the writer can go on from there. Returns the blocks now in its place.
 */
export function $resolveMergeConflict(conflict: MergeConflictNode, choice: ConflictChoice): LexicalNode[] {
  const { ours, theirs } = conflict.getData();
  const chosen = choice === 'ours' ? [ours] : choice === 'theirs' ? [theirs] : [ours, theirs];
  const versions = chosen.filter((version): version is SerializedNode => version !== null);
  const id = $getBlockId(conflict);
  const used = new Set($getRoot().getChildren().map($getBlockId));
  const blocks = versions.map((version, i) => {
    const block = $parseSerializedNode(withoutBlockId(version) as SerializedLexicalNode);
    return $setBlockId(block, i === 0 && id !== '' ? id : freshBlockId(used));
  });

  const [first, ...rest] = blocks;
  if (first === undefined) {
    const next = conflict.getNextSibling();
    const previous = conflict.getPreviousSibling();
    conflict.remove();
    if ($isElementNode(next)) next.selectStart();
    else if ($isElementNode(previous)) previous.selectEnd();
    // A body needs somewhere to type: a story that held only this block gets an empty paragraph.
    else if ($getRoot().getChildrenSize() === 0) $getRoot().append($createParagraphNode()).selectStart();
    else $setSelection(null);
    return [];
  }
  conflict.replace(first);
  let last: LexicalNode = first;
  for (const block of rest) last = last.insertAfter(block);
  if ($isElementNode(first)) {
    first.selectStart();
  } else {
    const selection = $createNodeSelection();
    selection.add(first.getKey());
    $setSelection(selection);
  }
  return blocks;
}

/**
 * {@link $resolveMergeConflict} as one update of its own: one entry in the
 * undo history, so a single Undo brings the conflict block back as it was.
 * Does nothing when the block is gone (resolved in the meantime, undone) or
 * the editor is read-only.
 */
export function resolveMergeConflict(editor: LexicalEditor, nodeKey: string, choice: ConflictChoice): void {
  if (!editor.isEditable()) return;
  editor.update(
    () => {
      const node = $getNodeByKey(nodeKey);
      if ($isMergeConflictNode(node)) $resolveMergeConflict(node, choice);
    },
    { tag: HISTORY_PUSH_TAG },
  );
}

function withoutBlockId(version: SerializedNode): SerializedNode {
  if (typeof version.$ !== 'object' || version.$ === null) return version;
  const { [BLOCK_ID_STATE_KEY]: _id, ...state } = version.$ as Record<string, unknown>;
  const { $: _state, ...block } = version;
  return Object.keys(state).length === 0 ? block : { ...block, $: state };
}

function freshBlockId(used: Set<string>): string {
  let id = newBlockId();
  while (used.has(id)) id = newBlockId();
  used.add(id);
  return id;
}
