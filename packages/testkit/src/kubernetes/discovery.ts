import { RESOURCE_TYPES, type ResourceType } from './resources.js';

/** What `/version` reports. */
export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

/** The `/version` document of a server of Kubernetes `version` (e.g. `1.33.2`). */
export function versionInfo(version: string): ServerVersion {
  const [major = '1', minor = '0'] = version.split('.');
  return {
    major,
    minor,
    gitVersion: `v${version}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.24.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function apiResource(type: ResourceType) {
  return {
    name: type.resource,
    singularName: type.singularName,
    namespaced: true,
    kind: type.kind,
    verbs: type.verbs,
    ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
  };
}

function groupVersions(): Map<string, ResourceType[]> {
  const byGroupVersion = new Map<string, ResourceType[]>();
  for (const type of Object.values(RESOURCE_TYPES)) {
    const list = byGroupVersion.get(type.apiVersion) ?? [];
    list.push(type);
    byGroupVersion.set(type.apiVersion, list);
  }
  return byGroupVersion;
}

function apiGroup(name: string) {
  const versions = [...groupVersions().keys()]
    .filter((groupVersion) => groupVersion.startsWith(`${name}/`))
    .map((groupVersion) => ({ groupVersion, version: groupVersion.slice(name.length + 1) }));
  return { name, versions, preferredVersion: versions[0] };
}

/**
 * The legacy (unaggregated) discovery document at `path`, or undefined when the path is not a discovery path:
 * `/api` (APIVersions), `/api/v1` and `/apis/<group>/<version>` (APIResourceList), `/apis` (APIGroupList) and
 * `/apis/<group>` (APIGroup). kubectl asks for aggregated discovery first and falls back to these.
 */
export function discoveryDocument(path: string, serverAddress: string): object | undefined {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  }
  const groups = [
    ...new Set(
      Object.values(RESOURCE_TYPES)
        .map((type) => type.group)
        .filter(Boolean),
    ),
  ];
  if (trimmed === '/apis') {
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(apiGroup) };
  }
  const group = /^\/apis\/([^/]+)$/.exec(trimmed)?.[1];
  if (group !== undefined) {
    return groups.includes(group) ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) } : undefined;
  }
  const groupVersion = trimmed === '/api/v1' ? 'v1' : /^\/apis\/([^/]+\/[^/]+)$/.exec(trimmed)?.[1];
  const types = groupVersion === undefined ? undefined : groupVersions().get(groupVersion);
  if (!types || groupVersion === undefined) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: types.map(apiResource) };
}
