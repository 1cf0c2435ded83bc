import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';
import { canonicalJson } from '../../shared/review/canonicalJson.ts';
import { encodeSnapshotDelta } from '../../shared/sync/delta.ts';
import { SYNC_LIMITS, type PushResponse } from '../../shared/sync/protocol.ts';
import { DATABASE_LABEL, startTestHub, type TestHub } from './support/hub.ts';
import { createMutation, pullAll, push, pushOne, revision, revisionMutation, snapshot, type Signed } from './syncFixtures.ts';

/**
 * Revisions sent as a delta against a revision the hub has, and push bodies
 * sent compressed: the hub stores and serves the same full snapshot either
 * way, refuses a delta it cannot rebuild with a reason the workstation acts
 * on (send in full), and never inflates a compressed body past its limit.
 */

const PARAGRAPHS = [
  'The council voted on Tuesday to close the harbour bridge after inspectors found cracks in two of its piers.',
  'Traffic will be diverted through the tunnel, which the transport authority said could take the extra load.',
  'Repairs are expected to take at least six months and cost 40 million.',
];

/** A delta revision mutation: `next` as a change to `base` (the revision `baseId`). */
function deltaMutation(storyId: string, baseId: string, base: RevisionSnapshot, made: ReturnType<typeof revision>, deltaBase = baseId) {
  return {
    id: ulid(),
    type: 'article.revision',
    storyId,
    baseRevision: baseId,
    payload: { revision: made.revision, deltaBase, delta: encodeSnapshotDelta(base, made.snapshot) },
  };
}

async function storedSnapshot(hub: TestHub, revisionId: string): Promise<string | null> {
  const rows = await hub.deps.sql.query<{ snapshot: Uint8Array }>('SELECT snapshot FROM revisions WHERE id = $1', [revisionId]);
  return rows[0] ? new TextDecoder().decode(rows[0].snapshot) : null;
}

async function head(hub: TestHub, storyId: string): Promise<string | null> {
  const rows = await hub.deps.sql.query<{ head_revision_id: string | null }>('SELECT head_revision_id FROM stories WHERE id = $1', [storyId]);
  return rows[0]!.head_revision_id;
}

/** POSTs a push body as bytes, with the given Content-Encoding. */
async function rawPush(hub: TestHub, who: Signed, body: Uint8Array, encoding?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL('v1/sync/push', hub.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json', ...(encoding ? { 'content-encoding': encoding } : {}) },
    body: body as Uint8Array<ArrayBuffer>,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown };
}

describe(`sync deltas and compressed pushes (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  let reporter: Signed;

  beforeAll(async () => {
    hub = await startTestHub();
    reporter = await hub.signIn('reporter');
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  /** A story with one revision on the hub. */
  async function storyWithRevision(): Promise<{ storyId: string; first: ReturnType<typeof revision> }> {
    const storyId = ulid();
    const first = revision(storyId, reporter.user, [], snapshot('Harbour bridge to close', PARAGRAPHS));
    const results = await push(hub, reporter, [createMutation(storyId, 'Harbour bridge to close'), revisionMutation(storyId, null, first)]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    return { storyId, first };
  }

  it('applies a revision sent as a delta; the hub stores and serves the full snapshot, identical', async () => {
    const { storyId, first } = await storyWithRevision();
    const edited = structuredClone(first.snapshot);
    edited.body.root.children[1]!.children![0]!.text = PARAGRAPHS[1]!.replace('extra load', 'extra traffic');
    edited.headline = 'Harbour bridge to close for six months';
    const second = revision(storyId, reporter.user, [first.revision.id], edited);

    const mutation = deltaMutation(storyId, first.revision.id, first.snapshot, second);
    // The edited paragraph travels, the other two by id.
    expect(mutation.payload.delta.blocks.filter((b) => typeof b === 'string')).toHaveLength(2);
    expect(await pushOne(hub, reporter, mutation)).toEqual({ id: mutation.id, status: 'applied', head: second.revision.id, storyStatus: 'draft' });

    expect(await storedSnapshot(hub, second.revision.id)).toBe(canonicalJson(edited));
    const pulled = await pullAll(hub, reporter);
    const change = pulled.changes.find((c) => c.kind === 'revision' && c.revision.id === second.revision.id);
    expect(change?.kind === 'revision' && canonicalJson(change.snapshot)).toBe(canonicalJson(edited));
    const rows = await hub.deps.sql.query<{ headline: string }>('SELECT headline FROM stories WHERE id = $1', [storyId]);
    expect(rows[0]!.headline).toBe('Harbour bridge to close for six months');
  });

  it('answers invalid for a delta against a revision the hub does not have or of another story, and stores nothing', async () => {
    const { storyId, first } = await storyWithRevision();
    const other = await storyWithRevision();
    const edited = structuredClone(first.snapshot);
    edited.body.root.children.pop();
    const second = revision(storyId, reporter.user, [first.revision.id], edited);

    const unknownBase = 'f'.repeat(64);
    const unknown = await pushOne(hub, reporter, deltaMutation(storyId, first.revision.id, first.snapshot, second, unknownBase));
    expect(unknown).toMatchObject({
      status: 'invalid',
      reason: `The delta’s base revision ${unknownBase} is not on the hub for this story; send the revision in full (snapshot).`,
    });
    const foreign = await pushOne(hub, reporter, deltaMutation(storyId, first.revision.id, first.snapshot, second, other.first.revision.id));
    expect(foreign).toMatchObject({ status: 'invalid', reason: expect.stringContaining('is not on the hub for this story') });
    expect(await storedSnapshot(hub, second.revision.id)).toBeNull();
    expect(await head(hub, storyId)).toBe(first.revision.id);

    // What the workstation does next: the same revision in full, under a new mutation id.
    expect(await pushOne(hub, reporter, revisionMutation(storyId, first.revision.id, second))).toMatchObject({ status: 'applied', head: second.revision.id });
  });

  it('answers invalid for a delta that does not rebuild the revision it claims', async () => {
    const { storyId, first } = await storyWithRevision();
    const edited = structuredClone(first.snapshot);
    edited.standfirst = 'The tunnel takes the traffic.';
    const second = revision(storyId, reporter.user, [first.revision.id], edited);

    // Made against a base with other block ids: names blocks the hub's base does not have.
    const stranger = snapshot('Harbour bridge to close', PARAGRAPHS);
    const wrongBlocks = deltaMutation(storyId, first.revision.id, stranger, second);
    wrongBlocks.payload.delta = encodeSnapshotDelta(stranger, { ...stranger, standfirst: edited.standfirst });
    expect(await pushOne(hub, reporter, wrongBlocks)).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/^The delta names block b[0-9a-z]{16}, which its base revision does not have\. Send the revision in full/) });

    // Rebuilds, but to other content than the id was computed over.
    const tampered = deltaMutation(storyId, first.revision.id, first.snapshot, second);
    tampered.payload.delta.header = { standfirst: 'Something else.' };
    expect(await pushOne(hub, reporter, tampered)).toMatchObject({ status: 'invalid', reason: expect.stringContaining('does not match its content') });

    // Rebuilds to a body the hub refuses, exactly as if it had been sent whole.
    const broken = deltaMutation(storyId, first.revision.id, first.snapshot, second);
    broken.payload.delta.blocks = [...broken.payload.delta.blocks, broken.payload.delta.blocks[0]!];
    expect(await pushOne(hub, reporter, broken)).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/^The snapshot the delta makes is not valid: .*share the block id/) });
    expect(await head(hub, storyId)).toBe(first.revision.id);
  });

  it('refuses a delta from someone who may not edit the story before rebuilding anything', async () => {
    const { storyId, first } = await storyWithRevision();
    const stranger = await hub.signIn('reporter');
    const edited = { ...structuredClone(first.snapshot), standfirst: 'Not mine to change.' };
    const theirs = revision(storyId, stranger.user, [first.revision.id], edited);
    // A fitting base and one that does not fit get the same answer: nothing about the stored text leaks.
    for (const deltaBase of [first.revision.id, 'f'.repeat(64)]) {
      const result = await pushOne(hub, stranger, deltaMutation(storyId, first.revision.id, first.snapshot, theirs, deltaBase));
      expect(result).toMatchObject({ status: 'refused' });
    }
    expect(await head(hub, storyId)).toBe(first.revision.id);
  });

  it('refuses a revision with both a snapshot and a delta, or a delta without its base, as a 400', async () => {
    const { storyId, first } = await storyWithRevision();
    const second = revision(storyId, reporter.user, [first.revision.id], { ...first.snapshot, standfirst: 'New.' });
    const both = deltaMutation(storyId, first.revision.id, first.snapshot, second);
    const withSnapshot = { ...both, payload: { ...both.payload, snapshot: second.snapshot } };
    const noBase = { ...both, payload: { revision: both.payload.revision, delta: both.payload.delta } };
    for (const [mutation, message] of [
      [withSnapshot, 'either its snapshot or a delta'],
      [noBase, 'A delta and its deltaBase'],
    ] as const) {
      const response = await hub.request<{ error: { code: string; message: string } }>('POST', '/v1/sync/push', {
        token: reporter.token,
        body: { workstationId: 'ws-test', mutations: [mutation] },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(message);
    }
  });

  it('reads a push body sent with Content-Encoding gzip or br', async () => {
    for (const [encoding, compress] of [
      ['gzip', gzipSync],
      ['br', brotliCompressSync],
    ] as const) {
      const storyId = ulid();
      const first = revision(storyId, reporter.user, [], snapshot('Harbour bridge to close', PARAGRAPHS));
      const body = JSON.stringify({ workstationId: 'ws-test', mutations: [createMutation(storyId), revisionMutation(storyId, null, first)] });
      const compressed = compress(Buffer.from(body));
      expect(compressed.length).toBeLessThan(body.length);
      const response = await rawPush(hub, reporter, compressed, encoding);
      expect(response.status).toBe(200);
      expect((response.body as PushResponse).results.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect(await storedSnapshot(hub, first.revision.id)).toBe(canonicalJson(first.snapshot));
    }
  });

  it('refuses a gzip bomb with 413 and stores nothing, and keeps serving', async () => {
    const storyId = ulid();
    const create = createMutation(storyId);
    // Valid JSON that inflates to twice the push limit: without the cap it would be parsed and applied.
    const padding = ' '.repeat(2 * SYNC_LIMITS.pushBytes);
    const bomb = gzipSync(Buffer.from(`{"workstationId":"ws-test","mutations":[${JSON.stringify(create)}]${padding}}`), { level: 9 });
    expect(bomb.length).toBeLessThan(256 * 1024);

    const response = await rawPush(hub, reporter, bomb, 'gzip');
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: { code: 'VALIDATION', message: 'The request body is too large.' } });
    expect(await hub.deps.sql.query('SELECT id FROM mutations WHERE id = $1', [create.id])).toEqual([]);
    expect(await hub.deps.sql.query('SELECT id FROM stories WHERE id = $1', [storyId])).toEqual([]);

    // The hub is still there, and the same push sent sensibly goes through.
    expect(await pushOne(hub, reporter, create)).toMatchObject({ status: 'applied' });
  });

  it('refuses a body that is not what its Content-Encoding says with a 400', async () => {
    const notGzip = await rawPush(hub, reporter, Buffer.from('{"workstationId":"ws-test","mutations":[]}'), 'gzip');
    expect(notGzip).toEqual({ status: 400, body: { error: { code: 'VALIDATION', message: 'The request body is not valid gzip data.' } } });
    const unknown = await rawPush(hub, reporter, Buffer.from('{}'), 'compress');
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: { message: string } }).error.message).toBe(
      'The hub cannot read a request body with Content-Encoding "compress"; send it as gzip, br or uncompressed.',
    );
  });
});
