import { useId } from 'react';
import { useSettings } from '../hooks/useSettings.ts';
import { usePermissions } from '../session/usePermissions.ts';
import { BylineFormatSettings, NoteTemplateSettings } from './settings/CreditSettings.tsx';
import { SectorSettings } from './settings/SectorSettings.tsx';
import { PeopleSettings } from './settings/PeopleSettings.tsx';
import { useSync } from '../sync/SyncContext.tsx';

/**
 * `#/settings`: the publication settings every story on this workstation uses.
 * On a workstation connected to a newsroom they are the hub's (main/sync/newsroom.ts):
 * read from it each sync, and an admin's change goes there.
 */
export default function SettingsView() {
  const { loaded, error } = useSettings();
  const { status } = useSync();
  const hubUrl = status?.account ? status.hubUrl : null;
  // Everyone sees the settings; only admins change them (the backend refuses the rest with the same reason).
  const manage = usePermissions()?.workstation.manage_settings;
  const refused = manage && !manage.ok ? manage.reason : null;
  const noteId = useId();
  return (
    <section className="view settings-view" aria-labelledby="settings-title">
      <header className="view__header">
        <div className="view__heading">
          <h1 id="settings-title" className="view__title">
            Settings
          </h1>
          <p className="view__count">Publication settings: sectors, bylines and contributor notes.</p>
        </div>
      </header>
      <div className="settings-scroll">
        {error && (
          <p className="field-error" role="alert">
            The stored settings could not be read: {error}
          </p>
        )}
        {loaded ? (
          <>
            {hubUrl && (
              <p className="settings-section__text" role="note">
                These settings are the newsroom’s, kept on the hub at {hubUrl}.
              </p>
            )}
            {refused && (
              <p id={noteId} className="policy-note" role="note">
                {refused} You can read them here.
              </p>
            )}
            <fieldset
              className="settings-fieldset"
              disabled={refused !== null}
              aria-describedby={refused ? noteId : undefined}
              title={refused ?? undefined}
            >
              <SectorSettings />
              <BylineFormatSettings />
              <NoteTemplateSettings />
            </fieldset>
            {/* People have their own permission (manage_people) and live on the hub: outside the fieldset above. */}
            <PeopleSettings />
          </>
        ) : (
          <p className="settings-section__text" role="status">
            Loading settings…
          </p>
        )}
      </div>
    </section>
  );
}
