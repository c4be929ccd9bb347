// @ts-check
// The real programs the test suites run where users have them: a Prometheus server, kubectl (its kustomize renders
// the deployment manifests) and Debian's azure-cli. `pnpm test` makes sure they are there before vitest starts:
// installed from Debian when missing and running as root, otherwise a clear message with the command to run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * @typedef {object} RealComponent
 * @property {string} command the program's name on the PATH
 * @property {string} debianPackage the Debian package that installs it
 * @property {string} [envVariable] a variable that may name the program's path instead (also passed to the tests)
 * @property {string} usedBy what needs it
 */

/** @type {readonly RealComponent[]} */
export const REAL_COMPONENTS = [
  {
    command: 'prometheus',
    debianPackage: 'prometheus',
    envVariable: 'PROMETHEUS_BIN',
    usedBy: 'the Prometheus metric source against a real server',
  },
  {
    command: 'kubectl',
    debianPackage: 'kubernetes-client',
    usedBy: '`kubectl kustomize` rendering the manifests in packages/examples/deploy',
  },
  { command: 'az', debianPackage: 'azure-cli', usedBy: 'the azure-cli against the emulator' },
];

/** The folder whose kustomization needs the newest kustomize features (it includes ../base). */
export const KUSTOMIZE_PROBE_DIR = 'packages/examples/deploy/loop';

/**
 * @typedef {object} Host
 * @property {NodeJS.ProcessEnv} env
 * @property {boolean} isRoot
 * @property {(command: string, args: string[], options?: { env?: NodeJS.ProcessEnv, capture?: boolean }) =>
 *   { status: number | null, stdout: string, stderr: string }} run runs a program (output shown unless captured)
 * @property {(path: string) => boolean} isExecutable
 * @property {(line: string) => void} log
 */

/**
 * Where a program is: the path its variable names, else the first executable of that name on the PATH.
 * @param {RealComponent} component
 * @param {Host} host
 * @returns {string | undefined}
 */
export function locate(component, host) {
  const named = component.envVariable ? host.env[component.envVariable] : undefined;
  if (named) return host.isExecutable(named) ? named : undefined;
  for (const dir of (host.env.PATH ?? '').split(delimiter)) {
    if (dir && host.isExecutable(join(dir, component.command))) return join(dir, component.command);
  }
  return undefined;
}

/**
 * The command that installs Debian packages, as a user who is not root types it.
 * @param {string[]} packages
 */
export function installCommand(packages) {
  return `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/**
 * @typedef {object} EnsureResult
 * @property {boolean} ok every component is there and works
 * @property {NodeJS.ProcessEnv} env variables for the tests (each component's variable set to the path found)
 * @property {string[]} problems what is wrong and what to do, one paragraph each
 */

/**
 * Finds the real components, installs the missing ones from Debian when running as root, and checks that the
 * kubectl found can render the manifests.
 * @param {Host} host
 * @param {{ repoDir: string }} options
 * @returns {EnsureResult}
 */
export function ensureRealComponents(host, options) {
  const problems = [];
  let missing = REAL_COMPONENTS.filter((component) => locate(component, host) === undefined);
  const badVariable = missing.find((c) => c.envVariable && host.env[c.envVariable]);
  if (badVariable?.envVariable) {
    problems.push(
      `${badVariable.envVariable}=${host.env[badVariable.envVariable]} is not an executable file: point it at the ${badVariable.command} program, or unset it to use the one on the PATH.`,
    );
    missing = missing.filter((c) => c !== badVariable);
  }
  if (
    missing.length > 0 &&
    host.isRoot &&
    locate({ command: 'apt-get', debianPackage: '', usedBy: '' }, host)
  ) {
    const packages = missing.map((c) => c.debianPackage);
    host.log(`Installing the real components the tests use, from Debian: ${packages.join(' ')}`);
    const aptEnv = { ...host.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = host.run('apt-get', ['update', '-qq'], { env: aptEnv });
    const install =
      update.status === 0
        ? host.run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
            env: aptEnv,
          })
        : update;
    if (install.status !== 0)
      problems.push(`apt-get could not install ${packages.join(' ')} (exit ${install.status}).`);
    missing = missing.filter((component) => locate(component, host) === undefined);
  }
  if (missing.length > 0) {
    const list = missing
      .map((c) => `  ${c.command} (Debian package ${c.debianPackage}): ${c.usedBy}`)
      .join('\n');
    problems.push(
      `The tests run real programs that are missing here:\n${list}\nInstall them, then run pnpm test again:\n  ${installCommand(missing.map((c) => c.debianPackage))}`,
    );
  }
  const kubectlComponent = REAL_COMPONENTS.find((c) => c.command === 'kubectl');
  const kubectl = kubectlComponent && locate(kubectlComponent, host);
  if (kubectl) {
    const probe = host.run(kubectl, ['kustomize', join(options.repoDir, KUSTOMIZE_PROBE_DIR)], {
      capture: true,
    });
    if (probe.status !== 0) {
      const said = probe.stderr.trim().split('\n')[0] ?? '';
      problems.push(
        `${kubectl} cannot render ${KUSTOMIZE_PROBE_DIR} (kustomize said: ${said}). The manifests use kustomize's \`labels\` with includeTemplates: install a current kubectl (kustomize v5, e.g. kubectl 1.27 or newer) and put it first on the PATH. Debian bookworm's kubernetes-client (kubectl 1.20) is too old for them.`,
      );
    }
  }
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const component of REAL_COMPONENTS) {
    const path = locate(component, host);
    if (component.envVariable && path) env[component.envVariable] = path;
  }
  return { ok: problems.length === 0, env, problems };
}

/**
 * This machine, as {@link ensureRealComponents} sees it.
 * @returns {Host}
 */
export function currentHost() {
  return {
    env: process.env,
    isRoot: process.getuid?.() === 0,
    run(command, args, options = {}) {
      const result = spawnSync(command, args, {
        env: options.env ?? process.env,
        encoding: 'utf8',
        stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      });
      return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
    },
    isExecutable(path) {
      try {
        accessSync(path, constants.X_OK);
        return statSync(path).isFile();
      } catch {
        return false;
      }
    },
    log: (line) => process.stderr.write(`${line}\n`),
  };
}
