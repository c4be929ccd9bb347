import { readFile } from 'node:fs/promises';
import type { Clock, ConfigIssue } from '@aks-scaler/core';
import type { ScalerSelector } from './config-entries.js';
import { buildConfigTargets, configHash } from './config-targets.js';
import { DEFAULT_CONCURRENCY } from './defaults.js';
import type { EventHub } from './event-hub.js';
import type { ReloadReason } from './pod-events.js';
import type { ScalerSetup, ScalerTarget } from './setup.js';

/** The config a reconcile runs with: the clusters and their policies, its selectors, and the concurrency limit. */
export interface RunningConfig {
  /** The clusters listed by name, and their policies. */
  readonly targets: readonly ScalerTarget[];
  /** The entries that discover clusters by tag, listed at each reconcile. */
  readonly selectors: readonly ScalerSelector[];
  /** Operations in flight overall. */
  readonly concurrency: number;
  /** The sha256 of the config file's content, when there is a config file. */
  readonly hash?: string | undefined;
}

/** Options of {@link createConfigReloader}. */
export interface ConfigReloaderOptions {
  /** The setup the pod started with (its settings, credential and config). */
  setup: ScalerSetup;
  /** Where reloads and rejections go. */
  hub: EventHub;
  /** Stamps the events, and is "now" for the new config's warnings. */
  clock: Clock;
  /** Reads `SCALER_CONFIG`. @default fs.readFile as UTF-8 */
  readTextFile?:
    | ((path: string, options: { abortSignal?: AbortSignal | undefined }) => Promise<string>)
    | undefined;
}

/** Options of {@link ConfigReloader.check}. */
export interface ConfigCheckOptions {
  /** What asked for the check: the loop's tick, or SIGHUP. */
  reason: ReloadReason;
  /** Stops reading the file (the pod's hard stop). */
  abortSignal?: AbortSignal | undefined;
}

/** The running config, and the check that replaces it when `SCALER_CONFIG` changed. */
export interface ConfigReloader {
  /** The config the next reconcile uses. */
  current(): RunningConfig;
  /**
   * Reads `SCALER_CONFIG` and compares its content's sha256 with what the pod runs. A changed, valid config
   * becomes {@link current} (each cluster keeps its policy state where the new policy tree allows it) and
   * `config-reloaded` is emitted; an invalid or unreadable one is `config-rejected` and the running config stays.
   * At a tick, content already rejected is not reported again; on SIGHUP it is. Resolves `true` when a new config
   * was applied; never rejects. Without a config file it does nothing.
   */
  check(options: ConfigCheckOptions): Promise<boolean>;
}

/**
 * Creates the reloader of loop mode. Call {@link ConfigReloader.check} between reconciles only: a new config
 * never reaches a reconcile (or an operation) that is running.
 *
 * @example
 * ```ts
 * const reloader = createConfigReloader({ setup, hub, clock });
 * if (await reloader.check({ reason: 'signal' })) await reconcile(reloader.current());
 * ```
 */
export function createConfigReloader(options: ConfigReloaderOptions): ConfigReloader {
  const { setup, hub, clock } = options;
  const read =
    options.readTextFile ??
    ((path: string, { abortSignal }: { abortSignal?: AbortSignal | undefined }) =>
      readFile(path, { encoding: 'utf8', ...(abortSignal !== undefined && { signal: abortSignal }) }));
  const path = setup.config?.path;
  let running: RunningConfig = {
    targets: setup.targets,
    selectors: setup.selectors,
    concurrency: setup.concurrency,
    hash: setup.config?.hash,
  };
  /** The content (or read failure) the last check saw, so that a tick reports a rejection once. */
  let lastSeen = setup.config?.hash;

  const reject = (reason: ReloadReason, problems: ConfigIssue[], hash?: string) => {
    hub.emit({
      kind: 'config-rejected',
      at: new Date(clock.now()),
      path: path!,
      ...(hash !== undefined && { hash }),
      ...(running.hash !== undefined && { runningHash: running.hash }),
      reason,
      problems,
    });
    return false;
  };

  return {
    current: () => running,
    async check({ reason, abortSignal }) {
      if (path === undefined) return false;
      let text: string;
      try {
        text = await read(path, { abortSignal });
      } catch (error) {
        const message = `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`;
        if (reason === 'tick' && lastSeen === message) return false;
        lastSeen = message;
        return reject(reason, [{ path: 'SCALER_CONFIG', message }]);
      }
      const hash = configHash(text);
      const seen = lastSeen;
      lastSeen = hash;
      if (hash === running.hash || (reason === 'tick' && hash === seen)) {
        hub.emit({
          kind: 'config-unchanged',
          at: new Date(clock.now()),
          path,
          hash,
          reason,
          running: hash === running.hash,
        });
        return false;
      }
      const built = await buildConfigTargets(text, {
        path,
        configName: 'SCALER_CONFIG',
        credential: setup.credential,
        armEndpoint: setup.settings.armEndpoint,
        unknownPools: setup.settings.unknownPools,
        previous: running.targets,
        now: new Date(clock.now()),
        shard: setup.settings.shard,
      });
      if (built.issues.length > 0) return reject(reason, built.issues, hash);
      const previousHash = running.hash;
      running = {
        targets: built.targets,
        selectors: built.selectors,
        concurrency: setup.settings.concurrency ?? built.concurrency ?? DEFAULT_CONCURRENCY,
        hash,
      };
      hub.emit({
        kind: 'config-reloaded',
        at: new Date(clock.now()),
        path,
        hash,
        ...(previousHash !== undefined && { previousHash }),
        reason,
        clusters: built.targets.map((target, index) => ({
          cluster: target.cluster,
          policy: target.policy.name,
          ...built.states[index]!,
        })),
        selectors: built.selectors.map((selector) => selector.entry),
        warnings: built.warnings,
      });
      return true;
    },
  };
}
