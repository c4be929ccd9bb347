import { describe, expect, it } from 'vitest';
import { captureJsonLines } from '../../test/helpers/json-lines.js';
import { runScalerPod } from './run-scaler-pod.js';

function capture() {
  const { stdout, lines } = captureJsonLines();
  return { stdout, lines: () => lines };
}

describe('runScalerPod (in process)', () => {
  it('returns 2 and logs every problem as one JSON object when the configuration is invalid', async () => {
    const out = capture();
    const code = await runScalerPod({
      env: { NODE_POOLS_AMOUNT: '{ manualpool2: 5 }', LOG_LEVEL: 'info', SCALER_DRY_RUN: 'perhaps' },
      stdout: out.stdout,
    });
    expect(code).toBe(2);
    const [line, ...rest] = out.lines();
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ level: 'fatal', msg: expect.stringMatching(/nothing was sent to Azure/) });
    expect((line!.issues as Array<{ path: string }>).map((i) => i.path).sort()).toEqual([
      'CLUSTER_NAME',
      'NODE_POOLS_AMOUNT',
      'RESOURCE_GROUP',
      'SCALER_DRY_RUN',
      'SUBSCRIPTION',
    ]);
    expect(line!.err).toMatchObject({ code: 'CONFIG', name: 'ConfigError' });
  });
});
