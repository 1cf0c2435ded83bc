import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTotals, formatTotals, runSeed, startFuzzHub, type FuzzHub } from './fuzz.ts';

/**
 * The sync fuzz (tests/sync/fuzz.ts) for a fixed list of seeds: 3–5 real
 * workstations on one real hub, random edits, moves, comments, disconnections
 * and killed processes, then convergence and no silent loss. A failure names
 * its seed; `npm run fuzz -- --seed S --shrink` replays and shrinks it.
 * `npm run fuzz` runs thousands.
 */

const SEEDS = Array.from({ length: 30 }, (_, i) => 1 + i * 7);
/** Short scenarios here: the long ones are `npm run fuzz`'s. */
const COMMANDS = { min: 12, max: 36 };

let world: FuzzHub;
const totals = emptyTotals();

beforeAll(async () => {
  world = await startFuzzHub();
}, 30_000);

afterAll(async () => {
  await world?.close();
  console.log(`Sync fuzz, ${SEEDS.length} seeds:\n${formatTotals(totals)}`);
});

describe('sync fuzz', () => {
  it.each(SEEDS)('seed %i: the workstations converge on the hub’s version and no acknowledged edit is lost', async (seed) => {
    await runSeed(world, seed, { commands: COMMANDS }, totals);
    expect(totals.editsLost).toBe(0);
  }, 30_000);

  it('the seeds exercised what the fuzz is for', () => {
    expect(totals.seeds).toBe(SEEDS.length);
    expect(totals.editsAcknowledged).toBeGreaterThan(SEEDS.length * 2);
    expect(totals.kills).toBeGreaterThan(0);
    expect(totals.disconnects).toBeGreaterThan(0);
    expect(totals.mergesOnHub).toBeGreaterThan(0);
    expect(totals.transitionsApplied).toBeGreaterThan(0);
    expect(totals.hubRefusalsChecked).toBeGreaterThan(0);
  });
});
