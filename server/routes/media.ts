import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HubErrorCode, type HubUser } from '../../shared/sync/auth.ts';
import { HUB_MEDIA_MAX_BYTES, HUB_MEDIA_TYPES, imageTypeOf, SHA256_HEX } from '../../shared/sync/media.ts';
import type { MediaPutResponse } from '../../shared/sync/protocol.ts';
import { requireUser } from '../auth/session.ts';
import type { HubDeps } from '../deps.ts';
import { HubError } from '../errors.ts';
import { getMedia, insertMedia } from '../sync/media.ts';

/**
 * Media by content (DESIGN.md §7): `PUT /v1/media/<sha256>` with the image's
 * bytes as the body (Content-Type application/octet-stream or image/*), and
 * `GET /v1/media/<sha256>`. The hub hashes what arrived and refuses bytes that
 * are not what their name says; the type is read from the bytes' magic
 * numbers. Both need a signed-in person.
 */
export function mediaRoutes(app: FastifyInstance, deps: HubDeps): void {
  // In its own scope so the raw-bytes body parser applies to these routes only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(['application/octet-stream', ...HUB_MEDIA_TYPES], { parseAs: 'buffer', bodyLimit: HUB_MEDIA_MAX_BYTES }, (_request, body, done) => {
      done(null, body);
    });

    // Who is uploading is checked before the body is read: a stranger's 30 MB is not buffered.
    const uploaders = new WeakMap<object, HubUser>();
    const onRequest = async (request: FastifyRequest) => {
      uploaders.set(request, await requireUser(request, deps));
    };

    scope.put<{ Params: { sha256: string } }>('/v1/media/:sha256', { bodyLimit: HUB_MEDIA_MAX_BYTES, onRequest }, async (request, reply) => {
      const user = uploaders.get(request)!;
      const sha256 = checkName(request.params.sha256);
      const body = request.body;
      if (!(body instanceof Uint8Array) || body.length === 0) {
        throw new HubError(HubErrorCode.VALIDATION, 'Send the image’s bytes as the body (Content-Type: application/octet-stream).');
      }
      const actual = createHash('sha256').update(body).digest('hex');
      if (actual !== sha256) {
        throw new HubError(HubErrorCode.VALIDATION, `The bytes sent do not match their name: their sha256 is ${actual}. The upload was damaged or named wrongly; nothing was stored.`);
      }
      const mime = imageTypeOf(body);
      if (mime === null) throw new HubError(HubErrorCode.VALIDATION, 'This is not a JPEG, PNG, WebP or GIF image; the hub stores only those.');
      const created = await insertMedia(deps.sql, { sha256, mime, bytes: body, uploadedBy: user.id, at: deps.now() });
      const answer: MediaPutResponse = { sha256, mime, size: body.length, created };
      return reply.code(created ? 201 : 200).send(answer);
    });

    scope.get<{ Params: { sha256: string } }>('/v1/media/:sha256', async (request, reply) => {
      await requireUser(request, deps);
      const sha256 = checkName(request.params.sha256);
      const row = await getMedia(deps.sql, sha256);
      if (!row) throw new HubError(HubErrorCode.NOT_FOUND, 'The hub has no image with this sha256. Its workstation has not uploaded it yet.');
      return reply
        .type(row.mime)
        .header('Cache-Control', 'private, max-age=31536000, immutable')
        .header('X-Content-Type-Options', 'nosniff')
        .send(Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength));
    });
  });
}

function checkName(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new HubError(HubErrorCode.VALIDATION, 'Media are named by their sha256: 64 lowercase hexadecimal digits.');
  return sha256;
}
