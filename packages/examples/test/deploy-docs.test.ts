// Keeps the operator guides honest: every variable of the design's contracts is documented, and the files,
// names and versions the guides mention are the ones the deployment actually ships.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(examplesDir, '..', '..');
const docsDir = join(repoDir, 'docs');
const guides = ['getting-started.md', 'configuration.md', 'operations.md', 'security.md'];
const read = (path: string) => readFileSync(path, 'utf8');

/** The text of DESIGN.md's section `## <number>.` up to the next `## ` heading. */
function designSection(design: string, number: number): string {
  const start = design.search(new RegExp(`^## ${number}\\. `, 'm'));
  expect(start, `DESIGN.md section ${number}`).toBeGreaterThanOrEqual(0);
  const rest = design.slice(start + 3);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Backticked upper-case names in the first column of a section's markdown tables. */
function tableVariables(section: string): string[] {
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const firstCell = /^\|\s*([^|]+)\|/.exec(line)?.[1] ?? '';
    for (const [, name] of firstCell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(name!);
  }
  return [...names];
}

describe('docs/configuration.md', () => {
  const configuration = read(join(docsDir, 'configuration.md'));
  const design = read(join(repoDir, '..', 'shared', 'DESIGN.md'));

  it('documents every environment variable of DESIGN.md sections 1 and 4', () => {
    const seed = tableVariables(designSection(design, 1));
    const pod = tableVariables(designSection(design, 4));
    expect(seed).toEqual(expect.arrayContaining(['SUBSCRIPTION', 'NODE_POOLS_AMOUNT']));
    expect(pod).toEqual(expect.arrayContaining(['SCALER_CONFIG', 'SCALER_MODE', 'SCALER_HTTP_PORT']));
    // The aliases named in a table cell's text, e.g. SUBSCRIPTION_ID.
    const aliases = [...designSection(design, 1).matchAll(/also accept `([A-Z_]+)`, `([A-Z_]+)`/g)].flatMap(
      (m) => m.slice(1),
    );
    for (const name of [...seed, ...pod, ...aliases]) expect(configuration, name).toContain(`\`${name}\``);
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
