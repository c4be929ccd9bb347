import { describe, expect, it } from 'vitest';
import {
  CONFIG_REJECTED_EXAMPLE,
  EXAMPLE_AT,
  EXAMPLE_CLUSTER,
  FAILED_EXAMPLE,
  OVERRIDE_EXAMPLE,
  SCALED_EXAMPLE,
} from '../../test/helpers/notification-fixtures.js';
import type { Notification, ScaledNotification } from './notification.js';
import { escapeSlackText, slackPayload, slackText } from './slack-format.js';

const scaled = (entry: Partial<ScaledNotification['entry']>): Notification => ({
  ...SCALED_EXAMPLE,
  entry: { ...SCALED_EXAMPLE.entry, ...entry },
});

describe('slackText', () => {
  it('says in one line what happened to which pool, how long it took and why', () => {
    expect(slackText(SCALED_EXAMPLE)).toBe(
      "aks-scaler: *myManagedCluster/manualpool2* scaled up 1 → 10 nodes in 4m12s (schedule 'Mon-Fri 07:30-20:30' (Europe/Berlin))",
    );
    expect(slackText(FAILED_EXAMPLE)).toBe(
      "aks-scaler: *myManagedCluster/manualpool3* failed to scale up 5 → 20 nodes after 38.0s: OPERATION_FAILED: The operation on pool 'manualpool3' ended Failed (QuotaExceeded): raise the regional vCPU quota. (metric sum(queue_depth) = 1930, 100 per node)",
    );
    expect(slackText(OVERRIDE_EXAMPLE)).toBe(
      'aks-scaler: override on *myManagedCluster/manualpool2* active until 2026-12-05T17:00:00Z: 20 nodes (load test)',
    );
    expect(slackText(CONFIG_REJECTED_EXAMPLE)).toBe(
      'aks-scaler: config /etc/aks-scaler/scaler.yaml rejected, the running config stays: 2 problems: policy.max[0].static.Manual: pool name "Manual" is not valid: use 1-12 lowercase letters or digits, starting with a letter; limits.concurency: unknown key \'concurency\': check the spelling (unknown keys are not ignored)',
    );
  });

  it('names each kind of pool change', () => {
    const plain = (entry: Parameters<typeof scaled>[0]) =>
      slackText(scaled({ durationInMs: undefined, reason: 'r', ...entry }));
    expect(plain({ from: 10, to: 1 })).toBe(
      'aks-scaler: *myManagedCluster/manualpool2* scaled down 10 → 1 node (r)',
    );
    expect(plain({ from: 0, to: 3, operations: ['start', 'scale'] })).toBe(
      'aks-scaler: *myManagedCluster/manualpool2* started and scaled up 0 → 3 nodes (r)',
    );
    expect(plain({ operations: ['stop'] })).toBe('aks-scaler: *myManagedCluster/manualpool2* stopped (r)');
    expect(plain({ operations: ['bounds'], bounds: { minCount: 2, maxCount: 10 } })).toBe(
      'aks-scaler: *myManagedCluster/manualpool2* autoscaler range set to 2-10 (r)',
    );
    expect(
      slackText({
        kind: 'override',
        at: EXAMPLE_AT,
        cluster: EXAMPLE_CLUSTER,
        override: {
          pool: 'manualpool2',
          state: 'expired',
          target: 'pause',
          until: '2026-12-05T17:00:00Z',
          reason: 'freeze',
        },
      }),
    ).toBe(
      'aks-scaler: override on *myManagedCluster/manualpool2* expired at 2026-12-05T17:00:00Z (freeze); the policy decides again',
    );
  });

  it("escapes Slack's control characters in reasons and messages, so they never become links or mentions", () => {
    expect(escapeSlackText('<!channel> a & b <https://x|y>')).toBe(
      '&lt;!channel&gt; a &amp; b &lt;https://x|y&gt;',
    );
    expect(slackText(scaled({ reason: 'quota <!here> & more >', durationInMs: undefined }))).toBe(
      'aks-scaler: *myManagedCluster/manualpool2* scaled up 1 → 10 nodes (quota &lt;!here&gt; &amp; more &gt;)',
    );
  });

  it('keeps a long problem list to one line: the first five and how many more', () => {
    const problems = Array.from({ length: 8 }, (_, i) => ({ path: `p${i}`, message: `m${i}\nsecond line` }));
    expect(slackText({ ...CONFIG_REJECTED_EXAMPLE, problems })).toBe(
      'aks-scaler: config /etc/aks-scaler/scaler.yaml rejected, the running config stays: 8 problems: p0: m0 second line; p1: m1 second line; p2: m2 second line; p3: m3 second line; p4: m4 second line; and 3 more',
    );
  });

  it('is the text member of an incoming-webhook JSON body', () => {
    const payload = slackPayload(OVERRIDE_EXAMPLE);
    expect(payload.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(payload.body)).toEqual({ text: slackText(OVERRIDE_EXAMPLE) });
  });
});
