import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubErrorBody } from '../../shared/sync/auth.ts';
import { DATABASE_LABEL, startTestHub, type TestHub } from './support/hub.ts';
import { createMutation, revision, revisionMutation, snapshot, type Signed } from './syncFixtures.ts';

/**
 * Malformed sync requests get a 400 with a reason a developer can act on —
 * never a 500, and never a partial push (the body is checked as a whole
 * before any mutation is applied).
 */

const storyId = ulid();
const okCreate = () => createMutation(storyId);

function nested(depth: number): unknown {
  let node: Record<string, unknown> = { type: 'text', version: 1, text: 'deep' };
  for (let i = 0; i < depth; i++) node = { type: 'paragraph', version: 1, children: [node] };
  return node;
}

interface BadInput {
  name: string;
  path: '/v1/sync/push' | '/v1/sync/pull';
  /** JSON body, or raw text when a string (sent as application/json). */
  body: unknown;
  /** Words the error message must contain. */
  says: string;
  contentType?: string;
}

/** The author of revisions in bad pushes: never reached, since the body is refused first. */
const author = () => ({ user: { id: ulid(), username: 'nobody', name: 'Nobody', role: 'reporter' as const, supervisorId: null } });

function badPushes(): BadInput[] {
  const push = (mutations: unknown[], workstationId: unknown = 'ws-1') => ({ workstationId, mutations });
  const withRevision = (patch: (r: ReturnType<typeof revision>) => unknown) => {
    const r = revision(storyId, author().user, [], snapshot('Headline', ['Text.']));
    return push([{ ...revisionMutation(storyId, null, r), payload: patch(r) }]);
  };
  return [
    { name: 'invalid JSON', path: '/v1/sync/push', body: '{"workstationId": "ws-1", "mutations": [', says: 'not valid JSON' },
    { name: 'an empty body', path: '/v1/sync/push', body: '', says: 'empty' },
    { name: 'an array instead of an object', path: '/v1/sync/push', body: [], says: 'object' },
    { name: 'plain text', path: '/v1/sync/push', body: 'hello', contentType: 'text/plain', says: 'JSON' },
    { name: 'a number as workstation id', path: '/v1/sync/push', body: push([okCreate()], 42), says: 'workstationId' },
    { name: 'a workstation id with spaces', path: '/v1/sync/push', body: push([okCreate()], 'my laptop'), says: 'workstationId' },
    { name: 'mutations missing', path: '/v1/sync/push', body: { workstationId: 'ws-1' }, says: 'mutations: is missing' },
    { name: 'mutations as an object', path: '/v1/sync/push', body: { workstationId: 'ws-1', mutations: {} }, says: 'mutations' },
    { name: '501 mutations', path: '/v1/sync/push', body: push(Array.from({ length: 501 }, () => createMutation(ulid()))), says: 'at most 500 mutations' },
    { name: 'a mutation id that is not a ULID', path: '/v1/sync/push', body: push([{ ...okCreate(), id: 'mutation-1' }]), says: 'Mutation id must be a ULID' },
    { name: 'a lower-case ULID', path: '/v1/sync/push', body: push([{ ...okCreate(), id: ulid().toLowerCase() }]), says: 'Mutation id must be a ULID' },
    { name: 'a ULID with a letter outside its alphabet', path: '/v1/sync/push', body: push([{ ...okCreate(), id: `${ulid().slice(0, 25)}U` }]), says: 'Mutation id must be a ULID' },
    { name: 'an unknown mutation type', path: '/v1/sync/push', body: push([{ ...okCreate(), type: 'article.delete' }]), says: 'Unknown mutation type' },
    { name: 'a mutation type of the wrong type', path: '/v1/sync/push', body: push([{ ...okCreate(), type: 7 }]), says: 'Unknown mutation type' },
    { name: 'a missing story id', path: '/v1/sync/push', body: push([{ id: ulid(), type: 'article.create', payload: { headline: 'x', language: 'en' } }]), says: 'mutations.0.storyId' },
    { name: 'an unknown envelope field', path: '/v1/sync/push', body: push([{ ...okCreate(), admin: true }]), says: 'admin' },
    { name: 'the same mutation id twice', path: '/v1/sync/push', body: (() => { const m = okCreate(); return push([m, m]); })(), says: 'appears twice' },
    { name: 'a headline of 501 characters', path: '/v1/sync/push', body: push([createMutation(storyId, 'x'.repeat(501))]), says: 'Headline is longer than 500' },
    { name: 'a headline with a NUL character', path: '/v1/sync/push', body: push([createMutation(storyId, 'Port\u0000reopens')]), says: 'NUL' },
    { name: 'a language that is not a tag', path: '/v1/sync/push', body: push([{ ...okCreate(), payload: { headline: 'x', language: 'English!' } }]), says: 'BCP 47' },
    { name: 'a base revision that is not a sha256', path: '/v1/sync/push', body: (() => { const r = revision(storyId, author().user, [], snapshot('H', ['T'])); return push([{ ...revisionMutation(storyId, null, r), baseRevision: 'abc' }]); })(), says: 'baseRevision' },
    { name: 'a revision with nine parents', path: '/v1/sync/push', body: withRevision((r) => ({ ...r, revision: { ...r.revision, parents: Array.from({ length: 9 }, () => 'a'.repeat(64)) } })), says: 'at most 8 parents' },
    { name: 'a revision of kind proposal', path: '/v1/sync/push', body: withRevision((r) => ({ ...r, revision: { ...r.revision, kind: 'proposal' } })), says: 'proposal.send' },
    { name: 'a snapshot without a body', path: '/v1/sync/push', body: withRevision((r) => ({ ...r, snapshot: { ...r.snapshot, body: undefined } })), says: 'snapshot.body' },
    { name: 'a body nested 2,000 levels deep', path: '/v1/sync/push', body: withRevision((r) => ({ ...r, snapshot: { ...r.snapshot, body: { root: { type: 'root', version: 1, children: [nested(2000)] } } } })), says: 'nested' },
    { name: 'a body with a javascript: link', path: '/v1/sync/push', body: withRevision((r) => ({ ...r, snapshot: { ...r.snapshot, body: { root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, children: [{ type: 'link', version: 1, url: 'javascript:alert(1)', children: [] }] }] } } } })), says: 'link' },
    { name: 'a transition with an unknown action', path: '/v1/sync/push', body: push([{ id: ulid(), type: 'article.transition', storyId, payload: { action: 'delete', note: '', expectedStatus: 'draft' } }]), says: 'action' },
    { name: 'a transition without the status the person saw', path: '/v1/sync/push', body: push([{ id: ulid(), type: 'article.transition', storyId, payload: { action: 'submit', note: '' } }]), says: 'expectedStatus' },
    { name: 'a comment of 5,001 characters', path: '/v1/sync/push', body: push([{ id: ulid(), type: 'comment.create', storyId, payload: { commentId: ulid(), anchor: { blockId: 'b0000000000000001', start: 0, end: 1, quote: 'x' }, body: 'x'.repeat(5001), mentions: [] } }]), says: 'at most 5,000 characters' },
    { name: 'a comment with a control character', path: '/v1/sync/push', body: push([{ id: ulid(), type: 'comment.reply', storyId, payload: { commentId: ulid(), threadId: ulid(), body: 'bell \u0007', mentions: [] } }]), says: 'control characters' },
    { name: 'a comment mentioning 51 people', path: '/v1/sync/push', body: push([{ id: ulid(), type: 'comment.reply', storyId, payload: { commentId: ulid(), threadId: ulid(), body: 'hi', mentions: Array.from({ length: 51 }, () => ulid()) } }]), says: 'at most 50 people' },
    { name: 'an anchor whose offsets do not match its quote', path: '/v1/sync/push', body: push([{ id: ulid(), type: 'comment.create', storyId, payload: { commentId: ulid(), anchor: { blockId: 'b0000000000000001', start: 0, end: 9, quote: 'x' }, body: 'hi', mentions: [] } }]), says: 'offsets' },
    { name: 'a proposal decision on a made-up item', path: '/v1/sync/push', body: push([{ id: ulid(), type: 'proposal.decide', storyId, payload: { proposalId: ulid(), key: 'field:password', decision: 'accept' } }]), says: 'Not a proposal item' },
  ];
}

const BAD_PULLS: BadInput[] = [
  { name: 'a cursor that is not one the hub gave', path: '/v1/sync/pull', body: { cursor: 'abc' }, says: 'Cursor must be one the hub gave out' },
  { name: 'a negative cursor', path: '/v1/sync/pull', body: { cursor: '-1' }, says: 'Cursor' },
  { name: 'a cursor as a number', path: '/v1/sync/pull', body: { cursor: 12 }, says: 'cursor' },
  { name: 'no cursor at all', path: '/v1/sync/pull', body: {}, says: 'cursor: is missing' },
  { name: 'a limit of 0', path: '/v1/sync/pull', body: { cursor: null, limit: 0 }, says: 'limit' },
  { name: 'a limit of 5,000', path: '/v1/sync/pull', body: { cursor: null, limit: 5000 }, says: 'at most 1000 changes' },
  { name: 'a fractional limit', path: '/v1/sync/pull', body: { cursor: null, limit: 2.5 }, says: 'limit' },
  { name: 'an unknown field', path: '/v1/sync/pull', body: { cursor: null, since: 'yesterday' }, says: 'since' },
];

describe(`malformed sync requests (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  let reporter: Signed;

  beforeAll(async () => {
    hub = await startTestHub();
    reporter = await hub.signIn('reporter');
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  const cases = [...badPushes(), ...BAD_PULLS];
  it.each(cases.map((c) => [c.name, c] as const))('answers %s with 400 and a reason', async (_name, c) => {
    const before = await hub.deps.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM mutations');
    const response = await hub.request(
      'POST',
      c.path,
      typeof c.body === 'string'
        ? { token: reporter.token, rawBody: c.body, ...(c.contentType ? { headers: { 'content-type': c.contentType } } : {}) }
        : { token: reporter.token, body: c.body },
    );
    expect(response.status).toBe(400);
    const body = HubErrorBody.parse(response.body);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.message).toContain(c.says);
    // Nothing of a refused body was applied.
    expect(await hub.deps.sql.query('SELECT count(*)::int AS n FROM mutations')).toEqual(before);
  });

  it('accepts an empty push (a workstation with nothing to send) and a pull without a limit', async () => {
    expect((await hub.request('POST', '/v1/sync/push', { token: reporter.token, body: { workstationId: 'ws-1', mutations: [] } })).body).toEqual({ results: [] });
    const pull = await hub.request('POST', '/v1/sync/pull', { token: reporter.token, body: { cursor: null } });
    expect(pull.status).toBe(200);
  });
});
