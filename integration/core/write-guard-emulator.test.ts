import {
  AbortedError,
  type ArmResponseInfo,
  type GuardedRequest,
  reconcile,
  type WriteGuard,
} from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { closedAfterEach, counts, type Fixture, puts } from './emulator-fixture.js';

// The write guard against the emulator with the real SDK: it is asked before every write attempt leaves (the first
// PUT, the SDK's retry, the PUT sent again after a 409), never about reads, and a refusal keeps the request from
// being sent at all.
const fixtures = closedAfterEach();
let fixture: Fixture | undefined;

/** A guard that admits the first `admitted` requests and refuses the rest; it records what it was asked. */
function guard(admitted: number) {
  const asked: GuardedRequest[] = [];
  let answered = 0;
  const writeGuard: WriteGuard = {
    async admit(request) {
      asked.push(request);
      if (asked.length > admitted) throw new AbortedError('Not written: this replica no longer leads.');
      return () => {
        answered += 1;
      };
    },
  };
  return { writeGuard, asked, answered: () => answered };
}

describe('the write guard', () => {
  it('is asked about each write attempt (not about reads), and told when each one was answered', async () => {
    fixture = await fixtures.start();
    const { writeGuard, asked, answered } = guard(10);
    const client = fixture.newClient({ writeGuard });
    fixture.emulator.faults.inject({ kind: 'server-error', method: 'PUT', pool: 'manualpool2' });
    const [pool] = (await client.listPools(fixture.cluster)).filter((p) => p.name === 'manualpool2');
    await client.scalePool(pool!, 3);
    expect(puts(fixture.emulator).map((r) => r.status)).toEqual([500, 200]);
    expect(asked).toEqual([
      { method: 'PUT', url: expect.stringMatching(/\/agentPools\/manualpool2$/) },
      { method: 'PUT', url: expect.stringMatching(/\/agentPools\/manualpool2$/) },
    ]);
    expect(answered()).toBe(2);
  });

  it('keeps a refused write from leaving: the write fails with its error and ARM never sees it', async () => {
    fixture = await fixtures.start();
    const responses: ArmResponseInfo[] = [];
    const { writeGuard } = guard(0);
    const client = fixture.newClient({ writeGuard, onResponse: (r) => responses.push(r) });
    const [pool] = (await client.listPools(fixture.cluster)).filter((p) => p.name === 'manualpool2');
    await expect(client.scalePool(pool!, 3)).rejects.toMatchObject({
      code: 'ABORTED',
      message: 'Not written: this replica no longer leads.',
    });
    expect(puts(fixture.emulator)).toEqual([]);
    // The response hook saw the read only: a refused request is no attempt.
    expect(responses.map((r) => r.method)).toEqual(['GET']);
    expect(fixture.emulator.state.getPool('manualpool2')?.count).toBe(1);
  });

  it('refuses the PUT a reconcile sends again after waiting out a 409, once the guard closed', async () => {
    fixture = await fixtures.start();
    const { writeGuard, asked } = guard(1);
    fixture.emulator.faults.inject({ kind: 'conflict', pool: 'manualpool2' });
    const report = await reconcile({
      client: fixture.newClient({ writeGuard }),
      cluster: fixture.cluster,
      policy: counts({ manualpool2: 4 }),
    });
    expect(report.pools.map((p) => [p.pool, p.outcome, p.error?.code])).toEqual([
      ['manualpool2', 'failed', 'ABORTED'],
    ]);
    // Without the guard this reconcile writes twice (409, then 200): the second attempt was asked about, not sent.
    expect(puts(fixture.emulator).map((r) => r.status)).toEqual([409]);
    expect(asked).toHaveLength(2);
  });
});
