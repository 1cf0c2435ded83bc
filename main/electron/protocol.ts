import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME, SECURITY_HEADERS } from './policy.ts';
import { mimeTypeFor, resolveInside } from './staticFiles.ts';

/**
 * Must run before `app` is ready: makes app:// a standard, secure origin so the
 * renderer gets a real origin ('self' in the CSP, module scripts, fetch) without
 * file:// and its broad access.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}

/** Serves `app://copydesk/<path>` from the built renderer folder and from nowhere else. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveInside(rendererDir, url.pathname);
    if (file === null) return plain(403, 'Forbidden');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { 'Content-Type': mimeTypeFor(file), 'Cache-Control': 'no-cache', ...SECURITY_HEADERS },
    });
  });
}
