import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { MethodOutput } from '../../shared/api/contract.ts';
import type { ProposalDecision, ProposalStatus, ProposalSummary } from '../../shared/api/methods/proposals.ts';
import { compareStories } from '../../shared/review/compare.ts';
import { proposalItems, type ProposalItem } from '../../shared/review/proposal.ts';
import { ROLE_LABELS } from '../../shared/workflow/roles.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { useSectors } from '../hooks/useSectors.ts';
import { decidedText } from '../editor/proposals/proposalMode.ts';
import { WithdrawProposalButton } from '../editor/proposals/WithdrawProposalButton.tsx';
import { formatAbsolute, formatSavedAt } from '../lib/time.ts';
import { PolicyButton } from '../session/PolicyButton.tsx';
import { CompareView, type CompareTarget } from './CompareView.tsx';
import { itemForBlock, itemForDetail, unshownItems } from './proposalReviewItems.ts';
import '../styles/proposals.css';

type Review = MethodOutput<'proposals.get'>;
type Load = { kind: 'loading' } | { kind: 'ready'; review: Review } | { kind: 'failed'; message: string };

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: 'Not sent yet',
  open: 'Waiting for decisions',
  decided: 'Decided',
  withdrawn: 'Withdrawn',
};

export interface ProposalReviewProps {
  proposalId: string;
  /**
   * Saves what is in the reviewer's editor before a decision: an accepted item
   * merges into the stored working copy, which must hold their latest text.
   * Resolves false when that failed (then nothing is decided).
   */
  saveFirst: () => Promise<boolean>;
}

/** "Sent 14:32", "Sent 3 Mar, 14:32". */
function sentText(proposal: ProposalSummary): string {
  return proposal.sentAt ? `Sent ${formatSavedAt(new Date(proposal.sentAt))}` : `Started ${formatSavedAt(new Date(proposal.createdAt))}`;
}

/**
 * One proposal, reviewed item by item (DESIGN.md §5): the story as the
 * proposer started from it compared with their proposal, and on every change
 * — each changed block, each header field — Accept or Reject, disabled with
 * the policy's reason for someone who may not decide. Decided items say who
 * decided. Accepting merges that one change into the story as it is now.
 */
export function ProposalReview({ proposalId, saveFirst }: ProposalReviewProps) {
  const api = useApi();
  const sectors = useSectors();
  const titleId = useId();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [reads, setReads] = useState(0);
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'info' | 'error' } | null>(null);

  useEffect(() => {
    let live = true;
    api
      .invoke('proposals.get', { id: proposalId })
      .then((review) => live && setLoad({ kind: 'ready', review }))
      .catch((error: unknown) => live && setLoad({ kind: 'failed', message: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [api, proposalId, reads]);

  const storyId = load.kind === 'ready' ? load.review.proposal.storyId : null;
  // Decided elsewhere (another reviewer, another window): show their decisions too.
  useEffect(() => (storyId === null ? undefined : api.on('proposals.changed', (event) => event.storyId === storyId && setReads((n) => n + 1))), [api, storyId]);

  const review = load.kind === 'ready' ? load.review : null;
  const items = useMemo(() => (review ? proposalItems(review.base, review.proposed, { sectors }) : []), [review, sectors]);
  const unshown = useMemo(() => (review ? unshownItems(items, compareStories(review.base, review.proposed, { sectors })) : []), [items, review, sectors]);
  const decisions = useMemo(() => new Map<string, ProposalDecision>((review?.decisions ?? []).map((d) => [d.key, d])), [review]);

  const decide = useCallback(
    async (item: ProposalItem, decision: 'accept' | 'reject') => {
      if (!review || busyKey !== null) return;
      setBusyKey(item.key);
      setMessage(null);
      try {
        if (!(await saveFirst())) {
          setMessage({ text: 'Your latest changes to the story could not be saved, so nothing was decided. Try again once it says "Saved".', tone: 'error' });
          return;
        }
        const reply = await api.invoke('proposals.decide', { id: review.proposal.id, key: item.key, decision });
        setLoad({
          kind: 'ready',
          review: { ...review, proposal: reply.proposal, decisions: [...review.decisions.filter((d) => d.key !== item.key), reply.decision] },
        });
        const author = review.proposal.authorName;
        const text =
          decision === 'reject'
            ? 'Rejected — the story keeps its own text.'
            : reply.credited
              ? `Accepted — merged into the story, and ${author} is credited in the contributor note.`
              : 'Accepted — merged into the story.';
        setMessage({ text, tone: 'info' });
      } catch (error) {
        setMessage({ text: errorMessage(error), tone: 'error' });
        // Decided meanwhile by someone else (CONFLICT), or the story moved on: show where it stands.
        setReads((n) => n + 1);
      } finally {
        setBusyKey(null);
      }
    },
    [api, busyKey, review, saveFirst],
  );

  if (load.kind === 'loading') return <p className="proposal-review__hint">Opening the proposal…</p>;
  if (load.kind === 'failed') {
    return (
      <div className="proposal-review__hint" role="alert">
        <p>The proposal could not be opened. {load.message}</p>
        <button type="button" className="button button--small" onClick={() => setReads((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  }

  const { proposal, base, proposed } = load.review;
  const decidable = proposal.status === 'open';

  const actionsFor = (item: ProposalItem | undefined): ReactNode => {
    if (!item) return null;
    const done = decisions.get(item.key);
    if (done) {
      const verb = done.decision === 'accepted' ? 'Accepted' : 'Rejected';
      return (
        <span className={`proposal-decided proposal-decided--${done.decision}`} title={formatAbsolute(done.decidedAt)}>
          {verb} by {done.deciderName || 'someone'}
        </span>
      );
    }
    if (!decidable) return null;
    const busy = busyKey !== null;
    return (
      <span className="proposal-actions" role="group" aria-label={`Decide: ${item.label}`}>
        <PolicyButton
          className="button button--small proposal-actions__accept"
          decision={proposal.youMay.accept}
          disabled={busy}
          aria-busy={busyKey === item.key || undefined}
          onClick={() => void decide(item, 'accept')}
        >
          Accept
        </PolicyButton>
        <PolicyButton className="button button--small" decision={proposal.youMay.reject} disabled={busy} onClick={() => void decide(item, 'reject')}>
          Reject
        </PolicyButton>
      </span>
    );
  };

  const renderActions = (target: CompareTarget): ReactNode =>
    actionsFor(target.kind === 'block' ? itemForBlock(items, target.entry) : itemForDetail(items, target.change));

  return (
    <section className="proposal-review" aria-labelledby={titleId}>
      <header className="proposal-review__head">
        <h3 id={titleId} className="proposal-review__title">
          {proposal.authorName}'s proposal
        </h3>
        <p className="proposal-review__meta">
          <span>{ROLE_LABELS[proposal.authorRole]}</span>
          <span aria-hidden="true"> · </span>
          <time dateTime={proposal.sentAt ?? proposal.createdAt} title={formatAbsolute(proposal.sentAt ?? proposal.createdAt)}>
            {sentText(proposal)}
          </time>
          <span aria-hidden="true"> · </span>
          <span className={`proposal-status proposal-status--${proposal.status}`}>{PROPOSAL_STATUS_LABELS[proposal.status]}</span>
          {proposal.status !== 'draft' && (
            <>
              <span aria-hidden="true"> · </span>
              <span>{decidedText(proposal)}</span>
            </>
          )}
        </p>
        {proposal.message && <blockquote className="proposal-review__message">{proposal.message}</blockquote>}
        <WithdrawProposalButton proposal={proposal} />
        {decidable && !proposal.youMay.accept.ok && !proposal.youMay.reject.ok && (
          <p className="proposal-review__why">{proposal.youMay.accept.reason}</p>
        )}
        <p className="proposal-review__announce" aria-live="polite">
          {message?.tone === 'info' ? message.text : ''}
        </p>
        {message?.tone === 'error' && (
          <p className="proposal-review__announce is-error" role="alert">
            {message.text}
          </p>
        )}
      </header>
      {unshown.length > 0 && (
        <section className="proposal-review__other" aria-label="Other changes">
          <h4 className="compare__subtitle">Other changes</h4>
          <ul className="proposal-review__other-list">
            {unshown.map((item) => (
              <li key={item.key} className="proposal-review__other-item">
                <span>{item.label}</span>
                {actionsFor(item)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <CompareView
        before={base}
        after={proposed}
        beforeLabel={`Story when ${proposal.authorName} started`}
        afterLabel={`${proposal.authorName}'s proposal`}
        sectors={sectors}
        renderActions={renderActions}
      />
    </section>
  );
}
