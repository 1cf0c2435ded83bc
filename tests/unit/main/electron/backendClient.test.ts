import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackendClient, type WorkerLike } from '../../../../main/electron/backendClient.ts';
import type { FromWorker, ToWorker } from '../../../../main/electron/workerProtocol.ts';

/** A stand-in worker: records what it is sent; the test decides what it answers. */
class FakeWorker extends EventEmitter implements WorkerLike {
  readonly sent: ToWorker[] = [];
  terminated = false;
  postMessage(message: ToWorker): void {
    this.sent.push(message);
  }
  reply(message: FromWorker): void {
    this.emit('message', message);
  }
  crash(code = 1): void {
    this.emit('exit', code);
  }
  terminate(): Promise<number> {
    this.terminated = true;
    queueMicrotask(() => this.emit('exit', 1));
    return Promise.resolve(1);
  }
  lastCall(): { id: number; name: string; input: unknown } {
    const calls = this.sent.filter((m): m is { id: number; name: string; input: unknown } => 'id' in m);
    return calls.at(-1)!;
  }
}

function setup(overrides: Partial<Parameters<typeof createBackendClient>[0]> = {}) {
  const workers: FakeWorker[] = [];
  const events: [string, unknown][] = [];
  const onGiveUp = vi.fn();
  const client = createBackendClient({
    spawn: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    onEvent: (event, payload) => events.push([event, payload]),
    onGiveUp,
    ...overrides,
  });
  return { client, workers, events, onGiveUp, current: () => workers.at(-1)! };
}

async function started(overrides: Partial<Parameters<typeof createBackendClient>[0]> = {}) {
  const ctx = setup(overrides);
  const start = ctx.client.start();
  ctx.current().reply({ ready: true });
  expect(await start).toEqual({ ok: true, value: null });
  return ctx;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('backend client', () => {
  it('matches replies to calls by id, whatever the order', async () => {
    const { client, current } = await started();
    const first = client.call('stories.get', { id: 'a' });
    const firstId = current().lastCall().id;
    const second = client.call('stories.get', { id: 'b' });
    const secondId = current().lastCall().id;
    expect(firstId).not.toBe(secondId);
    current().reply({ id: secondId, result: { ok: true, value: 'B' } });
    current().reply({ id: firstId, result: { ok: true, value: 'A' } });
    expect(await first).toEqual({ ok: true, value: 'A' });
    expect(await second).toEqual({ ok: true, value: 'B' });
    expect(client.pending).toBe(0);
  });

  it('forwards backend events', async () => {
    const { current, events } = await started();
    current().reply({ event: 'library.changed', payload: {} });
    expect(events).toEqual([['library.changed', {}]]);
  });

  it('answers a call that never returns with an error after the timeout', async () => {
    vi.useFakeTimers();
    const { client, current } = await started({ callTimeoutMs: 1000 });
    const call = client.call('stories.list', {});
    vi.advanceTimersByTime(1001);
    const result = await call;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/did not answer within 1 s/);
    // A late reply is dropped, not delivered to someone else.
    current().reply({ id: current().lastCall().id, result: { ok: true, value: 'late' } });
    expect(client.pending).toBe(0);
  });

  it('reports a store that refuses to open, without restarting it', async () => {
    const { client, current, workers } = setup();
    const start = client.start();
    current().reply({ fatal: { code: 'STORAGE', message: 'written by a newer version of Copydesk' } });
    current().crash(0);
    expect(await start).toEqual({ ok: false, error: { code: 'STORAGE', message: 'written by a newer version of Copydesk' } });
    expect(workers).toHaveLength(1);
    expect((await client.call('app.info', {})).ok).toBe(false);
  });

  it('fails calls in flight when the worker crashes, then restarts it', async () => {
    const { client, workers, current } = await started();
    const call = client.call('stories.save', { id: 'x' });
    current().crash(134);
    const result = await call;
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(!result.ok && result.error.message).toMatch(/your text is still in the editor/);
    expect(workers).toHaveLength(2);
    current().reply({ ready: true });
    const again = client.call('app.info', {});
    current().reply({ id: current().lastCall().id, result: { ok: true, value: 'info' } });
    expect(await again).toEqual({ ok: true, value: 'info' });
  });

  it('gives up after repeated crashes', async () => {
    const { current, onGiveUp, workers } = await started({ maxRestarts: 2 });
    for (let i = 0; i < 3; i++) {
      current().crash(1);
      if (i < 2) current().reply({ ready: true });
    }
    expect(workers).toHaveLength(3);
    expect(onGiveUp).toHaveBeenCalledWith(expect.objectContaining({ code: 'STORAGE' }));
  });

  it('closes only after calls queued before it are answered', async () => {
    const { client, current } = await started();
    const save = client.call('stories.save', { id: 'x' });
    const saveId = current().lastCall().id;
    const closing = client.close();
    expect(current().sent.at(-1)).toEqual({ close: true });
    // New work is refused once closing has begun…
    expect((await client.call('stories.create', {})).ok).toBe(false);
    // …but the queued save is still answered, in order, before `closed`.
    current().reply({ id: saveId, result: { ok: true, value: 'saved' } });
    current().reply({ closed: true });
    await closing;
    expect(await save).toEqual({ ok: true, value: 'saved' });
    expect(current().terminated).toBe(true);
  });

  it('stops a worker that does not close in time', async () => {
    vi.useFakeTimers();
    const { client, current } = await started({ closeTimeoutMs: 500 });
    const closing = client.close();
    await vi.advanceTimersByTimeAsync(501);
    await closing;
    expect(current().terminated).toBe(true);
  });
});
