import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../deps.ts';

/** `GET /v1/health`: answers once the hub can reach its database (for monitors and the workstation's "Hub address" check). */
export function healthRoutes(app: FastifyInstance, deps: HubDeps): void {
  app.get('/v1/health', async () => {
    await deps.sql.query('SELECT 1');
    return { ok: true, product: 'Copydesk hub', time: deps.now().toISOString() };
  });
}
