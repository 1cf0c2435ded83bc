/**
 * Security policy of the desktop shell as pure functions: which URLs are ours,
 * which frames may call the backend, which links may leave the app, and the
 * Content-Security-Policy every response carries. Kept free of 'electron' so
 * it is unit-tested under plain Node.
 */

/** The privileged scheme the renderer is served from: `app://copydesk/index.html`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'copydesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * No inline or remote scripts, no eval; inline styles are allowed because the
 * editor positions floating toolbars with style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers added to every response the window receives. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string') return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True for URLs of our own origin. Compared by protocol and host rather than
 * `URL.origin`, which Node reports as "null" for schemes it does not know.
 */
export function isAppUrl(value: unknown): boolean {
  const url = parseUrl(value);
  return url !== null && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '' && url.port === '';
}

/** What the IPC layer knows about the frame that sent a message. */
export interface SenderFacts {
  /** The frame's current URL, or null when the frame is already gone. */
  frameUrl: string | null;
  /** True when the frame is the top-level frame of our own window. */
  isOurMainFrame: boolean;
}

/** Only our window's top frame, showing our own page, may call the backend. */
export function isTrustedSender(facts: SenderFacts): boolean {
  return facts.isOurMainFrame && isAppUrl(facts.frameUrl);
}

/**
 * The URL to hand to the operating system for a link the page tried to open,
 * or null to open nothing. Only plain http(s) links without credentials leave
 * the app; `file:`, `javascript:`, custom schemes and the like never do.
 */
export function externalUrlToOpen(value: unknown): string | null {
  const url = parseUrl(value);
  if (url === null) return null;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}
