import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../server/start.ts';
import type { PushResponse } from '../../shared/sync/protocol.ts';
import { makeTempDir } from '../support/tempDir.ts';
import { startTestHub, USING_POSTGRES, type TestHub } from './support/hub.ts';
import { storyIn, transitionMutation, type Signed } from './syncFixtures.ts';

/**
 * Two hub processes' worth of hubs on one PostgreSQL database (DESIGN.md §8):
 * a push to one nudges event streams on the other (LISTEN/NOTIFY), and the
 * same mutation sent to both at once is applied once. PGlite is one process's
 * database, so this runs only with DATABASE_URL (as `.ci/run` does).
 */
describe.skipIf(!USING_POSTGRES)('two hubs on one PostgreSQL database', () => {
  let hub: TestHub;
  let second: RunningHub;
  let editor: Signed;
  let reporter: Signed;
  let temp: ReturnType<typeof makeTempDir>;

  beforeAll(async () => {
    temp = makeTempDir('copydesk-hub-second-');
    hub = await startTestHub();
    second = await startHub({ port: 0, host: '127.0.0.1', dataDir: temp.dir, databaseUrl: hub.databaseUrl!, now: hub.clock.now });
    editor = await hub.signIn('editor');
    reporter = await hub.signIn('reporter');
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await hub?.close();
    temp?.remove();
  });

  it('nudges a stream on the other hub after a push', async () => {
    const abort = new AbortController();
    const response = await fetch(new URL('v1/events', second.url), { headers: { authorization: `Bearer ${editor.token}` }, signal: abort.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended; got ${received}`);
        received += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/event: ready\n/);
    await storyIn(hub, reporter, editor, 'draft');
    await readUntil(/event: changed\ndata: \{"seq":\d+\}\n\n/);
    abort.abort();
  });

  it('applies a mutation sent to both hubs at once exactly once', async () => {
    const { storyId } = await storyIn(hub, reporter, editor, 'draft');
    const body = { workstationId: 'ws-race', mutations: [transitionMutation(storyId, 'submit', 'draft')] };
    const send = (url: string) =>
      fetch(new URL('v1/sync/push', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reporter.token}` },
        body: JSON.stringify(body),
      }).then(async (r) => ((await r.json()) as PushResponse).results[0]!);
    const answers = await Promise.all([send(hub.url), send(second.url)]);
    expect(answers.map((a) => a.status).sort()).toEqual(['applied', 'duplicate']);
    const events = await hub.deps.sql.query('SELECT id FROM workflow_events WHERE story_id = $1', [storyId]);
    expect(events).toHaveLength(1);
  });
});
