import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $generateNodesFromDOM } from '@lexical/html';
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND, PASTE_TAG, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import { sanitizePastedHtml } from '../../lib/sanitizeHtml.ts';

/**
 * Pasted HTML goes through DOMPurify (see lib/sanitizeHtml.ts) before Lexical
 * sees it. Registered above the rich-text plugin's own PASTE handler, which
 * would otherwise import the clipboard's HTML as it is. Pastes without HTML
 * are left to that handler, which inserts them as plain text.
 */
export function PasteSanitizePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null;
          const html = data?.getData('text/html') ?? '';
          if (!html.trim()) return false;
          event.preventDefault();
          $pasteSanitizedHtml(editor, html);
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}

function $pasteSanitizedHtml(editor: LexicalEditor, html: string): void {
  editor.update(
    () => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const nodes = $generateNodesFromDOM(editor, sanitizePastedHtml(html));
      if (nodes.length > 0) selection.insertNodes(nodes);
    },
    { tag: PASTE_TAG },
  );
}
