// Keeps the operator guides honest: every variable of the design's contracts is documented, and the files,
// names and versions the guides mention are the ones the deployment actually ships.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { POD_ENVIRONMENT_VARIABLES } from '../src/index.js';

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(examplesDir, '..', '..');
const docsDir = join(repoDir, 'docs');
const guides = ['getting-started.md', 'configuration.md', 'operations.md', 'security.md'];
const read = (path: string) => readFileSync(path, 'utf8');

/** The environment contract: fixed names that code, docs and manifests share. */
const CONTRACT_VARIABLES = [
  'SUBSCRIPTION',
  'SUBSCRIPTION_ID',
  'AZURE_SUBSCRIPTION_ID',
  'RESOURCE_GROUP',
  'CLUSTER_NAME',
  'LOCATION',
  'NODE_POOLS_AMOUNT',
  'SCALER_CONFIG',
  'SCALER_MODE',
  'SCALER_INTERVAL',
  'SCALER_DRY_RUN',
  'SCALER_CONCURRENCY',
  'SCALER_OPERATION_TIMEOUT',
  'AZURE_RESOURCE_MANAGER_ENDPOINT',
  'LOG_LEVEL',
  'SCALER_HTTP_PORT',
];

describe('docs/configuration.md', () => {
  const configuration = read(join(docsDir, 'configuration.md'));

  it('documents every environment variable of the contract and every one the pod reads', () => {
    const pod: readonly string[] = POD_ENVIRONMENT_VARIABLES;
    expect(pod).toEqual(expect.arrayContaining(CONTRACT_VARIABLES));
    expect(pod).toEqual(expect.arrayContaining(['SUBSCRIPTION', 'NODE_POOLS_AMOUNT', 'SCALER_MODE']));
    for (const name of new Set([...CONTRACT_VARIABLES, ...pod])) {
      expect(configuration, name).toContain(`\`${name}\``);
    }
  });

  it('documents the credential variables', () => {
    for (const name of [
      'AZURE_CLIENT_ID',
      'AZURE_TENANT_ID',
      'AZURE_FEDERATED_TOKEN_FILE',
      'AZURE_AUTHORITY_HOST',
      'AZURE_TOKEN_CREDENTIALS',
      'NODE_EXTRA_CA_CERTS',
    ]) {
      expect(configuration, name).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
    }
  });

  it('has a row for each exit code 0 to 3', () => {
    for (const code of [0, 1, 2, 3]) expect(configuration).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
  });
});

describe('the guides and the shipped deployment agree', () => {
  const texts = Object.fromEntries(guides.map((name) => [name, read(join(docsDir, name))]));

  it('mention only deployment files that exist', () => {
    for (const [name, text] of Object.entries(texts)) {
      for (const [path] of text.matchAll(/packages\/examples\/deploy(?:\/[\w.-]+)*/g)) {
        expect(existsSync(join(repoDir, path)), `${name}: ${path}`).toBe(true);
      }
    }
  });

  it('assign the role by the name the role definition has', () => {
    const role = JSON.parse(read(join(examplesDir, 'deploy', 'azure', 'aks-scaler-role.json'))) as {
      Name: string;
    };
    const assignments = [
      texts['getting-started.md']!,
      read(join(examplesDir, 'deploy', 'azure', 'README.md')),
    ];
    for (const text of assignments) {
      const names = [...text.matchAll(/--role "([^"]+)"/g)].map((m) => m[1]);
      expect(names.length).toBeGreaterThan(0);
      for (const used of names) expect(used).toBe(role.Name);
    }
  });

  it('build and deploy the image tag the manifests use', () => {
    const kustomization = parse(read(join(examplesDir, 'deploy', 'base', 'kustomization.yaml'))) as {
      images: { name: string; newTag: string }[];
    };
    const tag = kustomization.images.find((image) => image.name === 'aks-scaler')!.newTag;
    const gettingStarted = texts['getting-started.md']!;
    expect(gettingStarted).toContain(`--image aks-scaler:${tag}`);
    expect(gettingStarted).toContain(`newTag: "${tag}"`);
  });

  it('federate the ServiceAccount the manifests create, with the token exchange audience', () => {
    const gettingStarted = texts['getting-started.md']!;
    expect(gettingStarted).toContain('export SERVICE_ACCOUNT_NAME="workload-identity-sa"');
    expect(gettingStarted).toContain(
      `--subject "system:serviceaccount:\${SERVICE_ACCOUNT_NAMESPACE}:\${SERVICE_ACCOUNT_NAME}"`,
    );
    expect(gettingStarted).toContain('--audience api://AzureADTokenExchange');
    expect(gettingStarted.startsWith('# Getting started\n\nTry it locally first: `pnpm demo`')).toBe(true);
  });
});
