import type { Emulator } from '@aks-scaler/testkit';
import { HTTP } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { runScalerPod } from '../src/index.js';
import { captureJsonLines } from './helpers/json-lines.js';
import { scratchFixture } from './helpers/scratch-fixture.js';
import { startWebhookServer, type WebhookServer } from './helpers/webhook-server.js';

// The pod in this process, once mode, with a config whose `notify` list names a local CloudEvents receiver through
// `urlFromEnv`: the scaled pools are announced, the run's outcome is the same as without webhooks, and the URL's
// secret path appears nowhere in the log.
let emulator: Emulator | undefined;
let webhook: WebhookServer | undefined;
const fixture = scratchFixture();

const SECRET_PATH = '/hooks/T0SECRET/s3cr3t-path';

async function runOnce(em: Emulator, config: string, env: NodeJS.ProcessEnv = {}) {
  const { stdout, lines } = captureJsonLines();
  const code = await runScalerPod({
    env: { ...(await em.workloadIdentityEnv()), SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml', ...env },
    stdout,
    ca: em.caCert,
    readTextFile: async () => config,
  });
  return { code, lines };
}

function configFor(em: Emulator, notify: string): string {
  return [
    'clusters:',
    `  - { subscription: ${em.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
    'policy: { static: { manualpool2: 3, manualpool3: 1 } }',
    notify,
  ].join('\n');
}

describe('the pod with notify webhooks', () => {
  it('announces each scaled pool as a CloudEvent, and keeps the URL out of the log', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5 });
    webhook = fixture.closeAfterTest(await startWebhookServer());
    const config = configFor(
      emulator,
      'notify: [{ urlFromEnv: EVENTS_WEBHOOK, format: cloudevents, on: [scaled, failed] }]',
    );
    const { code, lines } = await runOnce(emulator, config, {
      EVENTS_WEBHOOK: `${webhook.origin}${SECRET_PATH}`,
      POD_NAMESPACE: 'aks-scaler',
    });
    expect(code).toBe(0);
    // manualpool2 went 1 -> 3; manualpool3 was already at 1 and is not announced. The shutdown flush delivered it.
    expect(webhook.requests).toHaveLength(1);
    const request = webhook.requests[0]!;
    expect(request.url).toBe(SECRET_PATH);
    const event = HTTP.toEvent({ headers: request.headers, body: request.body });
    expect(Array.isArray(event)).toBe(false);
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'io.aks-scaler.pool.scaled',
      source: 'aks-scaler/aks-scaler/myManagedCluster',
      subject: 'manualpool2',
    });
    expect((event as { data: Record<string, unknown> }).data).toMatchObject({
      pool: 'manualpool2',
      from: 1,
      to: 3,
    });
    expect(emulator.state.getPool('manualpool2')?.count).toBe(3);
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  }, 30_000);

  it('an unset urlFromEnv variable is a configuration error (exit 2) naming the variable, before any write', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5 });
    const config = configFor(
      emulator,
      'notify: [{ urlFromEnv: MISSING_WEBHOOK, format: slack, on: [failed] }]',
    );
    const { code, lines } = await runOnce(emulator, config);
    expect(code).toBe(2);
    const fatal = lines.find((line) => line.level === 'fatal');
    expect(JSON.stringify(fatal)).toContain('MISSING_WEBHOOK');
    expect(emulator.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  }, 30_000);
});
