import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { type Emulator, type EmulatorOptions, type FaultSpec, startEmulator } from '@aks-scaler/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundles, buildPodBundles } from './bundle.js';

// The pod (LOG_LEVEL=debug) and the CLI, as shipped, through every error path: nothing they print may contain a
// federated token (the client assertion), an access token, or any 20-character piece of one.
let bundles: Bundles;
const open: Emulator[] = [];

beforeAll(async () => {
  bundles = await buildPodBundles();
}, 120_000);

afterAll(async () => {
  await Promise.all(open.map((emulator) => emulator.close()));
  await bundles?.remove();
});

const WRITE_ACTIONS_DENIED = [
  'Microsoft.ContainerService/managedClusters/read',
  'Microsoft.ContainerService/managedClusters/agentPools/read',
];

interface Case {
  name: string;
  emulator?: EmulatorOptions;
  faults?: FaultSpec[];
  env?: (emulator: Emulator, env: Record<string, string>) => Promise<Record<string, string>>;
  exitCode: number;
  /** Skip the second CLI command (the case is slow: every client retries). */
  slow?: boolean;
}

const CASES: Case[] = [
  {
    name: 'bad configuration',
    env: async () => ({ NODE_POOLS_AMOUNT: '{ manualpool2: 5 }', SCALER_CONCURRENCY: 'many' }),
    exitCode: 2,
  },
  {
    name: 'identity not federated with the service account (AADSTS70021)',
    env: async (emulator, env) => {
      await writeFile(
        env.AZURE_FEDERATED_TOKEN_FILE!,
        await emulator.issueServiceAccountToken('default', 'other-sa'),
      );
      return {};
    },
    exitCode: 3,
  },
  {
    name: 'token endpoint down',
    faults: [{ kind: 'token-endpoint-down', times: Number.POSITIVE_INFINITY }],
    exitCode: 3,
    slow: true,
  },
  {
    name: 'authorization failure (403 on write)',
    emulator: { rbac: { '22222222-2222-4222-8222-222222222222': WRITE_ACTIONS_DENIED } },
    exitCode: 3,
  },
  {
    name: 'failed operation',
    faults: [{ kind: 'operation-fails', pool: 'manualpool2', times: Number.POSITIVE_INFINITY }],
    exitCode: 1,
  },
  {
    name: '429 storm',
    faults: [{ kind: 'throttle', method: 'PUT', retryAfterInSeconds: 1, times: Number.POSITIVE_INFINITY }],
    exitCode: 1,
  },
];

function run(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Exchanges the service-account token for an access token, as the scaler does (the same claims, so the same prefix). */
function accessToken(emulator: Emulator, assertion: string): Promise<string | undefined> {
  const body = new URLSearchParams({
    client_id: emulator.clientId,
    grant_type: 'client_credentials',
    scope: 'https://management.azure.com/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${emulator.authorityHost}${emulator.tenantId}/oauth2/v2.0/token`,
      {
        method: 'POST',
        ca: emulator.caCert,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
        });
        res.on('end', () => resolve((JSON.parse(text) as { access_token?: string }).access_token));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Every 20-character window of every secret that occurs in `output`. */
function leaks(output: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    for (let i = 0; i + 20 <= secret.length; i++) {
      const piece = secret.slice(i, i + 20);
      if (output.includes(piece)) found.push(piece);
    }
  }
  return found;
}

describe('no secret in any output', () => {
  for (const scenario of CASES) {
    it(`pod and CLI: ${scenario.name}`, async () => {
      const emulator = await startEmulator({ operationDurationInMs: 5, ...scenario.emulator });
      open.push(emulator);
      for (const fault of scenario.faults ?? []) emulator.faults.inject(fault);
      const base = await emulator.workloadIdentityEnv();
      const env: Record<string, string> = {
        ...base,
        NODE_POOLS_AMOUNT: '{ "manualpool2": 3, "manualpool3": 2 }',
        SCALER_POLL_INTERVAL: '10ms',
        LOG_LEVEL: 'debug',
        ...(await scenario.env?.(emulator, base)),
      };
      const pod = await run(bundles.pod, [], env);
      const cli = await run(
        bundles.cli,
        ['apply', '--pools', '{ "manualpool2": 4 }', '--poll-interval', '10ms'],
        env,
      );
      const cliJson = scenario.slow ? undefined : await run(bundles.cli, ['pools', '--json'], env);

      const federated = (await readFile(env.AZURE_FEDERATED_TOKEN_FILE!, 'utf8')).trim();
      const fresh = await emulator.issueServiceAccountToken('default', 'workload-identity-sa');
      const secrets = [federated, fresh];
      const access = await accessToken(emulator, fresh).catch(() => undefined);
      if (access) secrets.push(access);
      const outputs: Array<[string, { output: string }]> = [
        ['pod', pod],
        ['cli apply', cli],
      ];
      if (cliJson) outputs.push(['cli pools --json', cliJson]);
      for (const [label, result] of outputs) {
        expect(result.output.length, `${label} printed something`).toBeGreaterThan(0);
        expect(leaks(result.output, secrets), `${label} output`).toEqual([]);
        expect(result.output).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
      }
      expect(pod.code, pod.output.slice(-2000)).toBe(scenario.exitCode);
      expect(cli.code, cli.output.slice(-2000)).toBe(scenario.exitCode);
    }, 60_000);
  }
});
