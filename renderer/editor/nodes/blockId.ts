import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $copyBlockFormatIndent, $setBlocksType } from '@lexical/selection';
import {
  $getRoot,
  $getState,
  $setState,
  createState,
  HISTORY_MERGE_TAG,
  RootNode,
  type BaseSelection,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { useEffect } from 'react';
import { BLOCK_ID_STATE_KEY, BlockId, newBlockId } from '../../../shared/model/anatomy.ts';
import { SKIP_AUTOSAVE_TAG } from '../plugins/AutosavePlugin.tsx';

/**
 * Stable block ids (DESIGN.md §1): every top-level block carries one in its
 * Lexical NodeState, serialized as `"$": { "blockId": "b…" }`. Diff, merge,
 * comments and desk checks address blocks by it, so an id is made once and
 * then kept: through save and reload (it is in the JSON), undo and redo (they
 * restore editor states that hold it), moves (a moved node is the same node)
 * and type changes (see {@link $keepBlockId}).
 *
 * A block that arrives carrying an id another block already has — pasted
 * Lexical JSON, a duplicated node — gets a new one; the block that was there
 * first keeps its id.
 */
export const blockIdState = createState(BLOCK_ID_STATE_KEY, {
  parse: (value: unknown): string => (BlockId.safeParse(value).success ? (value as string) : ''),
  // $copyNode makes a new block (a list split in two, a link split); it must not inherit the id.
  resetOnCopyNode: true,
});

/** The block id of a node, or '' when it has none yet. */
export function $getBlockId(node: LexicalNode): string {
  return $getState(node, blockIdState);
}

export function $setBlockId<T extends LexicalNode>(node: T, id: BlockId): T {
  return $setState(node, blockIdState, id);
}

/**
 * Hands the block id of `replaced` to `replacement`. Lexical changes a block's
 * type (paragraph → heading or quote) by putting a new node in its place; for
 * the writer it is the same block, so it keeps its id. Call it before
 * `replaced.replace(replacement)`: the root transform then finds the id taken
 * and leaves it be. A nested block (no id) hands on nothing.
 */
export function $keepBlockId<T extends LexicalNode>(replaced: LexicalNode, replacement: T): T {
  const id = $getBlockId(replaced);
  return id === '' ? replacement : $setState(replacement, blockIdState, id);
}

/**
 * `$setBlocksType` (toolbar block types) that keeps each block's id, as well
 * as the alignment and indent Lexical carries over by default.
 */
export function $setBlocksTypeKeepingIds<T extends ElementNode>(selection: BaseSelection | null, $create: () => T): void {
  $setBlocksType(selection, $create, (replaced, replacement) => {
    $copyBlockFormatIndent(replaced, replacement);
    $keepBlockId(replaced, replacement);
  });
}

/**
 * Gives every top-level block without an id a new one, and a new one to every
 * block whose id an earlier-kept block already holds. `existing` tells which
 * node keys were in the document before this update: of two blocks sharing an
 * id, one that existed keeps it over one that just arrived; otherwise the
 * earlier in document order keeps it. Returns how many blocks changed.
 */
export function $ensureBlockIds(existing: (key: string) => boolean = () => false): number {
  const blocks = $getRoot().getChildren();
  const keeper = new Map<string, LexicalNode>();
  for (const block of blocks) {
    const id = $getBlockId(block);
    if (id === '') continue;
    const current = keeper.get(id);
    // A block that existed before wins over an earlier-placed newcomer (a paste above the original).
    if (current === undefined || (!existing(current.getKey()) && existing(block.getKey()))) keeper.set(id, block);
  }
  let changed = 0;
  const used = new Set(keeper.keys());
  for (const block of blocks) {
    const id = $getBlockId(block);
    if (id !== '' && keeper.get(id) === block) continue;
    let fresh = newBlockId();
    while (used.has(fresh)) fresh = newBlockId();
    used.add(fresh);
    $setBlockId(block, fresh);
    changed++;
  }
  return changed;
}

function $lacksIds(): boolean {
  const seen = new Set<string>();
  for (const block of $getRoot().getChildren()) {
    const id = $getBlockId(block);
    if (id === '' || seen.has(id)) return true;
    seen.add(id);
  }
  return false;
}

export interface BlockIdOptions {
  /**
   * Tags for updates that only catch ids up on a loaded state (e.g. the
   * autosave skip tag): opening a story is not an edit of it.
   */
  loadTags?: readonly string[];
}

/**
 * Keeps block ids present and unique. A root transform runs at the end of
 * every update (the root is always transformed last when anything changed),
 * so new blocks get their ids inside the same update and the same undo step.
 * States that arrive without running transforms (the initial state,
 * `setEditorState` when the stored version is loaded) are caught up by one
 * extra update that merges into history and carries `loadTags`.
 */
export function registerBlockIds(editor: LexicalEditor, options: BlockIdOptions = {}): () => void {
  const tag = [HISTORY_MERGE_TAG, ...(options.loadTags ?? [])];
  let removeTransform = () => {};
  // Registering a transform marks the root dirty in an update of its own, or
  // in the pending one when there is one: this one, so it carries our tags.
  editor.update(
    () => {
      removeTransform = editor.registerNodeTransform(RootNode, () => {
        // The committed state is the one before this update: its keys are the blocks that existed.
        const previous = editor.getEditorState()._nodeMap;
        $ensureBlockIds((key) => previous.has(key));
      });
      $ensureBlockIds(() => true);
    },
    { tag },
  );
  const removeListener = editor.registerUpdateListener(({ editorState }) => {
    if (!editorState.read($lacksIds)) return;
    editor.update(() => void $ensureBlockIds(() => true), { tag });
  });
  return () => {
    removeTransform();
    removeListener();
  };
}

/** The editor's block ids (see {@link registerBlockIds}); loading a stored body is not an edit. */
export function BlockIdPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerBlockIds(editor, { loadTags: [SKIP_AUTOSAVE_TAG] }), [editor]);
  return null;
}
