import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HubErrorCode } from '../../shared/sync/auth.ts';
import { storySectors } from '../../shared/model/sections.ts';
import type { SerializedDocument } from '../../shared/model/document.ts';
import { DEFAULT_PUBLICATION_SETTINGS, PublicationSettings } from '../../shared/model/publication.ts';
import {
  droppedSectorInUse,
  NewsroomSettingsUpdate,
  sectorInUseMessage,
  type NewsroomPerson,
  type NewsroomResponse,
  type NewsroomSettingsResponse,
} from '../../shared/sync/newsroom.ts';
import { CHANGES_CHANNEL } from '../../shared/sync/protocol.ts';
import { can, NO_STORY } from '../../shared/workflow/policy.ts';
import type { Role } from '../../shared/workflow/roles.ts';
import { requireUser } from '../auth/session.ts';
import type { Sql } from '../db/sql.ts';
import type { HubDeps } from '../deps.ts';
import { HubError, parseWith } from '../errors.ts';
import { latestSeq } from '../sync/changes.ts';

/**
 * The newsroom's settings and people for every workstation (shared/sync/newsroom.ts).
 *
 * `GET /v1/newsroom`: anyone signed in reads the publication settings and the
 * people directory (name, role, supervisor, active). Its ETag is the
 * settings' version with a digest of the directory, so a workstation asking
 * each sync cycle with If-None-Match gets an empty 304 while nothing changed.
 *
 * `PUT /v1/admin/newsroom/settings`: an admin (the shared policy's
 * 'manage_settings', on the account as the database has it now) replaces
 * parts of the settings. A sector that a story on the hub uses (a sector
 * heading in its head revision) is never dropped, with the workstation's own
 * sentence. A change wakes connected workstations through the change nudge
 * (server/routes/events.ts), whose next cycle reads the settings again.
 */
export function newsroomRoutes(app: FastifyInstance, deps: HubDeps): void {
  app.get('/v1/newsroom', async (request, reply) => {
    await requireUser(request, deps);
    const [stored, people] = await Promise.all([readSettings(deps.sql), directory(deps.sql)]);
    const etag = `"${stored.version}-${createHash('sha256').update(JSON.stringify(people)).digest('hex').slice(0, 20)}"`;
    // Every workstation revalidates; nothing in between may keep a colleague's copy.
    void reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return { version: stored.version, settings: stored.settings, people } satisfies NewsroomResponse;
  });

  app.put('/v1/admin/newsroom/settings', async (request): Promise<NewsroomSettingsResponse> => {
    const actor = await requireUser(request, deps);
    const decision = can(actor, 'manage_settings', NO_STORY);
    if (!decision.ok) throw new HubError(HubErrorCode.FORBIDDEN, decision.reason);
    const { baseVersion, ...parts } = parseWith(NewsroomSettingsUpdate, request.body);

    return deps.sql.transaction(async (tx) => {
      const current = await lockSettings(tx, deps.now());
      if (baseVersion !== undefined && baseVersion !== current.version) {
        throw new HubError(
          HubErrorCode.CONFLICT,
          'The newsroom’s publication settings were changed meanwhile by someone else. Look at them again and make your change once more.',
          { version: current.version },
        );
      }
      const next: PublicationSettings = {
        sectors: parts.sectors ?? current.settings.sectors,
        bylineFormat: parts.bylineFormat ?? current.settings.bylineFormat,
        noteTemplates: parts.noteTemplates ?? current.settings.noteTemplates,
      };
      if (parts.sectors) {
        const dropped = current.settings.sectors.filter((sector) => !next.sectors.some((kept) => kept.id === sector.id)).map((s) => s.id);
        const refused = droppedSectorInUse(current.settings, next, await sectorUsage(tx, dropped));
        if (refused) {
          throw new HubError(HubErrorCode.VALIDATION, sectorInUseMessage(refused.label, refused.stories), [
            { path: 'sectors', message: `Sector ${refused.id} is used by ${refused.stories} stories` },
          ]);
        }
      }
      // Nothing changed: no new version. (The first change is always one: from then on the settings are the newsroom's, even the defaults.)
      if (JSON.stringify(next) === JSON.stringify(current.settings) && current.version > 0) return { version: current.version, settings: next };
      const version = current.version + 1;
      await tx.query(`UPDATE newsroom_settings SET settings = $1, version = $2, updated_by = $3, updated_at = $4 WHERE id = 1`, [
        JSON.stringify(next),
        version,
        actor.id,
        deps.now(),
      ]);
      // The nudge says "pull now": each workstation's next cycle starts by reading the settings.
      await tx.notify(CHANGES_CHANNEL, String(await latestSeq(tx)));
      return { version, settings: next };
    });
  });
}

/** Whether an If-None-Match header names this ETag (a list, weak tags and `*` included). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

// ---------------------------------------------------------------------------
// SQL (table in server/migrations/0130_newsroom.sql)

interface StoredSettings {
  version: number;
  settings: PublicationSettings;
}

function parseStored(row: { settings: string; version: number } | undefined): StoredSettings {
  if (!row) return { version: 0, settings: DEFAULT_PUBLICATION_SETTINGS };
  let value: unknown;
  try {
    value = JSON.parse(row.settings);
  } catch {
    value = null;
  }
  // Only the hub writes the row, after the same schema: a row that fails it is a damaged database, not input.
  const parsed = PublicationSettings.safeParse(value);
  if (!parsed.success) throw new Error(`The stored newsroom settings are not valid: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
  return { version: row.version, settings: parsed.data };
}

async function readSettings(sql: Sql): Promise<StoredSettings> {
  const rows = await sql.query<{ settings: string; version: number }>(`SELECT settings, version FROM newsroom_settings WHERE id = 1`);
  return parseStored(rows[0]);
}

/** The settings row, locked until the transaction ends; made (with the defaults, version 0) on the first change. */
async function lockSettings(tx: Sql, now: Date): Promise<StoredSettings> {
  await tx.query(
    `INSERT INTO newsroom_settings (id, settings, version, updated_by, updated_at) VALUES (1, $1, 0, NULL, $2) ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(DEFAULT_PUBLICATION_SETTINGS), now],
  );
  const rows = await tx.query<{ settings: string; version: number }>(`SELECT settings, version FROM newsroom_settings WHERE id = 1 FOR UPDATE`);
  return parseStored(rows[0]);
}

/** Everyone with an account, in a stable order (the ETag digests this list). */
async function directory(sql: Sql): Promise<NewsroomPerson[]> {
  const rows = await sql.query<{ id: string; name: string; role: Role; supervisor_id: string | null; disabled: boolean }>(
    `SELECT id, name, role, supervisor_id, disabled FROM users ORDER BY id`,
  );
  return rows.map((row) => ({ id: row.id, name: row.name, role: row.role, supervisorId: row.supervisor_id, active: !row.disabled }));
}

/**
 * Stories on the hub whose head revision has a sector heading of each of
 * `sectorIds`. The database narrows to heads whose canonical JSON spells
 * `"sectorId":"<id>"` (a byte search: snapshots are bytea, see
 * 0100_sync.sql); each of those is then read, so only real sector headings
 * count, never text that merely mentions one.
 */
async function sectorUsage(sql: Sql, sectorIds: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const decoder = new TextDecoder();
  for (const id of sectorIds) {
    const needle = new TextEncoder().encode(`"sectorId":${JSON.stringify(id)}`);
    const rows = await sql.query<{ snapshot: Uint8Array }>(
      `SELECT r.snapshot FROM stories AS s JOIN revisions AS r ON r.id = s.head_revision_id WHERE position($1::bytea IN r.snapshot) > 0`,
      [needle],
    );
    let n = 0;
    for (const row of rows) {
      const snapshot = JSON.parse(decoder.decode(row.snapshot)) as { body?: SerializedDocument };
      if (snapshot.body && storySectors(snapshot.body).includes(id)) n += 1;
    }
    if (n > 0) counts[id] = n;
  }
  return counts;
}
