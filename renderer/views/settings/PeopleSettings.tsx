import { Fragment, useCallback, useEffect, useState } from 'react';
import type { HubPerson } from '../../../shared/api/methods/hubPeople.ts';
import { ROLE_LABELS } from '../../../shared/workflow/roles.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { usePermissions } from '../../session/usePermissions.ts';
import { useSync } from '../../sync/SyncContext.tsx';
import { PeopleAddForm } from './PeopleAddForm.tsx';
import { PeopleRowEditor } from './PeopleRowEditor.tsx';

const COLUMNS = ['Name', 'User name', 'Role', 'Supervisor', 'Status', 'Actions'] as const;
/** Column widths (the settings table's fixed layout is sized for sectors). */
const WIDTHS = ['22%', '16%', '12%', '20%', '12%', '18%'] as const;

const byName = (a: HubPerson, b: HubPerson) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.username.localeCompare(b.username);

/**
 * Settings → People: the newsroom's accounts on the hub (issue 5), for
 * admins of a connected workstation. People are the hub's, not this
 * workstation's: disconnected, the section says where they are managed; for
 * anyone but an admin it gives the policy's reason. The list is read from the
 * hub each time the section opens or the account changes.
 */
export function PeopleSettings() {
  const { status } = useSync();
  const manage = usePermissions()?.workstation.manage_people;
  const account = status?.state === 'signed_out' ? null : (status?.account ?? null);

  return (
    <section className="settings-section" aria-labelledby="settings-people-title">
      <h2 id="settings-people-title" className="settings-section__title">
        People
      </h2>
      {account === null ? (
        <p className="settings-section__text">People are managed on the newsroom hub. Connect to the newsroom to manage them.</p>
      ) : manage && !manage.ok ? (
        <p className="policy-note" role="note">
          {manage.reason} Ask an admin to add someone or change a role or supervisor.
        </p>
      ) : manage ? (
        // Keyed by account: signing in as someone else reads the list again, as them.
        <PeopleManager key={account.id} hubUrl={status?.hubUrl ?? null} accountId={account.id} />
      ) : null}
    </section>
  );
}

function PeopleManager({ hubUrl, accountId }: { hubUrl: string | null; accountId: string }) {
  const api = useApi();
  const [people, setPeople] = useState<HubPerson[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const load = useCallback(() => {
    api
      .invoke('hubPeople.list', {})
      .then((reply) => {
        setPeople(reply.people);
        setLoadError(null);
      })
      .catch((reason: unknown) => setLoadError(errorMessage(reason)));
  }, [api]);
  useEffect(load, [load]);

  const put = (person: HubPerson) => setPeople((current) => [...(current ?? []).filter((p) => p.id !== person.id), person].sort(byName));
  const nameOf = (id: string | null) => (id === null ? null : (people?.find((p) => p.id === id)?.name ?? 'Someone not on the list'));

  return (
    <>
      <p className="settings-section__text">
        Everyone who signs in to the newsroom hub{hubUrl ? ` at ${new URL(hubUrl).host}` : ''}. Changes apply on the hub at once, for every
        workstation. Interns work under a supervisor, who signs off their stories.
      </p>
      {loadError && (
        <div role="alert">
          <p className="field-error">The people on the hub could not be read: {loadError}</p>
          <button type="button" className="button button--small" style={{ marginTop: 6 }} onClick={load}>
            Try again
          </button>
        </div>
      )}
      <table className="settings-table" aria-label="People on the hub" aria-busy={people === null || undefined}>
        <colgroup>
          {WIDTHS.map((width, index) => (
            <col key={index} style={{ width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col">
                {column === 'Actions' ? <span className="visually-hidden">{column}</span> : column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people === null && !loadError && (
            <tr>
              <td colSpan={COLUMNS.length} className="settings-table__usage">
                Reading the people on the hub…
              </td>
            </tr>
          )}
          {people?.map((person) => (
            <Fragment key={person.id}>
              <tr className={person.disabled ? 'settings-table__row--retired' : undefined}>
                <td style={{ fontWeight: 600 }}>
                  {person.name}
                  {person.id === accountId && <span className="tag">You</span>}
                </td>
                <td>
                  <code className="settings-table__id">{person.username}</code>
                </td>
                <td>{ROLE_LABELS[person.role]}</td>
                <td>{nameOf(person.supervisorId) ?? <span className="settings-table__usage">–</span>}</td>
                <td>{person.disabled ? <span className="tag">Disabled</span> : 'Active'}</td>
                <td>
                  <div className="settings-table__buttons">
                    <button
                      type="button"
                      className="button button--small"
                      aria-expanded={editing === person.id}
                      aria-label={`Change ${person.name}`}
                      onClick={() => setEditing(editing === person.id ? null : person.id)}
                    >
                      Change…
                    </button>
                  </div>
                </td>
              </tr>
              {editing === person.id && (
                <PeopleRowEditor person={person} people={people} columns={COLUMNS.length} onChanged={put} onClose={() => setEditing(null)} />
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {people && <PeopleAddForm people={people} onAdded={put} />}
    </>
  );
}
