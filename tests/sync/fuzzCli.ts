import { parseArgs } from 'node:util';
import { emptyTotals, formatTotals, runSeed, startFuzzHub } from './fuzz.ts';

/**
 * `npm run fuzz [-- --seeds N] [-- --seed S] [--commands N] [--shrink]`: the
 * sync fuzz (tests/sync/fuzz.ts) for many seeds against one hub, then the
 * totals. `--seed S` runs that seed alone (a failure prints the seed);
 * `--first S` starts a run of `--seeds` consecutive seeds at S; `--minutes M`
 * stops starting new seeds after M minutes (the totals say how many ran).
 */
const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '2000' },
    seed: { type: 'string' },
    first: { type: 'string', default: '1' },
    commands: { type: 'string', default: '40' },
    shrink: { type: 'boolean', default: false },
    minutes: { type: 'string' },
  },
});

const count = values.seed !== undefined ? 1 : Number(values.seeds);
const first = Number(values.seed ?? values.first);
const maxCommands = Number(values.commands);
const world = await startFuzzHub();
const totals = emptyTotals();
const started = performance.now();
const deadline = values.minutes === undefined ? Infinity : started + Number(values.minutes) * 60_000;
let failed = false;
try {
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    const seed = first + i;
    try {
      await runSeed(world, seed, { commands: { min: Math.floor(maxCommands / 2), max: maxCommands }, shrink: values.shrink }, totals);
    } catch (error) {
      failed = true;
      console.error(error instanceof Error ? error.message : error);
      break;
    }
    if ((i + 1) % 50 === 0) console.log(`… ${i + 1} seeds, ${((performance.now() - started) / 1000).toFixed(0)} s, edits lost ${totals.editsLost}`);
  }
} finally {
  await world.close();
}
console.log(`\nSync fuzz, seeds ${first}–${first + totals.seeds - 1}:\n${formatTotals(totals, (performance.now() - started) / 1000)}`);
process.exit(failed || totals.editsLost > 0 ? 1 : 0);
