import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  externalUrlToOpen,
  isAppUrl,
  isTrustedSender,
} from '../../../../main/electron/policy.ts';

describe('isAppUrl', () => {
  it('accepts pages of app://copydesk', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://copydesk/assets/index-abc.js?x=1#y')).toBe(true);
  });

  it.each([
    'app://copydesk.evil/index.html',
    'app://other/index.html',
    'app://user:pw@copydesk/index.html',
    'app://copydesk:8080/index.html',
    'https://copydesk/index.html',
    'file:///work/main/dist/renderer/index.html',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl({ href: APP_ENTRY_URL })).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only our main frame showing our page', () => {
    expect(isTrustedSender({ frameUrl: APP_ENTRY_URL, isOurMainFrame: true })).toBe(true);
  });

  it('refuses a subframe even on our origin', () => {
    expect(isTrustedSender({ frameUrl: APP_ENTRY_URL, isOurMainFrame: false })).toBe(false);
  });

  it('refuses our main frame once it shows another origin', () => {
    expect(isTrustedSender({ frameUrl: 'https://example.com/', isOurMainFrame: true })).toBe(false);
  });

  it('refuses a frame that is already gone', () => {
    expect(isTrustedSender({ frameUrl: null, isOurMainFrame: true })).toBe(false);
  });
});

describe('externalUrlToOpen', () => {
  it('lets ordinary web links open in the browser', () => {
    expect(externalUrlToOpen('https://www.ichongqing.info/2021/09/06/why-chongqing/')).toBe(
      'https://www.ichongqing.info/2021/09/06/why-chongqing/',
    );
    expect(externalUrlToOpen('http://example.com')).toBe('http://example.com/');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'app://copydesk/index.html',
    'ms-msdt:/id PCWDiagnostic',
    'https://user:secret@example.com/',
    'mailto:desk@example.com',
    'nonsense',
  ])('opens nothing for %s', (url) => {
    expect(externalUrlToOpen(url)).toBeNull();
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it('allows scripts only from our own origin, never eval or inline', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('blocks plugins, <base> rewriting and framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});
