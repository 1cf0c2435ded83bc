import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../../main/backend/backend.ts';
import { defaultMigrationsDir, openStore } from '../../../../main/store/db.ts';
import { createProposalsStore } from '../../../../main/store/proposals.ts';
import { createRevisionsStore } from '../../../../main/store/revisions.ts';
import { createStoriesStore } from '../../../../main/store/stories.ts';
import type { Result } from '../../../../shared/api/errors.ts';
import type { RevisionSnapshot } from '../../../../shared/api/methods/revisions.ts';
import { docOf } from '../../../support/documents.ts';
import { makeTempDir } from '../../../support/tempDir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempDir(): string {
  const { dir, remove } = makeTempDir('copydesk-migrate-proposal-sync-');
  cleanups.push(remove);
  return dir;
}

const STORY = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const PROPOSAL = '01JBBBBBBBBBBBBBBBBBBBBBBB';
const AUTHOR = '01JCCCCCCCCCCCCCCCCCCCCCCC';
const at = '2026-03-01T09:00:00.000Z';

const snapshot = (text: string): RevisionSnapshot => ({ headline: 'Port reopens', standfirst: '', dateline: { place: '', date: null }, byline: [], language: 'en', body: docOf(text) }) as RevisionSnapshot;

/** A store as Copydesk left it before proposals synced (schema 120), with a decided proposal in it. */
function storeBeforeProposalSync(): { dataDir: string; merge: string } {
  const dataDir = tempDir();
  const old = join(tempDir(), 'migrations');
  mkdirSync(old);
  for (const file of readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql') && Number(f.slice(0, 4)) < 140)) {
    copyFileSync(join(defaultMigrationsDir(), file), join(old, file));
  }
  const store = openStore({ dataDir, migrationsDir: old });
  expect(store.schemaVersion).toBe(120);
  const { db } = store;
  createStoriesStore(db).create({ id: STORY, headline: 'Port reopens', searchHeadline: 'port reopens', language: 'en', bodyJson: JSON.stringify(docOf('Ships returned.')), now: at });
  const revisions = createRevisionsStore(db);
  const author = { id: AUTHOR, name: 'Peng Qin' };
  const base = revisions.checkpoint({ storyId: STORY, snapshot: snapshot('Ships returned.'), kind: 'save', message: '', author, at, parents: [] }).revision;
  const proposed = revisions.checkpoint({ storyId: STORY, snapshot: snapshot('Ships returned on Monday.'), kind: 'proposal', message: '', author, at, parents: [base.id], moveHead: false }).revision;
  const merge = revisions.checkpoint({ storyId: STORY, snapshot: snapshot('Ships returned on Monday.'), kind: 'merge', message: '', author, at, parents: [base.id, proposed.id] }).revision;
  const proposals = createProposalsStore(db);
  proposals.create({ id: PROPOSAL, storyId: STORY, author: { ...author, role: 'intern' }, baseRevisionId: base.id, draft: snapshot('Ships returned on Monday.'), now: at });
  proposals.send(PROPOSAL, proposed.id, 'On Monday', at);
  proposals.decide({ proposalId: PROPOSAL, key: 'block:b0000000000000001', decision: 'accepted', deciderId: null, deciderName: 'Vivian Yan', decidedAt: at, mergeRevisionId: merge.id });
  proposals.decide({ proposalId: PROPOSAL, key: 'field:headline', decision: 'rejected', deciderId: null, deciderName: 'Vivian Yan', decidedAt: at, mergeRevisionId: null });
  db.close();
  return { dataDir, merge: merge.id };
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('upgrading a store to proposals that sync (0140_proposal_sync)', () => {
  it('keeps every decision with its merge, and then takes an accept decided on another workstation (no merge here)', () => {
    const { dataDir, merge } = storeBeforeProposalSync();
    const backend = createBackend({ dataDir });
    try {
      const got = value<{ decisions: { key: string; decision: string; deciderName: string; mergeRevisionId: string | null }[] }>(
        backend.callSync('proposals.get', { id: PROPOSAL }),
      );
      expect(got.decisions).toEqual([
        expect.objectContaining({ key: 'block:b0000000000000001', decision: 'accepted', deciderName: 'Vivian Yan', mergeRevisionId: merge }),
        expect.objectContaining({ key: 'field:headline', decision: 'rejected', deciderName: 'Vivian Yan', mergeRevisionId: null }),
      ]);
    } finally {
      backend.close();
    }
    const store = openStore({ dataDir });
    try {
      const proposals = createProposalsStore(store.db);
      proposals.decide({ proposalId: PROPOSAL, key: 'field:standfirst', decision: 'accepted', deciderId: null, deciderName: 'Ben', decidedAt: at, mergeRevisionId: null });
      expect(proposals.decision(PROPOSAL, 'field:standfirst')).toMatchObject({ decision: 'accepted', mergeRevisionId: null });
      // A rejected item never has a merge.
      expect(() =>
        proposals.decide({ proposalId: PROPOSAL, key: 'field:byline', decision: 'rejected', deciderId: null, deciderName: 'Ben', decidedAt: at, mergeRevisionId: merge }),
      ).toThrow(/CHECK constraint/);
      expect(store.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      store.db.close();
    }
  });
});
