import { describe, expect, it } from 'vitest';
import { SerializedDocumentSchema } from '../../../../shared/model/document.ts';
import { isStoredLinkAllowed, safeLinkUrl } from '../../../../shared/model/links.ts';

describe('safeLinkUrl (what the link form accepts)', () => {
  it.each([
    ['https://example.org/report', 'https://example.org/report'],
    ['http://example.org', 'http://example.org/'],
    ['mailto:desk@example.org', 'mailto:desk@example.org'],
    ['  https://example.org/a b  ', 'https://example.org/a%20b'],
    ['example.org/path', 'https://example.org/path'],
    ['www.chinadaily.com.cn', 'https://www.chinadaily.com.cn/'],
    ['http://localhost:3000/x', 'http://localhost:3000/x'],
  ])('accepts %s as %s', (input, url) => {
    expect(safeLinkUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://example.org/file',
    'vbscript:msgbox',
    'tel:+123',
    'not a link',
    'localhost',
    '',
  ])('refuses %j with a message naming the allowed kinds', (input) => {
    const check = safeLinkUrl(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(/http|link address/);
  });

  it('refuses links that carry a user name or password', () => {
    const check = safeLinkUrl('https://user:secret@example.org/');
    expect(check).toMatchObject({ ok: false, message: expect.stringMatching(/user name or password/) });
  });
});

describe('stored documents', () => {
  const withLink = (url: string) => ({
    root: {
      type: 'root',
      version: 1,
      children: [
        {
          type: 'paragraph',
          version: 1,
          children: [{ type: 'link', version: 1, url, children: [{ type: 'text', version: 1, text: 'the report' }] }],
        },
      ],
    },
  });

  it('keeps only absolute http, https and mailto links', () => {
    expect(isStoredLinkAllowed('https://example.org/')).toBe(true);
    expect(isStoredLinkAllowed('mailto:desk@example.org')).toBe(true);
    expect(isStoredLinkAllowed('example.org')).toBe(false);
    expect(isStoredLinkAllowed('javascript:alert(1)')).toBe(false);
  });

  it('refuses a body that carries any other link', () => {
    expect(SerializedDocumentSchema.safeParse(withLink('https://example.org/')).success).toBe(true);
    const refused = SerializedDocumentSchema.safeParse(withLink('javascript:alert(1)'));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/not http, https or mailto/);
  });
});
