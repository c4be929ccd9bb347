// The standalone emulator's options (the flags of `pnpm emulator`) reach the emulator it runs.
import { expect, test } from 'vitest';
import { type Emulator, runStandaloneEmulator } from '../src/index.js';
import { armClientFor, armToken, CLUSTER, RG, trustEmulatorCa } from './emulator-clients.js';

test('the poll Retry-After and the power-operation duration reach the emulator', async () => {
  const abort = new AbortController();
  let emulator: Emulator | undefined;
  let printed!: () => void;
  const ready = new Promise<void>((resolve) => {
    printed = resolve;
  });
  const running = runStandaloneEmulator({
    out: { write: () => printed() },
    handleSignals: false,
    abortSignal: abort.signal,
    operationDurationInMs: 60_000,
    powerOperationDurationInMs: 1,
    pollRetryAfterInSeconds: 1,
    onReady: (started) => {
      emulator = started;
    },
  });
  await ready;
  try {
    const client = await armClientFor(emulator!);
    const pool = await client.agentPools.get(RG, CLUSTER, 'manualpool2');
    const scale = client.agentPools.createOrUpdate(RG, CLUSTER, 'manualpool2', { ...pool, count: 2 });
    await scale.submitted();
    trustEmulatorCa(emulator!);
    const operation = emulator!.state.operations.at(-1)!;
    const url = `${emulator!.armEndpoint}/subscriptions/${operation.subscriptionId}/providers/Microsoft.ContainerService/locations/${operation.location}/operations/${operation.id}?api-version=2016-03-30`;
    const status = await fetch(url, {
      headers: { authorization: `Bearer ${await armToken(emulator!)}` },
    });
    expect(status.headers.get('retry-after')).toBe('1');
    expect(((await status.json()) as { status: string }).status).toBe('InProgress');

    const other = await client.agentPools.get(RG, CLUSTER, 'manualpool3');
    const stopped = await client.agentPools
      .createOrUpdate(
        RG,
        CLUSTER,
        'manualpool3',
        { ...other, powerState: { code: 'Stopped' } },
        { updateIntervalInMs: 2 },
      )
      .pollUntilDone();
    expect(stopped.powerState?.code).toBe('Stopped'); // 1 ms, not the 60 s of the scale
  } finally {
    abort.abort();
    await running;
  }
});
