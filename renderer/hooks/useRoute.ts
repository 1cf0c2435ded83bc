import { useEffect, useState } from 'react';

export type Route =
  | { name: 'library' }
  | { name: 'trash' }
  | { name: 'conflicts' }
  | { name: 'settings' }
  | { name: 'story'; id: string };

/** `#/` library, `#/trash` trash, `#/conflicts` conflict queue, `#/settings` settings, `#/story/<id>` editor; anything else is the library. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/trash') return { name: 'trash' };
  if (path === '/conflicts') return { name: 'conflicts' };
  if (path === '/settings') return { name: 'settings' };
  const story = /^\/story\/([^/?#]+)$/.exec(path);
  if (story?.[1]) return { name: 'story', id: decodeURIComponent(story[1]) };
  return { name: 'library' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'library':
      return '#/';
    case 'trash':
      return '#/trash';
    case 'conflicts':
      return '#/conflicts';
    case 'settings':
      return '#/settings';
    case 'story':
      return `#/story/${encodeURIComponent(route.id)}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** A stable key for a route, used to reset per-view state such as error boundaries. */
export function routeKey(route: Route): string {
  return route.name === 'story' ? `story:${route.id}` : route.name;
}
