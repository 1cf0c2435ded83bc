import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Person } from '../../../shared/api/methods/people.ts';
import { MAX_COMMENT_LENGTH } from '../../../shared/api/methods/comments.ts';
import { useApi } from '../../api/context.tsx';

export interface MentionValue {
  text: string;
  /** People picked from the list, by id; only those whose "@Name" is still in the text are sent. */
  people: Array<{ id: string; name: string }>;
}

export const EMPTY_MENTION_VALUE: MentionValue = { text: '', people: [] };

/** The mentions to send with a comment: people picked whose "@Name" is still in the text. */
export function mentionIds(value: MentionValue): string[] {
  return [...new Set(value.people.filter((p) => value.text.includes(`@${p.name}`)).map((p) => p.id))];
}

/** The "@word" being typed just before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,40})$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

interface MentionTextareaProps {
  label: string;
  value: MentionValue;
  onChange: (value: MentionValue) => void;
  /** Ctrl/Cmd+Enter. */
  onSubmit: () => void;
  onCancel?: () => void;
  autoFocus?: boolean;
  placeholder?: string;
  disabled?: boolean;
  /** A one-line box that grows as it is filled (replies). */
  compact?: boolean;
}

/**
 * A plain-text box for a comment with @mention autocomplete from the people
 * directory (`people.list`): typing "@" and a few letters lists matching
 * people; ↑/↓ and Enter (or a click) pick one, Escape closes the list.
 */
export function MentionTextarea({ label, value, onChange, onSubmit, onCancel, autoFocus, placeholder, disabled, compact }: MentionTextareaProps) {
  const api = useApi();
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [options, setOptions] = useState<Person[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (query === null) return;
    let live = true;
    api
      .invoke('people.list', { query: query.query, limit: 8 })
      .then(({ items }) => {
        if (!live) return;
        setOptions(items);
        setActive(0);
      })
      .catch(() => live && setOptions([]));
    return () => {
      live = false;
    };
  }, [api, query]);

  const open = query !== null && options.length > 0;

  const update = (text: string, caret: number) => {
    onChange({ ...value, text });
    setQuery(mentionQuery(text, caret));
  };

  const pick = (person: Person) => {
    if (!query) return;
    const caret = ref.current?.selectionStart ?? value.text.length;
    const inserted = `@${person.name} `;
    const text = value.text.slice(0, query.start) + inserted + value.text.slice(caret);
    onChange({ text, people: [...value.people.filter((p) => p.id !== person.id), { id: person.id, name: person.name }] });
    setQuery(null);
    setOptions([]);
    const at = query.start + inserted.length;
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(options[active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <div className="mention-box">
      <textarea
        ref={ref}
        className={compact ? 'mention-box__input mention-box__input--compact' : 'mention-box__input'}
        aria-label={label}
        placeholder={placeholder}
        value={value.text}
        rows={compact ? 1 : 3}
        maxLength={MAX_COMMENT_LENGTH}
        disabled={disabled}
        // A textbox (not a combobox role) so it is found by its name; the list is announced through aria-activedescendant.
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(event) => update(event.target.value, event.target.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      {open && (
        <ul id={listId} className="mention-box__list" role="listbox" aria-label="People">
          {options.map((person, index) => (
            <li
              key={person.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'is-active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(person);
              }}
            >
              {person.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
