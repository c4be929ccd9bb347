import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';

// The CLI lays its flags over the pod's variables; every problem must name what the user gave: the flag when the
// value came from a flag, the variable when it came from the environment. In process: all of it fails before Azure.
async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env,
    signal: new AbortController().signal,
  });
  const problems = stderr.split('\n').filter((line) => line.startsWith('- '));
  return { code, stdout, stderr, problems };
}

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const CLUSTER = { SUBSCRIPTION, RESOURCE_GROUP: 'myResourceGroup', CLUSTER_NAME: 'myManagedCluster' };
const POOLS = { NODE_POOLS_AMOUNT: '{ "manualpool2": 5 }' };

/** flag, the variable it sets, a bad value, and the start of the problem's message. */
const CASES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['--subscription', 'SUBSCRIPTION', 'nope', '"nope" is not a subscription id (a UUID).'],
  ['--resource-group', 'RESOURCE_GROUP', 'bad/group', '"bad/group" is not a valid resource group name.'],
  ['--cluster', 'CLUSTER_NAME', '-bad-', '"-bad-" is not a valid AKS cluster name.'],
  ['--pools', 'NODE_POOLS_AMOUNT', '{"BadName": 5}', 'pool name "BadName" is not a valid AKS pool name'],
  ['--config', 'SCALER_CONFIG', '/nonexistent/scaler.yaml', 'cannot read /nonexistent/scaler.yaml'],
  ['--endpoint', 'AZURE_RESOURCE_MANAGER_ENDPOINT', 'http://arm', '"http://arm" is not an https URL'],
  ['--concurrency', 'SCALER_CONCURRENCY', '65', '"65" is not an integer from 1 to 64.'],
  ['--operation-timeout', 'SCALER_OPERATION_TIMEOUT', 'soon', '"soon" is not a duration'],
  ['--poll-interval', 'SCALER_POLL_INTERVAL', '5', '"5" is not a duration'],
];

describe('the CLI speaks the words the user typed', () => {
  for (const [flag, variable, bad, message] of CASES) {
    it(`names ${flag} for a value given by ${flag}, and ${variable} for one from the environment`, async () => {
      const base = { ...CLUSTER, ...(variable === 'SCALER_CONFIG' ? {} : POOLS) };
      const fromFlag = await cli(['apply', '--dry-run', `${flag}=${bad}`], base);
      expect(fromFlag.code).toBe(2);
      const flagPath = variable === 'NODE_POOLS_AMOUNT' ? `${flag}.BadName` : flag;
      expect(fromFlag.problems.find((line) => line.startsWith(`- ${flagPath}: `))).toContain(message);
      expect(fromFlag.stderr).not.toMatch(new RegExp(`- ${variable}[.:]`));

      const fromEnv = await cli(['apply', '--dry-run'], { ...base, [variable]: bad });
      expect(fromEnv.code).toBe(2);
      const variablePath = variable === 'NODE_POOLS_AMOUNT' ? `${variable}.BadName` : variable;
      expect(fromEnv.problems.find((line) => line.startsWith(`- ${variablePath}: `))).toContain(message);
      expect(fromEnv.stderr).not.toContain(`- ${flagPath}: `);
    });
  }

  it('gives the shell quoting fix for --pools, not the Pod spec one', async () => {
    const { code, stderr } = await cli(['plan', '--pools', '{ manualpool2: 5 }'], CLUSTER);
    expect(code).toBe(2);
    expect(stderr).toContain(`- --pools: it looks like a YAML map`);
    expect(stderr).toContain(`quote the whole value for the shell: --pools '{ "manualpool2": 5 }'`);
    expect(stderr).not.toMatch(/Pod spec|NODE_POOLS_AMOUNT/);
    const fromEnv = await cli(['plan'], { ...CLUSTER, NODE_POOLS_AMOUNT: '{ manualpool2: 5 }' });
    expect(fromEnv.stderr).toContain(`- NODE_POOLS_AMOUNT: it looks like a YAML map`);
    expect(fromEnv.stderr).toContain(`in a Pod spec, quote the whole value: value: '{ "manualpool2": 5 }'`);
  });

  it('says which flag to give for what is missing, with the variable as the other way', async () => {
    const { code, problems } = await cli(['plan']);
    expect(code).toBe(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^- --subscription: is not set; give --subscription <id>, the subscription id \(or set SUBSCRIPTION\), or list the clusters in a config file \(--config <file>\)\.$/,
        ),
        expect.stringMatching(/^- --resource-group: is not set; give --resource-group <name>/),
        expect.stringMatching(
          /^- --cluster: is not set; give --cluster <name>, the cluster's name \(or set CLUSTER_NAME\)/,
        ),
        expect.stringMatching(
          /^- --pools: is not set; give --pools '\{ "manualpool2": 5, "manualpool3": 5 \}'.* or --config <file>/,
        ),
      ]),
    );
    // `pools` needs no policy, and has no --pools flag to suggest.
    const pools = await cli(['pools']);
    expect(pools.problems.some((line) => line.includes('--pools'))).toBe(false);
    expect(pools.problems.some((line) => line.startsWith('- --cluster: is not set'))).toBe(true);
  });

  it('lets --dry-run stand for SCALER_DRY_RUN, and names the variable when only the environment is wrong', async () => {
    const env = { ...CLUSTER, ...POOLS, SCALER_DRY_RUN: 'yes' };
    const withFlag = await cli(['apply', '--dry-run', '--endpoint', 'http://arm'], env);
    expect(withFlag.problems).toEqual([
      expect.stringMatching(/^- --endpoint: "http:\/\/arm" is not an https URL/),
    ]);
    const withoutFlag = await cli(['apply'], env);
    expect(withoutFlag.code).toBe(2);
    expect(withoutFlag.problems).toContain('- SCALER_DRY_RUN: "yes" is not a boolean; use true or false.');
  });

  it("warns in the flags' words about what a config file overrides", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'aks-scaler-user-words-'));
    const config = join(folder, 'scaler.yaml');
    await writeFile(
      config,
      `clusters: [{ subscription: ${SUBSCRIPTION}, resourceGroup: rg, name: aks }]\npolicy: { static: { manualpool2: 2 } }\n`,
    );
    const identity = {
      AZURE_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
      AZURE_TENANT_ID: '11111111-1111-4111-8111-111111111111',
      AZURE_FEDERATED_TOKEN_FILE: join(folder, 'no-token'),
      AZURE_AUTHORITY_HOST: 'https://127.0.0.1:1/',
    };
    // The setup is valid, so its warnings are printed; then the token request fails (nothing listens on port 1).
    const { stderr } = await cli(
      ['plan', '--config', config, '--pools', '{ "manualpool2": 5 }', '--cluster', 'other'],
      { ...identity, SUBSCRIPTION, RESOURCE_GROUP: 'myResourceGroup' },
    );
    expect(stderr).toContain('warning: --pools is ignored: --config is set and its policy applies.');
    expect(stderr).toContain(
      'warning: SUBSCRIPTION, RESOURCE_GROUP and --cluster are ignored: --config lists the clusters.',
    );
  });
});
