import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';

/** packages/examples/deploy. */
export const deployDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy');

/** A rendered manifest: untyped YAML, navigated freely by the assertions. */
export type Manifest = {
  apiVersion: string;
  kind: string;
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are untyped YAML
  metadata: { name: string; [k: string]: any };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are untyped YAML
  [k: string]: any;
};

/** What the real `kubectl kustomize <dir>` prints. */
export function renderText(dir: string): string {
  return execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The manifests `kubectl kustomize <dir>` renders. */
export function render(dir: string): Manifest[] {
  return parseAllDocuments(renderText(dir)).map((doc) => {
    if (doc.errors.length > 0) throw doc.errors[0];
    return doc.toJS() as Manifest;
  });
}

/** The one manifest of that kind (and name), failing the test when there are none or several. */
export function only(manifests: Manifest[], kind: string, name?: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  expect(found, `exactly one ${kind}${name ? ` ${name}` : ''}`).toHaveLength(1);
  return found[0]!;
}

/** A container's value of an environment variable. */
export function envValue(
  container: { env?: { name: string; value?: string }[] },
  name: string,
): string | undefined {
  return container.env?.find((entry) => entry.name === name)?.value;
}
