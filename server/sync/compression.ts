import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { errorCodes } from 'fastify';
import { HubErrorCode } from '../../shared/sync/auth.ts';
import { HubError } from '../errors.ts';

/**
 * A request body sent compressed (`Content-Encoding: gzip` or `br`), as a
 * fastify `preParsing` stream. A long story's JSON shrinks four- to
 * sixfold, which matters on a slow line.
 *
 * Zip-bomb safe: the body is decompressed as it streams in and the stream
 * fails with 413 as soon as the decompressed bytes pass `limit` (a few
 * kilobytes of gzip can expand to gigabytes), so nothing past the limit is
 * ever held or parsed. The compressed byte count is reported to fastify as
 * `receivedEncodedLength`, which it checks against Content-Length.
 */
export function decompressedBody(request: FastifyRequest, payload: Readable, limit: number): Readable {
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return payload;
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'br' ? createBrotliDecompress() : null;
  if (decoder === null) {
    throw new HubError(HubErrorCode.VALIDATION, `The hub cannot read a request body with Content-Encoding "${encoding.slice(0, 40)}"; send it as gzip, br or uncompressed.`);
  }

  let encoded = 0;
  let decoded = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      decoded += chunk.length;
      if (decoded > limit) {
        done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
        return;
      }
      done(null, chunk);
    },
  }) as Transform & { receivedEncodedLength: number };
  capped.receivedEncodedLength = 0;

  payload.on('data', (chunk: Buffer) => {
    encoded += chunk.length;
    capped.receivedEncodedLength = encoded;
  });
  const stop = (error: Error) => {
    payload.unpipe(decoder);
    decoder.destroy();
    // Stop reading the rest of a body that is being refused; the socket closes with the reply.
    payload.resume();
    if (!capped.destroyed) capped.destroy(error);
  };
  decoder.on('error', () => {
    const error = Object.assign(new Error('The request body is not valid ' + (encoding === 'br' ? 'brotli' : 'gzip') + ' data.'), { statusCode: 400 });
    stop(error);
  });
  capped.on('error', (error) => {
    payload.unpipe(decoder);
    decoder.destroy();
    if ((error as { statusCode?: number }).statusCode === undefined) Object.assign(error, { statusCode: 400 });
  });
  payload.pipe(decoder).pipe(capped);
  return capped;
}
