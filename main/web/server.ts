import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { events as contractEvents } from '../../shared/api/contract.ts';
import { ErrorCode, type ApiError, type Result } from '../../shared/api/errors.ts';
import { MEDIA_MAX_BASE64_CHARS } from '../../shared/api/methods/media.ts';
import type { Backend } from '../backend/backend.ts';
import { parseMediaRequest, readMediaFile } from '../backend/media/files.ts';
import { readStatic } from './static.ts';
import { SECURITY_HEADERS, bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './security.ts';

export interface WebServerOptions {
  backend: Backend;
  /** The backend's data folder, whose media/ subfolder is served at /media/<sha256> (none without it). */
  dataDir?: string;
  /** Built renderer (vite's outDir). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Per-launch secret; generated when omitted. */
  token?: string;
}

export interface WebServer {
  /** The address to open, including the token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest request body accepted: a story's JSON limit plus headroom for the envelope. */
const MAX_BODY_BYTES = 24 * 1024 * 1024;
/** media.import carries an image as base64 (4/3 of its bytes) plus its file name. */
const MAX_MEDIA_BODY_BYTES = MEDIA_MAX_BASE64_CHARS + 64 * 1024;
const HEARTBEAT_MS = 25_000;

const STATUS_BY_CODE: Record<ApiError['code'], number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STORAGE: 500,
  OFFLINE: 503,
  INTERNAL: 500,
};

/**
 * Browser mode: serves the renderer and the contract over HTTP on 127.0.0.1.
 * `POST /api/<method>` takes the JSON input and answers with a Result;
 * `GET /api/events` is a server-sent event stream of the contract's events.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = options.port;

  const unsubscribe = options.backend.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendResult(response, { ok: false, error: { code: ErrorCode.INTERNAL, message: `Request failed: ${String(error)}` } });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    if (!isAllowedHost(request.headers.host, port)) {
      return sendError(response, 403, ErrorCode.FORBIDDEN, 'Unexpected Host header: Copydesk answers only on 127.0.0.1.');
    }
    if (!isAllowedOrigin(request.headers.origin, port)) {
      return sendError(response, 403, ErrorCode.FORBIDDEN, 'Requests from other web sites are refused.');
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname === '/api/events') {
      if (request.method !== 'GET') return sendError(response, 405, ErrorCode.VALIDATION, 'Use GET for the event stream.');
      if (!tokenMatches(url.searchParams.get('token'), token)) return unauthorized(response);
      return openEventStream(request, response);
    }

    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return sendError(response, 405, ErrorCode.VALIDATION, 'Use POST for API calls.');
      if (!tokenMatches(bearerToken(request.headers), token)) return unauthorized(response);
      const method = url.pathname.slice('/api/'.length);
      const body = await readJsonBody(request, method === 'media.import' ? MAX_MEDIA_BODY_BYTES : MAX_BODY_BYTES);
      if (!body.ok) return sendResult(response, body);
      return sendResult(response, await options.backend.call(method, body.value));
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendError(response, 405, ErrorCode.VALIDATION, 'Method not allowed.');
    }
    if (url.pathname === '/media' || url.pathname.startsWith('/media/')) {
      // <img> cannot send an Authorization header, so the token rides in the query.
      if (!tokenMatches(url.searchParams.get('token'), token)) return unauthorized(response);
      if (options.dataDir === undefined) return sendError(response, 404, ErrorCode.NOT_FOUND, 'Not found.');
      return serveMedia(request, response, options.dataDir, url);
    }
    const file = await readStatic(options.staticDir, url.pathname);
    if (!file) return sendError(response, 404, ErrorCode.NOT_FOUND, 'Not found.');
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(`: connected; events: ${Object.keys(contractEvents).join(', ')}\n\n`);
    streams.add(response);
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(response);
    });
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolvePromise) => {
        unsubscribe();
        for (const stream of streams) stream.end();
        streams.clear();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}

/**
 * `GET /media/<sha256>[?variant=r1600]`: an original or its rendition from the
 * media folder. Only 64 lowercase hex digits name a file, so no path can leave
 * the folder; bytes never change for a name, hence the immutable cache.
 */
async function serveMedia(request: IncomingMessage, response: ServerResponse, dataDir: string, url: URL): Promise<void> {
  const wanted = parseMediaRequest(url.pathname, url.searchParams.get('variant'));
  if (!wanted) return sendError(response, 404, ErrorCode.NOT_FOUND, 'Not found.');
  const file = await readMediaFile(dataDir, wanted.sha256, wanted.variant);
  if (!file) return sendError(response, 404, ErrorCode.NOT_FOUND, 'That image is not in the media store.');
  response.writeHead(200, {
    'Content-Type': file.mime,
    'Content-Length': file.body.length,
    'X-Content-Type-Options': 'nosniff',
    // private: the URL carries the launch token; shared caches must not keep it.
    'Cache-Control': 'private, max-age=31536000, immutable',
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

async function readJsonBody(request: IncomingMessage, limit: number): Promise<Result<unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      return { ok: false, error: { code: ErrorCode.VALIDATION, message: 'The request is too large.' } };
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: { code: ErrorCode.VALIDATION, message: 'The request body is not valid JSON.' } };
  }
}

function sendResult(response: ServerResponse, result: Result<unknown>): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const status = result.ok ? 200 : STATUS_BY_CODE[result.error.code];
  const body = JSON.stringify(result);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, code: ApiError['code'], message: string): void {
  const body = JSON.stringify({ ok: false, error: { code, message } });
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(body);
}

function unauthorized(response: ServerResponse): void {
  sendError(response, 401, ErrorCode.UNAUTHORIZED, 'Missing or wrong access token. Open Copydesk with the address it printed at start.');
}
