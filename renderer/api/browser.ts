import {
  contract,
  events,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../shared/api/contract.ts';
import { ErrorCode, isApiError, type Result } from '../../shared/api/errors.ts';
import { describeIssues } from '../../shared/api/validate.ts';
import { ApiCallError, offlineError } from './errors.ts';
import { buildMediaUrl } from './mediaUrl.ts';
import type { ClientApi } from './types.ts';

const TOKEN_KEY = 'copydesk.token';

/**
 * Browser mode opens the page as `/?token=…#/route`. The token is moved into
 * sessionStorage and out of the visible URL (and history), so it is not
 * copied along with a link or kept in the address bar.
 */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage may be disabled; the token then lives only in memory for this page.
    }
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Keepalive requests are limited to 64 KiB in flight; stay under it with some margin. */
const KEEPALIVE_LIMIT = 60_000;

/**
 * Saves carry whole documents, and validating a large body twice (here and in
 * the backend) costs more than it catches; the backend is the authority anyway.
 */
const SKIP_CLIENT_VALIDATION = new Set<MethodName>(['stories.save']);

export function createBrowserApi(token: string | null): ClientApi {
  const headers = {
    'Content-Type': 'application/json',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };

  const checkInput = (name: MethodName, input: unknown): void => {
    if (SKIP_CLIENT_VALIDATION.has(name)) return;
    const parsed = contract[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const { message, details } = describeIssues(parsed.error);
      throw new ApiCallError({ code: ErrorCode.VALIDATION, message, details });
    }
  };

  const invoke = async <M extends MethodName>(name: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    checkInput(name, input);
    let response: Response;
    try {
      response = await fetch(`/api/${name}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    } catch (error) {
      throw offlineError(error);
    }
    const result = await readResult(response);
    if (result.ok) return result.value as MethodOutput<M>;
    throw new ApiCallError(result.error);
  };

  const stream = createEventStream(token);

  return {
    invoke,
    on: stream.on,
    mediaUrl: (sha256, variant = null) => buildMediaUrl(sha256, variant, token),
    sendOnUnload(name, input) {
      const body = JSON.stringify(input ?? {});
      // A body over the keepalive limit makes fetch reject outright; an ordinary
      // request is still worth trying, since a reload usually lets it finish.
      const keepalive = body.length < KEEPALIVE_LIMIT;
      void fetch(`/api/${name}`, { method: 'POST', headers, body, keepalive }).catch(() => undefined);
    },
  };
}

async function readResult(response: Response): Promise<Result<unknown>> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return {
      ok: false,
      error: { code: ErrorCode.INTERNAL, message: `Copydesk's backend sent an unreadable reply (HTTP ${response.status}).` },
    };
  }
  if (typeof json === 'object' && json !== null && 'ok' in json) {
    const result = json as { ok: unknown; value?: unknown; error?: unknown };
    if (result.ok === true) return { ok: true, value: result.value };
    if (result.ok === false && isApiError(result.error)) return { ok: false, error: result.error };
  }
  return {
    ok: false,
    error: { code: ErrorCode.INTERNAL, message: `Copydesk's backend sent an unexpected reply (HTTP ${response.status}).` },
  };
}

type Listener = (payload: unknown) => void;

/**
 * One EventSource for the page, opened on the first subscription. After a
 * dropped connection comes back, events may have been missed, so listeners
 * of `library.changed` and `settings.changed` are told to refresh.
 */
function createEventStream(token: string | null) {
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;
  let hadError = false;

  const emit = (name: EventName, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  const open = () => {
    if (source || typeof EventSource === 'undefined') return;
    const query = token ? `?token=${encodeURIComponent(token)}` : '';
    source = new EventSource(`/api/events${query}`);
    source.addEventListener('error', () => {
      hadError = true;
    });
    source.addEventListener('open', () => {
      if (hadError) {
        emit('library.changed', {});
        emit('settings.changed', {});
      }
      hadError = false;
    });
    for (const name of Object.keys(events) as EventName[]) {
      source.addEventListener(name, (message) => {
        let data: unknown;
        try {
          data = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        const parsed = events[name].safeParse(data);
        if (parsed.success) emit(name, parsed.data);
      });
    }
  };

  return {
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = listener as Listener;
      set.add(wrapped);
      open();
      return () => {
        set.delete(wrapped);
      };
    },
  };
}
