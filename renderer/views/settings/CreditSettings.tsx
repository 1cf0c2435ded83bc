import { useRef, useState } from 'react';
import { NOTE_ROLES, type NoteRole } from '../../../shared/model/anatomy.ts';
import {
  BylineFormat,
  NOTE_ROLE_LABELS,
  NoteTemplates,
  formatByline,
  formatContributorNote,
  type BylineFormat as BylineFormatValue,
  type NoteTemplates as NoteTemplatesValue,
} from '../../../shared/model/credits.ts';
import { useSettings } from '../../hooks/useSettings.ts';
import { useSettingsUpdate } from './useSettingsUpdate.ts';

const SAMPLE_AUTHORS = [
  { personId: null, name: 'Vivian Yan', role: 'author' as const },
  { personId: null, name: 'Peng Qin', role: 'author' as const },
];

/** How the byline prints: the word before the names, and whether names are in capitals. */
export function BylineFormatSettings() {
  const { settings } = useSettings();
  const { update, error } = useSettingsUpdate();
  // Edits not yet accepted; null shows the stored format (and follows changes made elsewhere).
  const [edits, setEdits] = useState<BylineFormatValue | null>(null);
  const latest = useRef<BylineFormatValue | null>(null);
  const draft = edits ?? settings.bylineFormat;

  const commit = async (next: BylineFormatValue) => {
    setEdits(next);
    latest.current = next;
    const parsed = BylineFormat.safeParse(next);
    if (!parsed.success) return;
    // Only the newest change may end editing: an older reply must not show older settings.
    if ((await update({ bylineFormat: parsed.data })) && latest.current === next) setEdits(null);
  };

  return (
    <section className="settings-section" aria-labelledby="settings-byline-title">
      <h2 id="settings-byline-title" className="settings-section__title">
        Byline format
      </h2>
      <div className="settings-fields" role="group" aria-label="Byline format">
        <label className="settings-field">
          <span className="settings-field__label">Byline prefix</span>
          <input
            className="text-input settings-field__short"
            value={draft.prefix}
            maxLength={40}
            onChange={(event) => {
              latest.current = { ...draft, prefix: event.target.value };
              setEdits(latest.current);
            }}
            onBlur={() => void commit(draft)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.currentTarget.blur();
            }}
          />
        </label>
        <label className="settings-check">
          <input type="checkbox" checked={draft.uppercaseNames} onChange={(event) => void commit({ ...draft, uppercaseNames: event.target.checked })} />
          Names in capitals
        </label>
      </div>
      <p className="settings-preview">
        <span className="settings-preview__label">Preview</span> <span className="settings-preview__text">{formatByline(SAMPLE_AUTHORS, { ...draft, prefix: draft.prefix.trim() })}</span>
      </p>
      {error && (
        <p className="field-error" role="alert">
          Not saved: {error}
        </p>
      )}
    </section>
  );
}

const SAMPLE_NOTE_NAMES = ['Peng Qin', 'Li Wei'];

/** The sentence each contributor-note role prints, for one person and for several. */
export function NoteTemplateSettings() {
  const { settings } = useSettings();
  const { update, error } = useSettingsUpdate();
  // Edits not yet accepted; null shows the stored templates (and follows changes made elsewhere).
  const [edits, setEdits] = useState<NoteTemplatesValue | null>(null);
  const draft = edits ?? settings.noteTemplates;
  const latest = useRef<NoteTemplatesValue | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);

  const setSentence = (role: NoteRole, count: 'one' | 'many', text: string) => {
    const next = { ...draft, [role]: { ...draft[role], [count]: text } };
    latest.current = next;
    setEdits(next);
  };

  const commit = async () => {
    if (edits === null) return;
    if (JSON.stringify(edits) === JSON.stringify(settings.noteTemplates)) {
      setEdits(null);
      setInvalid(null);
      return;
    }
    const parsed = NoteTemplates.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const role = issue?.path[0] as NoteRole | undefined;
      setInvalid(`${role ? `${NOTE_ROLE_LABELS[role]}: ` : ''}${issue?.message ?? 'Check the templates.'}`);
      return;
    }
    setInvalid(null);
    // Typing that went on while this was saving stays in the fields.
    const sent = edits;
    if ((await update({ noteTemplates: parsed.data })) && latest.current === sent) setEdits(null);
  };

  const preview = (role: NoteRole, names: string[]) => {
    const sentence = names.length === 1 ? draft[role].one : draft[role].many;
    if (!sentence.includes('{names}')) return '—';
    return formatContributorNote(
      names.map((name) => ({ personId: null, name, role })),
      { ...settings.noteTemplates, [role]: { one: draft[role].one, many: draft[role].many } },
    );
  };

  return (
    <section className="settings-section" aria-labelledby="settings-notes-title">
      <h2 id="settings-notes-title" className="settings-section__title">
        Contributor-note templates
      </h2>
      <p className="settings-section__text">
        <code>{'{names}'}</code> is replaced by the people credited, joined as “A, B and C”. The note prints in parentheses.
      </p>
      {(invalid ?? error) && (
        <p className="field-error" role="alert">
          Not saved: {invalid ?? error}
        </p>
      )}
      <div className="note-templates">
        {NOTE_ROLES.map((role) => (
          <fieldset key={role} className="note-template">
            <legend className="note-template__role">{NOTE_ROLE_LABELS[role]}</legend>
            {(['one', 'many'] as const).map((count) => {
              const names = count === 'one' ? SAMPLE_NOTE_NAMES.slice(0, 1) : SAMPLE_NOTE_NAMES;
              return (
                <div key={count} className="note-template__line">
                  <label className="settings-field">
                    <span className="settings-field__label">{count === 'one' ? 'One person' : 'Several people'}</span>
                    <input
                      className="text-input"
                      aria-label={`${NOTE_ROLE_LABELS[role]} template, ${count === 'one' ? 'one person' : 'several people'}`}
                      value={draft[role][count]}
                      maxLength={300}
                      onChange={(event) => setSentence(role, count, event.target.value)}
                      onBlur={() => void commit()}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter') event.currentTarget.blur();
                      }}
                    />
                  </label>
                  <p className="settings-preview settings-preview--small">{preview(role, names)}</p>
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
    </section>
  );
}
