import { describe, expect, it } from 'vitest';
import { deliveryQueue } from './delivery-queue.js';

function manual() {
  const log: string[] = [];
  const pending = new Map<string, () => void>();
  const queue = deliveryQueue<string>({
    limit: 2,
    run: (item, { abortSignal }) =>
      new Promise<void>((resolve, reject) => {
        log.push(`start ${item}`);
        pending.set(item, () => {
          log.push(`end ${item}`);
          resolve();
        });
        abortSignal.addEventListener('abort', () => {
          log.push(`abort ${item}`);
          reject(new Error('aborted'));
        });
      }),
  });
  return { queue, log, finish: (item: string) => pending.get(item)?.() };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('deliveryQueue', () => {
  it('returns from push at once and delivers one at a time, in order', async () => {
    const { queue, log, finish } = manual();
    expect(queue.push('a')).toBeUndefined();
    expect(queue.push('b')).toBeUndefined();
    expect(log).toEqual([]); // nothing ran in the caller's turn
    expect(queue.size).toBe(2);
    await turn();
    expect(log).toEqual(['start a']);
    finish('a');
    await turn();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    finish('b');
    await queue.idle();
    expect(queue.size).toBe(0);
  });

  it('drops the oldest waiting item when the limit is reached (the one in flight does not count)', async () => {
    const { queue, log } = manual();
    queue.push('a');
    queue.push('b');
    queue.push('c');
    expect(queue.push('d')).toBe('b');
    expect(queue.size).toBe(3);
    await turn();
    expect(log).toEqual(['start a']);
  });

  it('abandon aborts the item in flight and hands back the waiting ones', async () => {
    const { queue, log, finish } = manual();
    queue.push('a');
    queue.push('b');
    await turn();
    expect(queue.abandon()).toEqual(['b']);
    await queue.idle();
    expect(log).toEqual(['start a', 'abort a']);
    queue.push('c'); // still usable afterwards
    await turn();
    finish('c');
    await queue.idle();
    expect(log).toEqual(['start a', 'abort a', 'start c', 'end c']);
  });
});
