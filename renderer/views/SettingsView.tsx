import { useSettings } from '../hooks/useSettings.ts';
import { BylineFormatSettings, NoteTemplateSettings } from './settings/CreditSettings.tsx';
import { SectorSettings } from './settings/SectorSettings.tsx';

/** `#/settings`: the publication settings every story on this workstation uses. */
export default function SettingsView() {
  const { loaded, error } = useSettings();
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
            <SectorSettings />
            <BylineFormatSettings />
            <NoteTemplateSettings />
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
