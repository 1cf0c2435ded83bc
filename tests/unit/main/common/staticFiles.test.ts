import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveInside } from '../../../../main/common/staticFiles.ts';

const root = resolve('/srv/copydesk/dist/renderer');

describe('resolveInside', () => {
  it('maps the root to index.html', () => {
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '')).toBe(join(root, 'index.html'));
  });

  it('maps asset paths inside the folder, decoding escapes', () => {
    expect(resolveInside(root, '/assets/index-AbC.js')).toBe(join(root, 'assets', 'index-AbC.js'));
    expect(resolveInside(root, '/assets/My%20Font.woff2')).toBe(join(root, 'assets', 'My Font.woff2'));
  });

  it.each([
    '/../package.json',
    '/assets/../../out/electron/main.cjs',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc/passwd',
    '/assets/..%5c..%5csecrets.txt',
    '/index.html%00.png',
    '/%E0%A4%A',
    '/..',
  ])('refuses %s', (pathname) => {
    expect(resolveInside(root, pathname)).toBeNull();
  });

  it('keeps a harmless .. that stays inside the folder', () => {
    expect(resolveInside(root, '/assets/../index.html')).toBe(join(root, 'index.html'));
  });

  it('does not treat a sibling folder with the same prefix as inside', () => {
    expect(resolveInside(root, '/../renderer-evil/x.js')).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-1.js', 'text/javascript; charset=utf-8'],
    ['assets/index-1.CSS', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/index-1.js.map', 'application/json; charset=utf-8'],
  ])('%s is %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });

  it('serves unknown files as bytes, never as something a browser would run', () => {
    expect(mimeTypeFor('README')).toBe('application/octet-stream');
    expect(mimeTypeFor('x.exe')).toBe('application/octet-stream');
  });
});
