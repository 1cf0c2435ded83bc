import type { Route } from '../hooks/useRoute.ts';
import { ConflictsNavLink } from '../sync/ConflictsNavLink.tsx';
import { SyncSidebarFoot } from '../sync/SyncSidebar.tsx';
import { Icon } from './Icon.tsx';

interface SidebarProps {
  route: Route;
  onNewStory: () => void;
  creating: boolean;
  /** Opens the "Import a story" dialog. */
  onImport?: () => void;
}

export function Sidebar({ route, onNewStory, creating, onImport }: SidebarProps) {
  const current = route.name === 'story' ? null : route.name;
  return (
    <aside className="sidebar" aria-label="Copydesk">
      <div className="sidebar__brand">
        <span className="brand-mark" aria-hidden="true">
          C
        </span>
        <span className="brand-name">Copydesk</span>
      </div>
      <button type="button" className="button button--primary sidebar__new" onClick={onNewStory} aria-busy={creating}>
        <Icon name="plus" />
        New story
      </button>
      {onImport && (
        <button type="button" className="button sidebar__import" onClick={onImport}>
          Import…
        </button>
      )}
      <nav className="sidebar__nav" aria-label="Views">
        <a className="nav-link" href="#/" aria-current={current === 'library' ? 'page' : undefined}>
          <Icon name="library" />
          Library
        </a>
        <a className="nav-link" href="#/trash" aria-current={current === 'trash' ? 'page' : undefined}>
          <Icon name="trash" />
          Trash
        </a>
        <ConflictsNavLink current={current === 'conflicts'} />
        <a className="nav-link" href="#/settings" aria-current={current === 'settings' ? 'page' : undefined}>
          <Icon name="settings" />
          Settings
        </a>
      </nav>
      <SyncSidebarFoot />
    </aside>
  );
}
