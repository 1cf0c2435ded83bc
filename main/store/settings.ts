import type Database from 'better-sqlite3';
import {
  DEFAULT_PUBLICATION_SETTINGS,
  PublicationSettings,
  type PublicationSettings as PublicationSettingsValue,
} from '../../shared/model/publication.ts';

/** The `settings` table row that holds the publication settings as JSON. */
export const PUBLICATION_KEY = 'publication';

/** All SQL about settings. */
export function createSettingsStore(db: Database.Database) {
  const statements = {
    get: db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`),
    put: db.prepare<[string, string]>(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    seed: db.prepare<[string, string]>(`INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)`),
    // How many stories have a section of each sector (trashed ones too: they can be restored).
    usage: db.prepare<[], { sector_id: string; n: number }>(
      `SELECT sector_id, count(*) AS n FROM story_sectors GROUP BY sector_id`,
    ),
  };

  // The first open writes the built-in defaults, so a later Copydesk with other
  // defaults never renames this publication's sectors behind its back.
  statements.seed.run(PUBLICATION_KEY, JSON.stringify(DEFAULT_PUBLICATION_SETTINGS));

  return {
    publication(): PublicationSettingsValue {
      const row = statements.get.get(PUBLICATION_KEY);
      if (!row) return DEFAULT_PUBLICATION_SETTINGS;
      let stored: unknown;
      try {
        stored = JSON.parse(row.value);
      } catch {
        stored = {};
      }
      // Parts that are missing or unreadable (a newer or damaged value) fall back
      // to the defaults one by one, so one bad part does not take the rest with it.
      const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
      const part = <K extends keyof PublicationSettingsValue>(key: K): PublicationSettingsValue[K] => {
        const parsed = PublicationSettings.shape[key].safeParse(value[key]);
        return (parsed.success ? parsed.data : DEFAULT_PUBLICATION_SETTINGS[key]) as PublicationSettingsValue[K];
      };
      return { sectors: part('sectors'), bylineFormat: part('bylineFormat'), noteTemplates: part('noteTemplates') };
    },

    savePublication(settings: PublicationSettingsValue): void {
      statements.put.run(PUBLICATION_KEY, JSON.stringify(settings));
    },

    /** Stories per sector id, for sectors at least one story uses. */
    sectorUsage(): Record<string, number> {
      const counts: Record<string, number> = {};
      for (const row of statements.usage.all()) counts[row.sector_id] = row.n;
      return counts;
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
