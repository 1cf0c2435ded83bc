import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import type { BackendContext, HandlersFor } from '../context.ts';
import { importImage } from '../media/importImage.ts';

/** Images for figures: store one (validated, deduplicated) and look one up. */
export function createMediaHandlers(ctx: BackendContext) {
  const deps = { dataDir: ctx.dataDir, media: ctx.stores.media, now: ctx.now };
  return {
    // The contract checked the base64 alphabet and length, so decoding cannot fail or blow up.
    'media.import': ({ fileName, dataBase64 }) => importImage(deps, fileName, Buffer.from(dataBase64, 'base64')),

    'media.get': ({ sha256 }) => {
      const info = ctx.stores.media.get(sha256);
      if (!info) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That image is not in this Copydesk’s media store.', { sha256 });
      return info;
    },
  } satisfies HandlersFor<'media.'>;
}
