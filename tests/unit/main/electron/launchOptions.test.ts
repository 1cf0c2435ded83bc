import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, isEventName } from '../../../../main/electron/channels.ts';
import { parseLaunchOptions } from '../../../../main/electron/launchOptions.ts';
import { resolveNativeBinding } from '../../../../main/electron/nativeBinding.ts';
import { events } from '../../../../shared/api/contract.ts';

describe('parseLaunchOptions', () => {
  const cwd = '/home/reporter';

  it('uses the per-user default when nothing is given', () => {
    expect(parseLaunchOptions(['/app/out/electron/main.cjs'], {}, cwd)).toEqual({ dataDir: null });
  });

  it('reads --data-dir DIR and --data-dir=DIR among Chromium switches', () => {
    expect(parseLaunchOptions(['.', '--inspect=0', '--data-dir', '/tmp/a'], {}, cwd).dataDir).toBe('/tmp/a');
    expect(parseLaunchOptions(['.', '--data-dir=/tmp/b', '--remote-debugging-port=0'], {}, cwd).dataDir).toBe('/tmp/b');
  });

  it('resolves a relative folder from the working directory', () => {
    expect(parseLaunchOptions(['--data-dir=desk'], {}, cwd).dataDir).toBe(join(cwd, 'desk'));
  });

  it('prefers the flag over COPYDESK_DATA_DIR, and uses the variable otherwise', () => {
    expect(parseLaunchOptions(['--data-dir=/flag'], { COPYDESK_DATA_DIR: '/env' }, cwd).dataDir).toBe('/flag');
    expect(parseLaunchOptions([], { COPYDESK_DATA_DIR: '/env' }, cwd).dataDir).toBe('/env');
  });

  it('ignores a --data-dir with no value rather than eating the next switch', () => {
    expect(parseLaunchOptions(['--data-dir', '--inspect=0'], {}, cwd).dataDir).toBeNull();
  });
});

describe('resolveNativeBinding', () => {
  const packaged = join('/opt/Copydesk/resources', 'native', 'better_sqlite3.node');

  it('uses the binding npm start built for Electron', () => {
    expect(resolveNativeBinding({ COPYDESK_SQLITE_BINDING: '/cache/b.node' }, false, '/r', () => false)).toBe('/cache/b.node');
  });

  it('uses the binding shipped in a packaged app', () => {
    expect(resolveNativeBinding({}, true, '/opt/Copydesk/resources', (p) => p === packaged)).toBe(packaged);
  });

  it("falls back to the package's own build", () => {
    expect(resolveNativeBinding({}, false, '/r', () => true)).toBeUndefined();
    expect(resolveNativeBinding({}, true, '/r', () => false)).toBeUndefined();
  });
});

describe('event allow-list', () => {
  it('lists exactly the events of the contract', () => {
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });

  it('refuses names outside the contract', () => {
    expect(isEventName('story.changed')).toBe(true);
    expect(isEventName('copydesk:invoke')).toBe(false);
    expect(isEventName('__proto__')).toBe(false);
    expect(isEventName(42)).toBe(false);
  });
});
