import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuTextMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isParagraphNode,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_LOW,
  KEY_DOWN_COMMAND,
  createCommand,
  type BaseSelection,
  type ElementNode,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Sector } from '../../../shared/model/anatomy.ts';
import { useSectors } from '../../hooks/useSectors.ts';
import { $createSectorHeadingNode, SectorHeadingNode } from '../nodes/SectorHeadingNode.tsx';
import { INSERT_CONTRIBUTOR_NOTE_COMMAND } from './ContributorNotePlugin.tsx';
import { $insertBlockAtCaret } from './insertBlock.ts';
import { SectorPicker } from './SectorPicker.tsx';

/** Inserts a sector heading for the given sector id at the caret's block. */
export const INSERT_SECTOR_HEADING_COMMAND = createCommand<string>('INSERT_SECTOR_HEADING_COMMAND');
/** Opens the sector picker (toolbar button, Ctrl/Cmd+Alt+S). */
export const OPEN_SECTOR_PICKER_COMMAND = createCommand<void>('OPEN_SECTOR_PICKER_COMMAND');

class SlashOption extends MenuOption {
  constructor(
    key: string,
    readonly label: string,
    readonly keywords: string,
    readonly run: (editor: LexicalEditor) => void,
  ) {
    super(key);
    this.title = label;
  }
}

const BASIC_BLOCKS: Array<{ key: string; label: string; run: (editor: LexicalEditor) => void }> = [
  { key: 'paragraph', label: 'Paragraph', run: (e) => setBlock(e, $createParagraphNode) },
  { key: 'h2', label: 'Heading 2', run: (e) => setBlock(e, () => $createHeadingNode('h2')) },
  { key: 'h3', label: 'Heading 3', run: (e) => setBlock(e, () => $createHeadingNode('h3')) },
  { key: 'bullet', label: 'Bulleted list', run: (e) => e.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined) },
  { key: 'number', label: 'Numbered list', run: (e) => e.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined) },
  { key: 'quote', label: 'Quote', run: (e) => setBlock(e, $createQuoteNode) },
];

function setBlock(editor: LexicalEditor, create: () => ElementNode): void {
  editor.update(() => {
    const selection = $getSelection();
    if ($isRangeSelection(selection)) $setBlocksType(selection, create);
  });
}

/**
 * The slash menu opens only for "/" typed at the start of an otherwise empty
 * paragraph: a slash inside a sentence ("24/7", "and/or") is just text.
 */
function slashTrigger(text: string, editor: LexicalEditor): MenuTextMatch | null {
  const match = /^\/([^/\n]{0,40})$/.exec(text);
  if (!match) return null;
  const whole = editor.getEditorState().read(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null;
    const block = selection.anchor.getNode().getTopLevelElement();
    return $isParagraphNode(block) ? block.getTextContent() : null;
  });
  if (whole !== text) return null;
  return { leadOffset: 0, matchingString: match[1]!, replaceableString: text };
}

const matches = (query: string, option: SlashOption) => {
  const q = query.trim().toLocaleLowerCase('en');
  return q === '' || `${option.label} ${option.keywords}`.toLocaleLowerCase('en').includes(q);
};

/**
 * Sector headings in the body: the INSERT command, the sector picker (toolbar
 * button and Ctrl/Cmd+Alt+S) and the slash menu ("/" at the start of an empty
 * paragraph), which also offers the contributor note and the basic blocks.
 */
export function SectorPlugin() {
  const [editor] = useLexicalComposerContext();
  const sectors = useSectors();
  const [picker, setPicker] = useState<{ selection: BaseSelection | null } | null>(null);
  const [query, setQuery] = useState<string | null>(null);

  if (!editor.hasNodes([SectorHeadingNode])) throw new Error('SectorPlugin: SectorHeadingNode is not registered on the editor');

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          INSERT_SECTOR_HEADING_COMMAND,
          (sectorId) => {
            if (!editor.isEditable()) return false;
            $insertBlockAtCaret($createSectorHeadingNode(sectorId));
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          OPEN_SECTOR_PICKER_COMMAND,
          () => {
            if (!editor.isEditable()) return false;
            setPicker({ selection: $getSelection()?.clone() ?? null });
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            // Ctrl/Cmd+Alt+S; `code` because Alt changes the character on macOS (ß).
            if (event.code !== 'KeyS' || !(event.ctrlKey || event.metaKey) || !event.altKey || event.shiftKey) return false;
            event.preventDefault();
            return editor.dispatchCommand(OPEN_SECTOR_PICKER_COMMAND, undefined);
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );

  const closePicker = useCallback(() => {
    setPicker(null);
    editor.focus();
  }, [editor]);

  const choose = useCallback(
    (sector: Sector) => {
      const selection = picker?.selection ?? null;
      setPicker(null);
      editor.update(() => {
        if (selection) $setSelection(selection.clone());
        $insertBlockAtCaret($createSectorHeadingNode(sector.id));
      });
      editor.focus();
    },
    [editor, picker],
  );

  const active = useMemo(() => sectors.filter((sector) => !sector.retired), [sectors]);
  const allOptions = useMemo(
    () => [
      ...active.map(
        (sector) =>
          new SlashOption(`sector:${sector.id}`, `Sector heading: ${sector.label}`, 'section', (e) => e.dispatchCommand(INSERT_SECTOR_HEADING_COMMAND, sector.id)),
      ),
      new SlashOption('contributor-note', 'Contributor note', 'credit intern', (e) => e.dispatchCommand(INSERT_CONTRIBUTOR_NOTE_COMMAND, undefined)),
      ...BASIC_BLOCKS.map((block) => new SlashOption(block.key, block.label, '', block.run)),
    ],
    [active],
  );
  const options = useMemo(() => allOptions.filter((option) => matches(query ?? '', option)), [allOptions, query]);

  const onSelectOption = useCallback(
    (option: SlashOption, textNode: TextNode | null, closeMenu: () => void) => {
      // Called inside the menu's update: a nested editor.update would be queued
      // until after the option ran, so the paragraph is cleared right here.
      // The "/query" typed to open the menu goes; the paragraph stays for the block to take its place.
      const selection = $getSelection();
      const anchor = textNode ?? ($isRangeSelection(selection) ? selection.anchor.getNode() : null);
      const block = anchor?.getTopLevelElement();
      if ($isParagraphNode(block) && block.getTextContent().startsWith('/')) {
        block.clear();
        block.select(0, 0);
      }
      option.run(editor);
      closeMenu();
    },
    [editor],
  );

  return (
    <>
      <LexicalTypeaheadMenuPlugin<SlashOption>
        options={options}
        onQueryChange={setQuery}
        onSelectOption={onSelectOption}
        triggerFn={slashTrigger}
        anchorClassName="slash-menu"
      />
      {picker && <SectorPicker sectors={active} onChoose={choose} onCancel={closePicker} />}
    </>
  );
}
