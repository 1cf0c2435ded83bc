import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey } from 'lexical';
import { useEffect, useId, useRef, useState } from 'react';
import { NOTE_ROLES, type NoteEntry, type NoteRole } from '../../../shared/model/anatomy.ts';
import { formatContributorNote, NOTE_ROLE_LABELS } from '../../../shared/model/credits.ts';
import { usePublicationSettings } from '../../hooks/useSectors.ts';
import { StoryHeaderPersonField } from '../StoryHeaderPersonField.tsx';
import { $isContributorNoteNode } from './ContributorNoteNode.tsx';

const MAX_ENTRIES = 30;

interface Row {
  key: number;
  personId: string | null;
  name: string;
  role: NoteRole;
}

let nextRowKey = 1;
const toRows = (entries: readonly NoteEntry[]): Row[] => entries.map((entry) => ({ key: nextRowKey++, ...entry }));

/** What the node stores: rows with a name (a row still empty is kept only here). */
function toEntries(rows: readonly Row[]): NoteEntry[] {
  return rows
    .filter((row) => row.name.trim() !== '')
    .map((row) => ({ personId: row.personId, name: row.name.trim(), role: row.role }));
}

const sameEntries = (a: readonly NoteEntry[], b: readonly NoteEntry[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The contributor note in the editor: the printed sentence, and a row per
 * contributor (name + role) to edit it. Every change to a complete row is
 * written to the node at once, so autosave and undo see it.
 */
export function ContributorNoteView({ contributors, nodeKey }: { contributors: readonly NoteEntry[]; nodeKey: string }) {
  const [editor] = useLexicalComposerContext();
  const { noteTemplates } = usePublicationSettings();
  const [rows, setRows] = useState<Row[]>(() => (contributors.length > 0 ? toRows(contributors) : [{ key: nextRowKey++, personId: null, name: '', role: 'intern' }]));
  const [editable, setEditable] = useState(() => editor.isEditable());
  const committed = useRef<readonly NoteEntry[]>(contributors);
  // The row to focus when it mounts: the first of a new note, or one just added.
  const [focusKey, setFocusKey] = useState<number | null>(() => (contributors.length === 0 ? (rows[0]?.key ?? null) : null));
  const headingId = useId();
  const sentenceId = useId();

  useEffect(() => editor.registerEditableListener(setEditable), [editor]);

  // Undo, redo or a reload changed the node: show what it now holds.
  useEffect(() => {
    if (sameEntries(contributors, committed.current)) return;
    committed.current = contributors;
    setRows(toRows(contributors));
  }, [contributors]);

  const update = (next: Row[]) => {
    setRows(next);
    const entries = toEntries(next);
    if (sameEntries(entries, committed.current)) return;
    committed.current = entries;
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if ($isContributorNoteNode(node)) node.setContributors(entries);
    });
  };

  const change = (key: number, patch: Partial<Row>) => update(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  const add = () => {
    const row: Row = { key: nextRowKey++, personId: null, name: '', role: rows.at(-1)?.role ?? 'intern' };
    setFocusKey(row.key);
    setRows([...rows, row]);
  };

  const remove = (key: number) => update(rows.filter((row) => row.key !== key));

  const sentence = formatContributorNote(toEntries(rows), noteTemplates);
  return (
    <div className="contributor-note" role="group" aria-labelledby={headingId} aria-describedby={sentenceId}>
      <span id={headingId} className="contributor-note__title">
        Contributor note
      </span>
      <p id={sentenceId} className={`contributor-note__sentence${sentence === '' ? ' is-empty' : ''}`}>
        {sentence === '' ? 'Add a contributor to print the note.' : sentence}
      </p>
      {editable && (
        <>
          <ul className="contributor-note__rows">
            {rows.map((row) => (
              <li key={row.key} className="contributor-note__row">
                <StoryHeaderPersonField
                  name={row.name}
                  personId={row.personId}
                  readOnly={!editable}
                  autoFocus={focusKey === row.key}
                  onChange={(person) => change(row.key, person)}
                />
                <select
                  className="input"
                  aria-label="Contributor role"
                  value={row.role}
                  onChange={(event) => change(row.key, { role: event.target.value as NoteRole })}
                >
                  {NOTE_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {NOTE_ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  aria-label="Remove contributor from note"
                  title={row.name.trim() ? `Remove ${row.name.trim()}` : 'Remove this row'}
                  onClick={() => remove(row.key)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button button--small" onClick={add} disabled={rows.length >= MAX_ENTRIES}>
            Add contributor to note
          </button>
        </>
      )}
    </div>
  );
}
