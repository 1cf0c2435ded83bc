import { useId, useState } from 'react';
import type { SyncStatus } from '../../shared/api/methods/sync.ts';
import { ROLE_LABELS } from '../../shared/workflow/roles.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { useNotice } from '../components/Notice.tsx';
import { useNow } from '../hooks/useNow.ts';
import { CurrentPerson } from '../session/CurrentPerson.tsx';
import { ConnectDialog } from './ConnectDialog.tsx';
import { useSync } from './SyncContext.tsx';
import { SyncPreviewDialog } from './SyncPreviewDialog.tsx';
import { describeSync, hubHost } from './syncText.ts';
import '../styles/sync.css';

/**
 * The sidebar's foot: the sync state (always in view, whatever is open in
 * the main pane) above who is writing — the hub account once connected,
 * otherwise the local profile with "Switch user".
 */
export function SyncSidebarFoot() {
  const { status } = useSync();
  const [connecting, setConnecting] = useState(false);
  return (
    <div className="sync-foot">
      <SyncStatusBlock onConnect={() => setConnecting(true)} />
      {/* Signed out, the workstation is local again: the profile (the account's, kept) with Switch user. */}
      {status?.account && status.state !== 'signed_out' ? <AccountPanel status={status} /> : <CurrentPerson />}
      <ConnectDialog open={connecting} onClose={() => setConnecting(false)} />
    </div>
  );
}

function SyncStatusBlock({ onConnect }: { onConnect: () => void }) {
  const { status, loadError, refresh, syncNow } = useSync();
  const api = useApi();
  const notice = useNotice();
  const [previewing, setPreviewing] = useState(false);
  const [trying, setTrying] = useState(false);
  const detailId = useId();
  // A countdown to the next attempt ticks by the second; "Last synced 5 min ago" by the half minute.
  const now = useNow(status?.nextAttemptAt ? 1_000 : 30_000);

  if (!status) {
    return (
      <div className="sync-status sync-status--idle">
        <p className="sync-status__line" role="status" aria-label="Sync">
          <span className="sync-status__dot" aria-hidden="true" />
          {loadError ? 'Sync state unknown' : 'Checking sync…'}
        </p>
        {loadError && (
          <>
            <p className="sync-status__problem">{loadError}</p>
            <div className="sync-status__actions">
              <button type="button" className="button button--small" onClick={refresh}>
                Try again
              </button>
            </div>
          </>
        )}
      </div>
    );
  }

  const summary = describeSync(status, now);
  const tryAgain = () => {
    setTrying(true);
    syncNow()
      .catch((error: unknown) => notice.show({ message: `Sync did not run. ${errorMessage(error)}`, tone: 'error' }))
      .finally(() => setTrying(false));
  };
  const canPreview = summary.action !== 'connect' || status.pending > 0;

  return (
    <div className={`sync-status sync-status--${summary.tone}`}>
      <p
        className="sync-status__line"
        role="status"
        aria-label="Sync"
        // Focusable so keyboard users reach the detail (next attempt, last sync) that hover shows.
        tabIndex={summary.detail ? 0 : undefined}
        aria-describedby={summary.detail ? detailId : undefined}
      >
        <span className="sync-status__dot" aria-hidden="true" />
        <span className="sync-status__text">
          {summary.text}
          {summary.text && summary.conflicts ? ' · ' : ''}
          {summary.conflicts && (
            <a className="sync-status__conflicts" href="#/conflicts">
              {summary.conflicts}
            </a>
          )}
        </span>
      </p>
      {summary.detail && (
        <p id={detailId} className="sync-status__detail">
          {summary.detail}
        </p>
      )}
      {summary.problem && <p className="sync-status__problem">{summary.problem}</p>}
      <div className="sync-status__actions">
        {summary.action === 'connect' && (
          <button type="button" className="button button--small" aria-haspopup="dialog" onClick={onConnect}>
            Connect to newsroom
          </button>
        )}
        {summary.action === 'sign_in' && (
          <button type="button" className="button button--small" aria-haspopup="dialog" onClick={onConnect}>
            Sign in again
          </button>
        )}
        {summary.action === 'try_again' && (
          <button
            type="button"
            className="button button--small"
            onClick={tryAgain}
            aria-busy={trying}
            disabled={trying}
            aria-describedby={summary.detail ? detailId : undefined}
          >
            Try again
          </button>
        )}
        {status.refused > 0 && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              api
                .invoke('sync.dismissRefused', {})
                .then(refresh)
                .catch((error: unknown) => notice.show({ message: errorMessage(error), tone: 'error' }));
            }}
            title="The refused versions stay in each story's history."
          >
            I've read this
          </button>
        )}
        {canPreview && (
          <button type="button" className="sync-status__link" aria-haspopup="dialog" onClick={() => setPreviewing(true)}>
            Show what will be uploaded
          </button>
        )}
      </div>
      <SyncPreviewDialog open={previewing} onClose={() => setPreviewing(false)} />
    </div>
  );
}

/** Who is writing once connected: the hub account's name and role, and "Sign out of newsroom". */
function AccountPanel({ status }: { status: SyncStatus }) {
  const { disconnect } = useSync();
  const notice = useNotice();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const account = status.account;
  if (!account) return null;
  const host = status.hubUrl ? hubHost(status.hubUrl) : null;

  const signOut = () => {
    setBusy(true);
    setError(null);
    disconnect()
      .then(() => {
        setConfirming(false);
        notice.show({ message: host ? `Signed out of ${host}.` : 'Signed out of the newsroom.' });
      })
      .catch((failure: unknown) => setError(errorMessage(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <div className="sidebar__person sync-account" role="group" aria-label="Who is writing">
      <span className="sidebar__person-name">{account.name}</span>
      <span className="sidebar__person-role">
        {ROLE_LABELS[account.role]}
        {host ? ` · ${host}` : ''}
      </span>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          setError(null);
          setConfirming(true);
        }}
      >
        Sign out of newsroom
      </button>
      <ConfirmDialog
        open={confirming}
        title="Sign out of newsroom?"
        message="Changes not yet uploaded stay on this workstation and upload after you sign in again."
        confirmLabel="Sign out"
        busy={busy}
        error={error}
        onConfirm={signOut}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
