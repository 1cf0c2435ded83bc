import { ulid } from 'ulid';
import { revisionId } from '../../main/store/revisions.ts';
import { newBlockId } from '../../shared/model/anatomy.ts';
import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';
import type { StoryStatus } from '../../shared/model/story.ts';
import type { HubUser } from '../../shared/sync/auth.ts';
import type { FirstResult, MutationResult, PullResponse, PushResponse, RevisionHeader } from '../../shared/sync/protocol.ts';
import type { TransitionAction } from '../../shared/workflow/actions.ts';
import type { TestHub } from './support/hub.ts';

/**
 * Builders for sync tests: raw mutations as a workstation (or anyone with
 * curl) would send them. Revision ids come from the workstation's own store
 * code (main/store/revisions.ts), so the tests also show that the hub and
 * the workstation agree on what a revision id is.
 */

export interface Signed {
  user: HubUser;
  token: string;
}

export function snapshot(headline: string, paragraphs: readonly string[]): RevisionSnapshot {
  return {
    headline,
    standfirst: '',
    dateline: { place: 'Chongqing', date: '2026-03-02' },
    byline: [],
    language: 'en',
    body: {
      root: {
        type: 'root',
        version: 1,
        children: paragraphs.map((text) => ({
          type: 'paragraph',
          version: 1,
          $: { blockId: newBlockId() },
          children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
        })),
      },
    },
  };
}

let minute = 0;
/** A revision as the workstation's store would checkpoint it: header with the id computed over its content. */
export function revision(
  storyId: string,
  author: HubUser,
  parents: readonly string[],
  content: RevisionSnapshot,
  kind: RevisionHeader['kind'] = 'save',
): { revision: RevisionHeader; snapshot: RevisionSnapshot } {
  minute += 1;
  const metadata = {
    storyId,
    authorId: author.id,
    authorName: author.name,
    createdAt: new Date(Date.UTC(2026, 2, 1, 8, minute)).toISOString(),
    kind,
    message: '',
  };
  const id = revisionId(content, parents, metadata);
  const { storyId: _storyId, ...rest } = metadata;
  return { revision: { id, parents: [...parents], ...rest }, snapshot: content };
}

export const createMutation = (storyId: string, headline = 'Chongqing pilots service industry reform') => ({
  id: ulid(),
  type: 'article.create',
  storyId,
  payload: { headline, language: 'en' },
});

export const revisionMutation = (storyId: string, base: string | null, payload: ReturnType<typeof revision>) => ({
  id: ulid(),
  type: 'article.revision',
  storyId,
  baseRevision: base,
  payload,
});

export const transitionMutation = (storyId: string, action: TransitionAction, expectedStatus: StoryStatus, note = '') => ({
  id: ulid(),
  type: 'article.transition',
  storyId,
  payload: { action, note, expectedStatus },
});

/** POSTs a push and returns the results; fails the test on anything but 200. */
export async function push(hub: TestHub, who: Signed, mutations: unknown[], workstationId = 'ws-test'): Promise<MutationResult[]> {
  const response = await hub.request<PushResponse>('POST', '/v1/sync/push', { token: who.token, body: { workstationId, mutations } });
  if (response.status !== 200) throw new Error(`push failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.results;
}

/** Pushes one mutation and returns its first answer (unwrapping a duplicate). */
export async function pushOne(hub: TestHub, who: Signed, mutation: unknown): Promise<FirstResult> {
  const [result] = await push(hub, who, [mutation]);
  if (!result) throw new Error('no result');
  return result.status === 'duplicate' ? result.first : result;
}

export async function pullAll(hub: TestHub, who: Signed, cursor: string | null = null, limit = 200): Promise<PullResponse> {
  const response = await hub.request<PullResponse>('POST', '/v1/sync/pull', { token: who.token, body: { cursor, limit } });
  if (response.status !== 200) throw new Error(`pull failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * A story owned by `owner` with one revision, moved to `status` by the owner
 * and `desk` (an editor) as the workflow allows. Returns its id and head.
 */
export async function storyIn(hub: TestHub, owner: Signed, desk: Signed, status: StoryStatus): Promise<{ storyId: string; head: string }> {
  const storyId = ulid();
  const first = revision(storyId, owner.user, [], snapshot('Chongqing pilots service industry reform', ['The city opened its first pilot zone.']));
  const results = await push(hub, owner, [createMutation(storyId), revisionMutation(storyId, null, first)]);
  if (results.some((r) => r.status !== 'applied')) throw new Error(`story setup failed: ${JSON.stringify(results)}`);
  const moves: Record<StoryStatus, Array<[Signed, TransitionAction, StoryStatus]>> = {
    draft: [],
    supervisor_review: [[owner, 'submit', 'draft']],
    submitted: [[owner, 'submit', 'draft']],
    in_review: [[owner, 'submit', 'draft'], [desk, 'claim', 'submitted']],
    changes_requested: [[owner, 'submit', 'draft'], [desk, 'request_changes', 'submitted']],
    approved: [[owner, 'submit', 'draft'], [desk, 'approve', 'submitted']],
    scheduled: [],
    published: [[owner, 'submit', 'draft'], [desk, 'approve', 'submitted'], [desk, 'publish', 'approved']],
    spiked: [[desk, 'spike', 'draft']],
  };
  for (const [who, action, from] of moves[status]) {
    const result = await pushOne(hub, who, transitionMutation(storyId, action, from));
    if (result.status !== 'applied') throw new Error(`moving the story failed at ${action}: ${JSON.stringify(result)}`);
  }
  return { storyId, head: first.revision.id };
}
