import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, routeKey } from '../../../../renderer/hooks/useRoute.ts';

describe('the Conflicts view has an address of its own', () => {
  it('#/conflicts opens the conflict queue and the sidebar link points there', () => {
    expect(parseRoute('#/conflicts')).toEqual({ name: 'conflicts' });
    expect(routeHref({ name: 'conflicts' })).toBe('#/conflicts');
    expect(routeKey(parseRoute(routeHref({ name: 'conflicts' })))).toBe('conflicts');
  });

  it('anything near it is still the library, as unknown addresses are', () => {
    expect(parseRoute('#/conflicts/extra')).toEqual({ name: 'library' });
    expect(parseRoute('#/Conflicts')).toEqual({ name: 'library' });
  });
});
