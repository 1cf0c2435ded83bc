import { request } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../../main/backend/backend.ts';
import { createTestProfile } from '../../../support/backend.ts';
import { startWebServer, type WebServer } from '../../../../main/web/server.ts';

/** Raw HTTP, so tests can send the Host and Origin headers a hostile page would. */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser-mode server', () => {
  let backend: Backend;
  let server: WebServer;
  let host: string;
  const staticDir = mkdtempSync(join(tmpdir(), 'copydesk-static-'));

  beforeAll(async () => {
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Copydesk</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    backend = createBackend({ dataDir: mkdtempSync(join(tmpdir(), 'copydesk-web-')) });
    createTestProfile(backend);
    server = await startWebServer({ backend, staticDir, port: 0 });
    host = `127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.close();
    backend.close();
  });

  const call = (method: string, body: string, token = server.token, extra: Record<string, string> = {}) =>
    send(server.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { Host: host, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...extra },
      body,
    });

  it('prints an address on 127.0.0.1 that carries the launch token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{40,}$`));
  });

  it('answers a valid call with its result', async () => {
    const created = await call('stories.create', JSON.stringify({ headline: 'Flood defences' }));
    expect(created.status).toBe(200);
    const result = JSON.parse(created.body);
    expect(result.ok).toBe(true);
    expect(result.value.headline).toBe('Flood defences');
  });

  it('refuses a wrong or missing token', async () => {
    const wrong = await call('stories.list', '{}', 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.code).toBe('UNAUTHORIZED');
    const missing = await send(server.port, { method: 'POST', path: '/api/stories.list', headers: { Host: host }, body: '{}' });
    expect(missing.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the right token', async () => {
    const rebound = await call('stories.list', '{}', server.token, { Host: `evil.example:${server.port}` });
    expect(rebound.status).toBe(403);
    const page = await send(server.port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('refuses calls from another web origin', async () => {
    const crossSite = await call('stories.list', '{}', server.token, { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
  });

  it('answers malformed calls with VALIDATION, never a crash', async () => {
    const badJson = await call('stories.list', '{"view":');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.code).toBe('VALIDATION');
    const unknown = await call('stories.explode', '{}');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error.message).toMatch(/Unknown method/);
    const badInput = await call('stories.get', JSON.stringify({ id: '../../etc/passwd' }));
    expect(badInput.status).toBe(400);
    const stillUp = await call('stories.list', '{}');
    expect(stillUp.status).toBe(200);
  });

  it('serves the renderer with a strict content security policy', async () => {
    const page = await send(server.port, { path: '/', headers: { Host: host } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Copydesk</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    // Client-side routes fall back to the app shell.
    const route = await send(server.port, { path: '/story/abc', headers: { Host: host } });
    expect(route.body).toContain('<title>Copydesk</title>');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json', '/%00']) {
      const response = await send(server.port, { path, headers: { Host: host } });
      expect(response.body).not.toContain('"name"');
      expect(response.body).not.toContain('root:');
    }
  });

  it('streams backend events to holders of the token only', async () => {
    const refused = await send(server.port, { path: '/api/events?token=nope', headers: { Host: host } });
    expect(refused.status).toBe(401);

    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, headers: { Host: host } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('event: library.changed')) {
              req.destroy();
              resolve(text);
            }
          });
          void call('stories.create', '{}');
        },
      );
      req.on('error', (error) => (error.message.includes('aborted') ? undefined : reject(error)));
      req.end();
    });
    expect(await received).toContain('event: library.changed');
  });
});
