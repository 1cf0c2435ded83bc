import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createBackend } from '../../../../main/backend/backend.ts';
import { createTestProfile } from '../../../support/backend.ts';
import { openStore } from '../../../../main/store/db.ts';
import type { SerializedDocument } from '../../../../shared/model/document.ts';
import { autosaveBody, readCounter } from '../../../support/autosave-body.ts';
import { makeTempDir } from '../../../support/tempDir.ts';

/**
 * THE CRASH TEST. A child process autosaves one story in a tight loop and
 * acknowledges each save on stdout; we SIGKILL it at a random moment, then
 * check that the store kept every acknowledged save, is not corrupt, and that
 * its full-text index still matches the stories. One data dir is reused for
 * every round, so each reopen has to recover the WAL the last kill left.
 *
 * SIGKILL loses the process, not the machine: the OS still flushes what
 * SQLite wrote. Power loss (what synchronous=FULL is for) is not simulated.
 */

const ROUNDS = 24;
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('../../../support/autosave-child.ts', import.meta.url));

const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Date.now() % 0x1_0000_0000;
console.log(`crash test seed: ${seed} (rerun with CRASH_SEED=${seed})`);

/** mulberry32: small, seeded, good enough to pick kill moments. */
function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

const temp = makeTempDir('copydesk-crash-');
afterAll(() => temp.remove());

interface Round {
  ready: { counter: number; revision: number } | null;
  acks: number[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Runs the child until `killAfterMs` past its `ready` line, then SIGKILLs it. */
function runChild(id: string, first: number, killAfterMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, temp.dir, id, String(first)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const round: Round = { ready: null, acks: [], signal: null, code: null, stderr: '' };
    let pending = '';
    const startupLimit = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (round.stderr += chunk));
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!; // a line cut off by the kill is not an acknowledgement
      for (const line of lines) {
        const ack = /^ack (\d+)$/.exec(line);
        if (ack) {
          round.acks.push(Number(ack[1]));
          continue;
        }
        const ready = /^ready (-?\d+) (\d+)$/.exec(line);
        if (ready) {
          round.ready = { counter: Number(ready[1]), revision: Number(ready[2]) };
          clearTimeout(startupLimit);
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(startupLimit);
      round.code = code;
      round.signal = signal;
      resolve(round);
    });
  });
}

/** Opens the store the way the app does (recovering the WAL) and checks it. */
function verifyStore(id: string): { counter: number; revision: number } {
  const { db } = openStore({ dataDir: temp.dir });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => db.exec(`INSERT INTO stories_fts(stories_fts) VALUES('integrity-check')`)).not.toThrow();
    const row = db.prepare<[string], { seq: number; body_json: string; headline: string; revision: number }>(
      'SELECT seq, body_json, headline, revision FROM stories WHERE id = ?',
    ).get(id)!;
    const counter = readCounter(JSON.parse(row.body_json) as SerializedDocument)!;
    // The whole row is from one save: headline and body agree.
    expect(row.headline).toBe(`Autosave ${counter}`);
    // The index holds this save's words and not the previous save's.
    const find = db.prepare<[string], { rowid: number }>('SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?');
    expect(find.all(`"counter${counter}"`)).toEqual([{ rowid: row.seq }]);
    expect(find.all(`"counter${counter - 1}"`)).toEqual([]);
    return { counter, revision: row.revision };
  } finally {
    db.close();
  }
}

it(
  `keeps every acknowledged autosave through ${ROUNDS} SIGKILLs, with an intact database and index`,
  async () => {
    const random = prng(seed);
    const setup = createBackend({ dataDir: temp.dir });
    createTestProfile(setup);
    const created = setup.callSync('stories.create', { headline: 'Crash test' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    const saved = setup.callSync('stories.save', { id, headline: 'Autosave 0', standfirst: '', body: autosaveBody(0) });
    expect(saved.ok).toBe(true);
    setup.close();

    // What the store may hold: at least `low` (the last acknowledged counter) and
    // at most `high` (the save that was in flight when the child died).
    let low = 0;
    let high = 0;
    let revision = 2;
    let totalAcks = 0;
    let roundsWithAcks = 0;
    const checkRecovered = (found: { counter: number; revision: number }, where: string, round: number) => {
      const context = `round ${round}, ${where}, seed ${seed}`;
      expect([low, high], `${context}: found counter ${found.counter}`).toContain(found.counter);
      expect(found.revision, context).toBeGreaterThanOrEqual(revision);
      low = high = found.counter;
      revision = found.revision;
    };

    for (let round = 1; round <= ROUNDS; round++) {
      const first = high + 1;
      const killAfterMs = 20 + Math.floor(random() * 281);
      // About half the rounds are checked here; in the rest the next child alone
      // recovers the crashed WAL and reports what it found.
      const parentChecks = random() < 0.5 || round === ROUNDS;

      const result = await runChild(id, first, killAfterMs);
      expect(result.stderr, `round ${round}`).toBe('');
      expect(result.signal, `round ${round}: the child must die by our SIGKILL, not exit (code ${result.code})`).toBe('SIGKILL');
      expect(result.ready, `round ${round}: child never became ready`).not.toBeNull();
      checkRecovered(result.ready!, 'reopened by the child', round);

      // Acks are consecutive from `first`.
      expect(result.acks).toEqual(result.acks.map((_, i) => first + i));
      if (result.acks.length > 0) {
        low = result.acks.at(-1)!;
        high = low + 1;
        roundsWithAcks++;
        totalAcks += result.acks.length;
      } else {
        high = first;
      }

      if (parentChecks) checkRecovered(verifyStore(id), 'reopened by the test', round);
    }

    console.log(`crash test: ${ROUNDS} kills, ${totalAcks} acknowledged saves, ${roundsWithAcks} rounds with saves`);
    expect(roundsWithAcks).toBeGreaterThanOrEqual(ROUNDS / 2);
  },
  120_000,
);
