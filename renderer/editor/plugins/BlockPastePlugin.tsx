import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $addUpdateTag,
  $getSelection,
  $isRangeSelection,
  $parseSerializedNode,
  COMMAND_PRIORITY_CRITICAL,
  PASTE_COMMAND,
  PASTE_TAG,
  type LexicalEditor,
  type SerializedLexicalNode,
} from 'lexical';
import { useEffect } from 'react';
import { CUSTOM_BLOCKS, isCustomBlockType } from '../../../shared/model/anatomy.ts';
import { SerializedNodeSchema, type SerializedNode } from '../../../shared/model/document.ts';
import { LIMITS } from '../../../shared/model/story.ts';
import { stripUnsafeLinks } from '../../lib/sanitizeDocument.ts';

const LEXICAL_MIME = 'application/x-lexical-editor';
const MAX_DEPTH = 64;

/**
 * Checks what another Copydesk editor put on the clipboard as Lexical JSON.
 * Anything may sit on a clipboard, so the nodes must be types this editor
 * knows, custom blocks must match their schemas, links are made safe, and
 * anything doubtful returns null (the paste then goes the HTML way).
 */
export function clipboardNodes(editor: LexicalEditor, data: string): SerializedNode[] | null {
  if (data === '' || data.length > LIMITS.bodyJson) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const { namespace, nodes } = payload as { namespace?: unknown; nodes?: unknown };
  if (namespace !== editor._config.namespace || !Array.isArray(nodes) || nodes.length === 0) return null;
  const checked: SerializedNode[] = [];
  for (const node of nodes) {
    if (depth(node) > MAX_DEPTH) return null;
    const parsed = SerializedNodeSchema.safeParse(node);
    if (!parsed.success || !known(editor, parsed.data)) return null;
    checked.push(parsed.data);
  }
  return stripUnsafeLinks({ root: { type: 'root', version: 1, children: checked } }).root.children;
}

function depth(value: unknown, level = 1): number {
  if (level > MAX_DEPTH) return level;
  const children = typeof value === 'object' && value !== null ? (value as { children?: unknown }).children : undefined;
  if (!Array.isArray(children)) return level;
  let deepest = level;
  for (const child of children) deepest = Math.max(deepest, depth(child, level + 1));
  return deepest;
}

function known(editor: LexicalEditor, node: SerializedNode): boolean {
  if (!editor._nodes.has(node.type)) return false;
  if (isCustomBlockType(node.type) && !CUSTOM_BLOCKS[node.type].safeParse(node).success) return false;
  return (node.children ?? []).every((child) => known(editor, child));
}

/**
 * Copy and paste inside Copydesk keeps sector headings, figures and
 * contributor notes whole: their Lexical JSON is pasted (after the checks in
 * {@link clipboardNodes}) ahead of the sanitized-HTML path, which only knows
 * plain formatting. Pasted blocks carry the block ids they were copied with;
 * the block id transform gives them new ones.
 */
export function registerBlockPaste(editor: LexicalEditor): () => void {
  return editor.registerCommand(
    PASTE_COMMAND,
    (event) => {
      const data = 'clipboardData' in event ? event.clipboardData : null;
      const nodes = clipboardNodes(editor, data?.getData(LEXICAL_MIME) ?? '');
      // Command listeners run inside an update: the selection can be read and changed here.
      const selection = $getSelection();
      if (nodes === null || !$isRangeSelection(selection)) return false;
      event.preventDefault();
      $addUpdateTag(PASTE_TAG);
      selection.insertNodes(nodes.map((node) => $parseSerializedNode(node as SerializedLexicalNode)));
      return true;
    },
    COMMAND_PRIORITY_CRITICAL,
  );
}

export function BlockPastePlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerBlockPaste(editor), [editor]);
  return null;
}
