import type { ClusterListScope, Policy, UnknownPoolsMode } from '@aks-scaler/core';
import type { ClusterEntryConfig, ScalerConfig } from '@aks-scaler/policies';
import type { ScalerTarget } from './setup.js';

/** What a cluster entry of the config says besides which clusters it means: the options its clusters get. */
export type ScalerTargetOptions = Omit<ScalerTarget, 'cluster' | 'policy' | 'selector'>;

/**
 * A config entry that discovers its clusters by tag (`selector`): at every reconcile the clusters of `scope` whose
 * tags all match are listed, and each gets a policy instance of its own and the entry's options.
 */
export interface ScalerSelector {
  /** Where the entry is in the config (`clusters[1]`): how logs and metrics name it. */
  entry: string;
  /** The subscription, and optionally the resource group, whose clusters are listed. */
  scope: ClusterListScope;
  /** The tags a cluster must carry (names case-insensitive, values exact). */
  tags: Readonly<Record<string, string>>;
  /** The options every discovered cluster gets (its `location` is checked against each cluster's region). */
  options: ScalerTargetOptions;
  /**
   * A new instance of the entry's policy, for one discovered cluster (policy state is kept per cluster). Given the
   * instance the cluster had under an earlier config, the new one takes back its state where the new policy tree
   * allows it.
   */
  createPolicy(previous?: Policy): Policy;
}

/** What a cluster gets where its config entry says nothing. */
export interface EntryDefaults {
  /** `SCALER_UNKNOWN_POOLS`, for an entry without `unknownPools`. @default 'error' */
  unknownPools?: UnknownPoolsMode | undefined;
}

/**
 * The options of a cluster entry, as each of its clusters gets them: the one place they are built, for a cluster
 * listed by name and for every cluster a selector discovers alike.
 *
 * @example
 * ```ts
 * entryOptions({ subscription, resourceGroup: 'rg', name: 'aks', stoppedPools: 'start' }, { unknownPools: 'warn' });
 * // { stoppedPools: 'start', unknownPools: 'warn' }
 * ```
 */
export function entryOptions(entry: ClusterEntryConfig, defaults: EntryDefaults = {}): ScalerTargetOptions {
  return {
    ...(entry.location !== undefined && { location: entry.location }),
    ...(entry.autoscalerPools !== undefined && { autoscalerPools: entry.autoscalerPools }),
    ...(entry.stoppedPools !== undefined && { stoppedPools: entry.stoppedPools }),
    unknownPools: entry.unknownPools ?? defaults.unknownPools ?? 'error',
  };
}

/** What every cluster built from a config shares: its policy's hash and restore for `state.json`. */
export type SharedTargetOptions = Pick<ScalerTargetOptions, 'policyHash' | 'restorePolicy'>;

/**
 * The selectors of a validated config, in the order of its entries; `createPolicy` builds the config's policy
 * anew for each cluster a selector discovers, `shared` is what every such cluster also gets (the policy's hash
 * and restore for `state.json`), and `defaults` what it gets where its entry says nothing.
 */
export function selectorsOf(
  config: ScalerConfig,
  createPolicy: (previous?: Policy) => Policy,
  shared: SharedTargetOptions = {},
  defaults: EntryDefaults = {},
): ScalerSelector[] {
  return config.clusters.flatMap((entry, index): ScalerSelector[] =>
    entry.selector === undefined
      ? []
      : [
          {
            entry: `clusters[${index}]`,
            scope: {
              subscriptionId: entry.subscription,
              ...(entry.resourceGroup !== undefined && { resourceGroup: entry.resourceGroup }),
            },
            tags: { ...entry.selector.tags },
            options: { ...shared, ...entryOptions(entry, defaults) },
            createPolicy,
          },
        ],
  );
}

/** A short text naming a selector in messages: `clusters[1] (tags fleet=shop in subscription ...)`. */
export function describeSelector(selector: ScalerSelector): string {
  const tags = Object.entries(selector.tags)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const where =
    selector.scope.resourceGroup === undefined
      ? `subscription ${selector.scope.subscriptionId}`
      : `resource group ${selector.scope.resourceGroup} of subscription ${selector.scope.subscriptionId}`;
  return `${selector.entry} (tags ${tags} in ${where})`;
}
