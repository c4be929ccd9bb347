// Checks the container image definition and the Azure role without building or calling anything: there is no
// Docker engine or Azure account in the test environment, so the files themselves are parsed and asserted on.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const deployDir = join(examplesDir, 'deploy');
const repoDir = join(examplesDir, '..', '..');

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** A Dockerfile as stages of instructions: comments dropped, `\` continuation lines joined. */
function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(pending + line);
    pending = '';
  }
  expect(pending, 'no dangling continuation line').toBe('');
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') {
      const [, from = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else {
      expect(stages.length, `${keyword} before the first FROM`).toBeGreaterThan(0);
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

const ofKind = (stage: Stage, keyword: string): Instruction[] =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword);

describe('deploy/Dockerfile', () => {
  const stages = parseDockerfile(readFileSync(join(deployDir, 'Dockerfile'), 'utf8'));
  const [build, runtime] = stages;

  it('has two stages, both on Node 24', () => {
    expect(stages).toHaveLength(2);
    expect(build!.from).toMatch(/^node:24(\.\d+)*-bookworm-slim$/);
    expect(runtime!.from).toMatch(
      /^(gcr\.io\/distroless\/nodejs24-debian12:nonroot|node:24(\.\d+)*-bookworm-slim)$/,
    );
  });

  it('installs the pinned pnpm and the locked dependencies, then builds the bundle', () => {
    const runs = ofKind(build!, 'RUN').map((instruction) => instruction.args);
    expect(runs.some((run) => run.includes('pnpm@12.4.2'))).toBe(true);
    const install = runs.findIndex((run) => run.includes('pnpm install --frozen-lockfile'));
    const bundle = runs.findIndex((run) => run.includes('build') && run.includes('@aks-scaler/examples'));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(bundle).toBeGreaterThan(install);
  });

  it('copies every workspace manifest before installing, so the frozen install sees the whole workspace', () => {
    const beforeInstall: string[] = [];
    for (const instruction of build!.instructions) {
      if (instruction.keyword === 'RUN' && instruction.args.includes('pnpm install')) break;
      if (instruction.keyword === 'COPY') beforeInstall.push(instruction.args);
    }
    const copied = beforeInstall.join(' ');
    for (const file of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'])
      expect(copied).toContain(file);
    const packages = readdirSync(join(repoDir, 'packages'), { withFileTypes: true }).filter((d) =>
      d.isDirectory(),
    );
    for (const pkg of packages) expect(copied, pkg.name).toContain(`packages/${pkg.name}/package.json`);
  });

  it('copies only the bundle into the runtime image', () => {
    const copies = ofKind(runtime!, 'COPY');
    expect(copies).toHaveLength(1);
    expect(copies[0]!.args).toMatch(
      new RegExp(
        `^--from=${build!.name}\\s+\\S*packages/examples/dist/scaler-pod\\.js\\s+\\S*scaler-pod\\.js$`,
      ),
    );
    expect(ofKind(runtime!, 'ADD')).toEqual([]);
    expect(ofKind(runtime!, 'RUN')).toEqual([]);
  });

  it('runs as a non-root user', () => {
    const users = ofKind(runtime!, 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(':')[0];
    expect(['root', '0', '']).not.toContain(user);
    expect(['65532', 'nonroot', 'node']).toContain(user);
  });

  it('starts node itself in exec form, so it is PID 1 and receives SIGTERM', () => {
    const cmd = ofKind(runtime!, 'CMD').at(-1);
    expect(cmd).toBeDefined();
    const cmdArgs = JSON.parse(cmd!.args) as string[];
    const entrypoint = ofKind(runtime!, 'ENTRYPOINT').at(-1);
    const entryArgs = entrypoint ? (JSON.parse(entrypoint.args) as string[]) : [];
    const argv = [...entryArgs, ...cmdArgs];
    expect(argv[0]).toMatch(/(^|\/)node$/);
    expect(argv.slice(1)).toEqual(['scaler-pod.js']);
  });

  it('keeps dependencies, build output and git metadata out of the build context', () => {
    const ignore = readFileSync(join(deployDir, 'Dockerfile.dockerignore'), 'utf8').split('\n');
    for (const pattern of ['**/node_modules', '**/dist', '.git']) expect(ignore).toContain(pattern);
  });
});

describe('deploy/azure/aks-scaler-role.json', () => {
  const role = JSON.parse(readFileSync(join(deployDir, 'azure', 'aks-scaler-role.json'), 'utf8')) as Record<
    string,
    unknown
  >;

  it('grants exactly the five actions the scaler uses, and nothing else', () => {
    expect(role.IsCustom).toBe(true);
    expect([...(role.Actions as string[])].sort()).toEqual(
      [
        'Microsoft.ContainerService/locations/operationresults/read',
        'Microsoft.ContainerService/locations/operations/read',
        'Microsoft.ContainerService/managedClusters/agentPools/read',
        'Microsoft.ContainerService/managedClusters/agentPools/write',
        'Microsoft.ContainerService/managedClusters/read',
      ].sort(),
    );
    expect(role.NotActions).toEqual([]);
    expect(role.DataActions).toEqual([]);
    expect(role.NotDataActions).toEqual([]);
  });

  it('has no wildcard anywhere and a placeholder scope to fill in', () => {
    expect(JSON.stringify(role)).not.toContain('*');
    const scopes = role.AssignableScopes as string[];
    expect(scopes).toHaveLength(1);
    expect(scopes[0]).toMatch(/^\/subscriptions\/\$\{SUBSCRIPTION\}\//);
  });
});
