import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import type { ApiError, Result } from '../../shared/api/errors.ts';
import type { Sector } from '../../shared/model/anatomy.ts';
import type { SerializedNode } from '../../shared/model/document.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import type { NewsroomResponse } from '../../shared/sync/newsroom.ts';
import type { Role } from '../../shared/workflow/roles.ts';
import { openTestBackend, type TestBackend } from '../support/backend.ts';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../hub/support/hub.ts';
import { B1, B2, block, body, save, startRelay, type Relay } from './support.ts';

/**
 * The newsroom's publication settings and people through real workstation
 * backends and a real hub over HTTP: an admin's change on one workstation
 * reaches the others at their next sync, colleagues appear by their real
 * names and roles, and without the hub nothing changes anywhere.
 *
 * The tests run in order on one hub: the first needs its settings never set.
 */

const OFFLINE_MESSAGE = 'Publication settings belong to the newsroom hub; connect to change them.';

let hub: TestHub;
let relay: Relay;
const open: TestBackend[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  relay = await startRelay(hub.url);
}, 30_000);

afterAll(async () => {
  for (const ws of open) ws.close();
  await relay.close();
  await hub.close();
});

function workstation(name: string, role: Role = 'admin'): TestBackend {
  const ws = openTestBackend(Date.parse('2026-03-02T09:00:01Z'), { profile: { name, role } });
  open.push(ws);
  return ws;
}

async function call<M extends MethodName>(ws: TestBackend, name: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
  return (await ws.backend.call(name, input)) as Result<MethodOutput<M>>;
}

async function ok<M extends MethodName>(ws: TestBackend, name: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await call(ws, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function fails<M extends MethodName>(ws: TestBackend, name: M, input: MethodInput<M>): Promise<ApiError> {
  const result = await call(ws, name, input);
  expect(result.ok, `${name} should have failed`).toBe(false);
  return (result as { ok: false; error: ApiError }).error;
}

async function connect(ws: TestBackend, user: HubUser): Promise<void> {
  const status = await ok(ws, 'sync.connect', { hubUrl: relay.url, username: user.username, password: TEST_PASSWORD });
  expect(status.account?.id).toBe(user.id);
}

async function hubSettings(): Promise<NewsroomResponse> {
  const { token } = await hub.signIn('reporter');
  return (await hub.request<NewsroomResponse>('GET', '/v1/newsroom', { token })).body;
}

const sector = (id: string, label: string): Sector => ({ id, label, mediaTopicUri: null, retired: false });
const heading = (sectorId: string, blockId: string): SerializedNode => ({ type: 'sector-heading', version: 1, sectorId, $: { blockId } }) as SerializedNode;

/** A story of the workstation's current profile with one section of `sectorId`. */
function storyWithSector(ws: TestBackend, sectorId: string, headline: string): string {
  const story = ws.ok('stories.create', { headline });
  save(ws, story.id, body(heading(sectorId, B1), block(B2, `News of ${sectorId}.`)));
  return story.id;
}

describe('an existing newsroom connecting to a new hub', () => {
  it('the first admin brings the taxonomy; other workstations take it, keeping sectors their stories use', async () => {
    expect((await hubSettings()).version).toBe(0);

    // The chief's workstation had its own taxonomy before the hub existed.
    const chief = await hub.createUser({ role: 'admin', name: 'Chief Editor' });
    const a = workstation('Chief (local)');
    const mine = [...a.ok('settings.get', {}).sectors, sector('harbour', 'Harbour')];
    a.ok('settings.update', { sectors: mine, bylineFormat: { prefix: 'Reported by', uppercaseNames: false } });
    await connect(a, chief);

    const onHub = await hubSettings();
    expect(onHub.version).toBe(1);
    expect(onHub.settings.sectors.map((s) => s.id)).toContain('harbour');
    expect(onHub.settings.bylineFormat).toEqual({ prefix: 'Reported by', uppercaseNames: false });

    // A second admin's workstation had other settings and a story in a sector of its own: the hub's win,
    // and that sector stays, retired, for the story.
    const deputy = await hub.createUser({ role: 'admin', name: 'Deputy Admin' });
    const c = workstation('Deputy (local)');
    c.ok('settings.update', { sectors: [...c.ok('settings.get', {}).sectors, sector('river', 'River'), sector('unused', 'Unused')] });
    storyWithSector(c, 'river', 'River levels rise');
    await connect(c, deputy);

    const taken = c.ok('settings.get', {});
    expect(taken.bylineFormat).toEqual({ prefix: 'Reported by', uppercaseNames: false });
    expect(taken.sectors.find((s) => s.id === 'harbour')).toEqual(sector('harbour', 'Harbour'));
    expect(taken.sectors.find((s) => s.id === 'river')).toEqual({ ...sector('river', 'River'), retired: true });
    expect(taken.sectors.map((s) => s.id)).not.toContain('unused');
    // The hub stays as the chief set it.
    expect((await hubSettings()).version).toBe(1);
  });
});

describe('a connected newsroom', () => {
  it('an admin’s change on one workstation reaches another at its next sync; a reporter may only read them', async () => {
    const admin = await hub.createUser({ role: 'admin', name: 'Ada Admin' });
    const reporter = await hub.createUser({ role: 'reporter', name: 'Rita Reporter' });
    const a = workstation('Ada (local)');
    const b = workstation('Rita (local)', 'reporter');
    await connect(a, admin);
    await connect(b, reporter);
    const before = (await hubSettings()).version;

    const sectors = a.ok('settings.get', {}).sectors.map((s) => (s.id === 'harbour' ? { ...s, label: 'Harbour and Ports' } : s));
    const changed = await ok(a, 'settings.update', { sectors });
    expect(changed.sectors.find((s) => s.id === 'harbour')?.label).toBe('Harbour and Ports');
    expect((await hubSettings()).version).toBe(before + 1);

    await ok(b, 'sync.now', {});
    expect(b.ok('settings.get', {}).sectors.find((s) => s.id === 'harbour')?.label).toBe('Harbour and Ports');

    const refused = await fails(b, 'settings.update', { bylineFormat: { prefix: 'Mine', uppercaseNames: true } });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('Only admins change publication settings.');
    expect((await hubSettings()).settings.bylineFormat.prefix).not.toBe('Mine');
  });

  it('refuses to drop a sector a story in the newsroom uses, in the workstation’s words', async () => {
    const admin = await hub.createUser({ role: 'admin', name: 'Otto Admin' });
    const reporter = await hub.createUser({ role: 'reporter', name: 'Paula Reporter' });
    const a = workstation('Otto (local)');
    await connect(a, admin);
    const sectors = [...a.ok('settings.get', {}).sectors, sector('markets', 'Markets')];
    await ok(a, 'settings.update', { sectors });

    // The reporter files a Markets story from her workstation.
    const b = workstation('Paula (local)', 'reporter');
    await connect(b, reporter);
    storyWithSector(b, 'markets', 'Markets calm');
    await ok(b, 'sync.now', {});

    const error = await fails(a, 'settings.update', { sectors: sectors.filter((s) => s.id !== 'markets') });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('The sector "Markets" cannot be removed: 1 story uses it. Retire it instead.');
    expect((await hubSettings()).settings.sectors.map((s) => s.id)).toContain('markets');
    expect(a.ok('settings.get', {}).sectors.map((s) => s.id)).toContain('markets');
  });

  it('names colleagues as the hub does (roles and supervisors too), and follows a rename; no local profile is removed', async () => {
    const editor = await hub.createUser({ role: 'editor', name: 'Mei Chen' });
    const supervisor = await hub.createUser({ role: 'reporter', name: 'Vivian Yan' });
    const intern = await hub.createUser({ role: 'intern', name: 'Ivy Intern', supervisorId: supervisor.id });
    const admin = await hub.createUser({ role: 'admin', name: 'Sam Admin' });
    const ws = workstation('Before the hub', 'reporter');
    const localOnly = ws.addProfile('Guest on this desk', 'reporter');
    ws.switchTo(ws.profile!);
    await connect(ws, intern);

    const profiles = ws.ok('session.get', {}).profiles;
    const byId = new Map(profiles.map((p) => [p.id, p]));
    expect(byId.get(editor.id)).toMatchObject({ name: 'Mei Chen', role: 'editor' });
    expect(byId.get(supervisor.id)).toMatchObject({ name: 'Vivian Yan', role: 'reporter' });
    expect(byId.get(intern.id)).toMatchObject({ name: 'Ivy Intern', role: 'intern', supervisorId: supervisor.id });
    expect(byId.get(admin.id)).toMatchObject({ name: 'Sam Admin', role: 'admin' });
    expect(profiles.map((p) => p.name)).not.toContain('Newsroom colleague');
    expect(byId.get(localOnly.id)?.name).toBe('Guest on this desk');

    // Renamed and promoted on the hub: the next sync shows it.
    const { token } = await hub.login(admin.username);
    expect((await hub.request('PATCH', `/v1/admin/users/${editor.id}`, { token, body: { name: 'Mei Chen-Larsen', role: 'admin' } })).status).toBe(200);
    await ok(ws, 'sync.now', {});
    expect(ws.ok('session.get', {}).profiles.find((p) => p.id === editor.id)).toMatchObject({ name: 'Mei Chen-Larsen', role: 'admin' });
    expect(ws.ok('session.get', {}).profiles.find((p) => p.id === localOnly.id)?.name).toBe('Guest on this desk');
  });

  it('without the hub nothing changes, here or there, and the admin is told why', async () => {
    const admin = await hub.createUser({ role: 'admin', name: 'Nora Admin' });
    const a = workstation('Nora (local)');
    await connect(a, admin);
    const here = a.ok('settings.get', {});
    const there = await hubSettings();
    const change = { bylineFormat: { prefix: 'Words by', uppercaseNames: true } };

    await relay.down();
    try {
      const error = await fails(a, 'settings.update', change);
      expect(error.code).toBe('OFFLINE');
      expect(error.message).toBe(OFFLINE_MESSAGE);
      expect(a.ok('settings.get', {})).toEqual(here);
    } finally {
      await relay.up();
    }
    expect((await hubSettings()).settings).toEqual(there.settings);

    // Signed out, the same: the settings are still the newsroom's.
    await ok(a, 'sync.disconnect', {});
    const signedOut = await fails(a, 'settings.update', change);
    expect(signedOut.message).toBe(OFFLINE_MESSAGE);
    expect(a.ok('settings.get', {})).toEqual(here);

    // Back online, the same change goes through.
    await connect(a, admin);
    expect((await ok(a, 'settings.update', change)).bylineFormat).toEqual({ prefix: 'Words by', uppercaseNames: true });
    expect((await hubSettings()).settings.bylineFormat).toEqual({ prefix: 'Words by', uppercaseNames: true });
  });

  it('a workstation never connected keeps its settings to itself', async () => {
    const alone = workstation('Solo admin');
    const changed = alone.ok('settings.update', { bylineFormat: { prefix: 'Text:', uppercaseNames: false } });
    expect(changed.bylineFormat.prefix).toBe('Text:');
    expect((await hubSettings()).settings.bylineFormat.prefix).not.toBe('Text:');
  });
});
