import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Sector } from '../../../shared/model/anatomy.ts';

interface SectorPickerProps {
  /** Active sectors only: retired ones stay in old stories but start no new sections. */
  sectors: readonly Sector[];
  onChoose: (sector: Sector) => void;
  onCancel: () => void;
}

/**
 * The popover under the toolbar that lists the publication's sectors: type to
 * filter, arrow keys to move, Enter to insert, Escape to close.
 */
export function SectorPicker({ sectors, onChoose, onCancel }: SectorPickerProps) {
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const panelRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const titleId = useId();

  const shown = sectors.filter((sector) => sector.label.toLocaleLowerCase('en').includes(filter.trim().toLocaleLowerCase('en')));
  const current = Math.min(active, Math.max(shown.length - 1, 0));

  useEffect(() => inputRef.current?.focus(), []);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (panelRef.current && event.target instanceof Node && !panelRef.current.contains(event.target)) onCancel();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onCancel]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (shown.length > 0) setActive((current + (event.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : shown.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const sector = shown[current];
      if (sector) onChoose(sector);
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div ref={panelRef} className="sector-picker" role="dialog" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <p id={titleId} className="sector-picker__title">
        Choose a sector
      </p>
      <input
        ref={inputRef}
        className="sector-picker__filter"
        type="text"
        role="combobox"
        aria-label="Filter sectors"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown.length > 0 ? optionId(current) : undefined}
        autoComplete="off"
        placeholder="Filter sectors"
        value={filter}
        onChange={(event) => {
          setFilter(event.target.value);
          setActive(0);
        }}
      />
      <ul id={listId} className="sector-picker__list" role="listbox" aria-label="Choose a sector">
        {shown.map((sector, index) => (
          <li
            key={sector.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className={`sector-picker__option${index === current ? ' is-active' : ''}`}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => onChoose(sector)}
          >
            {sector.label}
          </li>
        ))}
      </ul>
      {shown.length === 0 && (
        <p className="sector-picker__empty" role="status">
          {sectors.length === 0 ? 'No active sectors. Add one in Settings.' : 'No sector matches.'}
        </p>
      )}
    </div>
  );
}
