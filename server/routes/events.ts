import type { FastifyInstance } from 'fastify';
import { CHANGES_CHANNEL, HUB_EVENTS, type ChangedNudge } from '../../shared/sync/protocol.ts';
import { requireUser } from '../auth/session.ts';
import type { HubDeps } from '../deps.ts';
import { latestSeq } from '../sync/changes.ts';

/** A comment line this often keeps proxies and the workstation from taking a quiet stream for a dead one. */
const HEARTBEAT_MS = 25_000;

/**
 * `GET /v1/events`: a server-sent event stream that nudges the workstation to
 * pull (DESIGN.md §7). It opens with `event: ready` and then sends
 * `event: changed` with `{ seq }` (shared/sync ChangedNudge) whenever the
 * change log grows. The nudge comes from PostgreSQL's NOTIFY on
 * 'copydesk_changes', which every hub process on the database LISTENs to, so
 * a push to one process nudges workstations connected to another. One LISTEN
 * per process is shared by all its streams. A nudge says only that something
 * changed; what the person may read comes from the pull.
 */
export function eventsRoutes(app: FastifyInstance, deps: HubDeps): void {
  const streams = new Set<(seq: number) => void>();
  let unlisten: Promise<() => Promise<void>> | null = null;
  const listening = () => {
    unlisten ??= deps.sql
      .listen(CHANGES_CHANNEL, (payload) => {
        const seq = Number(payload);
        if (!Number.isSafeInteger(seq)) return;
        for (const send of streams) send(seq);
      })
      .catch((error: unknown) => {
        // Try again on the next stream rather than keeping a failed LISTEN for good.
        unlisten = null;
        throw error;
      });
    return unlisten;
  };

  app.addHook('onClose', async () => {
    for (const send of streams) send(-1);
    streams.clear();
    if (unlisten) await (await unlisten)();
  });

  app.get('/v1/events', async (request, reply) => {
    await requireUser(request, deps);
    await listening();
    const seq = await latestSeq(deps.sql);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const event = (name: string, data: ChangedNudge) => raw.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    event(HUB_EVENTS.ready, { seq });

    const heartbeat = setInterval(() => raw.write(': still here\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const send = (latest: number) => {
      // -1: the hub is closing; end the stream so the workstation reconnects (to another process, perhaps).
      if (latest < 0) raw.end();
      else event(HUB_EVENTS.changed, { seq: latest });
    };
    streams.add(send);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(send);
    });
  });
}
