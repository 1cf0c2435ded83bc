import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../../../main/backend/backend.ts';
import { createTestProfile } from '../../../support/backend.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/api/contract.ts';
import { ErrorCode, type Result } from '../../../../shared/api/errors.ts';
import { documentText, type SerializedDocument } from '../../../../shared/model/document.ts';
import { AUTOSAVE_TIMING, Autosaver, type SaveState } from '../../../../renderer/editor/autosave.ts';
import { docOf } from '../../../support/documents.ts';
import { makeTempDir } from '../../../support/tempDir.ts';
import { createBackendClientApi, type BackendClientApi, type RecordedCall } from '../support/backendClientApi.ts';

/**
 * The Autosaver against the real backend on a temp folder, under fake timers.
 * "Typing" replaces the editor's body and tells the saver, as the editor's
 * update listener does; what was saved is read back with `stories.get`.
 */

const { debounceMs, maxWaitMs, retryMs } = AUTOSAVE_TIMING;
const HEADLINE = 'Council backs harbour plan';

let dataDir: { dir: string; remove: () => void };
let backend: Backend;
let api: BackendClientApi;
let id: string;
let createdRevision: number;
let body: string;
let states: SaveState[];
let saver: Autosaver;

beforeEach(() => {
  vi.useFakeTimers();
  dataDir = makeTempDir('copydesk-autosave-');
  backend = createBackend({ dataDir: dataDir.dir });
  createTestProfile(backend);
  api = createBackendClientApi(() => backend);
  const story = direct('stories.create', { headline: HEADLINE });
  id = story.id;
  createdRevision = story.revision;
  body = '';
  states = [];
  saver = openEditor(createdRevision);
});

afterEach(() => {
  saver.detach();
  vi.useRealTimers();
  backend.close();
  dataDir.remove();
});

/** A second editor window would be another Autosaver; tests use one plus direct calls. */
function openEditor(revision: number): Autosaver {
  return new Autosaver({
    api,
    id,
    revision,
    lastSavedAt: new Date(),
    snapshot: () => ({ headline: HEADLINE, standfirst: '', body: docOf(body) }),
    onState: (state) => states.push(state),
  });
}

/** A call straight to the backend, bypassing the saver (the test's eyes, or another window). */
function direct<M extends MethodName>(name: M, input: MethodInput<M>): MethodOutput<M> {
  const result = backend.callSync(name, input) as Result<MethodOutput<M>>;
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function type(text: string): void {
  body = text;
  saver.changed();
}

function stored(): { text: string; revision: number } {
  const story = direct('stories.get', { id });
  return { text: documentText(story.body), revision: story.revision };
}

/** Saves the saver sent (ordinary requests and the one sent while the page unloads). */
function saves(): RecordedCall[] {
  return api.calls.filter((call) => call.name === 'stories.save');
}

/** The body text a recorded save carried. */
function sentText(call: RecordedCall): string {
  return documentText((call.input as { body: SerializedDocument }).body);
}

/** Moves the fake clock, running the replies (promises) that become due on the way. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

/** The state kinds the status bar showed, repeats of the same kind collapsed. */
function shown(): SaveState['kind'][] {
  const kinds: SaveState['kind'][] = [];
  for (const { kind } of states) if (kinds.at(-1) !== kind) kinds.push(kind);
  return kinds;
}

function failedState(): Extract<SaveState, { kind: 'failed' }> {
  const state = saver.currentState;
  if (state.kind !== 'failed') throw new Error(`expected a failed save, the saver shows "${state.kind}"`);
  return state;
}

describe('Autosaver: when edits are saved', () => {
  it('saves several quick edits once, with the last text, when typing pauses', async () => {
    type('The');
    await advance(300);
    type('The council');
    await advance(300);
    type('The council voted');

    await advance(debounceMs - 1);
    expect(saves()).toHaveLength(0);
    expect(saver.currentState.kind).toBe('saving');

    await advance(1);
    expect(saves()).toHaveLength(1);
    expect(stored()).toEqual({ text: 'The council voted', revision: createdRevision + 1 });
    expect(shown()).toEqual(['saving', 'saved']);
    expect(saver.hasUnsavedChanges).toBe(false);
    expect(saver.currentRevision).toBe(createdRevision + 1);

    // Nothing more is sent once everything is saved (the max-wait timer is gone too).
    await advance(maxWaitMs * 2);
    expect(saves()).toHaveLength(1);
  });

  it('saves at least every maxWait while someone types without pausing', async () => {
    const typedAt: number[] = [];
    let last = '';
    for (let elapsed = 0; elapsed < 12_000; elapsed += 400) {
      last = `Paragraph typed at ${elapsed} ms`;
      typedAt.push(Date.now());
      type(last);
      await advance(400);
    }

    const during = saves();
    expect(during.length).toBeGreaterThanOrEqual(2);
    // No keystroke waits longer than maxWait for a save that includes it.
    for (const at of typedAt.filter((t) => t + maxWaitMs <= Date.now())) {
      const next = during.find((call) => call.at >= at);
      expect(next, `a save within ${maxWaitMs} ms of the edit at ${at}`).toBeDefined();
      expect(next!.at - at).toBeLessThanOrEqual(maxWaitMs);
    }
    // The first forced save carried what was typed by then, not a stale or empty body.
    expect(sentText(during[0]!)).toBe('Paragraph typed at 4800 ms');

    await advance(debounceMs);
    expect(stored().text).toBe(last);
    expect(saver.currentState.kind).toBe('saved');
  });

  it('saves an edit made while a save was in flight right after it, and shows "Saved" only then', async () => {
    api.holdReplies();
    type('First take');
    await advance(debounceMs);
    expect(saves()).toHaveLength(1);

    type('Second take');
    api.releaseReplies();
    await advance(0);
    // The first save's reply came back, but "Second take" is not stored yet.
    expect(stored().text).toBe('First take');
    expect(saver.currentState.kind).toBe('saving');
    expect(saver.hasUnsavedChanges).toBe(true);

    await advance(debounceMs);
    expect(saves()).toHaveLength(2);
    expect(stored()).toEqual({ text: 'Second take', revision: createdRevision + 2 });
    expect(shown()).toEqual(['saving', 'saved']);
    expect(saver.hasUnsavedChanges).toBe(false);
  });

  it('sends the next save as soon as the in-flight one returns when the pause came during the flight', async () => {
    api.holdReplies();
    type('First take');
    await advance(debounceMs);
    type('Second take');
    await advance(debounceMs * 3);
    // One save at a time: the second waits for the first's reply.
    expect(saves()).toHaveLength(1);

    api.releaseReplies();
    await advance(0);
    expect(saves()).toHaveLength(2);
    expect(stored().text).toBe('Second take');
    expect(saver.currentState.kind).toBe('saved');
  });

  it('saveNow() saves at once, without waiting for the debounce', async () => {
    type('Filed from the courthouse');
    await saver.saveNow();

    expect(stored().text).toBe('Filed from the courthouse');
    expect(saver.currentState.kind).toBe('saved');
    expect(shown()).toEqual(['saving', 'saved']);
    await advance(maxWaitMs);
    expect(saves()).toHaveLength(1);
  });

  it('saveNow() with nothing pending sends nothing and resolves', async () => {
    await saver.saveNow();
    expect(saves()).toHaveLength(0);
    expect(states).toEqual([]);
  });
});

describe('Autosaver: when a save fails', () => {
  it('keeps the edit while the story is in the trash, shows why, and saves it after the story is restored', async () => {
    direct('stories.trash', { id });
    type('Late correction');
    await advance(debounceMs);

    const failed = failedState();
    expect(failed.code).toBe(ErrorCode.CONFLICT);
    expect(failed.message).toMatch(/in the trash/);
    // Reload / Keep mine cannot resolve a trashed story, so the status bar must not offer them.
    expect(failed.conflict).toBe(false);
    expect(saver.hasUnsavedChanges).toBe(true);
    expect(shown()).toEqual(['saving', 'failed']);

    direct('stories.restore', { id });
    await saver.saveNow();
    expect(stored().text).toBe('Late correction');
    expect(saver.currentState.kind).toBe('saved');
    expect(saver.hasUnsavedChanges).toBe(false);
    expect(shown()).toEqual(['saving', 'failed', 'saving', 'saved']);

    // Autosave carries on as before.
    type('Late correction, updated');
    await advance(debounceMs);
    expect(stored().text).toBe('Late correction, updated');
  });

  it('saves on the next edit once the story was restored elsewhere (the trash has no "Keep mine" to unpause it)', async () => {
    direct('stories.trash', { id });
    type('Typed while trashed');
    await advance(debounceMs);
    expect(failedState().message).toMatch(/in the trash/);

    // Restored from the trash view of another window; this editor only sees the next keystroke.
    direct('stories.restore', { id });
    type('Typed while trashed, and after');
    await advance(debounceMs);
    expect(stored().text).toBe('Typed while trashed, and after');
    expect(saver.currentState.kind).toBe('saved');
  });

  it('keeps the edit while the backend is down, shows its message, and retries once it is back', async () => {
    type('Quote from the mayor');
    backend.close();
    await advance(debounceMs);

    const failed = failedState();
    const reply = saves().at(-1)?.result;
    expect(reply?.ok).toBe(false);
    expect(failed.message).toBe(reply?.ok === false ? reply.error.message : '(no reply)');
    expect(failed.conflict).toBe(false);
    expect(saver.hasUnsavedChanges).toBe(true);

    // The backend comes back (a restarted worker on the same data folder).
    backend = createBackend({ dataDir: dataDir.dir });
    expect(stored().text).toBe('');
    await advance(retryMs);
    expect(stored().text).toBe('Quote from the mayor');
    expect(saver.currentState.kind).toBe('saved');
    expect(saver.hasUnsavedChanges).toBe(false);
  });

  it('keeps typing after a failure and saves the newest text, not the one that failed', async () => {
    type('Draft one');
    backend.close();
    await advance(debounceMs);
    expect(saver.currentState.kind).toBe('failed');

    backend = createBackend({ dataDir: dataDir.dir });
    type('Draft two');
    await advance(debounceMs);
    expect(stored().text).toBe('Draft two');
    expect(saver.currentState.kind).toBe('saved');
  });
});

describe('Autosaver: when another window saved first', () => {
  /** The same story saved in another window from the same base revision. */
  function otherWindowSaves(text: string): number {
    return direct('stories.save', { id, headline: HEADLINE, standfirst: '', body: docOf(text), baseRevision: createdRevision }).revision;
  }

  it('reports a conflict, pauses autosave, and "Keep mine" overwrites with the editor text', async () => {
    otherWindowSaves('Other window text');
    type('My text');
    await advance(debounceMs);

    const failed = failedState();
    expect(failed.code).toBe(ErrorCode.CONFLICT);
    expect(failed.conflict).toBe(true);
    expect(failed.message).toMatch(/another window/);
    expect(stored().text).toBe('Other window text');

    // Paused: further typing is not sent over the other window's version.
    type('My text, extended');
    await advance(maxWaitMs + retryMs);
    expect(saves()).toHaveLength(1);
    expect(stored().text).toBe('Other window text');
    expect(saver.hasUnsavedChanges).toBe(true);

    await saver.keepMine();
    expect(stored()).toEqual({ text: 'My text, extended', revision: createdRevision + 2 });
    expect(saver.currentState.kind).toBe('saved');
    expect(saver.currentRevision).toBe(createdRevision + 2);

    // Autosave is back, based on the revision it just wrote.
    type('My text, extended again');
    await advance(debounceMs);
    expect(stored()).toEqual({ text: 'My text, extended again', revision: createdRevision + 3 });
    expect(saver.currentState.kind).toBe('saved');
  });

  it('after "Reload story" the next edits save on top of the other window\'s version', async () => {
    const otherRevision = otherWindowSaves('Other window text');
    type('My text');
    await advance(debounceMs);
    expect(failedState().conflict).toBe(true);

    // What EditorWorkspace does after loading the stored story into the editor.
    body = stored().text;
    saver.reset(otherRevision, new Date());
    expect(saver.currentState.kind).toBe('saved');

    type('Other window text, edited here');
    await advance(debounceMs);
    expect(stored()).toEqual({ text: 'Other window text, edited here', revision: otherRevision + 1 });
    expect(saver.currentState.kind).toBe('saved');
  });
});

describe('Autosaver: when the page unloads', () => {
  it('sends the pending edit at once with the request that outlives the page', async () => {
    type('Last words before closing');
    saver.flushOnUnload();

    expect(stored().text).toBe('Last words before closing');
    expect(saves().map((call) => call.via)).toEqual(['unload']);
    expect((saves()[0]!.input as MethodInput<'stories.save'>).baseRevision).toBe(createdRevision);
    // The debounce that was running does not send it a second time.
    await advance(maxWaitMs);
    expect(saves()).toHaveLength(1);
  });

  it('sends nothing when everything is saved', async () => {
    type('Saved already');
    await advance(debounceMs);
    saver.flushOnUnload();
    expect(saves().map((call) => call.via)).toEqual(['invoke']);
  });

  it('does not lose the edit to a stale base revision when a save is still in flight', async () => {
    api.holdReplies();
    type('First take');
    await advance(debounceMs);
    type('Second take');
    // The first save reached the backend, but its reply (the new revision) will never be read.
    saver.flushOnUnload();
    expect(stored().text).toBe('Second take');
  });

  it('does not overwrite the other window\'s version after a conflict', async () => {
    direct('stories.save', { id, headline: HEADLINE, standfirst: '', body: docOf('Other window text'), baseRevision: createdRevision });
    type('My text');
    await advance(debounceMs);
    expect(failedState().conflict).toBe(true);

    saver.flushOnUnload();
    await advance(0);
    expect(saves().at(-1)?.via).toBe('unload');
    expect(stored().text).toBe('Other window text');
  });
});
