/**
 * The process the crash test kills. Opens a backend on a data dir and
 * autosaves one story as fast as it can, each save carrying a new counter,
 * and writes `ack <n>` to stdout only after the save of counter n returned ok.
 *
 *   node --import tsx tests/support/autosave-child.ts <dataDir> <storyId> <firstCounter>
 *
 * On start it prints `ready <counter found in the stored story, or -1> <revision>`,
 * which tells the parent what this reopen recovered from the last crash.
 */
import { writeSync } from 'node:fs';
import { createBackend } from '../../main/backend/backend.ts';
import type { Story } from '../../shared/api/contract.ts';
import { autosaveBody, readCounter } from './autosave-body.ts';

const [dataDir, id, first] = process.argv.slice(2);
if (!dataDir || !id || !first) {
  process.stderr.write('usage: autosave-child.ts <dataDir> <storyId> <firstCounter>\n');
  process.exit(2);
}

// writeSync: the line is in the pipe before the next save starts, whatever Node buffers.
const say = (line: string) => writeSync(1, `${line}\n`);

const backend = createBackend({ dataDir });
const opened = backend.callSync('stories.get', { id });
if (!opened.ok) {
  process.stderr.write(`could not open the story: ${JSON.stringify(opened.error)}\n`);
  process.exit(1);
}
const story = opened.value as Story;
let revision = story.revision;
say(`ready ${readCounter(story.body) ?? -1} ${revision}`);

for (let n = Number(first); ; n++) {
  const result = backend.callSync('stories.save', {
    id,
    headline: `Autosave ${n}`,
    standfirst: '',
    body: autosaveBody(n),
    baseRevision: revision,
  });
  if (!result.ok) {
    process.stderr.write(`save ${n} failed: ${JSON.stringify(result.error)}\n`);
    process.exit(1);
  }
  revision = (result.value as { revision: number }).revision;
  say(`ack ${n}`);
}
