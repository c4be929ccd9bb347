export {
  formatDuration,
  isPoolName,
  MAX_POOL_COUNT,
  POOL_NAME_PATTERN,
  parseDurationInMs,
} from '@aks-scaler/core/common';
export {
  type AzureMonitorAggregation,
  type AzureMonitorSourceOptions,
  azureMonitorSource,
  type TokenCredentialLike,
} from './azure-monitor-source.js';
export type { BuildContext, PolicyKind } from './build-context.js';
export { clusterSelectorSchema } from './cluster-selector.js';
export { type CombinedPolicy, firstOf, maxOf, minOf } from './combine.js';
export { scalerConfigJsonSchema } from './config-json-schema.js';
export {
  type AzureMonitorSourceConfig,
  type ClusterEntryConfig,
  type ClusterEntryOptions,
  type CronRuleConfig,
  clusterEntrySchema,
  type MetricConfig,
  type NamedClusterConfig,
  type PolicyConfig,
  type PrometheusSourceConfig,
  policyConfigSchema,
  type ScalerConfig,
  type ScheduleConfig,
  type SelectedClusterConfig,
  scalerConfigSchema,
  type WhenRuleConfig,
} from './config-schema.js';
export { type ScalerConfigWarningsOptions, scalerConfigWarnings } from './config-warnings.js';
export { withTagOverrides } from './create-overrides.js';
export { HOLIDAY_TYPES, type HolidayType, type ParsedHolidays } from './holiday-calendar.js';
export { DEFAULT_EXPECTED_OPERATION_IN_MS, MAX_LEAD_TIME_IN_MS } from './lead-time.js';
export {
  type MetricFallback,
  type MetricPolicy,
  type MetricPolicyOptions,
  type MetricPolicyState,
  metricPolicy,
} from './metric-policy.js';
export { metricConfigSchema } from './metric-schema.js';
export { type MetricSource, MetricSourceError } from './metric-source.js';
export type { MetricSourceKind, SourceContext } from './metric-sources.js';
export { parseNodePoolsAmount } from './node-pools-amount.js';
export {
  NOTIFY_EVENTS,
  NOTIFY_FORMATS,
  type NotifyConfig,
  type NotifyEntryConfig,
  type NotifyEvent,
  type NotifyFormat,
  notifyConfigSchema,
  webhookUrlProblem,
} from './notify-config.js';
export type { ActiveOverride } from './override-decision.js';
export {
  MAX_OVERRIDE_REASON_LENGTH,
  type OverrideConfig,
  overrideEntrySchema,
  overridesConfigSchema,
  overridesIssues,
  type ParsedOverrideConfig,
} from './override-schema.js';
export {
  type OverrideStatus,
  type OverrideStatuses,
  type OverrideStatusInput,
  overrideStatuses,
} from './override-status.js';
export {
  OVERRIDE_REASON_TAG,
  OVERRIDE_TAG,
  OVERRIDE_TAGS,
  OVERRIDE_UNTIL_TAG,
  type OverrideTagValues,
  overrideTagValues,
  readTagOverride,
  type TagOverride,
} from './override-tags.js';
export {
  formatOverrideTarget,
  OVERRIDE_TARGET_FORMS,
  type OverrideRange,
  type OverrideTarget,
  overrideTargetProblem,
  parseOverrideTarget,
} from './override-target.js';
export {
  formatInstant,
  INSTANT_EXAMPLES,
  MAX_OVERRIDE_IN_MS,
  parseUntil,
  untilFrom,
  untilProblem,
} from './override-until.js';
export {
  type ParseScalerConfigOptions,
  parseScalerConfig,
  validateScalerConfig,
} from './parse-scaler-config.js';
export { type ConfigPolicy, type PolicyFromConfigOptions, policyFromConfig } from './policy-from-config.js';
export type { RestoreOptions, StatefulPolicy } from './policy-state.js';
export {
  decisionFor,
  describePoolTarget,
  type PoolTarget,
  poolTarget,
  poolTargets,
} from './pool-target.js';
export { type PrometheusSourceOptions, prometheusSource } from './prometheus-source.js';
export type { Recommendation, RecommendationHistory } from './scale-down-window.js';
export { schedulePolicy } from './schedule-policy.js';
export { type ScheduleReasonNotes, scheduleReasonNotes } from './schedule-reason.js';
export {
  type CronRule,
  type ScheduleRule,
  type ScheduleSpec,
  scheduleConfigSchema,
  type WhenRule,
} from './schedule-schema.js';
export {
  type ScheduleTransition,
  type ScheduleTransitionsOptions,
  scheduleTransitions,
} from './schedule-transitions.js';
export { fromNodePoolsAmount, type StaticPolicyOptions, staticPolicy } from './static-policy.js';
export { type AbsoluteWindow, parseWhen, type WeeklyWindow, type WhenWindow } from './when.js';
export { type PoolBounds, withBounds } from './with-bounds.js';
export {
  type FallbackFunction,
  type FallbackOptions,
  type FallbackState,
  type PolicyFailure,
  withFallback,
} from './with-fallback.js';
export { type WithOverridesOptions, withOverrides } from './with-overrides.js';
export {
  type StabilizationOptions,
  type StabilizationState,
  type StabilizedPolicy,
  withStabilization,
} from './with-stabilization.js';
export { type StepLimit, withStepLimit } from './with-step-limit.js';
