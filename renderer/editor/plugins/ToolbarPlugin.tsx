import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Icon, TextGlyph, type IconName } from '../../components/Icon.tsx';
import { $setBlocksTypeKeepingIds } from '../nodes/blockId.ts';
import { INSERT_CONTRIBUTOR_NOTE_COMMAND } from './ContributorNotePlugin.tsx';
import { OPEN_FIGURE_PICKER_COMMAND } from './figureCommands.ts';
import { OPEN_LINK_FORM_COMMAND } from './LinkPlugin.tsx';
import { OPEN_SECTOR_PICKER_COMMAND } from './SectorPlugin.tsx';
import { $readToolbarState, EMPTY_TOOLBAR_STATE, sameToolbarState, type ToolbarState } from './toolbarState.ts';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = IS_MAC ? '⌘' : 'Ctrl+';
const ARIA_MOD = IS_MAC ? 'Meta' : 'Control';

interface ToolDef {
  name: string;
  label: string;
  icon: IconName | { glyph: string };
  shortcut?: { shown: string; aria: string };
  pressed?: (state: ToolbarState) => boolean;
  run: (editor: LexicalEditor, state: ToolbarState) => void;
  enabled?: (history: { canUndo: boolean; canRedo: boolean }) => boolean;
}

const toggleBlock = (editor: LexicalEditor, active: boolean, create: () => ElementNode) =>
  editor.update(() => {
    const selection = $getSelection();
    // A new type is a new Lexical node; the block keeps its id (comments and diffs address it).
    if ($isRangeSelection(selection)) $setBlocksTypeKeepingIds(selection, active ? $createParagraphNode : create);
  });

const GROUPS: ToolDef[][] = [
  [
    { name: 'bold', label: 'Bold', icon: 'bold', shortcut: { shown: `${MOD}B`, aria: `${ARIA_MOD}+B` }, pressed: (s) => s.bold, run: (e) => e.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold') },
    { name: 'italic', label: 'Italic', icon: 'italic', shortcut: { shown: `${MOD}I`, aria: `${ARIA_MOD}+I` }, pressed: (s) => s.italic, run: (e) => e.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic') },
    { name: 'underline', label: 'Underline', icon: 'underline', shortcut: { shown: `${MOD}U`, aria: `${ARIA_MOD}+U` }, pressed: (s) => s.underline, run: (e) => e.dispatchCommand(FORMAT_TEXT_COMMAND, 'underline') },
    { name: 'strikethrough', label: 'Strikethrough', icon: 'strikethrough', pressed: (s) => s.strikethrough, run: (e) => e.dispatchCommand(FORMAT_TEXT_COMMAND, 'strikethrough') },
  ],
  [
    { name: 'h2', label: 'Heading 2', icon: { glyph: 'H2' }, pressed: (s) => s.block === 'h2', run: (e, s) => toggleBlock(e, s.block === 'h2', () => $createHeadingNode('h2')) },
    { name: 'h3', label: 'Heading 3', icon: { glyph: 'H3' }, pressed: (s) => s.block === 'h3', run: (e, s) => toggleBlock(e, s.block === 'h3', () => $createHeadingNode('h3')) },
    {
      name: 'bullet',
      label: 'Bulleted list',
      icon: 'bulletList',
      pressed: (s) => s.block === 'bullet',
      run: (e, s) => (s.block === 'bullet' ? e.dispatchCommand(REMOVE_LIST_COMMAND, undefined) : e.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined)),
    },
    {
      name: 'number',
      label: 'Numbered list',
      icon: 'numberList',
      pressed: (s) => s.block === 'number',
      run: (e, s) => (s.block === 'number' ? e.dispatchCommand(REMOVE_LIST_COMMAND, undefined) : e.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined)),
    },
    { name: 'quote', label: 'Quote', icon: 'quote', pressed: (s) => s.block === 'quote', run: (e, s) => toggleBlock(e, s.block === 'quote', $createQuoteNode) },
  ],
  [
    {
      name: 'sector',
      label: 'Sector heading',
      icon: { glyph: '§' },
      shortcut: IS_MAC ? { shown: '⌥⌘S', aria: 'Alt+Meta+S' } : { shown: 'Ctrl+Alt+S', aria: 'Control+Alt+S' },
      run: (e) => e.dispatchCommand(OPEN_SECTOR_PICKER_COMMAND, undefined),
    },
    { name: 'note', label: 'Contributor note', icon: { glyph: '( )' }, run: (e) => e.dispatchCommand(INSERT_CONTRIBUTOR_NOTE_COMMAND, undefined) },
    { name: 'image', label: 'Insert image', icon: 'image', run: (e) => e.dispatchCommand(OPEN_FIGURE_PICKER_COMMAND, undefined) },
  ],
  [
    { name: 'link', label: 'Link', icon: 'link', shortcut: { shown: `${MOD}K`, aria: `${ARIA_MOD}+K` }, pressed: (s) => s.link, run: (e) => e.dispatchCommand(OPEN_LINK_FORM_COMMAND, undefined) },
  ],
  [
    { name: 'undo', label: 'Undo', icon: 'undo', shortcut: { shown: `${MOD}Z`, aria: `${ARIA_MOD}+Z` }, enabled: (h) => h.canUndo, run: (e) => e.dispatchCommand(UNDO_COMMAND, undefined) },
    {
      name: 'redo',
      label: 'Redo',
      icon: 'redo',
      shortcut: IS_MAC ? { shown: '⇧⌘Z', aria: 'Shift+Meta+Z' } : { shown: 'Ctrl+Y', aria: 'Control+Y' },
      enabled: (h) => h.canRedo,
      run: (e) => e.dispatchCommand(REDO_COMMAND, undefined),
    },
  ],
];

/**
 * The formatting toolbar: one tab stop, arrow keys move between buttons
 * (WAI-ARIA toolbar pattern), aria-pressed mirrors the selection.
 */
export function ToolbarPlugin({ children }: { children?: ReactNode }) {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(EMPTY_TOOLBAR_STATE);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [editable, setEditable] = useState(() => editor.isEditable());
  const [current, setCurrent] = useState('bold');
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Only a real difference re-renders the toolbar (it is read after every update).
    const apply = (next: ToolbarState) => setState((prev) => (sameToolbarState(prev, next) ? prev : next));
    const refresh = () => apply(editor.getEditorState().read($readToolbarState));
    return mergeRegister(
      editor.registerUpdateListener(({ editorState }) => apply(editorState.read($readToolbarState))),
      editor.registerCommand(
        SELECTION_CHANGE_COMMAND,
        () => {
          refresh();
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        CAN_UNDO_COMMAND,
        (canUndo) => {
          setHistory((h) => ({ ...h, canUndo }));
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        CAN_REDO_COMMAND,
        (canRedo) => {
          setHistory((h) => ({ ...h, canRedo }));
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerEditableListener(setEditable),
    );
  }, [editor]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys = ['ArrowRight', 'ArrowLeft', 'Home', 'End'];
    if (!keys.includes(event.key)) return;
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button[data-tool]:not(:disabled)') ?? []);
    const index = buttons.findIndex((b) => b === document.activeElement);
    if (index < 0 || buttons.length === 0) return;
    event.preventDefault();
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    const button = buttons[next];
    if (button) {
      setCurrent(button.dataset.tool ?? 'bold');
      button.focus();
    }
  };

  return (
    <div className="toolbar-wrap">
      <div ref={ref} className="toolbar" role="toolbar" aria-label="Formatting" aria-controls="story-body" onKeyDown={onKeyDown}>
        {GROUPS.map((group, groupIndex) => (
          <div key={groupIndex} className="toolbar__group">
            {group.map((tool) => {
              const enabled = editable && (tool.enabled?.(history) ?? true);
              const pressed = tool.pressed?.(state);
              return (
                <button
                  key={tool.name}
                  type="button"
                  className="tool"
                  data-tool={tool.name}
                  aria-label={tool.label}
                  aria-pressed={pressed === undefined ? undefined : pressed}
                  aria-keyshortcuts={tool.shortcut?.aria}
                  title={tool.shortcut ? `${tool.label} (${tool.shortcut.shown})` : tool.label}
                  tabIndex={tool.name === current ? 0 : -1}
                  disabled={!enabled}
                  // Keep the caret in the body when a button is clicked with the mouse.
                  onMouseDown={(event) => event.preventDefault()}
                  onFocus={() => setCurrent(tool.name)}
                  onClick={() => tool.run(editor, state)}
                >
                  {typeof tool.icon === 'string' ? <Icon name={tool.icon} /> : <TextGlyph>{tool.icon.glyph}</TextGlyph>}
                </button>
              );
            })}
          </div>
        ))}
      </div>
      {children}
    </div>
  );
}
