import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { revisionId } from '../../../../main/store/revisions.ts';
import type { RevisionSnapshot } from '../../../../shared/api/methods/revisions.ts';
import { canonicalJson } from '../../../../shared/review/canonicalJson.ts';
import { imageTypeOf } from '../../../../shared/sync/media.ts';
import {
  Change,
  Mutation,
  MUTATION_TYPES,
  MutationResult,
  PullRequest,
  PushRequest,
  revisionIdInput,
  SYNC_LIMITS,
} from '../../../../shared/sync/protocol.ts';

const content: RevisionSnapshot = {
  headline: 'Why Chongqing is piloting service industry reform',
  standfirst: '',
  dateline: { place: 'Chongqing', date: '2021-09-06' },
  byline: [{ personId: null, name: 'Vivian Yan', role: 'author' }],
  language: 'en',
  body: { root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, $: { blockId: 'b0123456789abcdef' }, children: [{ type: 'text', version: 1, text: 'Health care comes first.' }] }] } },
};

const metadata = {
  authorId: ulid(),
  authorName: 'Vivian Yan',
  createdAt: '2026-03-02T09:00:00.000Z',
  kind: 'save' as const,
  message: 'First draft',
};
const header = { ...metadata, parents: [] as string[] };

describe('shared/sync protocol', () => {
  it('names a revision by the same sha256 as the workstation’s store does', () => {
    const storyId = ulid();
    const fromProtocol = createHash('sha256').update(canonicalJson(revisionIdInput(storyId, header, content))).digest('hex');
    const fromStore = revisionId(content, header.parents, { storyId, ...metadata });
    expect(fromProtocol).toBe(fromStore);
    // Any field of the metadata changes it.
    expect(createHash('sha256').update(canonicalJson(revisionIdInput(storyId, { ...header, message: 'x' }, content))).digest('hex')).not.toBe(fromStore);
  });

  it('parses every mutation type, and a revision’s snapshot comes out as it went in (so its id still matches)', () => {
    const storyId = ulid();
    const id = revisionId(content, [], { storyId, ...metadata });
    const mutation = { id: ulid(), type: 'article.revision', storyId, baseRevision: null, payload: { revision: { id, ...header }, snapshot: content } };
    const parsed = Mutation.parse(JSON.parse(JSON.stringify(mutation)));
    expect(parsed).toEqual(mutation);
    const types = new Set<string>();
    const samples = [
      { type: 'article.create', payload: { headline: 'H', language: 'zh-Hans' } },
      mutation,
      { type: 'article.transition', payload: { action: 'submit', expectedStatus: 'draft' } },
      { type: 'article.trash', payload: { expectedHead: id } },
      { type: 'article.restore', payload: {} },
      { type: 'comment.create', payload: { commentId: ulid(), anchor: { blockId: 'b0123456789abcdef', start: 0, end: 6, quote: 'Health' }, body: 'Source?' } },
      { type: 'comment.reply', payload: { commentId: ulid(), threadId: ulid(), body: 'Ministry.' } },
      { type: 'comment.resolve', payload: { threadId: ulid() } },
      { type: 'comment.reopen', payload: { threadId: ulid() } },
      { type: 'proposal.send', payload: { proposalId: ulid(), revision: { id, ...header, kind: 'proposal', parents: [id] }, snapshot: content } },
      { type: 'proposal.decide', payload: { proposalId: ulid(), key: 'field:headline', decision: 'accept' } },
      { type: 'proposal.withdraw', payload: { proposalId: ulid() } },
    ];
    for (const sample of samples) {
      const result = Mutation.safeParse({ id: ulid(), storyId, ...sample });
      expect(result.success, `${sample.type}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
      types.add(sample.type);
    }
    expect([...types].sort()).toEqual([...MUTATION_TYPES].sort());
  });

  it('fills in defaults: an empty note, no mentions, the default pull size', () => {
    const transition = Mutation.parse({ id: ulid(), storyId: ulid(), type: 'article.transition', payload: { action: 'submit', expectedStatus: 'draft' } });
    expect(transition.payload).toEqual({ action: 'submit', expectedStatus: 'draft', note: '' });
    expect(PullRequest.parse({ cursor: null })).toEqual({ cursor: null, limit: SYNC_LIMITS.pullDefault });
  });

  it('refuses an unknown mutation type by saying which types there are', () => {
    const result = Mutation.safeParse({ id: ulid(), storyId: ulid(), type: 'story.delete', payload: {} });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toContain('Unknown mutation type; expected one of article.create');
  });

  it('bounds a push: 500 mutations pass, 501 do not', () => {
    const make = (n: number) => ({ workstationId: 'ws', mutations: Array.from({ length: n }, () => ({ id: ulid(), storyId: ulid(), type: 'comment.resolve', payload: { threadId: ulid() } })) });
    expect(PushRequest.safeParse(make(500)).success).toBe(true);
    expect(PushRequest.safeParse(make(501)).success).toBe(false);
  });

  it('reads the hub’s answers, a duplicate carrying the first', () => {
    const first = { id: ulid(), status: 'applied', head: null, storyStatus: 'draft' };
    expect(MutationResult.parse({ id: first.id, status: 'duplicate', first })).toEqual({ id: first.id, status: 'duplicate', first });
    expect(MutationResult.safeParse({ id: first.id, status: 'maybe' }).success).toBe(false);
    expect(Change.safeParse({ seq: 1, storyId: ulid(), at: '2026-03-02T09:00:00.000Z', kind: 'gossip' }).success).toBe(false);
  });
});

describe('imageTypeOf', () => {
  it.each([
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    ['WebP', [...Buffer.from('RIFF\0\0\0\0WEBPVP8 ')], 'image/webp'],
    ['GIF', [...Buffer.from('GIF89a')], 'image/gif'],
    ['SVG text', [...Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')], null],
    ['a PNG cut after 4 bytes', [0x89, 0x50, 0x4e, 0x47], null],
    ['nothing', [], null],
  ] as const)('%s → %s', (_name, bytes, expected) => {
    expect(imageTypeOf(Uint8Array.from(bytes))).toBe(expected);
  });
});
