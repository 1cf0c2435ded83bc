import { useState } from 'react';
import { ROLE_LABELS } from '../../shared/workflow/roles.ts';
import { useSession } from './SessionContext.tsx';
import { SwitchUserDialog } from './SwitchUserDialog.tsx';

/** The sidebar's foot: who is writing, and "Switch user". */
export function CurrentPerson() {
  const { profile } = useSession();
  const [open, setOpen] = useState(false);
  if (!profile) return null;
  return (
    <div className="sidebar__person" role="group" aria-label="Who is writing">
      <span className="sidebar__person-name">{profile.name}</span>
      <span className="sidebar__person-role">{ROLE_LABELS[profile.role]}</span>
      <button type="button" className="button button--small" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Switch user
      </button>
      <SwitchUserDialog open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
