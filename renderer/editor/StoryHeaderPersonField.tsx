import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Person } from '../../shared/api/methods/people.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';

interface PersonFieldProps {
  name: string;
  personId: string | null;
  readOnly: boolean;
  /** A typed name has no person id; a picked or added one has. */
  onChange: (value: { name: string; personId: string | null }) => void;
  autoFocus?: boolean;
}

type Option = { kind: 'person'; person: Person } | { kind: 'add'; name: string };

const SUGGESTION_DELAY_MS = 120;
const MAX_SUGGESTIONS = 8;

const sameName = (a: string, b: string) => a.normalize('NFC').trim().toLocaleLowerCase() === b.normalize('NFC').trim().toLocaleLowerCase();

/**
 * A contributor's name with autocomplete from the people directory (ARIA 1.2
 * combobox with a listbox popup). A name not in the directory can be added
 * to it from the list ("Add “name” to the directory"); a name typed and left
 * as it is still credits that person, just without a directory entry.
 */
export function StoryHeaderPersonField({ name, personId, readOnly, onChange, autoFocus }: PersonFieldProps) {
  const api = useApi();
  const listId = useId();
  const optionId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const requestRef = useRef(0);

  // Suggestions follow what is typed, a moment after typing stops.
  useEffect(() => {
    if (!open) return;
    const request = ++requestRef.current;
    const timer = window.setTimeout(() => {
      api
        .invoke('people.list', { query: name.slice(0, 120), limit: MAX_SUGGESTIONS })
        .then((reply) => {
          if (request === requestRef.current) setPeople(reply.items);
        })
        .catch(() => {
          // Suggestions are a help, not a requirement: typing a name still works.
          if (request === requestRef.current) setPeople([]);
        });
    }, SUGGESTION_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [api, name, open]);

  const typed = name.trim();
  const options: Option[] = people.map((person) => ({ kind: 'person', person }));
  if (typed !== '' && !people.some((person) => sameName(person.name, typed))) options.push({ kind: 'add', name: typed });
  const expanded = open && options.length > 0;
  const activeIndex = active < options.length ? active : -1;

  const choose = (option: Option) => {
    setOpen(false);
    setActive(-1);
    setError(null);
    if (option.kind === 'person') {
      onChange({ name: option.person.name, personId: option.person.id });
      return;
    }
    setAdding(true);
    api
      .invoke('people.create', { name: option.name })
      .then(({ person }) => onChange({ name: person.name, personId: person.id }))
      .catch((reason: unknown) => setError(`“${option.name}” was not added to the directory. ${errorMessage(reason)}`))
      .finally(() => setAdding(false));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(event.key === 'ArrowDown' ? 0 : options.length - 1);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (options.length === 0 ? -1 : (current + step + options.length) % options.length));
    } else if (event.key === 'Enter') {
      const option = expanded && activeIndex >= 0 ? options[activeIndex] : undefined;
      if (option) {
        event.preventDefault();
        choose(option);
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="person-field">
      <input
        className="person-field__input"
        role="combobox"
        aria-label="Contributor name"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && activeIndex >= 0 ? `${optionId}-${activeIndex}` : undefined}
        aria-busy={adding || undefined}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Name"
        maxLength={120}
        value={name}
        readOnly={readOnly}
        autoFocus={autoFocus}
        onChange={(event) => {
          onChange({ name: event.target.value, personId: null });
          setError(null);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => {
          if (!readOnly && personId === null) setOpen(true);
        }}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
        onKeyDown={readOnly ? undefined : onKeyDown}
      />
      {personId !== null && (
        <span className="person-field__linked" title="In the people directory">
          <span className="visually-hidden">In the people directory</span>
        </span>
      )}
      <ul id={listId} role="listbox" aria-label="People" className="person-field__list" hidden={!expanded}>
        {expanded &&
          options.map((option, index) => (
            <li
              key={option.kind === 'person' ? option.person.id : 'add'}
              id={`${optionId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className={`person-field__option${option.kind === 'add' ? ' person-field__option--add' : ''}`}
              // Keep focus in the input, so choosing does not blur (and close) first.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(option)}
            >
              {option.kind === 'person' ? option.person.name : `Add \u201C${option.name}\u201D to the directory`}
            </li>
          ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
