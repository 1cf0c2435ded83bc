import { useId, useRef, useState } from 'react';
import type { ProposalSummary } from '../../shared/api/methods/proposals.ts';
import { ROLE_LABELS } from '../../shared/workflow/roles.ts';
import { decidedText } from '../editor/proposals/proposalMode.ts';
import { formatAbsolute, formatRelative } from '../lib/time.ts';
import { PROPOSAL_STATUS_LABELS, ProposalReview } from './ProposalReview.tsx';
import '../styles/compare.css';
import '../styles/proposals.css';
import { useModalDialog } from '../components/useModalDialog.ts';

export interface ProposalReviewDialogProps {
  /** The story's proposals the person may see, newest first (null while loading). */
  proposals: ProposalSummary[] | null;
  /** The proposal to open first; else the newest one waiting for decisions. */
  initialId?: string | null;
  saveFirst: () => Promise<boolean>;
  onClose: () => void;
}

/** The proposal shown when the dialog opens: the one asked for, else the newest open one, else the newest. */
export function firstShown(proposals: readonly ProposalSummary[], initialId: string | null = null): string | null {
  if (initialId !== null && proposals.some((p) => p.id === initialId)) return initialId;
  return (proposals.find((p) => p.status === 'open') ?? proposals[0])?.id ?? null;
}

/**
 * "Proposals": the story's proposals (who, when, their note, where the
 * review stands) beside the one being reviewed, in a modal dialog (focus
 * stays inside, Escape closes, focus returns to the Proposals button).
 */
export function ProposalReviewDialog({ proposals, initialId = null, saveFirst, onClose }: ProposalReviewDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [selected, setSelected] = useState<string | null>(() => firstShown(proposals ?? [], initialId));
  // The list may arrive after the dialog opened. Once one is shown it stays, even when the list
  // changes (deciding its last item must not swap it for another proposal under the reviewer).
  if (selected === null && proposals !== null && proposals.length > 0) setSelected(firstShown(proposals, initialId));

  useModalDialog(ref, true, closeRef);

  return (
    <dialog
      ref={ref}
      className="compare-dialog proposals-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="compare-dialog__bar proposals-dialog__bar">
        <h2 id={titleId} className="proposals-dialog__title">
          Proposals
        </h2>
        <button ref={closeRef} type="button" className="button button--small" onClick={onClose}>
          Close proposals
        </button>
      </div>
      <div className="proposals-dialog__body">
        <nav className="proposals-dialog__list-wrap" aria-label="Proposals on this story">
          {proposals === null && <p className="proposal-review__hint">Loading proposals…</p>}
          {proposals !== null && proposals.length === 0 && <p className="proposal-review__hint">No proposals on this story.</p>}
          {proposals !== null && proposals.length > 0 && (
            <ol className="proposals-dialog__list">
              {proposals.map((proposal) => (
                <li key={proposal.id}>
                  <button
                    type="button"
                    className="proposals-dialog__item"
                    aria-current={selected === proposal.id ? 'true' : undefined}
                    onClick={() => setSelected(proposal.id)}
                  >
                    <span className="proposals-dialog__row">
                      <span className="proposals-dialog__author">{proposal.authorName}</span>
                      <span className="proposals-dialog__role">{ROLE_LABELS[proposal.authorRole]}</span>
                    </span>
                    <span className="proposals-dialog__row">
                      <span className={`proposal-status proposal-status--${proposal.status}`}>{PROPOSAL_STATUS_LABELS[proposal.status]}</span>
                      <time className="proposals-dialog__time" dateTime={proposal.sentAt ?? proposal.createdAt} title={formatAbsolute(proposal.sentAt ?? proposal.createdAt)}>
                        {formatRelative(proposal.sentAt ?? proposal.createdAt)}
                      </time>
                    </span>
                    {proposal.message && <span className="proposals-dialog__message">{proposal.message}</span>}
                    {proposal.status !== 'draft' && <span className="proposals-dialog__progress">{decidedText(proposal)}</span>}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </nav>
        <div className="proposals-dialog__review">
          {selected !== null && <ProposalReview key={selected} proposalId={selected} saveFirst={saveFirst} />}
        </div>
      </div>
    </dialog>
  );
}
