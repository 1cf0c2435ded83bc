import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../shared/api/contract.ts';
import type { Action } from '../../shared/workflow/actions.ts';
import { useApi } from '../api/context.tsx';
import { useSession } from './SessionContext.tsx';

export type Decision = { ok: true } | { ok: false; reason: string };
export type Decisions = Record<Action, Decision>;
type Permissions = MethodOutput<'session.permissions'>;

/**
 * What the current person may do, as the backend's permission policy answers
 * it: `workstation` (settings, people) and one answer per action for each
 * story asked about. Null until the first answer; asked again when the person
 * or the stories change. Controls use it to disable themselves and show the
 * reason — the backend enforces the same answers whatever the UI shows.
 */
export function usePermissions(storyIds: readonly string[] = [], refreshKey: unknown = null): Permissions | null {
  const api = useApi();
  const { profile } = useSession();
  const [permissions, setPermissions] = useState<Permissions | null>(null);
  const key = storyIds.join(',');
  useEffect(() => {
    let live = true;
    const ids = key === '' ? [] : key.split(',');
    api
      .invoke('session.permissions', { storyIds: ids })
      .then((value) => live && setPermissions(value))
      // Unknown answers leave the controls as they are; the backend still refuses with its reason.
      .catch(() => live && setPermissions(null));
    return () => {
      live = false;
    };
  }, [api, key, profile?.id, refreshKey]);
  return permissions;
}

/** The answers for one story (null until known). */
export function useStoryPermissions(storyId: string, refreshKey: unknown = null): Decisions | null {
  return usePermissions([storyId], refreshKey)?.stories[storyId] ?? null;
}


type Listener = () => void;

/**
 * Answers for many stories at once (library rows): ids asked for in the same
 * tick go to the backend in one `session.permissions` call, and answers are
 * kept per person until a story or the library changes.
 */
class PermissionBatcher {
  private readonly cache = new Map<string, Decisions>();
  private readonly pending = new Set<string>();
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  constructor(private readonly api: ReturnType<typeof useApi>) {}

  /** Known answers of `profileId` for a story (the cache is per person: switching user asks again). */
  peek(profileId: string, storyId: string): Decisions | undefined {
    return this.cache.get(`${profileId}:${storyId}`);
  }

  clear(): void {
    this.generation++;
    this.cache.clear();
    this.notify();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  request(profileId: string, storyId: string): void {
    this.pending.add(`${profileId}:${storyId}`);
    this.timer ??= setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    this.timer = null;
    // Answers are for whoever is writing when the call runs: ask only for that person's ids.
    const keys = [...this.pending].slice(0, 500);
    for (const key of keys) this.pending.delete(key);
    if (this.pending.size > 0) this.timer = setTimeout(() => this.flush(), 0);
    if (keys.length === 0) return;
    const profileId = keys[keys.length - 1]!.split(':')[0]!;
    const ids = keys.filter((key) => key.startsWith(`${profileId}:`)).map((key) => key.slice(profileId.length + 1));
    const generation = this.generation;
    this.api
      .invoke('session.permissions', { storyIds: ids })
      .then(({ stories }) => {
        if (generation !== this.generation) return;
        for (const [id, decisions] of Object.entries(stories)) this.cache.set(`${profileId}:${id}`, decisions);
        this.notify();
      })
      .catch(() => undefined);
  }
}

const batchers = new WeakMap<object, PermissionBatcher>();

function batcherFor(api: ReturnType<typeof useApi>): PermissionBatcher {
  let batcher = batchers.get(api);
  if (!batcher) {
    const created = new PermissionBatcher(api);
    // A story that moved (trashed, restored, saved elsewhere) may have new answers.
    api.on('library.changed', () => created.clear());
    api.on('story.changed', () => created.clear());
    batchers.set(api, created);
    batcher = created;
  }
  return batcher;
}

/** One action's answer for one story, batched with every other row asking at the same time; undefined until known. */
export function useStoryDecision(storyId: string, action: Action): Decision | undefined {
  const api = useApi();
  const profileId = useSession().profile?.id ?? '';
  const batcher = batcherFor(api);
  const [, setVersion] = useState(0);
  useEffect(() => batcher.subscribe(() => setVersion((n) => n + 1)), [batcher]);
  const decisions = batcher.peek(profileId, storyId);
  useEffect(() => {
    if (profileId && !batcher.peek(profileId, storyId)) batcher.request(profileId, storyId);
  });
  return decisions?.[action];
}
