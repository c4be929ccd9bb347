import { gatewayError } from './arm-errors.js';
import type { ArmRoute } from './arm-routes.js';
import type { EmulatorResponse } from './http.js';

/** The stable AKS API versions (`Microsoft.ContainerService/managedClusters`), oldest first. */
const MANAGED_CLUSTER_VERSIONS = [
  '2017-08-31',
  '2018-03-31',
  ...['02', '04', '06', '08', '10', '11'].map((month) => `2019-${month}-01`),
  ...['01', '02', '03', '04', '06', '07', '09', '11', '12'].map((month) => `2020-${month}-01`),
  ...['02', '03', '05', '07', '08', '09', '10'].map((month) => `2021-${month}-01`),
  ...['01', '02', '03', '04', '06', '07', '09', '11'].map((month) => `2022-${month}-01`),
  ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11'].map((month) => `2023-${month}-01`),
  ...['01', '02', '03', '05', '07', '08', '09', '10'].map((month) => `2024-${month}-01`),
  ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map((month) => `2025-${month}-01`),
  '2026-04-01',
  '2026-06-01',
];

/** Agent pools have their own API from 2019-02-01 on. */
const AGENT_POOL_VERSIONS = MANAGED_CLUSTER_VERSIONS.filter((version) => version >= '2019-02-01');

/** `Microsoft.Resources` (subscriptions, resource groups), as ARM listed them in 2024, oldest last. */
const RESOURCES_VERSIONS = [
  '2024-08-01',
  '2024-06-01-preview',
  '2024-03-01',
  '2023-07-01',
  '2023-07-01-preview',
  '2023-03-01-preview',
  '2022-12-01',
  '2022-11-01-preview',
  '2022-09-01',
  '2022-06-01',
  '2022-05-01',
  '2022-03-01-preview',
  '2022-01-01',
  '2021-04-01',
  '2021-01-01',
  '2020-10-01',
  '2020-09-01',
  '2020-08-01',
  '2020-07-01',
  '2020-06-01',
  '2020-05-01',
  '2020-01-01',
  '2019-11-01',
  '2019-10-01',
  '2019-09-01',
  '2019-08-01',
  '2019-07-01',
  '2019-06-01',
  '2019-05-10',
  '2019-05-01',
  '2019-03-01',
  '2018-11-01',
  '2018-09-01',
  '2018-08-01',
  '2018-07-01',
  '2018-06-01',
  '2018-05-01',
  '2018-02-01',
  '2018-01-01',
  '2017-12-01',
  '2017-08-01',
  '2017-06-01',
  '2017-05-10',
  '2017-05-01',
  '2017-03-01',
  '2016-09-01',
  '2016-07-01',
  '2016-06-01',
  '2016-02-01',
  '2015-11-01',
  '2015-01-01',
  '2014-04-01-preview',
  '2014-04-01',
  '2014-01-01',
  '2013-03-01',
  '2014-02-26',
  '2014-04',
];

/** `Microsoft.Insights/metrics`. */
const METRICS_VERSIONS = [
  '2024-02-01',
  '2023-10-01',
  '2021-05-01',
  '2019-07-01',
  '2018-01-01',
  '2017-05-01-preview',
  '2016-09-01',
  '2016-06-01',
];

const newestFirst = (versions: string[]) => [...versions].reverse();

/** The API versions the emulator accepts per resource type (newest first, as ARM lists them). */
export const SUPPORTED_API_VERSIONS = {
  managedClusters: newestFirst(MANAGED_CLUSTER_VERSIONS),
  agentPools: newestFirst(AGENT_POOL_VERSIONS),
  resources: RESOURCES_VERSIONS,
  metrics: METRICS_VERSIONS,
} as const;

/** The versions a route accepts; undefined for routes that accept any (operation status) or none. */
export function versionsFor(route: ArmRoute): readonly string[] | undefined {
  switch (route.kind) {
    case 'cluster':
    case 'clusters':
      return SUPPORTED_API_VERSIONS.managedClusters;
    case 'pool':
    case 'pools':
      return SUPPORTED_API_VERSIONS.agentPools;
    case 'subscriptions':
    case 'subscription':
    case 'resourceGroup':
      return SUPPORTED_API_VERSIONS.resources;
    case 'metrics':
      return SUPPORTED_API_VERSIONS.metrics;
    default:
      return undefined;
  }
}

/** ARM's 400 for an `api-version` the resource type does not support, or undefined when it is supported. */
export function apiVersionProblem(route: ArmRoute, apiVersion: string): EmulatorResponse | undefined {
  const versions = versionsFor(route);
  if (!versions || versions.some((version) => version.toLowerCase() === apiVersion.toLowerCase())) {
    return undefined;
  }
  return gatewayError(
    400,
    'InvalidApiVersionParameter',
    `The api-version '${apiVersion}' is invalid. The supported versions are '${versions.join(',')}'.`,
  );
}
