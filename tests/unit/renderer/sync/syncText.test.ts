import { describe, expect, it } from 'vitest';
import type { ConflictItem, OutboxItem, SyncStatus } from '../../../../shared/api/methods/sync.ts';
import {
  describeConflict,
  describeOutboxItem,
  describeSync,
  fieldLabel,
  formatAttempts,
  formatConflicts,
  formatNextAttempt,
  formatPending,
  hubHost,
} from '../../../../renderer/sync/syncText.ts';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

function status(overrides: Partial<SyncStatus>): SyncStatus {
  return {
    state: 'up_to_date',
    hubUrl: 'https://hub.example-news.org',
    account: { id: '01J0000000000000000000000A', username: 'vyan', name: 'Vivian Yan', role: 'reporter', supervisorId: null },
    pending: 0,
    conflicts: 0,
    lastSyncedAt: at(-5 * 60_000),
    nextAttemptAt: null,
    message: null,
    refused: 0,
    ...overrides,
  };
}

describe('describeSync: the sync line in the sidebar', () => {
  it('before the first connection: "Not connected" and the Connect to newsroom action', () => {
    const summary = describeSync(status({ state: 'signed_out', hubUrl: null, account: null, lastSyncedAt: null }), NOW);
    expect(summary).toMatchObject({ text: 'Not connected', action: 'connect', conflicts: null, problem: null, tone: 'idle' });
  });

  it('signed out on purpose with nothing waiting is calm too, and names the hub to connect to', () => {
    const summary = describeSync(status({ state: 'signed_out', account: null }), NOW);
    expect(summary.text).toBe('Not connected');
    expect(summary.detail).toBe('Stories stay on this workstation until you connect to hub.example-news.org.');
  });

  it('a session the hub ended asks to sign in again and shows why', () => {
    const summary = describeSync(status({ state: 'signed_out', message: 'Your session on the hub has ended.' }), NOW);
    expect(summary).toMatchObject({ text: 'Signed out — sign in again', action: 'sign_in', problem: 'Your session on the hub has ended.', tone: 'problem' });
  });

  it('signed out with changes waiting says they upload after signing in', () => {
    const one = describeSync(status({ state: 'signed_out', pending: 1 }), NOW);
    expect(one.text).toBe('Signed out — sign in again');
    expect(one.detail).toBe('1 change waits on this workstation and uploads after you sign in.');
    expect(describeSync(status({ state: 'signed_out', pending: 3 }), NOW).detail).toBe('3 changes wait on this workstation and upload after you sign in.');
  });

  it.each([
    [0, 'Offline'],
    [1, 'Offline — 1 pending'],
    [3, 'Offline — 3 pending'],
    [1204, 'Offline — 1,204 pending'],
  ])('offline with %d waiting → "%s", with Try again', (pending, text) => {
    const summary = describeSync(status({ state: 'offline', pending, nextAttemptAt: at(25_000) }), NOW);
    expect(summary.text).toBe(text);
    expect(summary.action).toBe('try_again');
    expect(summary.detail).toBe('Next attempt in 25 s · Last synced 5 min ago');
  });

  it('offline with conflicts keeps the offline line and adds the conflict count', () => {
    const summary = describeSync(status({ state: 'offline', pending: 2, conflicts: 1 }), NOW);
    expect(summary.text).toBe('Offline — 2 pending');
    expect(summary.conflicts).toBe('1 conflict');
  });

  it('syncing shows "Syncing…" and no action', () => {
    expect(describeSync(status({ state: 'syncing', pending: 4 }), NOW)).toMatchObject({ text: 'Syncing…', action: null, tone: 'busy', detail: '4 pending · Last synced 5 min ago' });
  });

  it('up to date with nothing waiting: "Up to date", last sync on hover', () => {
    expect(describeSync(status({}), NOW)).toMatchObject({ text: 'Up to date', conflicts: null, tone: 'ok', detail: 'Last synced 5 min ago' });
  });

  it('waiting changes and conflicts take the place of "Up to date"', () => {
    expect(describeSync(status({ pending: 2 }), NOW)).toMatchObject({ text: '2 pending', conflicts: null, tone: 'pending' });
    expect(describeSync(status({ conflicts: 2 }), NOW)).toMatchObject({ text: '', conflicts: '2 conflicts', tone: 'problem' });
    expect(describeSync(status({ pending: 1, conflicts: 1 }), NOW)).toMatchObject({ text: '1 pending', conflicts: '1 conflict' });
  });

  it('a refusal the person should read is shown with the pending count and Try again', () => {
    const summary = describeSync(status({ state: 'error', pending: 2, message: 'The hub refused the change: interns cannot publish.' }), NOW);
    expect(summary).toMatchObject({ text: 'Not synced — 2 pending', action: 'try_again', problem: 'The hub refused the change: interns cannot publish.' });
  });
});

describe('counts and times', () => {
  it.each([
    [1, '1 pending', '1 conflict'],
    [2, '2 pending', '2 conflicts'],
    [12_345, '12,345 pending', '12,345 conflicts'],
  ])('%d → "%s", "%s"', (n, pending, conflicts) => {
    expect(formatPending(n)).toBe(pending);
    expect(formatConflicts(n)).toBe(conflicts);
  });

  it.each([
    [0, 'Trying again now'],
    [-5_000, 'Trying again now'],
    [1_200, 'Next attempt in 2 s'],
    [59_000, 'Next attempt in 59 s'],
    [4 * 60_000, 'Next attempt in 4 min'],
  ])('next attempt %d ms away → "%s"', (offset, text) => {
    expect(formatNextAttempt(at(offset), NOW)).toBe(text);
  });

  it('a next attempt more than an hour away is a clock time', () => {
    expect(formatNextAttempt(at(2 * 60 * 60_000), NOW)).toMatch(/^Next attempt at \d{2}:\d{2}$/);
  });

  it.each([
    [0, null],
    [1, 'Tried once'],
    [3, 'Tried 3 times'],
  ])('%d attempts → %s', (attempts, text) => {
    expect(formatAttempts(attempts)).toBe(text);
  });

  it('the hub is named by its host', () => {
    expect(hubHost('https://hub.example-news.org/')).toBe('hub.example-news.org');
    expect(hubHost('http://127.0.0.1:4880')).toBe('127.0.0.1:4880');
    expect(hubHost('not a url')).toBe('not a url');
  });
});

describe('sync preview and conflict queue rows', () => {
  it('an outbox item says when it was queued and how often it was tried', () => {
    const item: OutboxItem = {
      id: '01J0000000000000000000000B',
      type: 'article.revision',
      storyId: '01J0000000000000000000000C',
      headline: 'Flood defences held',
      description: 'Text of the story (checkpoint of 10:42)',
      createdAt: at(-3 * 60_000),
      attempts: 2,
      lastError: 'The hub could not be reached.',
    };
    expect(describeOutboxItem(item, NOW)).toBe('3 min ago · Tried 2 times');
    expect(describeOutboxItem({ ...item, attempts: 0 }, NOW)).toBe('3 min ago');
  });

  const conflict = (blocks: number, fields: string[]): ConflictItem => ({
    storyId: '01J0000000000000000000000C',
    headline: 'Flood defences held',
    blocks,
    fields,
    since: at(-60_000),
  });

  it.each([
    [1, [], '1 conflict block'],
    [3, [], '3 conflict blocks'],
    [0, ['headline'], 'Headline differs'],
    [2, ['headline', 'byline'], '2 conflict blocks · Headline and Byline differ'],
    [0, ['headline', 'standfirst', 'dateline'], 'Headline, Standfirst and Dateline differ'],
  ])('%d blocks, fields %j → "%s"', (blocks, fields, text) => {
    expect(describeConflict(conflict(blocks, fields))).toBe(text);
  });

  it('field names the merge does not know yet still read as words, labels stay as they are', () => {
    expect(fieldLabel('scheduledAt')).toBe('Scheduled at');
    expect(fieldLabel('contributor_note')).toBe('Contributor note');
    expect(fieldLabel('Headline')).toBe('Headline');
  });
});
