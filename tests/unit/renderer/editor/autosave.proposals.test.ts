import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/api/contract.ts';
import type { Result } from '../../../../shared/api/errors.ts';
import { documentText } from '../../../../shared/model/document.ts';
import { AUTOSAVE_TIMING, Autosaver, type SaveReply } from '../../../../renderer/editor/autosave.ts';
import type { Profile } from '../../../../shared/api/methods/session.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';
import { docOf } from '../../../support/documents.ts';
import { createBackendClientApi, type BackendClientApi } from '../support/backendClientApi.ts';

/**
 * The Autosaver in proposal mode against the real backend: the same saver,
 * pointed at `proposals.save`, keeps the proposer's text in their draft and
 * never touches the story.
 */

const HEADLINE = 'Night ferries for the harbour';
const STORY_TEXT = 'Ferries will run all night from May.';

let test: TestBackend;
let colleague: Profile;
let api: BackendClientApi;
let storyId: string;
let storyRevision: number;
let body: string;
let replies: SaveReply[];
let saver: Autosaver;

function direct<M extends MethodName>(name: M, input: MethodInput<M>): MethodOutput<M> {
  const result = test.backend.callSync(name, input) as Result<MethodOutput<M>>;
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function openProposal(revision: number): Autosaver {
  return new Autosaver({
    api,
    id: storyId,
    method: 'proposals.save',
    revision,
    lastSavedAt: new Date(),
    snapshot: () => ({ headline: HEADLINE, standfirst: '', body: docOf(body) }),
    onState: () => undefined,
    onSaved: (reply) => replies.push(reply),
  });
}

function type(text: string): void {
  body = text;
  saver.changed();
}

beforeEach(() => {
  vi.useFakeTimers();
  test = openTestBackend(Date.parse('2025-05-01T09:00:00.000Z'), { profile: { name: 'Vivian Yan', role: 'reporter' } });
  api = createBackendClientApi(() => test.backend);
  const story = direct('stories.create', { headline: HEADLINE });
  const saved = direct('stories.save', { id: story.id, headline: HEADLINE, standfirst: '', body: docOf(STORY_TEXT), baseRevision: story.revision });
  storyId = story.id;
  storyRevision = saved.revision;
  // A colleague may not edit it: he proposes (adding him makes him the one writing).
  colleague = test.addProfile('Li Wei', 'reporter');
  body = STORY_TEXT;
  replies = [];
  saver = openProposal(storyRevision);
});

afterEach(() => {
  saver.detach();
  vi.useRealTimers();
  test.close();
});

describe('Autosaver in proposal mode', () => {
  it('saves into the person’s draft proposal, never into the story', async () => {
    type('Ferries will run all night from June.');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_TIMING.debounceMs);
    type('Ferries will run all night from June, officials said.');
    await saver.saveNow();

    expect(api.calls.map((call) => call.name)).toEqual(['proposals.save', 'proposals.save']);
    // The first save named the story's revision it started from; later ones the draft's own counter.
    expect(api.calls.map((call) => (call.input as { baseRevision?: number }).baseRevision)).toEqual([storyRevision, 1]);
    expect(replies.map((reply) => reply.revision)).toEqual([1, 2]);
    expect(new Set(replies.map((reply) => reply.proposalId)).size).toBe(1);
    expect(saver.currentRevision).toBe(2);

    const story = direct('stories.get', { id: storyId });
    expect(documentText(story.body)).toBe(STORY_TEXT);
    expect(story.revision).toBe(storyRevision);
    const { proposal } = direct('proposals.mine', { storyId });
    expect(proposal?.id).toBe(replies[0]!.proposalId);
    expect(documentText(proposal!.snapshot.body)).toBe('Ferries will run all night from June, officials said.');
    expect(proposal!.draftRevision).toBe(2);
  });

  it('sends what is pending to the draft when the page goes away', () => {
    type('Ferries will run all night from July.');
    saver.flushOnUnload();
    expect(api.calls.map((call) => [call.name, call.via])).toEqual([['proposals.save', 'unload']]);
  });

  it('stops at a story that changed since the proposal was opened, with Reload / Keep mine', async () => {
    test.switchTo(test.profile!);
    direct('stories.save', { id: storyId, headline: HEADLINE, standfirst: '', body: docOf('Ferries will run all night from April.') });
    test.switchTo(colleague);
    type('Ferries will run all night from June.');
    await saver.saveNow();
    const state = saver.currentState;
    expect(state.kind === 'failed' && state.conflict).toBe(true);
    expect(direct('proposals.mine', { storyId }).proposal).toBeNull();
  });
});
