import type Database from 'better-sqlite3';
import type { Role } from '../../shared/workflow/roles.ts';

/**
 * All SQL about local profiles (who is writing on this workstation) and
 * story ownership. Callers pass validated values.
 */

export interface Profile {
  id: string;
  name: string;
  role: Role;
  supervisorId: string | null;
  createdAt: string;
}

interface ProfileRow {
  id: string;
  name: string;
  role: string;
  supervisor_id: string | null;
  created_at: string;
}

/** The `settings` row naming the profile in use. */
export const CURRENT_PROFILE_KEY = 'current_profile';

const COLUMNS = 'id, name, role, supervisor_id, created_at';

export function createProfilesStore(db: Database.Database) {
  const statements = {
    insert: db.prepare<[string, string, string, string | null, string]>(
      `INSERT INTO profiles (id, name, role, supervisor_id, created_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    byId: db.prepare<[string], ProfileRow>(`SELECT ${COLUMNS} FROM profiles WHERE id = ?`),
    all: db.prepare<[], ProfileRow>(`SELECT ${COLUMNS} FROM profiles ORDER BY name COLLATE NOCASE, seq`),
    count: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM profiles`),
    current: db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`),
    setCurrent: db.prepare<[string, string]>(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    adoptUnowned: db.prepare<[string]>(`UPDATE stories SET owner_id = ? WHERE owner_id IS NULL`),
    access: db.prepare<[string], { owner_id: string | null; assignee_id: string | null; status: string; owner_supervisor_id: string | null }>(
      `SELECT s.owner_id, s.assignee_id, s.status, p.supervisor_id AS owner_supervisor_id
       FROM stories AS s LEFT JOIN profiles AS p ON p.id = s.owner_id WHERE s.id = ?`,
    ),
    setOwner: db.prepare<[string, string]>(`UPDATE stories SET owner_id = ? WHERE id = ?`),
    emptyTrashOf: db.prepare<[string]>(`DELETE FROM stories WHERE trashed_at IS NOT NULL AND owner_id = ?`),
  };

  return {
    get(id: string): Profile | undefined {
      const row = statements.byId.get(id);
      return row ? toProfile(row) : undefined;
    },

    list(): Profile[] {
      return statements.all.all().map(toProfile);
    },

    count(): number {
      return statements.count.get()?.n ?? 0;
    },

    /**
     * Adds a profile. The first one on a workstation also becomes the owner of
     * every story written before profiles existed: on a one-person
     * workstation, that person wrote them.
     */
    create(profile: Profile): Profile {
      const first = this.count() === 0;
      statements.insert.run(profile.id, profile.name, profile.role, profile.supervisorId, profile.createdAt);
      if (first) statements.adoptUnowned.run(profile.id);
      return profile;
    },

    /** The profile in use, or undefined before anyone chose (first run). */
    current(): Profile | undefined {
      const row = statements.current.get(CURRENT_PROFILE_KEY);
      if (!row) return undefined;
      let id: unknown;
      try {
        id = JSON.parse(row.value);
      } catch {
        return undefined;
      }
      return typeof id === 'string' ? this.get(id) : undefined;
    },

    setCurrent(id: string): void {
      statements.setCurrent.run(CURRENT_PROFILE_KEY, JSON.stringify(id));
    },

    /** What the permission policy needs about a story: its state and its people. */
    storyAccess(storyId: string) {
      const row = statements.access.get(storyId);
      if (!row) return undefined;
      return {
        ownerId: row.owner_id,
        assigneeId: row.assignee_id,
        status: row.status,
        ownerSupervisorId: row.owner_supervisor_id,
      };
    },

    setOwner(storyId: string, profileId: string): void {
      statements.setOwner.run(profileId, storyId);
    },

    /** Deletes for good the trashed stories `ownerId` owns; returns how many. */
    emptyTrashOf(ownerId: string): number {
      return statements.emptyTrashOf.run(ownerId).changes;
    },
  };
}

export type ProfilesStore = ReturnType<typeof createProfilesStore>;

function toProfile(row: ProfileRow): Profile {
  return { id: row.id, name: row.name, role: row.role as Role, supervisorId: row.supervisor_id, createdAt: row.created_at };
}
