import { useId, useRef, useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../../shared/api/contract.ts';
import type { TransitionAction } from '../../../shared/api/methods/workflow.ts';
import { STATUS_LABELS, type StoryStatus } from '../../../shared/model/story.ts';
import { ACTION_LABELS, TRANSITION_ACTIONS, type Action } from '../../../shared/workflow/actions.ts';
import { transition } from '../../../shared/workflow/states.ts';
import { ROLE_LABELS } from '../../../shared/workflow/roles.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage, isErrorCode } from '../../api/errors.ts';
import { PolicyButton } from '../../session/PolicyButton.tsx';
import { useSession } from '../../session/SessionContext.tsx';
import type { Decisions } from '../../session/usePermissions.ts';
import '../../styles/workflow.css';
import { useModalDialog } from '../../components/useModalDialog.ts';

type WorkflowState = MethodOutput<'workflow.timeline'>['state'];

/** The moves of the desk, in the order the bar shows them. */
const MOVES: readonly TransitionAction[] = TRANSITION_ACTIONS;


/** How each move's button reads; moves that need more than a note end with "…". */
const BUTTON_LABELS: Partial<Record<Action, string>> = { unpublish: 'Unpublish…', schedule: 'Schedule…' };

/** What the confirm dialog says about each move. */
const MOVE_HINTS: Partial<Record<Action, string>> = {
  submit: 'The story goes on to be reviewed; you can withdraw it until someone starts on it.',
  withdraw: 'The story comes back to you as a draft.',
  claim: 'You take the story for review.',
  request_changes: 'The story goes back to its writer. Say what needs changing.',
  approve: 'The story is ready to schedule or publish.',
  schedule: 'The story will be published at the time you choose.',
  publish: 'The story goes out now.',
  unpublish: 'The story comes down to be corrected. The correction note is printed with the story.',
  spike: 'The story is dropped. An editor can unspike it later.',
  unspike: 'The story comes back as a draft.',
};

/** Is this move on offer from `status` (for anyone: the intern route or the desk route)? */
function leadsOn(status: StoryStatus, action: Action): boolean {
  return transition(status, action) !== null || transition(status, action, { intern: true }) !== null;
}

/**
 * Which moves to show and how: the allowed ones that lead on from the story's
 * state; of the refused ones only Publish (the move people most often ask
 * about), disabled with the policy's reason. The rest stay out of the way.
 */
export function visibleMoves(status: StoryStatus, permissions: Decisions | null): { action: TransitionAction; refused: string | null }[] {
  if (!permissions) return [];
  const shown: { action: TransitionAction; refused: string | null }[] = [];
  for (const action of MOVES) {
    const decision = permissions[action];
    if (decision.ok) {
      if (leadsOn(status, action)) shown.push({ action, refused: null });
    } else if (action === 'publish' && status !== 'spiked') {
      shown.push({ action, refused: decision.reason });
    }
  }
  return shown;
}

export interface WorkflowBarProps {
  storyId: string;
  status: StoryStatus;
  /** The policy's answers for this story (null until known). */
  permissions: Decisions | null;
  /** Saves what is in the editor first, so the move checkpoints the latest text; resolves false when that failed. */
  beforeMove: () => Promise<boolean>;
  /** The story moved (or was found to have moved): its new state. */
  onMoved: (state: WorkflowState) => void;
}

type Pending = { kind: 'move'; action: TransitionAction } | { kind: 'assign' };

/**
 * The desk's moves for this story, beside its status: the buttons the
 * current person may use, and refused ones disabled with the policy's reason.
 * Each move asks for confirmation with an optional note for the timeline.
 */
export function WorkflowBar({ storyId, status, permissions, beforeMove, onMoved }: WorkflowBarProps) {
  const [pending, setPending] = useState<Pending | null>(null);
  const moves = visibleMoves(status, permissions);
  return (
    <div className="workflow-bar" role="group" aria-label="Workflow">
      <span className={`status-pill status-pill--${status}`} role="status" aria-label={`Status: ${STATUS_LABELS[status]}`}>
        {STATUS_LABELS[status]}
      </span>
      {moves.map(({ action, refused }) => (
        <PolicyButton
          key={action}
          className={`button button--small${action === 'publish' || action === 'approve' || action === 'submit' ? ' button--primary' : ''}`}
          decision={refused ? { ok: false, reason: refused } : { ok: true }}
          onClick={() => setPending({ kind: 'move', action })}
        >
          {BUTTON_LABELS[action] ?? ACTION_LABELS[action]}
        </PolicyButton>
      ))}
      {permissions?.assign.ok && (
        <button type="button" className="button button--small button--quiet" onClick={() => setPending({ kind: 'assign' })}>
          Assign…
        </button>
      )}
      {pending && (
        <MoveDialog
          storyId={storyId}
          status={status}
          pending={pending}
          beforeMove={beforeMove}
          onStale={onMoved}
          onDone={(state) => {
            setPending(null);
            if (state) onMoved(state);
          }}
        />
      )}
    </div>
  );
}

/** Local "YYYY-MM-DDTHH:mm" an hour from now, for the schedule picker. */
function inAnHour(): string {
  const d = new Date(Date.now() + 60 * 60_000);
  d.setSeconds(0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function MoveDialog({
  storyId,
  status,
  pending,
  beforeMove,
  onStale,
  onDone,
}: {
  storyId: string;
  status: StoryStatus;
  pending: Pending;
  beforeMove: () => Promise<boolean>;
  /** The story had moved on before this move: show where it stands now (the dialog stays, with the reason). */
  onStale: (state: WorkflowState) => void;
  onDone: (state: WorkflowState | null) => void;
}) {
  const api = useApi();
  const { profiles } = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), note: useId(), when: useId(), who: useId(), hint: useId(), error: useId() };
  const [note, setNote] = useState('');
  const [when, setWhen] = useState(inAnHour);
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const action = pending.kind === 'move' ? pending.action : null;
  const correction = action === 'unpublish';
  const title = action ? ACTION_LABELS[action] : 'Assign';

  useModalDialog(ref);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (correction && note.trim() === '') {
      setError('A correction note is required: say what was corrected. Readers see it with the story.');
      return;
    }
    if (pending.kind === 'assign' && assignee === '') {
      setError('Choose who the story is assigned to.');
      return;
    }
    let publishAt: string | undefined;
    if (action === 'schedule') {
      const time = new Date(when);
      if (Number.isNaN(time.getTime())) {
        setError('Choose a date and time to publish.');
        return;
      }
      publishAt = time.toISOString();
    }
    setBusy(true);
    setError(null);
    try {
      if (!(await beforeMove())) {
        setError('Your latest changes could not be saved, so the story was not moved. Try again.');
        return;
      }
      if (pending.kind === 'assign') {
        const reply = await api.invoke('workflow.assign', { storyId, assigneeId: assignee === 'nobody' ? null : assignee, note });
        onDone(reply.state);
      } else {
        const reply = await api.invoke('workflow.transition', {
          storyId,
          action: pending.action,
          note,
          expectedStatus: status,
          ...(publishAt ? { publishAt } : {}),
        });
        onDone(reply.state);
      }
    } catch (failure) {
      setError(errorMessage(failure));
      if (isErrorCode(failure, 'CONFLICT')) {
        api
          .invoke('workflow.timeline', { storyId })
          .then((reply) => onStale(reply.state))
          .catch(() => undefined);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog workflow-dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.hint}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onDone(null);
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={ids.title} className="dialog__title">
          {title}
        </h2>
        <p id={ids.hint} className="dialog__message">
          {action ? MOVE_HINTS[action] : 'Give the story to someone to write or review.'}
        </p>
        {action === 'schedule' && (
          <div className="field">
            <label className="field__label" htmlFor={ids.when}>
              Publish at
            </label>
            <input id={ids.when} className="text-input" type="datetime-local" value={when} required onChange={(e) => setWhen(e.target.value)} />
          </div>
        )}
        {pending.kind === 'assign' && (
          <div className="field">
            <label className="field__label" htmlFor={ids.who}>
              Assign to
            </label>
            <select id={ids.who} className="select" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">Choose a person…</option>
              <option value="nobody">Nobody (unassign)</option>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({ROLE_LABELS[p.role]})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label className="field__label" htmlFor={ids.note}>
            {correction ? 'Correction note' : 'Note for the timeline'}
          </label>
          <textarea
            id={ids.note}
            className="text-input workflow-dialog__note"
            rows={3}
            maxLength={2000}
            value={note}
            required={correction}
            aria-invalid={correction && error !== null && note.trim() === '' ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
            placeholder={correction ? 'An earlier version of this story…' : 'Optional'}
            autoFocus
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {error && (
          <p id={ids.error} className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" disabled={busy} onClick={() => onDone(null)}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" aria-busy={busy}>
            {action === 'unpublish' ? 'Unpublish' : title}
          </button>
        </div>
      </form>
    </dialog>
  );
}
