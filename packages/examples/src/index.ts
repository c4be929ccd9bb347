export type { CliIo } from './cli/cli-io.js';
export { runCli } from './cli/program.js';
export { escapeXml } from './cli/render/svg-text.js';
export {
  CLOUDEVENT_TYPES,
  type CloudEventOptions,
  cloudEventPayload,
  notificationData,
  notificationOrigin,
  notificationSource,
  toCloudEvent,
} from './notify/cloudevent-format.js';
export { type DeliveryQueue, type DeliveryQueueOptions, deliveryQueue } from './notify/delivery-queue.js';
export type {
  ConfigRejectedNotification,
  FailedNotification,
  Notification,
  NotificationKind,
  OverrideNotification,
  OverrideTarget,
  ScaledNotification,
} from './notify/notification.js';
export { countNotifications } from './notify/notification-metrics.js';
export type {
  NotificationResult,
  NotificationResultKind,
  NotifyLogger,
} from './notify/notification-result.js';
export {
  type NotificationsFromReportOptions,
  notificationsFromReport,
} from './notify/notifications-from-report.js';
export {
  createNotifier,
  type FlushOptions,
  type FlushResult,
  type Notifier,
  type NotifierOptions,
} from './notify/notifier.js';
export type { NotifySink } from './notify/notify-sink.js';
export { type ResolveNotifySinksOptions, resolveNotifySinks } from './notify/notify-sinks.js';
export { overrideNotifications } from './notify/override-notifications.js';
export { poolChangeText } from './notify/pool-change.js';
export { type BackoffOptions, backoffDelayInMs } from './notify/retry-delay.js';
export { type SendWebhookOptions, sendWebhook, type WebhookDelivery } from './notify/send-webhook.js';
export { escapeSlackText, slackPayload, slackText } from './notify/slack-format.js';
export type { WebhookPayload } from './notify/webhook-payload.js';
export { type WebhookTarget, webhookTarget } from './notify/webhook-target.js';
export type { ScalerSelector, ScalerTargetOptions } from './pod/config-entries.js';
export type { PolicyStateCarry } from './pod/config-targets.js';
export {
  type PodSettings,
  type ReadPodSettingsOptions,
  type ReadPodSettingsResult,
  readPodSettings,
  type ScalerMode,
} from './pod/env.js';
export {
  DEFAULT_KUBERNETES_MODE,
  DEFAULT_STATUS_CONFIGMAP,
  type KubernetesMode,
  type KubernetesSettings,
  type LeaderElectionMode,
  SERVICE_ACCOUNT_DIR,
  statusConfigMapName,
} from './pod/env-kubernetes.js';
export { MAX_SHARDS, type ShardSettings } from './pod/env-shard.js';
export {
  POD_ENVIRONMENT_VARIABLES,
  type PodVariable,
  type SettingSources,
} from './pod/env-variables.js';
export type { CreateEventHubOptions, EventHub, PodSink, SinkCallOptions } from './pod/event-hub.js';
export {
  EXIT_CODES,
  type ExitCode,
  exitCodeForError,
  exitCodeForFleet,
  exitCodeForReports,
} from './pod/exit-codes.js';
export type { KubernetesAccess, KubernetesSetup } from './pod/kubernetes-access.js';
export {
  DEFAULT_LEASE_TIMINGS,
  electsLeader,
  JITTER_FACTOR,
  LEADER_LEASE_NAME,
  type Leadership,
  type LeadershipState,
  type LeaderTerm,
  type LeaseTimings,
} from './pod/leadership.js';
export { LOG_LEVELS, type LogLevel, readLogLevel } from './pod/log-level.js';
export type {
  Disposable,
  Event,
  KubernetesOperation,
  LeadershipChange,
  PodEvent,
  PodEventError,
  PodEventKind,
  ReloadedCluster,
  ReloadReason,
  SelectorInfo,
} from './pod/pod-events.js';
export { POD_SINKS, type SinkContext, type SinkDefinition } from './pod/pod-sinks.js';
export { type RunScalerPodOptions, runScalerPod } from './pod/run-scaler-pod.js';
export {
  type LoadScalerSetupOptions,
  loadScalerSetup,
  type ScalerSetup,
  type ScalerTarget,
} from './pod/setup.js';
export type { ShardScope } from './pod/shard-scope.js';
export type { OperationDurationsState, StatePart } from './pod/target-state.js';
export { EXAMPLES_VERSION } from './version.js';
