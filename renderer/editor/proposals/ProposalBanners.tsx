import { useState } from 'react';
import type { ProposalSummary } from '../../../shared/api/methods/proposals.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useNotice } from '../../components/Notice.tsx';
import { formatSavedAt } from '../../lib/time.ts';
import { useSession } from '../../session/SessionContext.tsx';
import type { Autosaver } from '../autosave.ts';
import { decidedText, decidersText, proposalBannerText, sentToText, waitingProposals, type BannerPeople, type EditorMode } from './proposalMode.ts';
import { SendProposalDialog } from './SendProposalDialog.tsx';
import { WithdrawProposalButton } from './WithdrawProposalButton.tsx';
import '../../styles/proposals.css';

export interface ProposalBannersProps {
  mode: EditorMode;
  /** The policy's reasons, null when allowed or not known yet. */
  editRefused: string | null;
  proposeRefused: string | null;
  ownerId: string | null;
  /** The person's draft proposal, once the first save created it. */
  getProposalId: () => string | null;
  /** The story's proposals the person sees (null while loading). */
  proposals: ProposalSummary[] | null;
  saver: Autosaver;
  onReopen: ((options?: { propose?: boolean }) => void) | undefined;
  /** Opens the Proposals dialog at one proposal. */
  onView: (proposalId: string) => void;
}

const NOTHING_TO_PROPOSE = 'Your version is the same as the story — there is nothing to propose.';
const NOT_SAVED = 'Your latest changes could not be saved, so nothing was sent. Try again once it says "Saved".';

/**
 * The notes above the story about editing it: why it is read-only (and, for
 * its writer while it is with someone else, "Propose changes"); in proposal
 * mode, whose story it is, who accepts the changes, and Send / Discard; and
 * the person's sent proposals still waiting for a decision.
 */
export function ProposalBanners({ mode, editRefused, proposeRefused, ownerId, getProposalId, proposals, saver, onReopen, onView }: ProposalBannersProps) {
  const api = useApi();
  const notice = useNotice();
  const { profile, profiles } = useSession();
  const [sending, setSending] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [discardError, setDiscardError] = useState<string | null>(null);

  const personId = profile?.id ?? '';
  const owner = profiles.find((p) => p.id === ownerId) ?? null;
  const supervisor = profile?.supervisorId ? (profiles.find((p) => p.id === profile.supervisorId) ?? null) : null;
  const people: BannerPeople = { personId, owner, supervisor };
  const waiting = waitingProposals(proposals ?? [], personId);

  const startSending = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await saver.saveNow();
      if (saver.hasUnsavedChanges) {
        notice.show({ message: NOT_SAVED, tone: 'error' });
        return;
      }
      const id = getProposalId();
      // Never saved: nothing was changed, so there is no draft to send.
      if (id === null) notice.show({ message: NOTHING_TO_PROPOSE, tone: 'error' });
      else setSending(id);
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    setBusy(true);
    setDiscardError(null);
    try {
      await saver.saveNow();
      const id = getProposalId();
      if (id !== null) await api.invoke('proposals.withdraw', { id });
      // Nothing may be saved after this: it would start a new draft with the discarded text.
      saver.reset(saver.currentRevision, new Date());
      setDiscarding(false);
      notice.show({ message: 'Proposal discarded. The story is as it was.' });
      onReopen?.();
    } catch (error) {
      setDiscardError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {mode.kind === 'story' && editRefused !== null && (
        <div className="banner" role="note">
          <span>{editRefused}</span>
          {/* The writer whose story is with someone else normally withdraws it; proposing is their choice. */}
          {proposeRefused === null && onReopen && (
            <button type="button" className="button button--small" onClick={() => onReopen({ propose: true })}>
              Propose changes
            </button>
          )}
        </div>
      )}
      {mode.kind === 'proposal' && (
        <div className="banner banner--proposal" role="note" aria-label="Proposal mode">
          <span>{proposeRefused ?? proposalBannerText(people)}</span>
          {proposeRefused === null && (
            <span className="banner__actions">
              <button type="button" className="button button--small" disabled={busy} onClick={() => setDiscarding(true)}>
                Discard proposal
              </button>
              <button type="button" className="button button--small button--primary" aria-busy={busy || undefined} disabled={busy} onClick={() => void startSending()}>
                Send proposal
              </button>
            </span>
          )}
        </div>
      )}
      {waiting.length > 0 && (
        <div className="banner banner--waiting" role="note" aria-label="Your proposals">
          <span>
            {waiting.length === 1
              ? `Your proposal of ${formatSavedAt(new Date(waiting[0]!.sentAt ?? waiting[0]!.createdAt))} is waiting for a decision — ${decidedText(waiting[0]!).toLowerCase()}.`
              : `${waiting.length} of your proposals are waiting for decisions.`}
          </span>
          <span className="banner__actions">
            <button type="button" className="button button--small" onClick={() => onView(waiting[0]!.id)}>
              View
            </button>
            {/* With several waiting, each is withdrawn from its own page under View. */}
            {waiting.length === 1 && <WithdrawProposalButton proposal={waiting[0]!} />}
          </span>
        </div>
      )}
      {sending !== null && (
        <SendProposalDialog
          proposalId={sending}
          deciders={decidersText(people)}
          onCancel={() => setSending(null)}
          onSent={() => {
            setSending(null);
            notice.show({ message: `Proposal sent to ${sentToText(people)}.` });
            // The proposal is on its way: the editor shows the story's own text again.
            onReopen?.();
          }}
        />
      )}
      <ConfirmDialog
        open={discarding}
        title="Discard your proposal?"
        message="Your changes in this proposal are thrown away. The story stays as it is."
        confirmLabel="Discard proposal"
        busy={busy}
        error={discardError}
        onConfirm={() => void discard()}
        onCancel={() => setDiscarding(false)}
      />
    </>
  );
}
