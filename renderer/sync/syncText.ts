import type { ConflictItem, OutboxItem, SyncStatus } from '../../shared/api/methods/sync.ts';
import { formatClock, formatRelative } from '../lib/time.ts';

/**
 * The sync state in words, as the sidebar shows it: one short line a person
 * takes in at a glance ("Offline — 3 pending"), a longer detail for hover and
 * focus ("Next attempt in 25 s"), and which single action fits the state.
 * Pure, so the wording (plurals, which count wins) is tested without a page.
 */

/** How the line looks: a coloured dot and, for problems, the text colour. */
export type SyncTone = 'idle' | 'busy' | 'ok' | 'pending' | 'offline' | 'problem';

/** The one button next to the line: connect for the first time, sign in again, or retry now. */
export type SyncAction = 'connect' | 'sign_in' | 'try_again' | null;

export interface SyncSummary {
  /** The state part of the line; empty when the conflict count says it all ("2 conflicts"). */
  text: string;
  /** "2 conflicts" (a link to the Conflicts view), or null when there are none. */
  conflicts: string | null;
  tone: SyncTone;
  /** Shown on hover and focus: when the next attempt is, when the last sync was. */
  detail: string | null;
  /** A problem the person should read without hovering (the hub refused something, the session ended). */
  problem: string | null;
  action: SyncAction;
}

function count(n: number): string {
  return n.toLocaleString('en');
}

/** "1 pending", "1,204 pending": changes waiting in the outbox. */
export function formatPending(n: number): string {
  return `${count(n)} pending`;
}

/** "1 conflict", "3 conflicts": stories waiting for a person to choose between versions. */
export function formatConflicts(n: number): string {
  return `${count(n)} ${n === 1 ? 'conflict' : 'conflicts'}`;
}

/** "1 change waits", "3 changes wait": the subject of a sentence about the outbox. */
export function formatChangesWaiting(n: number): string {
  return n === 1 ? '1 change waits' : `${count(n)} changes wait`;
}

/** "1 change waits on this workstation and uploads after you sign in." */
export function formatWaitingUntilSignIn(n: number): string {
  return `${formatChangesWaiting(n)} on this workstation and ${n === 1 ? 'uploads' : 'upload'} after you sign in.`;
}

/**
 * When the outbox tries again: a countdown while it is close ("in 25 s",
 * "in 4 min"), a clock time when it is far ("at 14:32"), "now" once due.
 */
export function formatNextAttempt(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const wait = at - now;
  if (wait <= 500) return 'Trying again now';
  if (wait < 60_000) return `Next attempt in ${Math.ceil(wait / 1000)} s`;
  if (wait < 60 * 60_000) return `Next attempt in ${Math.round(wait / 60_000)} min`;
  return `Next attempt at ${formatClock(new Date(at))}`;
}

/** "Last synced just now", "Last synced 5 min ago"; null before the first sync. */
export function formatLastSynced(iso: string | null, now: number = Date.now()): string | null {
  if (!iso) return null;
  const relative = formatRelative(iso, now);
  return relative ? `Last synced ${relative}` : null;
}

/** The host a person recognises ("hub.example-news.org"), or the address as typed when it does not parse. */
export function hubHost(hubUrl: string): string {
  try {
    return new URL(hubUrl).host;
  } catch {
    return hubUrl;
  }
}

function joinDetail(...parts: Array<string | null>): string | null {
  const kept = parts.filter((part): part is string => Boolean(part));
  return kept.length > 0 ? kept.join(' · ') : null;
}

export function describeSync(status: SyncStatus, now: number = Date.now()): SyncSummary {
  const conflicts = status.conflicts > 0 ? formatConflicts(status.conflicts) : null;
  const pending = status.pending > 0 ? formatPending(status.pending) : null;
  const lastSynced = formatLastSynced(status.lastSyncedAt, now);
  switch (status.state) {
    case 'signed_out':
      // Never connected (or signed out on purpose with nothing left to upload) is a calm "Not connected";
      // a session the hub ended, or changes left waiting, ask the person to sign in again.
      if (status.message === null && status.pending === 0) {
        return {
          text: 'Not connected',
          conflicts,
          tone: 'idle',
          detail: status.hubUrl ? `Stories stay on this workstation until you connect to ${hubHost(status.hubUrl)}.` : 'Stories stay on this workstation.',
          problem: null,
          action: 'connect',
        };
      }
      return {
        text: 'Signed out — sign in again',
        conflicts,
        tone: 'problem',
        detail: status.pending > 0 ? formatWaitingUntilSignIn(status.pending) : null,
        problem: status.message,
        action: 'sign_in',
      };
    case 'offline':
      return {
        text: pending ? `Offline — ${pending}` : 'Offline',
        conflicts,
        tone: 'offline',
        detail: joinDetail(status.nextAttemptAt ? formatNextAttempt(status.nextAttemptAt, now) : null, lastSynced),
        problem: null,
        action: 'try_again',
      };
    case 'syncing':
      return { text: 'Syncing…', conflicts, tone: 'busy', detail: joinDetail(pending, lastSynced), problem: null, action: null };
    case 'error':
      return {
        text: pending ? `Not synced — ${pending}` : 'Not synced',
        conflicts,
        tone: 'problem',
        detail: joinDetail(status.nextAttemptAt ? formatNextAttempt(status.nextAttemptAt, now) : null, lastSynced),
        problem: status.message,
        action: 'try_again',
      };
    case 'up_to_date': {
      // "Up to date" would hide work a person still has to do: waiting changes and conflicts take its place.
      if (pending || conflicts) {
        return { text: pending ?? '', conflicts, tone: conflicts ? 'problem' : 'pending', detail: lastSynced, problem: null, action: null };
      }
      return { text: 'Up to date', conflicts: null, tone: 'ok', detail: lastSynced, problem: null, action: null };
    }
  }
}

/** "Tried 3 times", or null before the first attempt. */
export function formatAttempts(attempts: number): string | null {
  if (attempts <= 0) return null;
  return attempts === 1 ? 'Tried once' : `Tried ${count(attempts)} times`;
}

/** One outbox item's second line: "5 min ago · Tried 3 times". */
export function describeOutboxItem(item: OutboxItem, now: number = Date.now()): string {
  return joinDetail(formatRelative(item.createdAt, now) || null, formatAttempts(item.attempts)) ?? '';
}

/** "1 conflict block", "2 conflict blocks". */
export function formatConflictBlocks(n: number): string {
  return `${count(n)} conflict ${n === 1 ? 'block' : 'blocks'}`;
}

/** Header fields a merge may leave for a person (shared/review/merge.ts), as a person reads them. */
const FIELD_LABELS: Record<string, string> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  dateline: 'Dateline',
  byline: 'Byline',
  language: 'Language',
};

export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  // Unknown (newer) fields: "scheduledAt" → "Scheduled at", never a raw key.
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "2 conflict blocks · Headline and Byline differ"; what is left to decide in one story. */
export function describeConflict(item: ConflictItem): string {
  const parts: string[] = [];
  if (item.blocks > 0) parts.push(formatConflictBlocks(item.blocks));
  if (item.fields.length > 0) {
    const labels = item.fields.map(fieldLabel);
    const list = labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]!}`;
    parts.push(`${list} ${labels.length === 1 ? 'differs' : 'differ'}`);
  }
  return parts.length > 0 ? parts.join(' · ') : 'Versions to compare';
}
