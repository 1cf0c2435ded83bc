import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_EDITOR, createCommand } from 'lexical';
import { useCallback, useEffect } from 'react';
import type { NoteEntry } from '../../../shared/model/anatomy.ts';
import type { PublicationSettings } from '../../../shared/model/publication.ts';
import { usePublicationSettingsEffect } from '../../hooks/useSectors.ts';
import { $createContributorNoteNode, ContributorNoteNode } from '../nodes/ContributorNoteNode.tsx';
import { setEditorPublication } from '../nodes/publication.ts';
import { $insertBlockAtCaret } from './insertBlock.ts';

/** Inserts a contributor note at the caret's block, with the given entries (none: an empty note to fill in). */
export const INSERT_CONTRIBUTOR_NOTE_COMMAND = createCommand<readonly NoteEntry[] | undefined>('INSERT_CONTRIBUTOR_NOTE_COMMAND');

/**
 * Contributor notes in the body: the INSERT command (toolbar button
 * "Contributor note", slash menu). Also keeps the editor's publication
 * settings current for exportDOM, which prints notes and sector labels.
 */
export function ContributorNotePlugin() {
  const [editor] = useLexicalComposerContext();

  if (!editor.hasNodes([ContributorNoteNode])) throw new Error('ContributorNotePlugin: ContributorNoteNode is not registered on the editor');

  useEffect(
    () =>
      editor.registerCommand(
        INSERT_CONTRIBUTOR_NOTE_COMMAND,
        (entries) => {
          if (!editor.isEditable()) return false;
          $insertBlockAtCaret($createContributorNoteNode(entries ?? []));
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
    [editor],
  );

  const remember = useCallback((settings: PublicationSettings) => setEditorPublication(editor, settings), [editor]);
  usePublicationSettingsEffect(remember);
  return null;
}
