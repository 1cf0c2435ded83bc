import { $createLinkNode, $isLinkNode, $toggleLink, AutoLinkNode, LinkNode } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LinkPlugin as LexicalLinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { $findMatchingParent, mergeRegister } from '@lexical/utils';
import {
  $createTextNode,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_LOW,
  COMMAND_PRIORITY_NORMAL,
  KEY_DOWN_COMMAND,
  createCommand,
  type BaseSelection,
  type LexicalNode,
} from 'lexical';
import { useCallback, useEffect, useState } from 'react';
import { isSafeLinkUrl, safeLinkUrl } from '../../../shared/model/links.ts';
import { LinkForm } from './LinkForm.tsx';

/**
 * Module-level on purpose: Lexical's LinkPlugin re-applies its attributes to
 * every link (an editor update) whenever this object changes identity.
 */
const LINK_ATTRIBUTES = { rel: 'noreferrer noopener', target: null } as const;

/** Opens the link form for the current selection (toolbar button, Ctrl/Cmd+K). */
export const OPEN_LINK_FORM_COMMAND = createCommand<void>('OPEN_LINK_FORM_COMMAND');

interface FormState {
  selection: BaseSelection | null;
  initialUrl: string;
  editing: boolean;
}

/**
 * Links in the body: the link form, Lexical's own TOGGLE_LINK_COMMAND handling
 * (with our address check), and a transform that unwraps any link whose
 * address is not http:, https: or mailto: however it got in (paste, import,
 * markdown, another version of Copydesk) — the text stays, the link goes.
 */
export function LinkPlugin() {
  const [editor] = useLexicalComposerContext();
  const [form, setForm] = useState<FormState | null>(null);

  if (!editor.hasNodes([LinkNode])) throw new Error('LinkPlugin: LinkNode is not registered on the editor');

  useEffect(
    () =>
      mergeRegister(
        editor.registerNodeTransform(LinkNode, $guardLink),
        editor.registerNodeTransform(AutoLinkNode, $guardLink),
        editor.registerCommand(
          OPEN_LINK_FORM_COMMAND,
          () => {
            if (!editor.isEditable()) return false;
            const selection = $getSelection();
            const link = $isRangeSelection(selection) ? $linkAt(selection.anchor.getNode()) : null;
            setForm({ selection: selection?.clone() ?? null, initialUrl: link?.getURL() ?? '', editing: link !== null });
            return true;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return false;
            event.preventDefault();
            return editor.dispatchCommand(OPEN_LINK_FORM_COMMAND, undefined);
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );

  const close = useCallback(() => {
    setForm(null);
    editor.focus();
  }, [editor]);

  /** Returns an error message, or null when the link was applied. */
  const apply = useCallback(
    (input: string): string | null => {
      const check = safeLinkUrl(input);
      if (!check.ok) return check.message;
      const saved = form?.selection ?? null;
      editor.update(() => {
        if (saved) $setSelection(saved.clone());
        $applyLink(check.url, input.trim());
      });
      close();
      return null;
    },
    [editor, form, close],
  );

  const remove = useCallback(() => {
    const saved = form?.selection ?? null;
    editor.update(() => {
      if (saved) $setSelection(saved.clone());
      $removeLink();
    });
    close();
  }, [editor, form, close]);

  return (
    <>
      <LexicalLinkPlugin validateUrl={isSafeLinkUrl} attributes={LINK_ATTRIBUTES} />
      {form && (
        <LinkForm initialUrl={form.initialUrl} editing={form.editing} onApply={apply} onRemove={remove} onCancel={close} />
      )}
    </>
  );
}

function $linkAt(node: LexicalNode): LinkNode | null {
  return $findMatchingParent(node, (n): n is LinkNode => $isLinkNode(n)) as LinkNode | null;
}

/** Node transform: an unsafe address unwraps the link; a safe one is stored normalized. */
function $guardLink(link: LinkNode): void {
  const check = safeLinkUrl(link.getURL());
  if (!check.ok) {
    for (const child of link.getChildren()) link.insertBefore(child);
    link.remove();
  } else if (check.url !== link.getURL()) {
    link.setURL(check.url);
  }
}

function $applyLink(url: string, typed: string): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  const existing = $linkAt(selection.anchor.getNode());
  if (selection.isCollapsed()) {
    if (existing) {
      existing.setURL(url);
      return;
    }
    // Nothing selected: insert the address itself as the link text.
    const link = $createLinkNode(url, LINK_ATTRIBUTES);
    link.append($createTextNode(typed));
    selection.insertNodes([link]);
    return;
  }
  $toggleLink(url, LINK_ATTRIBUTES);
}

function $removeLink(): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  const existing = $linkAt(selection.anchor.getNode());
  if (selection.isCollapsed() && existing) {
    for (const child of existing.getChildren()) existing.insertBefore(child);
    existing.remove();
    return;
  }
  $toggleLink(null);
}
