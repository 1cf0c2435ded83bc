import { useState } from 'react';
import type { ProposalSummary } from '../../../shared/api/methods/proposals.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useNotice } from '../../components/Notice.tsx';

/**
 * "Withdraw proposal" for its author while nobody has decided an item
 * (`proposals.withdraw`; the backend says why otherwise). Asks first; the
 * proposal's revision stays in the story's history, and a connected
 * workstation withdraws it on the newsroom hub too.
 */
export function WithdrawProposalButton({ proposal }: { proposal: ProposalSummary }) {
  const api = useApi();
  const notice = useNotice();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (proposal.status !== 'open' || !proposal.youMay.withdraw.ok) return null;

  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.invoke('proposals.withdraw', { id: proposal.id });
      setAsking(false);
      notice.show({ message: 'Proposal withdrawn. Nobody can accept or reject it any more.' });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button button--small" onClick={() => setAsking(true)}>
        Withdraw proposal
      </button>
      <ConfirmDialog
        open={asking}
        title="Withdraw your proposal?"
        message="Nobody will be able to accept or reject its changes. It stays in the story's history."
        confirmLabel="Withdraw proposal"
        busy={busy}
        error={error}
        onConfirm={() => void withdraw()}
        onCancel={() => {
          setAsking(false);
          setError(null);
        }}
      />
    </>
  );
}
