/**
 * Which link addresses a story may carry: http, https and mailto only. Shared
 * by the editor (to refuse a link as it is typed or pasted) and the backend
 * (to refuse a stored document that carries any other link).
 */

export type LinkCheck = { ok: true; url: string } | { ok: false; message: string };

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Longest address we show back in a refusal, so a pasted essay does not flood the alert. */
const QUOTE_LIMIT = 80;

/**
 * Checks a link address typed, pasted or imported into a story.
 * Accepts http:, https: and mailto: URLs; a bare host such as "example.com"
 * is read as https:// when that parses to a host with a dot in it.
 * Everything else (javascript:, data:, file:, ftp:, garbage) is refused with a
 * sentence meant for the person who typed it.
 */
export function safeLinkUrl(input: string): LinkCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Type a link address, such as https://example.com.' };

  const direct = parse(text);
  if (direct) {
    if (ALLOWED_PROTOCOLS.has(direct.protocol) && hasCredentials(direct)) {
      return { ok: false, message: 'Links may not contain a user name or password. The link was not added.' };
    }
    if (ALLOWED_PROTOCOLS.has(direct.protocol) && isUsable(direct)) return { ok: true, url: direct.href };
    // "example.com:8080/x" parses with protocol "example.com:"; let the bare-host rule below decide.
    if (!looksLikeHostWithPort(text)) return refuse(text);
  }

  // No scheme: try it as a web address, but only if it then looks like one.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !text.startsWith('//')) {
    const guessed = parse(`https://${text}`);
    if (guessed && isUsable(guessed) && guessed.hostname.includes('.') && !/\s/.test(text)) {
      return { ok: true, url: guessed.href };
    }
  }
  return refuse(text);
}

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function isUsable(url: URL): boolean {
  if (url.protocol === 'mailto:') return url.pathname.length > 0 && !/\s/.test(decodeSafe(url.pathname));
  if (hasCredentials(url)) return false;
  const host = url.hostname;
  return host.length > 0 && !host.startsWith('.') && !host.endsWith('..');
}

/** Credentials in a link ("https://user:pass@host") are a phishing classic; refuse them. */
function hasCredentials(url: URL): boolean {
  return url.protocol !== 'mailto:' && (url.username !== '' || url.password !== '');
}

function looksLikeHostWithPort(text: string): boolean {
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+:\d+(\/|$)/i.test(text);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function refuse(text: string): LinkCheck {
  const shown = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
  return {
    ok: false,
    message: `Links must start with http://, https:// or mailto:. \u201C${shown}\u201D was not added.`,
  };
}

/** True when a stored or pasted link may stay a link. */
export function isSafeLinkUrl(url: string): boolean {
  return safeLinkUrl(url).ok;
}

/**
 * True when a link already in a document is acceptable as stored: an absolute
 * http, https or mailto address (no guessing of a missing scheme here).
 */
export function isStoredLinkAllowed(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && ALLOWED_PROTOCOLS.has(parsed.protocol) && safeLinkUrl(url).ok;
}
