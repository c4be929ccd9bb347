// The example notifications shown in docs/operations.md: each function formats them with the scaler's own code,
// so what the guide says arrives is what a receiver gets.
import type { Notification } from '@aks-scaler/examples';
import { cloudEventPayload, slackText } from '@aks-scaler/examples';

const cluster = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'myResourceGroup',
  clusterName: 'myManagedCluster',
};
const at = new Date('2026-11-30T06:34:12.000Z');

/** One notification of each kind, as the scaler raises them. */
export const EXAMPLES: readonly Notification[] = [
  {
    kind: 'scaled',
    at,
    cluster,
    entry: {
      pool: 'manualpool2',
      from: 1,
      to: 10,
      action: 'scale',
      operations: ['scale'],
      reason: "schedule rule 2 'Mon-Fri 07:30-20:30' (Europe/Berlin)",
      outcome: 'succeeded',
      durationInMs: 252_000,
    },
  },
  {
    kind: 'failed',
    at,
    cluster,
    entry: {
      pool: 'manualpool3',
      from: 5,
      to: 20,
      action: 'scale',
      operations: ['scale'],
      reason: 'metric queue = 1930: ceil(1930 / 100) = 20',
      outcome: 'failed',
      durationInMs: 38_000,
      error: {
        code: 'OPERATION_FAILED',
        message:
          "The operation on pool 'manualpool3' ended Failed (QuotaExceeded): raise the regional vCPU quota.",
      },
    },
  },
  {
    kind: 'override',
    at,
    cluster,
    override: {
      pool: 'manualpool2',
      state: 'active',
      target: 20,
      until: '2026-12-05T17:00:00Z',
      reason: 'load test',
      source: 'tag',
    },
  },
  {
    kind: 'config-rejected',
    at,
    config: '/etc/aks-scaler/scaler.yaml',
    problems: [
      {
        path: 'policy.max[0].static.Manual',
        message:
          'pool name "Manual" is not valid: use 1-12 lowercase letters or digits, starting with a letter',
      },
    ],
  },
];

const IDS = [
  '3f1c9a52-7f0e-4a8e-9d61-2b7c1e5a9f01',
  '8d2e4b17-1c3a-4f5d-b6e7-9a0c2d4e6f02',
  'c5a7e9f1-2b4d-4c6e-8f0a-1b3d5e7f9a03',
  'e9b1d3f5-4a6c-4e8a-a0c2-3d5f7a9b1c04',
];

/** What a CloudEvents receiver gets: one structured-mode POST per notification. */
export async function cloudEvents(): Promise<string> {
  const blocks = EXAMPLES.map((notification, i) => {
    const payload = cloudEventPayload(notification, { origin: 'aks-scaler', id: IDS[i] as string });
    const body = JSON.stringify(JSON.parse(payload.body), null, 2);
    const type = (JSON.parse(payload.body) as { type: string }).type;
    return `\`${type}\` (\`content-type: ${payload.headers['content-type']}\`):\n\n\`\`\`json\n${body}\n\`\`\``;
  });
  return blocks.join('\n\n');
}

/** What Slack shows: the `text` of each message, one line each. */
export async function slackMessages(): Promise<string> {
  return ['```text', ...EXAMPLES.map((notification) => slackText(notification)), '```'].join('\n');
}
