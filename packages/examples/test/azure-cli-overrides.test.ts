import type { Emulator, StandaloneEmulatorInfo } from '@aks-scaler/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AZ_TIMEOUT_IN_MS,
  type AzEmulator,
  type AzSession,
  azLoginFederated,
  startAzEmulator,
} from '../../testkit/test/azure-cli.js';
import { type Bundles, buildBundles } from './helpers/bundle.js';
import { startNode } from './helpers/processes.js';
import { SEED_NODE_POOLS_AMOUNT } from './helpers/wait.js';

let bundles: Bundles;
let emulator: Emulator;
let info: StandaloneEmulatorInfo;
let session: AzSession;
let standalone: AzEmulator | undefined;

beforeAll(async () => {
  bundles = await buildBundles();
  // Retry-After 1 (azure-cli waits 30 s without one) and short operations, as in docs/emulator.md.
  standalone = await startAzEmulator(['--poll-retry-after', '1', '--operation-duration', '200']);
  ({ emulator, info, session } = standalone);
  await azLoginFederated(session, info);
}, 240_000);

afterAll(async () => {
  await standalone?.close();
  await bundles?.remove();
});

const POOL = ['-g', 'myResourceGroup', '--cluster-name', 'myManagedCluster'];

/** `az aks nodepool update --tags ...` on one pool, as the operator types it. */
async function tag(pool: string, ...tags: string[]) {
  return session.azJson<{ tags?: Record<string, string> }>(
    'aks',
    'nodepool',
    'update',
    ...POOL,
    '-n',
    pool,
    '--tags',
    ...tags,
  );
}

/** The bundled pod, once, with the seed's variables. */
async function runPod() {
  const pod = startNode(bundles.pod, [], {
    ...(await emulator.workloadIdentityEnv()),
    NODE_POOLS_AMOUNT: SEED_NODE_POOLS_AMOUNT,
    SCALER_POLL_INTERVAL: '50ms',
  });
  const code = await pod.exit(60_000);
  return { code, json: pod.json, stderr: pod.stderr() };
}

/** A whole-second UTC instant `ms` from now, as an operator would write it. */
const inFromNow = (ms: number) =>
  new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString().replace('.000Z', 'Z');

describe('an override set with azure-cli', () => {
  test(
    'aks-scaler-override=pause: the pod writes nothing to that pool until the tag ends, and scales the others',
    async () => {
      const until = inFromNow(3 * 3_600_000);
      const tagged = await tag(
        'manualpool2',
        'aks-scaler-override=pause',
        `aks-scaler-until=${until}`,
        'aks-scaler-reason=deploy freeze',
      );
      expect(tagged.tags).toEqual({
        'aks-scaler-override': 'pause',
        'aks-scaler-until': until,
        'aks-scaler-reason': 'deploy freeze',
      });
      const writesBefore = emulator.state.history.length;

      const { code, json, stderr } = await runPod();
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(emulator.state.getPool('manualpool2')).toMatchObject({
        count: 1,
        tags: { 'aks-scaler-override': 'pause' },
      });
      expect(emulator.state.getPool('manualpool3')?.count).toBe(5);
      const written = emulator.state.history.slice(writesBefore).map((write) => write.pool);
      expect(written).toEqual(['manualpool3']);
      expect(json.find((l) => l.event === 'override-active' && l.pool === 'manualpool2')).toMatchObject({
        details: { source: 'tag', target: 'pause', until, reason: 'deploy freeze' },
      });
      const planned = json.find((l) => l.event === 'planned' && l.pool === 'manualpool2');
      expect(planned?.reason).toMatch(new RegExp(`^paused until ${until} \\(deploy freeze\\)`));
      expect(json.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
    },
    6 * AZ_TIMEOUT_IN_MS,
  );

  test(
    'aks-scaler-override=banana: the pool is left to the policy, with a warning naming it; exit 0',
    async () => {
      // az's --tags replaces the pool's tags as a whole: the pause tags of the test before are gone.
      const tagged = await tag(
        'manualpool2',
        'aks-scaler-override=banana',
        `aks-scaler-until=${inFromNow(3_600_000)}`,
      );
      expect(tagged.tags?.['aks-scaler-override']).toBe('banana');
      expect(tagged.tags?.['aks-scaler-reason']).toBeUndefined();

      const { code, json } = await runPod();
      expect(code).toBe(0);
      expect(emulator.state.getPool('manualpool2')?.count).toBe(5);
      const warnings = json.filter((l) => l.level === 'warn');
      expect(warnings).toEqual([
        expect.objectContaining({
          event: 'override-ignored',
          pool: 'manualpool2',
          msg: expect.stringMatching(
            /^the override tags of pool manualpool2 are ignored: aks-scaler-override="banana" is not an override: .*aks-scaler override clear manualpool2\); until then the pool is left to the policy\.$/,
          ),
        }),
      ]);
      expect(json.find((l) => l.msg === 'reconcile finished')).toMatchObject({ ok: true });
    },
    4 * AZ_TIMEOUT_IN_MS,
  );
});
