import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createNodeSelection,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  $setSelection,
  HISTORY_PUSH_TAG,
  SKIP_DOM_SELECTION_TAG,
  type LexicalNode,
} from 'lexical';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SerializedDocument } from '../../shared/model/document.ts';
import { sectorLabel } from '../../shared/model/publication.ts';
import { sectionsOf } from '../../shared/model/sections.ts';
import { countText } from '../../shared/model/wordcount.ts';
import { useSectors } from '../hooks/useSectors.ts';
import { $isSectorHeadingNode } from './nodes/SectorHeadingNode.tsx';

/** Recounting sections on every keystroke is wasted work; a short pause is invisible. */
const OUTLINE_DELAY_MS = 150;

interface OutlineEntry {
  /** Node key of the heading; null for the opening (the blocks before the first heading). */
  headingKey: string | null;
  sectorId: string | null;
  words: number;
}

/**
 * The story's sections as the body holds them now: the opening, then one per
 * sector heading, each as its nodes (heading first). Mirrors `sectionsOf`.
 */
function $sectionNodes(): LexicalNode[][] {
  const sections: LexicalNode[][] = [[]];
  for (const block of $getRoot().getChildren()) {
    if ($isSectorHeadingNode(block)) sections.push([block]);
    else sections.at(-1)!.push(block);
  }
  return sections;
}

/**
 * Moves the section that starts with `headingKey` one section up or down,
 * heading and blocks together, in the current update. The opening stays first:
 * a section moves only among the other headed sections.
 */
export function $moveSection(headingKey: string, direction: 'up' | 'down'): boolean {
  const sections = $sectionNodes();
  const index = sections.findIndex((nodes, i) => i > 0 && nodes[0]!.getKey() === headingKey);
  if (index < 1) return false;
  // Moving a section down is moving the next one up.
  const moving = direction === 'up' ? index : index + 1;
  if (moving < 2 || moving >= sections.length) return false;
  const before = sections[moving - 1]![0]!;
  for (const node of sections[moving]!) before.insertBefore(node);
  return true;
}

function wordsLabel(words: number): string {
  return `${words.toLocaleString('en')} ${words === 1 ? 'word' : 'words'}`;
}

/**
 * The outline beside the editor: the story's sections with their word counts
 * (in the story's language). A click jumps to a section's heading; a section
 * moves up or down with its blocks in one undoable step.
 */
export function OutlinePanel({ language }: { language: string }) {
  const [editor] = useLexicalComposerContext();
  const sectors = useSectors();
  const [entries, setEntries] = useState<OutlineEntry[]>([]);
  const [editable, setEditable] = useState(() => editor.isEditable());
  const listRef = useRef<HTMLOListElement>(null);
  const refocus = useRef<{ key: string; direction: 'up' | 'down' } | null>(null);
  const readNow = useRef<() => void>(() => undefined);

  useEffect(() => editor.registerEditableListener(setEditable), [editor]);

  useEffect(() => {
    const read = () => {
      const state = editor.getEditorState();
      const doc = state.toJSON() as unknown as SerializedDocument;
      const keys = state.read(() => $sectionNodes().map((nodes, i) => (i === 0 ? null : nodes[0]!.getKey())));
      const next = sectionsOf(doc).map((section, i) => ({
        headingKey: keys[i] ?? null,
        sectorId: section.sectorId,
        words: countText(section.text, language).words,
      }));
      setEntries(next);
    };
    readNow.current = read;
    read();
    let timer: number | undefined;
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(read, OUTLINE_DELAY_MS);
    });
    return () => {
      window.clearTimeout(timer);
      unregister();
    };
  }, [editor, language]);

  // A moved section's button moves too; keep the keyboard where the user is.
  useEffect(() => {
    const target = refocus.current;
    if (!target || !listRef.current) return;
    refocus.current = null;
    // Only if the keyboard is still here (or was dropped when the button moved), never taken back from elsewhere.
    const active = document.activeElement;
    if (active !== null && active !== document.body && !listRef.current.contains(active)) return;
    const buttons = Array.from(listRef.current.querySelectorAll<HTMLButtonElement>(`button[data-heading="${target.key}"][data-move]`));
    const same = buttons.find((b) => b.dataset.move === target.direction && !b.disabled);
    (same ?? buttons.find((b) => !b.disabled))?.focus();
  }, [entries]);

  const jump = useCallback(
    (headingKey: string | null) => {
      editor.update(
        () => {
          if (headingKey === null) {
            const first = $getRoot().getFirstChild();
            if ($isElementNode(first)) first.selectStart();
            return;
          }
          if ($getNodeByKey(headingKey) === null) return;
          const selection = $createNodeSelection();
          selection.add(headingKey);
          $setSelection(selection);
        },
        {
          onUpdate: () => {
            const element = headingKey === null ? editor.getRootElement() : editor.getElementByKey(headingKey);
            element?.scrollIntoView({ block: 'start', behavior: 'smooth' });
            editor.getRootElement()?.focus({ preventScroll: true });
          },
        },
      );
    },
    [editor],
  );

  const move = useCallback(
    (headingKey: string, direction: 'up' | 'down') => {
      refocus.current = { key: headingKey, direction };
      // One update, pushed as its own history entry: Ctrl+Z puts the whole section back.
      // The DOM selection is left alone so the keyboard stays in the outline.
      editor.update(() => void $moveSection(headingKey, direction), { tag: [HISTORY_PUSH_TAG, SKIP_DOM_SELECTION_TAG], onUpdate: () => readNow.current() });
    },
    [editor],
  );

  const headed = entries.filter((entry) => entry.headingKey !== null);
  const shown = entries.filter((entry, i) => i > 0 || entry.words > 0 || headed.length === 0);
  return (
    <aside className="outline" aria-label="Outline">
      <h2 className="outline__title">Outline</h2>
      {headed.length === 0 && <p className="outline__hint">Add a sector heading (toolbar, “/” or Ctrl+Alt+S) to start a section.</p>}
      <ol ref={listRef} className="outline__list">
        {shown.map((entry) => {
          const label = entry.sectorId === null ? 'Opening' : sectorLabel(sectors, entry.sectorId) || 'Untitled section';
          const position = entry.headingKey === null ? -1 : headed.findIndex((h) => h.headingKey === entry.headingKey);
          return (
            <li key={entry.headingKey ?? 'opening'} className={`outline__item${entry.headingKey === null ? ' outline__item--opening' : ''}`}>
              <button
                type="button"
                className="outline__jump"
                aria-label={`${label}, ${wordsLabel(entry.words)}`}
                onClick={() => jump(entry.headingKey)}
              >
                <span className="outline__label">{label}</span>
                <span className="outline__count">{wordsLabel(entry.words)}</span>
              </button>
              {entry.headingKey !== null && editable && (
                <span className="outline__moves">
                  <button
                    type="button"
                    className="outline__move"
                    data-heading={entry.headingKey}
                    data-move="up"
                    aria-label={`Move ${label} up`}
                    title="Move section up"
                    disabled={position <= 0}
                    onClick={() => move(entry.headingKey!, 'up')}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className="outline__move"
                    data-heading={entry.headingKey}
                    data-move="down"
                    aria-label={`Move ${label} down`}
                    title="Move section down"
                    disabled={position >= headed.length - 1}
                    onClick={() => move(entry.headingKey!, 'down')}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
