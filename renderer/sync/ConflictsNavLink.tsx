import { Icon } from '../components/Icon.tsx';
import { useSync } from './SyncContext.tsx';

/** "Conflicts" in the sidebar's views, with the number of stories waiting for a person when there are any. */
export function ConflictsNavLink({ current }: { current: boolean }) {
  const count = useSync().status?.conflicts ?? 0;
  return (
    <a className="nav-link" href="#/conflicts" aria-current={current ? 'page' : undefined}>
      <Icon name="alert" />
      Conflicts
      {count > 0 && (
        <span className="nav-badge">
          <span aria-hidden="true">{count.toLocaleString('en')}</span>
          {/* Read as "Conflicts, 2 stories" rather than a bare number. */}
          <span className="visually-hidden">{`, ${count === 1 ? '1 story' : `${count.toLocaleString('en')} stories`}`}</span>
        </span>
      )}
    </a>
  );
}
