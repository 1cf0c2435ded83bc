import type { LexicalEditor } from 'lexical';
import { DEFAULT_PUBLICATION_SETTINGS, type PublicationSettings } from '../../../shared/model/publication.ts';

/**
 * The publication settings an editor renders with (sector labels, note
 * templates), for code that runs outside React: `exportDOM` (copy as HTML,
 * export) gets the editor but no hooks. The editor's plugins keep it current;
 * until they do, the defaults apply.
 */
const byEditor = new WeakMap<LexicalEditor, PublicationSettings>();

export function setEditorPublication(editor: LexicalEditor, settings: PublicationSettings): void {
  byEditor.set(editor, settings);
}

export function editorPublication(editor: LexicalEditor): PublicationSettings {
  return byEditor.get(editor) ?? DEFAULT_PUBLICATION_SETTINGS;
}
