import { CopydeskError, ErrorCode } from '../../shared/api/errors.ts';
import type { ParsedInput } from '../../shared/api/contract.ts';
import type { SyncAccount } from '../../shared/api/methods/sync.ts';
import { DEFAULT_PUBLICATION_SETTINGS, type PublicationSettings } from '../../shared/model/publication.ts';
import {
  droppedSectorInUse,
  NewsroomSettingsResponse,
  sectorInUseMessage,
  type NewsroomPerson,
  type NewsroomResponse,
  type NewsroomSettingsUpdate,
} from '../../shared/sync/newsroom.ts';
import type { BackendContext } from '../backend/context.ts';
import type { SyncStore } from '../store/sync.ts';
import { createHubClient, HubFailure, type HubClient } from './hubClient.ts';
import { parseAccount } from './recorder.ts';
import type { TokenStore } from './tokenStore.ts';

/**
 * The newsroom's publication settings and people on a connected workstation
 * (shared/sync/newsroom.ts, server/routes/newsroom.ts).
 *
 * The hub's settings win: each sync cycle starts by asking the hub for them
 * with the ETag last seen ({@link NewsroomSync.refresh}); a new version is
 * written into the local settings store and every person of the directory
 * becomes (or updates) a local profile with their real name, role and
 * supervisor. Local profiles are never deleted: stories and history name them.
 *
 * Two things keep what people made here:
 * - a sector the hub's list lacks but a story on this workstation uses (one
 *   never sent, say) stays, retired, so that story keeps its section's label;
 * - the first admin workstation to connect to a hub whose settings were never
 *   set (version 0) brings its own, if they differ from the built-in
 *   defaults, so an existing newsroom's taxonomy moves to the hub. From then
 *   on (version 1 and up) the hub's settings win everywhere.
 *
 * Changes ({@link NewsroomSync.update}) go to the hub, admins only, from the
 * version this workstation has: a colleague's newer change is not undone
 * unseen (the hub refuses, the hub's settings are taken, the person tries
 * again). Without a connection nothing changes, here or there.
 */
export interface NewsroomSync {
  /** Whether this workstation belongs to a newsroom (it has signed in to a hub): its settings are then the hub's. */
  connected(): boolean;
  /**
   * In each sync cycle, before the push: takes the hub's settings and people when they changed.
   * A hub that cannot answer leaves everything as it is (the push and pull report why).
   */
  refresh(client: HubClient, token: string, hubUrl: string, me: SyncAccount): Promise<void>;
  /** `settings.update` on a connected workstation: sent to the hub, then kept here as the hub answered. */
  update(input: ParsedInput<'settings.update'>): Promise<PublicationSettings>;
}

export interface NewsroomSyncDeps {
  ctx: BackendContext;
  sync: SyncStore;
  tokens: TokenStore;
  clientFor?: (hubUrl: string) => HubClient;
  /** The hub ended the session: the sync engine finds out for itself (it owns the token). */
  onSignedOut?: () => void;
}

export const NEWSROOM_OFFLINE_MESSAGE = 'Publication settings belong to the newsroom hub; connect to change them.';

const SETTINGS_PATH = 'v1/admin/newsroom/settings';

/** The hub's status → the contract's code; the message stays the hub's. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.VALIDATION,
};

export function createNewsroomSync(deps: NewsroomSyncDeps): NewsroomSync {
  const { ctx, sync, tokens } = deps;
  const { db, stores } = ctx;
  const clientFor = deps.clientFor ?? createHubClient;
  const settings = stores.settings;

  const connected = (): boolean => {
    const row = sync.state();
    return Boolean(row?.hub_url && row.account);
  };

  /**
   * The hub's settings as this workstation keeps them: sectors the hub does not
   * list but stories here use are kept, retired (see the module comment).
   */
  const withLocalSectors = (hub: PublicationSettings): PublicationSettings => {
    const usage = settings.sectorUsage();
    const current = settings.publication();
    const listed = new Set(hub.sectors.map((sector) => sector.id));
    const kept = current.sectors.filter((sector) => !listed.has(sector.id) && (usage[sector.id] ?? 0) > 0).map((sector) => ({ ...sector, retired: true }));
    return kept.length === 0 ? hub : { ...hub, sectors: [...hub.sectors, ...kept] };
  };

  /** Writes the hub's settings here; true when they differ from what was here. */
  const takeSettings = (hub: PublicationSettings): boolean => {
    const next = withLocalSectors(hub);
    if (JSON.stringify(next) === JSON.stringify(settings.publication())) return false;
    settings.savePublication(next);
    return true;
  };

  /** Every colleague as a local profile (names, roles, supervisors); none removed. True when any changed. */
  const takePeople = (people: readonly NewsroomPerson[], me: SyncAccount): boolean => {
    const before = JSON.stringify(stores.profiles.list());
    const at = ctx.now().toISOString();
    // Supervisors first, so an intern's supervisor is written with their own name rather than a placeholder.
    const ordered = [...people].sort((a, b) => Number(a.supervisorId !== null) - Number(b.supervisorId !== null));
    for (const person of ordered) sync.ensureProfile({ id: person.id, name: person.name, role: person.role, supervisorId: person.supervisorId }, at);
    // The account signed in here, as the hub has it now (its name in the Sync status, its role in the policy).
    const mine = people.find((person) => person.id === me.id);
    const account = parseAccount(sync.state()?.account);
    if (mine && account && (account.name !== mine.name || account.role !== mine.role || account.supervisorId !== mine.supervisorId)) {
      sync.updateState({ account: JSON.stringify({ ...account, name: mine.name, role: mine.role, supervisorId: mine.supervisorId }) });
    }
    return JSON.stringify(stores.profiles.list()) !== before;
  };

  const announce = (changed: { settings: boolean; people: boolean }) => {
    if (changed.settings) ctx.emit('settings.changed', {});
    if (changed.people) ctx.emit('library.changed', {});
  };

  const put = (client: HubClient, token: string, body: NewsroomSettingsUpdate) =>
    client.request('PUT', SETTINGS_PATH, NewsroomSettingsResponse, { token, body });

  /** Whether the local settings are an existing newsroom's own (not the built-in defaults), worth bringing to a new hub. */
  const ownLocalSettings = (): PublicationSettings | null => {
    const local = settings.publication();
    return JSON.stringify(local) === JSON.stringify(DEFAULT_PUBLICATION_SETTINGS) ? null : local;
  };

  const refresh: NewsroomSync['refresh'] = async (client, token, hubUrl, me) => {
    const seen = sync.newsroomSeen();
    let reply: { etag: string | null; newsroom: NewsroomResponse } | null;
    try {
      reply = await client.newsroom(token, seen?.hubUrl === hubUrl ? seen.etag : null);
    } catch (error) {
      // The settings stay as they are: a hub with none to give (an older one), or one that cannot be
      // reached or ended the session, which the cycle's push and pull then meet and report as usual.
      if (error instanceof HubFailure) return;
      throw error;
    }
    if (reply === null) return;
    let { version, settings: hubSettings } = reply.newsroom;
    let etag = reply.etag;

    const local = version === 0 && me.role === 'admin' ? ownLocalSettings() : null;
    if (local) {
      try {
        ({ version, settings: hubSettings } = await put(client, token, { ...local, baseVersion: 0 }));
        // The people in the reply are current; the ETag is not (the version moved): the next cycle asks again.
        etag = null;
      } catch (error) {
        // Another admin's workstation was first (409), the hub refused, or it is gone for now: the hub's settings win.
        if (!(error instanceof HubFailure)) throw error;
      }
    }

    const changed = db.transaction(() => {
      const result = { settings: takeSettings(hubSettings), people: takePeople(reply.newsroom.people, me) };
      sync.setNewsroomSeen({ hubUrl, version, etag });
      return result;
    }).immediate();
    announce(changed);
  };

  const update: NewsroomSync['update'] = async (input) => {
    const session = tokens.read();
    const hubUrl = sync.state()?.hub_url ?? null;
    if (!session || !hubUrl) throw new CopydeskError(ErrorCode.OFFLINE, NEWSROOM_OFFLINE_MESSAGE, { reason: 'not-connected' });

    // Stories here that the hub may not have yet (unsent, or another local profile's) keep their sectors too.
    const current = settings.publication();
    if (input.sectors) {
      const refused = droppedSectorInUse(current, { sectors: input.sectors }, settings.sectorUsage());
      if (refused) {
        throw new CopydeskError(ErrorCode.VALIDATION, sectorInUseMessage(refused.label, refused.stories), [
          { path: 'sectors', message: `Sector ${refused.id} is used by ${refused.stories} stories`, sectorId: refused.id, stories: refused.stories },
        ]);
      }
    }

    const seen = sync.newsroomSeen();
    const baseVersion = seen?.hubUrl === session.hubUrl ? seen.version : undefined;
    const client = clientFor(session.hubUrl);
    let answer: NewsroomSettingsResponse;
    try {
      answer = await put(client, session.token, { ...input, ...(baseVersion !== undefined ? { baseVersion } : {}) });
    } catch (error) {
      if (!(error instanceof HubFailure)) throw error;
      if (error.kind === 'offline') throw new CopydeskError(ErrorCode.OFFLINE, NEWSROOM_OFFLINE_MESSAGE, { reason: 'offline' });
      if (error.kind === 'signed_out') {
        deps.onSignedOut?.();
        throw new CopydeskError(ErrorCode.UNAUTHORIZED, error.message, { reason: 'signed-out' });
      }
      if (error.status === 409) {
        // A colleague changed them meanwhile: show theirs now, so the next try starts from them.
        const me = parseAccount(sync.state()?.account);
        if (me) await refresh(client, session.token, session.hubUrl, me).catch(() => undefined);
      }
      throw new CopydeskError(error.status !== null ? (CODE_BY_STATUS[error.status] ?? ErrorCode.INTERNAL) : ErrorCode.INTERNAL, error.message, {
        hubStatus: error.status,
      });
    }

    const changed = db.transaction(() => {
      const result = takeSettings(answer.settings);
      // The ETag also covers the people: asked again at the next cycle.
      sync.setNewsroomSeen({ hubUrl: session.hubUrl, version: answer.version, etag: null });
      return result;
    }).immediate();
    announce({ settings: changed, people: false });
    return settings.publication();
  };

  return { connected, refresh, update };
}
