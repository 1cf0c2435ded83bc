import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Sector } from '../../../shared/model/anatomy.ts';
import { labelKey, sectorIdFor } from '../../../shared/model/publication.ts';
import { useApi } from '../../api/context.tsx';
import { useSettings } from '../../hooks/useSettings.ts';
import { useSettingsUpdate } from './useSettingsUpdate.ts';

/** A sector as the table edits it: the URI as typed ('' for none). */
interface SectorDraft {
  id: string;
  label: string;
  uri: string;
  retired: boolean;
}

const toDraft = (sector: Sector): SectorDraft => ({ id: sector.id, label: sector.label, uri: sector.mediaTopicUri ?? '', retired: sector.retired });
const toSector = (draft: SectorDraft): Sector => ({
  id: draft.id,
  label: draft.label.trim(),
  mediaTopicUri: draft.uri.trim() === '' ? null : draft.uri.trim(),
  retired: draft.retired,
});

const commitOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key === 'Enter' && !event.nativeEvent.isComposing) event.currentTarget.blur();
};

/**
 * The publication's sector taxonomy: add, rename, set the IPTC Media Topic,
 * retire and restore. A sector that stories use is never removed (retiring
 * keeps those stories valid); an unused one may be.
 */
export function SectorSettings() {
  const api = useApi();
  const { settings, loaded } = useSettings();
  const { update, error, busy } = useSettingsUpdate();
  // Edits not yet accepted by the backend; null shows the stored settings (and follows changes made elsewhere).
  const [edits, setEdits] = useState<SectorDraft[] | null>(null);
  const drafts = edits ?? settings.sectors.map(toDraft);
  const latest = useRef<SectorDraft[] | null>(null);
  const [newName, setNewName] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [usage, setUsage] = useState<Record<string, number> | null>(null);

  const loadUsage = useCallback(() => {
    api
      .invoke('settings.sectorUsage', {})
      .then((reply) => setUsage(reply.counts))
      .catch(() => setUsage(null));
  }, [api]);
  useEffect(loadUsage, [loadUsage]);

  const commit = async (next: SectorDraft[]) => {
    setEdits(next);
    latest.current = next;
    const ok = await update({ sectors: next.map(toSector) });
    // A refused change stays in the table so it can be fixed, not retyped; only the
    // newest change may end editing, so an older reply never shows older settings.
    if (ok && latest.current === next) setEdits(null);
    loadUsage();
    return ok;
  };

  const edit = (id: string, patch: Partial<SectorDraft>) => {
    const next = drafts.map((d) => (d.id === id ? { ...d, ...patch } : d));
    latest.current = next;
    setEdits(next);
  };
  const commitIfChanged = () => {
    if (edits === null) return;
    const changed = JSON.stringify(edits.map(toSector)) !== JSON.stringify(settings.sectors);
    if (changed) void commit(edits);
    else setEdits(null);
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const label = newName.replace(/\s+/g, ' ').trim();
    if (label === '') {
      setAddError('Type the new sector’s name first.');
      return;
    }
    const clash = drafts.find((d) => !d.retired && labelKey(d.label) === labelKey(label));
    if (clash) {
      setAddError(`There is already a sector called “${clash.label}”.`);
      return;
    }
    setAddError(null);
    const id = sectorIdFor(label, drafts.map((d) => d.id));
    if (await commit([...drafts, { id, label, uri: '', retired: false }])) setNewName('');
  };

  return (
    <section className="settings-section" aria-labelledby="settings-sectors-title">
      <h2 id="settings-sectors-title" className="settings-section__title">
        Sectors
      </h2>
      <p className="settings-section__text">
        Sector headings divide a story into sections. Each sector can carry an IPTC Media Topic, which exports use as the
        story’s subject. Retired sectors stay in the stories that use them but are no longer offered for new sections.
      </p>
      {error && (
        <p className="field-error" role="alert">
          Not saved: {error}
        </p>
      )}
      <table className="settings-table" aria-label="Sectors" aria-busy={!loaded || busy || undefined}>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">IPTC Media Topic URI</th>
            <th scope="col">Id</th>
            <th scope="col">Used in</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((draft) => {
            const count = usage?.[draft.id] ?? 0;
            return (
              <tr key={draft.id} className={draft.retired ? 'settings-table__row--retired' : undefined}>
                <td>
                  <input
                    className="text-input"
                    aria-label="Sector label"
                    value={draft.label}
                    maxLength={80}
                    onChange={(event) => edit(draft.id, { label: event.target.value })}
                    onBlur={commitIfChanged}
                    onKeyDown={commitOnEnter}
                  />
                  {draft.retired && <span className="tag">Retired</span>}
                </td>
                <td>
                  <input
                    className="text-input text-input--mono"
                    aria-label="IPTC Media Topic URI"
                    type="url"
                    inputMode="url"
                    placeholder="None"
                    value={draft.uri}
                    maxLength={300}
                    onChange={(event) => edit(draft.id, { uri: event.target.value })}
                    onBlur={commitIfChanged}
                    onKeyDown={commitOnEnter}
                  />
                </td>
                <td>
                  <code className="settings-table__id">{draft.id}</code>
                </td>
                <td className="settings-table__usage">{usage === null ? '–' : count === 1 ? '1 story' : `${count.toLocaleString('en')} stories`}</td>
                <td>
                  <div className="settings-table__buttons">
                    {draft.retired ? (
                      <button type="button" className="button button--small" disabled={busy} onClick={() => void commit(drafts.map((d) => (d.id === draft.id ? { ...d, retired: false } : d)))}>
                        Restore sector
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button--small"
                        disabled={busy}
                        onClick={() => void commit(drafts.map((d) => (d.id === draft.id ? { ...d, retired: true } : d)))}
                      >
                        Retire
                      </button>
                    )}
                    {usage !== null && count === 0 && (
                      <button
                        type="button"
                        className="button button--small button--danger-quiet"
                        aria-label="Remove sector"
                        title="Remove this unused sector"
                        disabled={busy}
                        onClick={() => void commit(drafts.filter((d) => d.id !== draft.id))}
                      >
                        Remove
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form className="settings-add" onSubmit={(event) => void add(event)}>
        <input
          className="text-input"
          aria-label="New sector name"
          placeholder="New sector name"
          maxLength={80}
          value={newName}
          aria-invalid={addError ? true : undefined}
          onChange={(event) => {
            setNewName(event.target.value);
            setAddError(null);
          }}
        />
        <button type="submit" className="button" disabled={busy}>
          Add sector
        </button>
        {addError && (
          <p className="field-error" role="alert">
            {addError}
          </p>
        )}
      </form>
    </section>
  );
}
