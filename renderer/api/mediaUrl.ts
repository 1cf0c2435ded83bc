import type { MediaVariant } from '../../shared/api/methods/media.ts';

/**
 * The address of a stored image for an `<img src>`: `/media/<sha256>` on the
 * page's own origin (browser mode's server, or app://copydesk/ in Electron,
 * whose protocol handler serves the media folder). Browser mode adds the
 * launch token to the query because an image request cannot carry headers.
 */
export function buildMediaUrl(sha256: string, variant: MediaVariant | null, token: string | null): string {
  const params = new URLSearchParams();
  if (variant) params.set('variant', variant);
  if (token) params.set('token', token);
  const query = params.toString();
  return `/media/${encodeURIComponent(sha256)}${query ? `?${query}` : ''}`;
}
