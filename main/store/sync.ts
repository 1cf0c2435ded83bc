import type Database from 'better-sqlite3';

/**
 * All SQL about sync with the hub (tables in migrations/0110_sync.sql), and
 * the few writes to other tables that only sync makes: a story's head moved
 * to a revision that came from the hub, people from the hub as profiles, and
 * a story's workflow state as the hub has it. Callers pass validated values.
 */

export interface SyncStateRow {
  hub_url: string | null;
  account: string | null;
  workstation_id: string;
  cursor: string | null;
  last_synced_at: string | null;
  last_error: string | null;
}

export interface OutboxRow {
  seq: number;
  id: string;
  type: string;
  story_id: string;
  body: string;
  prepared: number;
  created_at: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  state: 'pending' | 'sent' | 'dead';
  /** When the person acknowledged a refused (dead) row (migrations/0120_sync_refused.sql). */
  dismissed_at: string | null;
}

export interface StorySyncRow {
  story_id: string;
  hub_head: string | null;
  hub_story: string | null;
  pushed_revision_id: string | null;
  seen_revision: number;
  field_conflicts: string;
  conflict_since: string | null;
}

/** The name a hub person's profile has until the newsroom's people directory (or a change they made) names them. */
export const UNKNOWN_COLLEAGUE = 'Newsroom colleague';

/** The newsroom settings version (and the hub's ETag of settings and people) this workstation has taken, per hub. */
export interface NewsroomSeen {
  hubUrl: string;
  version: number;
  etag: string | null;
}

/** Its row in the settings table (a key of its own: the publication settings are PUBLICATION_KEY's). */
const NEWSROOM_SEEN_KEY = 'newsroom-hub';

export function createSyncStore(db: Database.Database) {
  const s = {
    state: db.prepare<[], SyncStateRow>(`SELECT hub_url, account, workstation_id, cursor, last_synced_at, last_error FROM sync_state WHERE id = 1`),
    initState: db.prepare<[string]>(`INSERT OR IGNORE INTO sync_state (id, workstation_id) VALUES (1, ?)`),
    insertOutbox: db.prepare<[string, string, string, string, string]>(
      `INSERT INTO outbox (id, type, story_id, body, created_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    pending: db.prepare<[number], OutboxRow>(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`),
    pendingCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE state = 'pending'`),
    pendingOf: db.prepare<[string], OutboxRow>(`SELECT * FROM outbox WHERE state = 'pending' AND story_id = ? ORDER BY seq`),
    remove: db.prepare<[string]>(`DELETE FROM outbox WHERE id = ?`),
    refused: db.prepare<[], OutboxRow>(`SELECT * FROM outbox WHERE state = 'dead' AND dismissed_at IS NULL ORDER BY seq`),
    dismissRefused: db.prepare<[string]>(`UPDATE outbox SET dismissed_at = ? WHERE state = 'dead' AND dismissed_at IS NULL`),
    renew: db.prepare<[string, string, string]>(`UPDATE outbox SET id = ?, body = ?, attempts = 0, last_error = NULL WHERE id = ?`),
    dead: db.prepare<[string, string]>(`UPDATE outbox SET state = 'dead', last_error = ? WHERE id = ?`),
    attempt: db.prepare<[string | null, string | null, string]>(
      `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`,
    ),
    setBody: db.prepare<[string, string]>(`UPDATE outbox SET body = ?, prepared = 1 WHERE id = ?`),
    storySync: db.prepare<[string], StorySyncRow>(`SELECT * FROM story_sync WHERE story_id = ?`),
    track: db.prepare<[string, string | null, number]>(
      `INSERT OR IGNORE INTO story_sync (story_id, hub_head, seen_revision) VALUES (?, ?, ?)`,
    ),
    untracked: db.prepare<[string], { id: string }>(
      `SELECT id FROM stories WHERE owner_id = ? AND trashed_at IS NULL AND id NOT IN (SELECT story_id FROM story_sync) ORDER BY seq`,
    ),
    edited: db.prepare<[], { id: string; revision: number }>(
      `SELECT s.id, s.revision FROM stories AS s JOIN story_sync AS y ON y.story_id = s.id
       WHERE s.revision <> y.seen_revision AND s.trashed_at IS NULL`,
    ),
    withConflicts: db.prepare<[], { story_id: string }>(
      `SELECT story_id FROM story_sync WHERE conflict_since IS NOT NULL OR field_conflicts <> '[]'`,
    ),
    hubRevision: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM hub_revisions WHERE revision_id = ?`),
    addHubRevision: db.prepare<[string, string]>(`INSERT OR IGNORE INTO hub_revisions (revision_id, story_id) VALUES (?, ?)`),
    setHead: db.prepare<[string, string]>(
      `INSERT INTO story_heads (story_id, head_id, editing_ms) VALUES (?, ?, 0)
       ON CONFLICT (story_id) DO UPDATE SET head_id = excluded.head_id, editing_ms = 0`,
    ),
    head: db.prepare<[string], { head_id: string | null }>(`SELECT head_id FROM story_heads WHERE story_id = ?`),
    profile: db.prepare<[string], { id: string; name: string }>(`SELECT id, name FROM profiles WHERE id = ?`),
    insertProfile: db.prepare<[string, string, string, string | null, string]>(
      `INSERT INTO profiles (id, name, role, supervisor_id, created_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    updateProfile: db.prepare<[string, string, string | null, string]>(`UPDATE profiles SET name = ?, role = ?, supervisor_id = ? WHERE id = ?`),
    renameProfile: db.prepare<[string, string]>(`UPDATE profiles SET name = ? WHERE id = ?`),
    newsroomSeen: db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`),
    putNewsroomSeen: db.prepare<[string, string]>(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    reown: db.prepare<[string, string]>(`UPDATE stories SET owner_id = ? WHERE owner_id = ?`),
    reassign: db.prepare<[string, string]>(`UPDATE stories SET assignee_id = ? WHERE assignee_id = ?`),
    workflowState: db.prepare<[string, string, string | null, string | null, string | null, string | null, string]>(
      `UPDATE stories SET status = ?, owner_id = ?, assignee_id = ?, correction_note = ?, corrected_at = ?, publish_at = ? WHERE id = ?`,
    ),
    workflowEvent: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM workflow_events WHERE id = ?`),
  };

  return {
    state(): SyncStateRow | undefined {
      return s.state.get();
    },
    initState(workstationId: string): SyncStateRow {
      s.initState.run(workstationId);
      return s.state.get()!;
    },
    updateState(fields: Partial<Omit<SyncStateRow, 'workstation_id'>>): void {
      const keys = Object.keys(fields) as (keyof typeof fields)[];
      if (keys.length === 0) return;
      // Column names come from the type above, never from input.
      db.prepare(`UPDATE sync_state SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = 1`).run(fields);
    },

    enqueue(mutation: { id: string; type: string; storyId: string }, body: unknown, at: string): void {
      s.insertOutbox.run(mutation.id, mutation.type, mutation.storyId, JSON.stringify(body), at);
    },
    pending(limit: number): OutboxRow[] {
      return s.pending.all(limit);
    },
    pendingCount(): number {
      return s.pendingCount.get()!.n;
    },
    pendingOf(storyId: string): OutboxRow[] {
      return s.pendingOf.all(storyId);
    },
    remove(id: string): void {
      s.remove.run(id);
    },
    markDead(id: string, reason: string): void {
      s.dead.run(reason, id);
    },
    /** Rows the hub refused that the person has not acknowledged yet, oldest first. */
    refused(): OutboxRow[] {
      return s.refused.all();
    },
    /** The person has read about every refused row: they stay, marked (nothing is deleted). */
    dismissRefused(at: string): void {
      s.dismissRefused.run(at);
    },
    /**
     * The row is sent again under a new mutation id with a new body, in its place in the
     * order (the hub keeps its answer to the old id: a retry under it would get that answer).
     */
    renew(id: string, newId: string, body: unknown): void {
      s.renew.run(newId, JSON.stringify(body), id);
    },
    noteAttempt(id: string, error: string | null, nextAttemptAt: string | null): void {
      s.attempt.run(error, nextAttemptAt, id);
    },
    setPrepared(id: string, body: unknown): void {
      s.setBody.run(JSON.stringify(body), id);
    },

    storySync(storyId: string): StorySyncRow | undefined {
      return s.storySync.get(storyId);
    },
    track(storyId: string, hubHead: string | null, seenRevision: number): void {
      s.track.run(storyId, hubHead, seenRevision);
    },
    updateStorySync(storyId: string, fields: Partial<Omit<StorySyncRow, 'story_id'>>): void {
      const keys = Object.keys(fields) as (keyof typeof fields)[];
      if (keys.length === 0) return;
      db.prepare(`UPDATE story_sync SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE story_id = @story_id`).run({ ...fields, story_id: storyId });
    },
    /** Stories of `ownerId` the hub does not know yet (not in the trash). */
    untrackedOwnedBy(ownerId: string): string[] {
      return s.untracked.all(ownerId).map((r) => r.id);
    },
    /** Tracked stories saved since their working copy was last compared with their checkpoint. */
    editedSinceSeen(): { id: string; revision: number }[] {
      return s.edited.all();
    },
    storiesWithRecordedConflicts(): string[] {
      return s.withConflicts.all().map((r) => r.story_id);
    },

    isOnHub(revisionId: string): boolean {
      return s.hubRevision.get(revisionId)!.n > 0;
    },
    markOnHub(revisionId: string, storyId: string): void {
      s.addHubRevision.run(revisionId, storyId);
    },

    headOf(storyId: string): string | null {
      return s.head.get(storyId)?.head_id ?? null;
    },
    /** Moves the story's head to a revision already stored (a fast-forward, a rewritten push). */
    setHead(storyId: string, revisionId: string): void {
      s.setHead.run(storyId, revisionId);
    },

    /**
     * A hub person as a local profile, so the policy and names work here. With
     * a role, this is the hub's account as it is now (the account signing in,
     * the newsroom's people directory: main/sync/newsroom.ts): name, role and
     * supervisor are taken. Without one (a name on a pulled revision, comment
     * or move, written when it was written), the name only fills in a profile
     * still called {@link UNKNOWN_COLLEAGUE}.
     */
    ensureProfile(person: { id: string; name: string; role?: string; supervisorId?: string | null }, at: string): void {
      const found = s.profile.get(person.id);
      // A supervisor not known here yet gets a placeholder until the directory names them; a known one keeps their name.
      if (person.supervisorId && !s.profile.get(person.supervisorId)) this.ensureProfile({ id: person.supervisorId, name: '' }, at);
      if (!found) {
        s.insertProfile.run(person.id, person.name || UNKNOWN_COLLEAGUE, person.role ?? 'reporter', person.supervisorId ?? null, at);
      } else if (person.role !== undefined) {
        s.updateProfile.run(person.name || found.name, person.role, person.supervisorId ?? null, person.id);
      } else if (person.name && person.name !== found.name && found.name === UNKNOWN_COLLEAGUE) {
        s.renameProfile.run(person.name, person.id);
      }
    },

    /** What this workstation last took from the newsroom hub's settings and people (main/sync/newsroom.ts). */
    newsroomSeen(): NewsroomSeen | null {
      const row = s.newsroomSeen.get(NEWSROOM_SEEN_KEY);
      if (!row) return null;
      try {
        const value = JSON.parse(row.value) as Partial<NewsroomSeen>;
        if (typeof value.hubUrl !== 'string' || typeof value.version !== 'number') return null;
        return { hubUrl: value.hubUrl, version: value.version, etag: typeof value.etag === 'string' ? value.etag : null };
      } catch {
        return null;
      }
    },
    setNewsroomSeen(seen: NewsroomSeen): void {
      s.putNewsroomSeen.run(NEWSROOM_SEEN_KEY, JSON.stringify(seen));
    },
    /** Stories owned by (and assigned to) `from` move to `to`. */
    reown(from: string, to: string): void {
      s.reown.run(to, from);
      s.reassign.run(to, from);
    },
    setWorkflowState(
      storyId: string,
      state: { status: string; ownerId: string; assigneeId: string | null; correction: { note: string; at: string } | null; publishAt: string | null },
    ): void {
      s.workflowState.run(state.status, state.ownerId, state.assigneeId, state.correction?.note ?? null, state.correction?.at ?? null, state.publishAt, storyId);
    },
    hasWorkflowEvent(id: string): boolean {
      return s.workflowEvent.get(id)!.n > 0;
    },
  };
}

export type SyncStore = ReturnType<typeof createSyncStore>;

export interface MediaSyncRow {
  sha256: string;
  on_hub: number;
  wanted_by: string | null;
  refused: number;
  attempts: number;
  last_error: string | null;
}

/** The SQL of pictures and the hub (migrations/0150_media_sync.sql; main/sync/mediaSync.ts). */
export function createMediaSyncStore(db: Database.Database) {
  const s = {
    get: db.prepare<[string], MediaSyncRow>(`SELECT * FROM media_sync WHERE sha256 = ?`),
    onHub: db.prepare<[string]>(
      `INSERT INTO media_sync (sha256, on_hub) VALUES (?, 1)
       ON CONFLICT (sha256) DO UPDATE SET on_hub = 1, wanted_by = NULL, attempts = 0, last_error = NULL`,
    ),
    want: db.prepare<[string, string]>(
      `INSERT INTO media_sync (sha256, wanted_by) VALUES (?, ?)
       ON CONFLICT (sha256) DO UPDATE SET wanted_by = excluded.wanted_by WHERE refused = 0`,
    ),
    unwant: db.prepare<[string]>(`UPDATE media_sync SET wanted_by = NULL WHERE sha256 = ?`),
    wanted: db.prepare<[number], MediaSyncRow>(`SELECT * FROM media_sync WHERE wanted_by IS NOT NULL AND refused = 0 ORDER BY attempts, sha256 LIMIT ?`),
    failed: db.prepare<[string, string]>(
      `INSERT INTO media_sync (sha256, attempts, last_error) VALUES (?, 1, ?)
       ON CONFLICT (sha256) DO UPDATE SET attempts = attempts + 1, last_error = excluded.last_error`,
    ),
    refuse: db.prepare<[string, string]>(`UPDATE media_sync SET refused = 1, wanted_by = NULL, last_error = ? WHERE sha256 = ?`),
  };
  return {
    get(sha256: string): MediaSyncRow | undefined {
      return s.get.get(sha256);
    },
    isOnHub(sha256: string): boolean {
      return s.get.get(sha256)?.on_hub === 1;
    },
    /** The hub has it (answered its upload, or served it here): nothing more to send or fetch. */
    markOnHub(sha256: string): void {
      s.onHub.run(sha256);
    },
    /** `storyId` shows a picture this workstation does not have: it is fetched until it arrives (not once refused). */
    want(sha256: string, storyId: string): void {
      s.want.run(sha256, storyId);
    },
    unwant(sha256: string): void {
      s.unwant.run(sha256);
    },
    /** Pictures waiting to be fetched, the least tried first. */
    wanted(limit: number): MediaSyncRow[] {
      return s.wanted.all(limit);
    },
    noteFailure(sha256: string, reason: string): void {
      s.failed.run(sha256, reason);
    },
    /** The hub's bytes under this name are not a picture this workstation accepts: never fetched again. */
    refuse(sha256: string, reason: string): void {
      s.refuse.run(reason, sha256);
    },
  };
}

export type MediaSyncStore = ReturnType<typeof createMediaSyncStore>;
