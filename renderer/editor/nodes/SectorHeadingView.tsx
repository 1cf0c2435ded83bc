import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalNodeSelection } from '@lexical/react/useLexicalNodeSelection';
import { CLICK_COMMAND, COMMAND_PRIORITY_LOW, getComposedEventTarget } from 'lexical';
import { useEffect } from 'react';
import { useSectors } from '../../hooks/useSectors.ts';

/**
 * How a sector heading looks in the editor: the sector's current label; a
 * retired sector still shows its label, marked as retired; an id the
 * taxonomy does not know shows the id itself, flagged, so nothing is hidden.
 */
export function SectorHeadingView({ sectorId, nodeKey }: { sectorId: string; nodeKey: string }) {
  const [editor] = useLexicalComposerContext();
  const [selected, setSelected, clearSelection] = useLexicalNodeSelection(nodeKey);
  const sector = useSectors().find((s) => s.id === sectorId);

  useEffect(
    () =>
      editor.registerCommand(
        CLICK_COMMAND,
        (event) => {
          const element = editor.getElementByKey(nodeKey);
          const target = getComposedEventTarget(event);
          if (element === null || !(target instanceof Node) || !element.contains(target)) return false;
          if (!event.shiftKey) clearSelection();
          setSelected(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [clearSelection, editor, nodeKey, setSelected],
  );

  const state = sector === undefined ? 'unknown' : sector.retired ? 'retired' : 'active';
  return (
    <h2
      className={`sector-heading sector-heading--${state}${selected ? ' is-selected' : ''}`}
      data-sector={sectorId}
      title={state === 'unknown' ? `Sector "${sectorId}" is not in the publication's sector list` : undefined}
    >
      <span className="sector-heading__label">{sector?.label ?? sectorId}</span>
      {state === 'retired' && <span className="sector-heading__flag">retired</span>}
      {state === 'unknown' && <span className="sector-heading__flag">unknown sector</span>}
    </h2>
  );
}
