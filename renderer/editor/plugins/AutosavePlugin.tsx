import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';

/** Updates tagged with this are not edits (e.g. loading the stored version). */
export const SKIP_AUTOSAVE_TAG = 'copydesk-skip-autosave';

/** Tells autosave about every change to the body's content (not mere selection moves). */
export function AutosavePlugin({ onChange }: { onChange: () => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags, prevEditorState }) => {
        if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
        if (tags.has(SKIP_AUTOSAVE_TAG)) return;
        // Loading the stored body, or re-rendering a read-only (trashed) story, is not an edit.
        if (prevEditorState.isEmpty() || !editor.isEditable()) return;
        onChange();
      }),
    [editor, onChange],
  );
  return null;
}
