import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PUBLICATION_SETTINGS } from '../../shared/model/publication.ts';
import type { HubErrorBody } from '../../shared/sync/auth.ts';
import type { NewsroomResponse, NewsroomSettingsResponse } from '../../shared/sync/newsroom.ts';
import { can, NO_STORY } from '../../shared/workflow/policy.ts';
import type { Role } from '../../shared/workflow/roles.ts';
import { DATABASE_LABEL, startTestHub, type TestHub } from './support/hub.ts';
import { createMutation, push, revision, revisionMutation, snapshot, type Signed } from './syncFixtures.ts';

/**
 * The newsroom's publication settings and people directory over raw HTTP:
 * who may read and change them, what a colleague sees of people, the ETag a
 * workstation revalidates with, and the hub keeping every story's sectors.
 */

const SETTINGS = '/v1/admin/newsroom/settings';

describe(`the newsroom's settings and people (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  let admin: Signed;
  beforeAll(async () => {
    hub = await startTestHub();
    admin = await hub.signIn('admin', { name: 'Ada Admin' });
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  const get = (token: string, headers: Record<string, string> = {}) => hub.request<NewsroomResponse>('GET', '/v1/newsroom', { token, headers });
  const put = (body: unknown, token = admin.token) => hub.request<NewsroomSettingsResponse & HubErrorBody>('PUT', SETTINGS, { token, body });

  it('starts with the workstation’s defaults at version 0, and everyone signed in reads it', async () => {
    for (const role of ['intern', 'reporter', 'editor', 'admin'] as const) {
      const { token } = await hub.signIn(role);
      const response = await get(token);
      expect(response.status, role).toBe(200);
      expect(response.body.version).toBe(0);
      expect(response.body.settings).toEqual(DEFAULT_PUBLICATION_SETTINGS);
    }
    expect((await hub.request('GET', '/v1/newsroom')).status).toBe(401);
  });

  it('lists colleagues by name, role and supervisor, never their user names or secrets', async () => {
    const supervisor = await hub.signIn('reporter', { name: 'Rita Reporter' });
    const intern = await hub.signIn('intern', { supervisorId: supervisor.user.id, name: 'Ivan Intern' });
    const gone = await hub.createUser({ role: 'editor', name: 'Former Editor' });
    await hub.request('PATCH', `/v1/admin/users/${gone.id}`, { token: admin.token, body: { disabled: true } });

    const { body } = await get(intern.token);
    expect(body.people.find((p) => p.id === intern.user.id)).toEqual({ id: intern.user.id, name: 'Ivan Intern', role: 'intern', supervisorId: supervisor.user.id, active: true });
    expect(body.people.find((p) => p.id === supervisor.user.id)).toMatchObject({ name: 'Rita Reporter', role: 'reporter', supervisorId: null, active: true });
    expect(body.people.find((p) => p.id === gone.id)).toMatchObject({ name: 'Former Editor', active: false });
    const text = JSON.stringify(body);
    expect(text).not.toContain(intern.user.username);
    expect(text).not.toContain('argon2');
    expect(text).not.toContain(intern.token);
  });

  it('answers 304 to the ETag it gave until the settings or the people change', async () => {
    const reader = await hub.signIn('reporter');
    const first = await get(reader.token);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+-[0-9a-f]+"$/);

    const again = await get(reader.token, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();

    // A new colleague changes the directory, so the tag.
    const newcomer = await hub.createUser({ role: 'reporter', name: 'New Colleague' });
    const afterPerson = await get(reader.token, { 'if-none-match': etag });
    expect(afterPerson.status).toBe(200);
    expect(afterPerson.body.people.map((p) => p.name)).toContain('New Colleague');
    const etag2 = afterPerson.headers.get('etag')!;
    expect(etag2).not.toBe(etag);

    // A renamed colleague too.
    await hub.request('PATCH', `/v1/admin/users/${newcomer.id}`, { token: admin.token, body: { name: 'Renamed Colleague' } });
    expect((await get(reader.token, { 'if-none-match': etag2 })).status).toBe(200);

    // And a change of settings.
    const etag3 = (await get(reader.token)).headers.get('etag')!;
    expect((await put({ bylineFormat: { prefix: 'Reported by', uppercaseNames: false } })).status).toBe(200);
    const afterSettings = await get(reader.token, { 'if-none-match': etag3 });
    expect(afterSettings.status).toBe(200);
    expect(afterSettings.body.settings.bylineFormat).toEqual({ prefix: 'Reported by', uppercaseNames: false });
  });

  it('lets an admin change parts of the settings; each change is one version more, and everyone reads it', async () => {
    const before = (await get(admin.token)).body;
    const sectors = [...before.settings.sectors, { id: 'harbour', label: 'Harbour', mediaTopicUri: null, retired: false }];
    const changed = await put({ sectors });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(before.version + 1);
    expect(changed.body.settings.sectors.map((s) => s.id)).toContain('harbour');
    // Parts left out stay as they were.
    expect(changed.body.settings.bylineFormat).toEqual(before.settings.bylineFormat);
    expect(changed.body.settings.noteTemplates).toEqual(before.settings.noteTemplates);

    const { token } = await hub.signIn('intern');
    const read = (await get(token)).body;
    expect(read.version).toBe(before.version + 1);
    expect(read.settings.sectors.find((s) => s.id === 'harbour')?.label).toBe('Harbour');

    // The same settings again make no new version.
    expect((await put({ sectors })).body.version).toBe(before.version + 1);
  });

  describe('refuses everyone but admins, with the policy’s reason', () => {
    const reason = (role: Role) => {
      const decision = can({ id: 'x', role, supervisorId: role === 'intern' ? 'y' : null }, 'manage_settings', NO_STORY);
      if (decision.ok) throw new Error(`the policy lets ${role} change settings`);
      return decision.reason;
    };
    for (const role of ['intern', 'reporter', 'editor'] as const) {
      it(role, async () => {
        const { token } = await hub.signIn(role);
        const before = (await get(admin.token)).body;
        const response = await put({ bylineFormat: { prefix: 'Hijacked', uppercaseNames: true } }, token);
        expect(response.status).toBe(403);
        expect(response.body.error).toEqual({ code: 'FORBIDDEN', message: reason(role) });
        expect((await get(admin.token)).body).toEqual(before);
      });
    }
    it('nobody signed in', async () => {
      expect((await hub.request('PUT', SETTINGS, { body: {} })).status).toBe(401);
    });
  });

  it('refuses invalid settings with the reason and keeps the ones it had', async () => {
    const before = (await get(admin.token)).body;
    const cases: Array<[unknown, RegExp]> = [
      [{ sectors: [{ id: 'Bad Id', label: 'Bad', mediaTopicUri: null, retired: false }] }, /Sector id must be lowercase/],
      [{ sectors: [...before.settings.sectors, { ...before.settings.sectors[0]!, id: 'copy' }] }, /Two active sectors are both called/],
      [{ sectors: [{ id: 'x', label: 'X', mediaTopicUri: 'javascript:alert(1)', retired: false }] }, /http or https/],
      [{ noteTemplates: { ...before.settings.noteTemplates, photos: { one: 'Photos.', many: 'Photos by {names}.' } } }, /must contain \{names\}/],
      [{ publisher: 'Someone' }, /publisher/],
      [{ bylineFormat: { prefix: 'x'.repeat(41), uppercaseNames: true } }, /bylineFormat\.prefix/],
      [[], /must be a JSON object/],
    ];
    for (const [body, message] of cases) {
      const response = await put(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION');
      expect(response.body.error.message).toMatch(message);
    }
    const tooMany = Array.from({ length: 201 }, (_, i) => ({ id: `s${i}`, label: `Sector ${i}`, mediaTopicUri: null, retired: false }));
    const response = await put({ sectors: tooMany });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/at most 200 sectors/);
    expect((await get(admin.token)).body).toEqual(before);
  });

  it('never drops a sector a story on the hub uses (retiring is fine), in the workstation’s words', async () => {
    const before = (await get(admin.token)).body;
    const withSector = [...before.settings.sectors, { id: 'ports', label: 'Ports', mediaTopicUri: null, retired: false }, { id: 'quiet', label: 'Quiet', mediaTopicUri: null, retired: false }];
    expect((await put({ sectors: withSector })).status).toBe(200);

    // Two stories with a Ports section; a third that only mentions the words in its text.
    const reporter = await hub.signIn('reporter');
    for (const paragraphs of [['The port reopened.'], ['Cargo doubled.']]) {
      const storyId = ulid();
      const content = snapshot('Ports story', paragraphs);
      content.body.root.children.unshift({ type: 'sector-heading', version: 1, sectorId: 'ports', $: { blockId: 'b00000000000000ff' } });
      const results = await push(hub, reporter, [createMutation(storyId), revisionMutation(storyId, null, revision(storyId, reporter.user, [], content))]);
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    }
    const mention = ulid();
    const text = snapshot('Mentions', ['"sectorId":"quiet" is only text here.']);
    await push(hub, reporter, [createMutation(mention), revisionMutation(mention, null, revision(mention, reporter.user, [], text))]);

    const dropped = await put({ sectors: withSector.filter((s) => s.id !== 'ports') });
    expect(dropped.status).toBe(400);
    expect(dropped.body.error.message).toBe('The sector "Ports" cannot be removed: 2 stories use it. Retire it instead.');
    expect((await get(admin.token)).body.settings.sectors.map((s) => s.id)).toContain('ports');

    // Retired, it stays for the stories that use it; the sector only mentioned in text may go.
    const retired = await put({ sectors: withSector.filter((s) => s.id !== 'quiet').map((s) => (s.id === 'ports' ? { ...s, retired: true } : s)) });
    expect(retired.status).toBe(200);
    expect(retired.body.settings.sectors.find((s) => s.id === 'ports')?.retired).toBe(true);
    expect(retired.body.settings.sectors.map((s) => s.id)).not.toContain('quiet');
  });

  it('refuses a change made from an older version when asked to (baseVersion)', async () => {
    const { version } = (await get(admin.token)).body;
    const stale = await put({ bylineFormat: { prefix: 'From', uppercaseNames: true }, baseVersion: version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed meanwhile/);
    const current = await put({ bylineFormat: { prefix: 'From', uppercaseNames: true }, baseVersion: version });
    expect(current.status).toBe(200);
    expect(current.body.version).toBe(version + 1);
  });
});
