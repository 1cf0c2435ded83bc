import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME, SECURITY_HEADERS } from './policy.ts';
import { parseMediaRequest, readMediaFile } from '../backend/media/files.ts';
import { mimeTypeFor, resolveInside } from '../common/staticFiles.ts';

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

/**
 * Serves `app://copydesk/<path>` from the built renderer folder and from
 * nowhere else, except `app://copydesk/media/<sha256>[?variant=r1600]`, which
 * serves an image from `<dataDir>/media/` named by its hash (DESIGN.md §9).
 * Media shares the app origin, so the CSP's `img-src 'self'` already covers it.
 */
export function serveRenderer(rendererDir: string, dataDir?: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    if (url.pathname === '/media' || url.pathname.startsWith('/media/')) {
      const wanted = dataDir === undefined ? null : parseMediaRequest(url.pathname, url.searchParams.get('variant'));
      const media = wanted && dataDir !== undefined ? await readMediaFile(dataDir, wanted.sha256, wanted.variant) : null;
      if (!media) return plain(404, 'Not found');
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(media.body), {
        status: 200,
        headers: { 'Content-Type': media.mime, 'Cache-Control': 'max-age=31536000, immutable', ...SECURITY_HEADERS },
      });
    }
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
