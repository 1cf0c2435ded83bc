import type { MethodInput } from '../../shared/api/contract.ts';
import { ErrorCode } from '../../shared/api/errors.ts';
import type { BylineEntry, Dateline } from '../../shared/model/anatomy.ts';
import type { SerializedDocument } from '../../shared/model/document.ts';
import { toApiCallError, type ApiCallError } from '../api/errors.ts';
import type { ClientApi } from '../api/types.ts';

export interface StorySnapshot {
  headline: string;
  standfirst: string;
  body: SerializedDocument;
  /** Left out: the stored dateline stays as it is. */
  dateline?: Dateline;
  /** Left out: the stored byline stays as it is. */
  byline?: BylineEntry[];
}

export type SaveState =
  | { kind: 'saved'; at: Date }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string; code: ErrorCode; conflict: boolean };

/**
 * Where the editor's saves go: the story's working copy, or the person's
 * draft proposal on it (same input and reply; the revision then counts the
 * draft's saves).
 */
export type SaveMethod = 'stories.save' | 'proposals.save';

/** What a save answers; a proposal's save also names the draft it went into. */
export interface SaveReply {
  revision: number;
  updatedAt: string;
  wordCount: number;
  proposalId?: string;
}

export interface AutosaverOptions {
  api: ClientApi;
  id: string;
  /** 'stories.save' when left out. */
  method?: SaveMethod;
  revision: number;
  lastSavedAt: Date;
  /** The editor's current content; called only when a save is about to be sent. */
  snapshot: () => StorySnapshot;
  onState: (state: SaveState) => void;
  onSaved?: (reply: SaveReply) => void;
  debounceMs?: number;
  maxWaitMs?: number;
}

export const AUTOSAVE_TIMING = { debounceMs: 800, maxWaitMs: 5_000, retryMs: 10_000 } as const;

/**
 * Autosave for one open story. Edits are saved ~800 ms after typing stops, and
 * at least every ~5 s during continuous typing; one save is in flight at a
 * time and edits made meanwhile are saved right after it. A failed save keeps
 * the edit pending (nothing typed is dropped) and is retried on the next edit
 * or an explicit save. A revision CONFLICT pauses autosave until the person
 * chooses "Reload story" or "Keep mine".
 */
export class Autosaver {
  private readonly options: AutosaverOptions;
  private revision: number;
  private dirty = false;
  /** Bumped on every edit, so a reply can tell whether newer edits exist. */
  private editCount = 0;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private conflict = false;
  private disposed = false;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private maxWaitTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private state: SaveState;
  private idleWaiters: Array<() => void> = [];

  constructor(options: AutosaverOptions) {
    this.options = options;
    this.revision = options.revision;
    this.state = { kind: 'saved', at: options.lastSavedAt };
  }

  /** The method every save of this editor goes to (fixed for the saver's life: a new mode is a new editor). */
  get method(): SaveMethod {
    return this.options.method ?? 'stories.save';
  }

  get currentRevision(): number {
    return this.revision;
  }

  /** True while there are edits not yet confirmed by the backend. */
  get hasUnsavedChanges(): boolean {
    return this.dirty || this.inFlight !== null;
  }

  get currentState(): SaveState {
    return this.state;
  }

  /** Call after every change the person made. */
  changed(): void {
    if (this.disposed) return;
    this.dirty = true;
    this.editCount++;
    if (this.conflict) return;
    if (this.state.kind !== 'saving' && this.state.kind !== 'failed') this.setState({ kind: 'saving' });
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.run(), this.options.debounceMs ?? AUTOSAVE_TIMING.debounceMs);
    this.maxWaitTimer ??= setTimeout(() => void this.run(), this.options.maxWaitMs ?? AUTOSAVE_TIMING.maxWaitMs);
  }

  /** Saves now (Ctrl/Cmd+S, leaving the story); resolves when nothing is pending or a save failed. */
  saveNow(): Promise<void> {
    if (this.conflict) {
      // An explicit save after a conflict tries once more; it may have been resolved elsewhere.
      this.conflict = false;
    }
    void this.run();
    return this.whenIdle();
  }

  /** After a CONFLICT: overwrite the stored story with what is in the editor. */
  keepMine(): Promise<void> {
    this.conflict = false;
    this.dirty = true;
    void this.run({ force: true });
    return this.whenIdle();
  }

  /** After "Reload story": the editor now holds the stored version. */
  reset(revision: number, savedAt: Date): void {
    this.clearTimers();
    this.revision = revision;
    this.dirty = false;
    this.conflict = false;
    this.setState({ kind: 'saved', at: savedAt });
  }

  /** A newer revision saved elsewhere was loaded into a clean editor. */
  adoptRevision(revision: number): void {
    if (!this.hasUnsavedChanges) this.revision = revision;
  }

  /**
   * The page is going away (pagehide/beforeunload): send what is pending with
   * a request that outlives the page. If a save is still in flight its reply
   * will never be read, so this one cannot name a base revision. After a
   * conflict it keeps the base, so closing the window never silently
   * overwrites the other window's version.
   */
  flushOnUnload(): void {
    if (!this.dirty || this.disposed) return;
    this.clearTimers();
    const input = this.saveInput(this.conflict || this.inFlight === null);
    this.dirty = false;
    this.options.api.sendOnUnload(this.method, input);
  }

  /** The editor is live (again; React may mount an effect twice). */
  attach(): void {
    this.disposed = false;
  }

  /**
   * The editor is gone: no new edits will come and timers stop. A save already
   * requested (saveNow) still runs to the end, including edits made during it.
   */
  detach(): void {
    this.disposed = true;
    clearTimeout(this.debounceTimer);
    clearTimeout(this.maxWaitTimer);
    this.debounceTimer = undefined;
    this.maxWaitTimer = undefined;
  }

  whenIdle(): Promise<void> {
    if (this.inFlight === null && !(this.dirty && !this.conflict && this.state.kind !== 'failed')) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(options: { force?: boolean } = {}): Promise<void> {
    this.clearTimers();
    if (this.inFlight) {
      this.again = true;
      return;
    }
    if (!this.dirty) {
      this.notifyIdle();
      return;
    }
    const sentAt = this.editCount;
    const input = this.saveInput(!options.force);
    this.dirty = false;
    this.setState({ kind: 'saving' });
    const request = this.options.api.invoke(this.method, input).then(
      (reply) => {
        this.revision = reply.revision;
        this.options.onSaved?.(reply);
        if (this.editCount === sentAt && !this.dirty) this.setState({ kind: 'saved', at: new Date() });
      },
      (reason: unknown) => {
        this.dirty = true;
        const error = toApiCallError(reason);
        // Only a revision conflict pauses autosave: Reload / Keep mine end that pause. A trashed
        // story (also CONFLICT) offers neither, so its edits retry on the next change instead.
        this.conflict = error.code === ErrorCode.CONFLICT && isRevisionConflict(error);
        this.setState({ kind: 'failed', message: error.message, code: error.code, conflict: this.conflict });
        this.scheduleRetry(error);
      },
    );
    this.inFlight = request;
    await request;
    this.inFlight = null;
    // Edits made meanwhile are normally left to their own timers; run at once only
    // when someone asked for a save during the flight or is waiting for one.
    const wanted = this.again || this.disposed || this.idleWaiters.length > 0;
    this.again = false;
    if (wanted && this.dirty && !this.conflict && this.state.kind !== 'failed') return this.run();
    this.notifyIdle();
  }

  private saveInput(withBase: boolean): MethodInput<'stories.save'> {
    const { headline, standfirst, body, dateline, byline } = this.options.snapshot();
    const input: MethodInput<'stories.save'> = { id: this.options.id, headline, standfirst, body };
    if (dateline) input.dateline = dateline;
    if (byline) input.byline = byline;
    if (withBase) input.baseRevision = this.revision;
    return input;
  }

  /** Transient failures (backend unreachable, disk busy) are retried without waiting for an edit. */
  private scheduleRetry(error: ApiCallError): void {
    if (error.code !== ErrorCode.OFFLINE && error.code !== ErrorCode.STORAGE && error.code !== ErrorCode.INTERNAL) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      // Runs even after the editor closed: the edit is still only in memory.
      if (this.dirty && !this.conflict) void this.run();
    }, AUTOSAVE_TIMING.retryMs);
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.options.onState(state);
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private clearTimers(): void {
    clearTimeout(this.debounceTimer);
    clearTimeout(this.maxWaitTimer);
    clearTimeout(this.retryTimer);
    this.debounceTimer = undefined;
    this.maxWaitTimer = undefined;
    this.retryTimer = undefined;
  }
}

/** A "changed in another window" conflict, which Reload / Keep mine can resolve (a trashed story cannot). */
function isRevisionConflict(error: ApiCallError): boolean {
  const details = error.details as { storedRevision?: unknown } | undefined;
  return typeof details?.storedRevision === 'number';
}
