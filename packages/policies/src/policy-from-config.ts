import { readFileSync } from 'node:fs';
import type { Policy } from '@aks-scaler/core';
import { parseDurationInMs } from '@aks-scaler/core/common';
import { ConfigError } from '@aks-scaler/core/errors';
import {
  type AzureMonitorAggregation,
  azureMonitorSource,
  type TokenCredentialLike,
} from './azure-monitor-source.js';
import { firstOf, maxOf, minOf } from './combine.js';
import {
  type MetricConfig,
  type PolicyConfig,
  policyConfigSchema,
  type ScalerConfig,
  type ScheduleConfig,
} from './config-schema.js';
import { metricPolicy } from './metric-policy.js';
import type { MetricSource } from './metric-source.js';
import { validateScalerConfig, validateWith } from './parse-scaler-config.js';
import { prometheusSource } from './prometheus-source.js';
import { schedulePolicy } from './schedule-policy.js';
import { staticPolicy } from './static-policy.js';
import { withBounds } from './with-bounds.js';
import { withStabilization } from './with-stabilization.js';
import { withStepLimit } from './with-step-limit.js';

/** What {@link policyFromConfig} needs beyond the config itself. */
export interface PolicyFromConfigOptions {
  /** The scaler's credential; required when the config has an `azureMonitor` metric source. */
  credential?: TokenCredentialLike | undefined;
  /** The fetch used by metric sources. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** The ARM endpoint for Azure Monitor. @default 'https://management.azure.com' */
  armEndpoint?: string | undefined;
  /** Reads secret files (`bearerTokenFile`, `passwordFile`). @default fs.readFileSync(path, 'utf8') */
  readSecretFile?: ((path: string) => string) | undefined;
  /** The file name, shown in messages. @default 'SCALER_CONFIG' */
  source?: string | undefined;
}

/**
 * Builds the policy of a declarative config. Accepts the whole `SCALER_CONFIG` object (validated again, so raw
 * parsed YAML works too) and returns its `policy` with `bounds` ({@link withBounds}) and
 * `limits.maxStepUp`/`maxStepDown` ({@link withStepLimit}) applied. An object without `clusters` and `policy` is
 * read as a single policy config. Throws one `ConfigError` listing every problem.
 *
 * @example
 * ```ts
 * const policy = policyFromConfig(parseScalerConfig(text), { credential });
 * ```
 */
export function policyFromConfig(config: unknown, options: PolicyFromConfigOptions = {}): Policy {
  const source = options.source ?? 'SCALER_CONFIG';
  const isWhole =
    typeof config === 'object' && config !== null && ('policy' in config || 'clusters' in config);
  if (!isWhole)
    return build(validateWith(policyConfigSchema, config, source) as PolicyConfig, options, 'policy');
  const whole: ScalerConfig = validateScalerConfig(config, source);
  let policy = build(whole.policy, options, 'policy');
  if (whole.bounds) policy = withBounds(policy, whole.bounds);
  const { maxStepUp, maxStepDown } = whole.limits ?? {};
  if (maxStepUp !== undefined || maxStepDown !== undefined) {
    policy = withStepLimit(policy, { up: maxStepUp, down: maxStepDown });
  }
  return policy;
}

function build(config: PolicyConfig, options: PolicyFromConfigOptions, path: string): Policy {
  if ('static' in config) return staticPolicy(config.static);
  if ('schedule' in config) return schedulePolicy(config.schedule as ScheduleConfig);
  if ('metric' in config) return buildMetric(config.metric, options, `${path}.metric`);
  if ('max' in config) return maxOf(...config.max.map((p, i) => build(p, options, `${path}.max[${i}]`)));
  if ('min' in config) return minOf(...config.min.map((p, i) => build(p, options, `${path}.min[${i}]`)));
  if ('first' in config)
    return firstOf(...config.first.map((p, i) => build(p, options, `${path}.first[${i}]`)));
  const { policy, scaleDownWindow } = config.stabilize;
  return withStabilization(build(policy, options, `${path}.stabilize.policy`), {
    scaleDownWindowInMs: durationOrZero(scaleDownWindow),
  });
}

function durationOrZero(text: string): number {
  return parseDurationInMs(text, 'duration', { allowZero: true });
}

function buildMetric(config: MetricConfig, options: PolicyFromConfigOptions, path: string): Policy {
  return metricPolicy({
    source: buildSource(config, options, path),
    pools: config.pools,
    targetPerNode: config.targetPerNode,
    targetValue: config.targetValue,
    min: config.min,
    max: config.max,
    tolerance: config.tolerance,
    scaleDownStabilizationInMs:
      config.scaleDownStabilization === undefined ? undefined : durationOrZero(config.scaleDownStabilization),
    fallback: config.fallback,
  });
}

function buildSource(config: MetricConfig, options: PolicyFromConfigOptions, path: string): MetricSource {
  const readSecret = options.readSecretFile ?? ((file: string) => readFileSync(file, 'utf8'));
  if (config.prometheus) {
    const { url, query, timeout, bearerTokenFile, basicAuth, headers } = config.prometheus;
    return prometheusSource({
      url,
      query,
      headers,
      fetch: options.fetch,
      timeoutInMs: timeout === undefined ? undefined : parseDurationInMs(timeout),
      bearerToken: bearerTokenFile === undefined ? undefined : () => readSecret(bearerTokenFile).trim(),
      basicAuth:
        basicAuth === undefined
          ? undefined
          : {
              username: basicAuth.username,
              get password() {
                return readSecret(basicAuth.passwordFile).trim();
              },
            },
    });
  }
  const monitor = config.azureMonitor!;
  if (!options.credential) {
    throw new ConfigError(
      `${path}.azureMonitor needs the scaler's credential: pass { credential } to policyFromConfig (the scaler pod does).`,
      {
        issues: [{ path: `${path}.azureMonitor`, message: 'no credential was given to read Azure Monitor' }],
      },
    );
  }
  return azureMonitorSource({
    credential: options.credential,
    resourceUri: monitor.resourceUri,
    metricName: monitor.metricName,
    metricNamespace: monitor.metricNamespace,
    aggregation: monitor.aggregation as AzureMonitorAggregation | undefined,
    intervalInMs: monitor.interval === undefined ? undefined : parseDurationInMs(monitor.interval),
    timespanInMs: monitor.timespan === undefined ? undefined : parseDurationInMs(monitor.timespan),
    endpoint: options.armEndpoint,
    fetch: options.fetch,
  });
}
