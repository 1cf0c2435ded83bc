import { createHeadlessEditor } from '@lexical/headless';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { LexicalEditor } from 'lexical';
import type { SerializedDocument, SerializedNode } from '../../../../../shared/model/document.ts';
import { ContributorNoteNode } from '../../../../../renderer/editor/nodes/ContributorNoteNode.tsx';
import { SectorHeadingNode } from '../../../../../renderer/editor/nodes/SectorHeadingNode.tsx';

/** A headless editor with the story's nodes, as the app registers them. */
export function storyEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'test',
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, SectorHeadingNode, ContributorNoteNode],
    onError: (error) => {
      throw error;
    },
  });
}

/** Loads a serialized body into the editor, as opening a story does. */
export function load(editor: LexicalEditor, doc: SerializedDocument): void {
  editor.setEditorState(editor.parseEditorState(JSON.stringify(doc)));
}

export function exported(editor: LexicalEditor): SerializedDocument {
  return editor.getEditorState().toJSON() as unknown as SerializedDocument;
}

/** A body in exactly the shape Lexical exports (so a round trip can be compared with toEqual). */
export function body(...children: SerializedNode[]): SerializedDocument {
  return { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } };
}

export function para(text: string, blockId?: string): SerializedNode {
  return {
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: text === '' ? [] : [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
    ...(blockId ? { $: { blockId } } : {}),
  };
}

/** Lets queued (non-discrete) updates and their listeners run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
