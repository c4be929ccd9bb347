export { REQUIRED_ARM_ACTIONS } from './arm-errors.js';
export type { CredentialKind } from './authentication-hints.js';
export { type Clock, realClock } from './clock.js';
export { MAX_CLUSTER_LIST_PAGES } from './cluster-lister.js';
export type { PlanStage, ReconcilePlan, TargetOptions } from './cluster-plan.js';
export {
  type CapacityPreference,
  type CombinedDecision,
  combineDecisions,
  describeTarget,
  fnv1a32,
  formatDuration,
  formatElapsed,
  isPoolName,
  MAX_CONCURRENCY,
  MAX_POOL_COUNT,
  matchesTags,
  minPoolCount,
  type ParseDurationOptions,
  POOL_NAME_PATTERN,
  parseDurationInMs,
  poolKey,
  subscriptionShard,
  type TargetKind,
  targetKind,
  tryParseDurationInMs,
} from './common/index.js';
export {
  type ArmNodePoolClient,
  createNodePoolClient,
  DEFAULT_RETRY,
  type NodePoolClientOptions,
  type RetrySettings,
} from './create-node-pool-client.js';
export type { Deadline } from './deadline.js';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_OPERATION_TIMEOUT_IN_MS,
  DEFAULT_POLL_INTERVAL_IN_MS,
} from './defaults.js';
export { type DiscoverClustersOptions, discoverClusters } from './discover-clusters.js';
export {
  AbortedError,
  ArmRequestError,
  AuthenticationError,
  AuthorizationError,
  ClusterNotFoundError,
  ConfigError,
  type ConfigIssue,
  type ConflictReason,
  isScalerError,
  OperationConflictError,
  OperationFailedError,
  OperationTimeoutError,
  PoolNotFoundError,
  ScalerError,
  type ScalerErrorCode,
  type ScalerErrorOptions,
  ThrottledError,
} from './errors.js';
export type { ScalerEvent, ScalerEventBase, ScalerEventType } from './events.js';
export type { NodePoolClient, ReadOptions, WaitOptions, WriteOptions } from './node-pool-client.js';
export {
  createOperationDurations,
  DEFAULT_EXPECTED_OPERATION_IN_MS,
  type DurationQuery,
  directionOf,
  type LearnedDuration,
  OPERATION_DIRECTIONS,
  OPERATION_HISTORY_SIZE,
  type OperationDirection,
  type OperationDurations,
  type OperationDurationsOptions,
  type OperationDurationsState,
  type OperationSample,
} from './operation-durations.js';
export {
  DEFAULT_POLL_PACING,
  DEFAULT_THROTTLE_GATE,
  DEFAULT_WRITE_PACING,
  type PollPacingOptions,
  type ThrottleGateOptions,
  type WritePacingOptions,
} from './pacing-options.js';
export {
  type AutoscalerBounds,
  type AutoscalerPoolMode,
  type IgnoredDecision,
  type Plan,
  type PlanOperation,
  type PlanOptions,
  type PlanStep,
  planPool,
  planReconcile,
  type StoppedPoolMode,
} from './plan.js';
export { isWriteAction } from './plan-step.js';
export {
  createPollSchedule,
  DEFAULT_POLL_SCHEDULE,
  type PollInput,
  type PollSchedule,
  type PollScheduleOptions,
} from './poll-schedule.js';
export { applyTagChanges, validateTagChanges } from './pool-tags.js';
export type { PoolRead, PoolWaiter } from './pool-waiter.js';
export { type ExecutionOptions, type ReconcileOptions, reconcile } from './reconcile.js';
export { type FleetTarget, type ReconcileFleetOptions, reconcileFleet } from './reconcile-fleet.js';
export { redact, type SafeError, toSafeError } from './redact.js';
export type {
  ExistingPoolReport,
  FleetClusterReport,
  FleetReport,
  PlanAction,
  PoolOutcome,
  PoolReport,
  ReconcileReport,
  UnknownPoolReport,
} from './report.js';
export {
  type CredentialMode,
  type ResolveCredentialOptions,
  type ResolvedCredential,
  resolveCredential,
} from './resolve-credential.js';
export type { ArmResponseInfo } from './response-hook.js';
export type { Sleep } from './sleep.js';
export {
  type ClusterListScope,
  type ClusterRef,
  type DecisionOverride,
  isTerminalProvisioningState,
  type ManagedCluster,
  type ManualScaleProfile,
  type NodePool,
  type Policy,
  type PolicyContext,
  type PolicyNotice,
  type PoolDecision,
  type PowerState,
  TERMINAL_PROVISIONING_STATES,
} from './types.js';
export { closestPoolName, type UnknownPoolsMode } from './unknown-pools.js';
