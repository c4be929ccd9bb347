import { describe, expect, it } from 'vitest';
import { captureJsonLines } from '../../test/helpers/json-lines.js';
import { createPodLogger } from '../shared/logger.js';
import { createEventHub } from './event-hub.js';
import type { PodEvent } from './pod-events.js';

function capturedLogger() {
  const { stdout, lines } = captureJsonLines();
  return { logger: createPodLogger({ level: 'debug', stdout }), lines: () => lines };
}

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };
const failedEvent = (code: string): PodEvent => ({
  kind: 'cluster-failed',
  cluster,
  error: { code, message: 'm' },
});
const response: PodEvent = {
  kind: 'arm-response',
  response: { method: 'GET', url: 'https://arm/x', status: 200, throttled: false, durationInMs: 1 },
};

/** A promise the test settles. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('the event hub', () => {
  it('fans every event out to every sink, in order', () => {
    const { logger } = capturedLogger();
    const hub = createEventHub({ logger });
    const a: string[] = [];
    const b: string[] = [];
    hub.attach({ name: 'a', handle: (event) => void a.push(event.kind) });
    const listener = hub.onEvent((event) => b.push(event.kind));
    hub.emit(failedEvent('X'));
    hub.emit(response);
    listener.dispose();
    hub.emit(response);
    expect(a).toEqual(['cluster-failed', 'arm-response', 'arm-response']);
    expect(b).toEqual(['cluster-failed', 'arm-response']);
  });

  it('keeps going when a sink throws or rejects, and logs that once per event kind', async () => {
    const { logger, lines } = capturedLogger();
    const hub = createEventHub({ logger });
    const seen: string[] = [];
    hub.attach({
      name: 'broken',
      handle: (event) => {
        if (event.kind === 'arm-response') return Promise.reject(new Error('webhook down'));
        throw new Error('cannot format');
      },
    });
    hub.attach({ name: 'fine', handle: (event) => void seen.push(event.kind) });
    for (let i = 0; i < 3; i++) {
      hub.emit(failedEvent('X'));
      hub.emit(response);
    }
    await hub.flush({ abortSignal: new AbortController().signal });
    expect(seen).toHaveLength(6);
    const warnings = lines().filter((line) => line.sink === 'broken');
    expect(warnings.map((line) => [line.on, (line.err as { message: string }).message])).toEqual([
      ['cluster-failed', 'cannot format'],
      ['arm-response', 'webhook down'],
    ]);
    expect(warnings[0]!.msg).toMatch(/the broken sink failed on cluster-failed; it goes on receiving events/);
  });

  it('delivers to a queued sink from its own queue: a slow sink delays neither emit nor the other sinks', async () => {
    const { logger } = capturedLogger();
    const hub = createEventHub({ logger });
    const slow = gate();
    const delivered: string[] = [];
    const inline: string[] = [];
    hub.attach({
      name: 'webhook',
      delivery: 'queued',
      handle: async (event) => {
        await slow.opened;
        delivered.push(event.kind);
      },
    });
    hub.attach({ name: 'log', handle: (event) => void inline.push(event.kind) });
    hub.emit(failedEvent('X'));
    hub.emit(response);
    expect(inline).toEqual(['cluster-failed', 'arm-response']);
    expect(delivered).toEqual([]);
    let flushed = false;
    const flush = hub.flush({ abortSignal: new AbortController().signal }).then(() => {
      flushed = true;
    });
    await Promise.resolve();
    expect(flushed).toBe(false);
    slow.open();
    await flush;
    expect(delivered).toEqual(['cluster-failed', 'arm-response']);
  });

  it('gives up on a queued sink when the grace period ends, saying how much it did not get, then closes it', async () => {
    const { logger, lines } = capturedLogger();
    const hub = createEventHub({ logger });
    const stuck = gate();
    let closedWith: AbortSignal | undefined;
    hub.attach({
      name: 'status',
      delivery: 'queued',
      handle: () => stuck.opened,
      close: ({ abortSignal }) => {
        closedWith = abortSignal;
      },
    });
    hub.emit(response);
    hub.emit(response);
    hub.emit(response);
    const grace = new AbortController();
    const flush = hub.flush({ abortSignal: grace.signal });
    grace.abort();
    await flush;
    expect(lines().find((line) => line.sink === 'status')).toMatchObject({ undelivered: 3 });
    expect(closedWith?.aborted).toBe(true);
    hub.emit(response); // after the flush: ignored
  });

  it('bounds a queued sink that falls behind, and says so once', async () => {
    const { logger, lines } = capturedLogger();
    const hub = createEventHub({ logger, maxQueuedEvents: 2 });
    const stuck = gate();
    let handled = 0;
    hub.attach({
      name: 'notify',
      delivery: 'queued',
      handle: async () => {
        await stuck.opened;
        handled++;
      },
    });
    for (let i = 0; i < 6; i++) hub.emit(response);
    stuck.open();
    await hub.flush({ abortSignal: new AbortController().signal });
    // One runs, two wait; the other three are dropped.
    expect(handled).toBe(3);
    expect(lines().filter((line) => line.sink === 'notify' && line.on === 'a full queue')).toHaveLength(1);
  });
});
