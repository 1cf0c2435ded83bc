import { request } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../../main/backend/backend.ts';
import { startWebServer, type WebServer } from '../../../../main/web/server.ts';

const IPTC_JPEG = readFileSync(join(process.cwd(), '..', 'shared', 'fixtures', 'images', 'chongqing-night-iptc.jpg'));

/** Raw HTTP, so paths go out exactly as written (no client-side normalizing of `..`). */
function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'GET', path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode serves media', () => {
  let backend: Backend;
  let server: WebServer;
  let dataDir: string;
  let sha: string;
  const staticDir = mkdtempSync(join(tmpdir(), 'copydesk-static-'));

  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Copydesk</title>');
    dataDir = mkdtempSync(join(tmpdir(), 'copydesk-web-media-'));
    backend = createBackend({ dataDir });
    server = await startWebServer({ backend, staticDir, dataDir, port: 0 });
    // Imported over HTTP exactly as the renderer does it.
    const response = await fetch(`http://127.0.0.1:${server.port}/api/media.import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ fileName: 'night.jpg', dataBase64: IPTC_JPEG.toString('base64') }),
    });
    const result = (await response.json()) as { ok: boolean; value: { media: { sha256: string } } };
    expect(result.ok).toBe(true);
    sha = result.value.media.sha256;
  });

  afterAll(async () => {
    await server.close();
    backend.close();
  });

  const withToken = (path: string, token = server.token) => `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;

  it('serves the original, byte for byte, with its type, nosniff and a long cache', async () => {
    const response = await get(server.port, withToken(`/media/${sha}`));
    expect(response.status).toBe(200);
    expect(response.body.equals(IPTC_JPEG)).toBe(true);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toContain('max-age=31536000');
  });

  it('serves the rendition as WebP', async () => {
    const response = await get(server.port, withToken(`/media/${sha}?variant=r1600`));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/webp');
    expect(response.body.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(response.body.length).toBeLessThan(IPTC_JPEG.length);
  });

  it('refuses without the token or with a wrong one', async () => {
    expect((await get(server.port, `/media/${sha}`)).status).toBe(401);
    expect((await get(server.port, withToken(`/media/${sha}`, 'x'.repeat(server.token.length)))).status).toBe(401);
    // A bearer header is not how media is asked for, and does not stand in for the query token.
    expect((await get(server.port, `/media/${sha}`, { Authorization: `Bearer ${server.token}` })).status).toBe(401);
  });

  it('still checks the Host header', async () => {
    const response = await get(server.port, withToken(`/media/${sha}`), { Host: `evil.example:${server.port}` });
    expect(response.status).toBe(403);
  });

  it('refuses path tricks and anything but a 64-digit lowercase hash', async () => {
    const tricks = [
      '/media/../copydesk.sqlite',
      '/media/%2e%2e/copydesk.sqlite',
      `/media/${sha.slice(0, 2)}/${sha}`,
      `/media/${sha}/..%2f..%2fcopydesk.sqlite`,
      `/media/${sha.toUpperCase()}`,
      `/media/${sha}.r1600.webp`,
      `/media/${sha}%00`,
      `/media/${sha.slice(0, 63)}`,
      `/media/${sha}?variant=../../copydesk.sqlite`,
      `/media/${sha}?variant=original`,
    ];
    for (const path of tricks) {
      const response = await get(server.port, withToken(path));
      expect(response.status, path).toBe(404);
      expect(response.body.includes(Buffer.from('SQLite format'))).toBe(false);
    }
  });

  it('answers 404 for a well-formed hash that is not stored', async () => {
    expect((await get(server.port, withToken(`/media/${'0'.repeat(64)}`))).status).toBe(404);
  });
});
