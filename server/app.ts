import Fastify, { type FastifyInstance } from 'fastify';
import { HubError, handleError, sendError } from './errors.ts';
import { HubErrorCode } from '../shared/sync/auth.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { healthRoutes } from './routes/health.ts';
import { eventsRoutes } from './routes/events.ts';
import { mediaRoutes } from './routes/media.ts';
import { newsroomRoutes } from './routes/newsroom.ts';
import { syncRoutes } from './routes/sync.ts';
import type { HubDeps } from './deps.ts';

export { DEFAULT_LOGIN_LIMIT, DEFAULT_SESSION_TTL_MS, type HubDeps, type LoginLimit } from './deps.ts';

/** Request bodies beyond this are refused with 413 (sync pushes batch mutations; media has its own route). */
const BODY_LIMIT = 16 * 1024 * 1024;

/**
 * The hub's HTTP app with every route registered; the caller listens
 * (`app.listen({ port, host })`) and closes it. The database is the caller's
 * to open (and migrate) and to close.
 */
export async function buildHub(deps: HubDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, return503OnClosing: true, forceCloseConnections: true });
  // The hub speaks JSON only: a text/plain body is refused (415 → VALIDATION) rather than read as a string.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new HubError(HubErrorCode.NOT_FOUND, `The hub has no ${request.method} ${request.url.split('?')[0]}.`)),
  );

  healthRoutes(app, deps);
  authRoutes(app, deps);
  adminRoutes(app, deps);
  syncRoutes(app, deps);
  mediaRoutes(app, deps);
  eventsRoutes(app, deps);
  newsroomRoutes(app, deps);

  await app.ready();
  return app;
}
